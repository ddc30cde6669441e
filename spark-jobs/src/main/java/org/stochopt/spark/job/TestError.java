package org.stochopt.spark.job;

import java.util.function.ToDoubleFunction;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Loss;

/**
 * Held-out error of a linear model: the misclassification rate sign(⟨w,x⟩) ≠ y for classification
 * losses (a zero margin counts as +1), the mean squared error for the squared loss; for a
 * multi-class model (K class blocks of d weights) the rate of argmax_k ⟨w_k, x⟩ ≠ y (ties go to
 * the smallest k).
 */
public final class TestError implements ToDoubleFunction<double[]> {
  private final RowBlock test;
  private final boolean classification;
  private final int classes;

  public TestError(RowBlock test, Loss loss) {
    this(test, loss.isClassification(), 0);
  }

  private TestError(RowBlock test, boolean classification, int classes) {
    this.test = test;
    this.classification = classification;
    this.classes = classes;
  }

  /** Argmax error of a K-class model; a test label outside 0..K−1 is refused now, with its row. */
  public static TestError multiclass(RowBlock test, int classes) {
    for (int r = 0; r < test.rows(); r++) {
      double y = test.label(r);
      if (!(y >= 0 && y < classes && y == Math.rint(y))) {
        throw new IllegalArgumentException("test row " + (test.firstRow() + r) + " has label " + y
            + ", not one of the training classes 0.." + (classes - 1));
      }
    }
    return new TestError(test, true, classes);
  }

  @Override
  public double applyAsDouble(double[] w) {
    if (classes > 0) return multiclassError(w);
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

  private double multiclassError(double[] w) {
    int d = test.dim();
    double wrong = 0;
    for (int r = 0; r < test.rows(); r++) {
      int best = 0;
      double bestMargin = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        double z = test.dot(r, w, k * d);
        if (z > bestMargin) {
          bestMargin = z;
          best = k;
        }
      }
      if (best != test.label(r)) wrong++;
    }
    return wrong / test.rows();
  }
}
