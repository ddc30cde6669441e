package org.stochopt.spark.precond;

import java.util.List;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.BlockSource;

/**
 * One setting of the study: an unlabeled pool (for Σ_X, made where its partitions live), and per
 * seed a small labelled training set with clean targets for each signal, a noise vector, and a way
 * to measure the risk of a weight vector.
 */
interface StudyProblem {
  String name();

  /** d, the model dimension (features). */
  int dim();

  /** The signals compared (e.g. aligned and misaligned), each a clean target of the training rows. */
  List<String> signals();

  /** The pool's partition p: a pure function of p, unlabeled (labels ignored). */
  BlockSource<RowBlock> pool(int partitions);

  /** The training draw of one seed. */
  Sample draw(long seed);

  /**
   * A training draw.
   *
   * @param x the n × d design, row-major
   * @param clean the clean target of each signal (same order as {@link #signals()})
   * @param noise the label noise added to make the noisy labels
   * @param risk the excess risk of a weight vector against a signal (null signal: against 0, the variance)
   */
  record Sample(double[] x, int n, List<double[]> clean, double[] noise, Risk risk) {}

  /** Excess risk E(⟨w, x⟩ − f*(x))² of the predictor w, f* the signal's target (0 when signal is −1). */
  interface Risk {
    double of(double[] w, int signal);

    /** Test classification error of sign⟨w, x⟩ (NaN where there are no class labels). */
    default double classificationError(double[] w) {
      return Double.NaN;
    }
  }
}
