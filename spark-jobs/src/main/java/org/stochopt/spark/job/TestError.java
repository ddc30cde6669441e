package org.stochopt.spark.job;

import java.util.function.ToDoubleFunction;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Loss;

/**
 * Held-out error of a linear model: the misclassification rate sign(⟨w,x⟩) ≠ y for classification
 * losses (a zero margin counts as +1), the mean squared error for the squared loss.
 */
public final class TestError implements ToDoubleFunction<double[]> {
  private final RowBlock test;
  private final boolean classification;

  public TestError(RowBlock test, Loss loss) {
    this.test = test;
    this.classification = loss.isClassification();
  }

  @Override
  public double applyAsDouble(double[] w) {
    double sum = 0;
    for (int r = 0; r < test.rows(); r++) {
      double z = test.dot(r, w);
      double y = test.label(r);
      if (classification) {
        if ((z >= 0 ? 1.0 : -1.0) != y) sum += 1;
      } else {
        sum += (z - y) * (z - y);
      }
    }
    return sum / test.rows();
  }
}
