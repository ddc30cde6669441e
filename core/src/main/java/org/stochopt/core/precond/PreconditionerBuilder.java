package org.stochopt.core.precond;

import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.PartitionRunner;

/**
 * Forms P for a run: one aggregation of Σ_X over the cached row partitions (full d × d when
 * d ≤ the dense limit, its diagonal beyond), one factorisation on the driver, and the timings of
 * both (they are what a preconditioner costs against a gradient pass).
 */
public final class PreconditionerBuilder {
  private PreconditionerBuilder() {}

  /**
   * A built preconditioner with its cost.
   *
   * @param formSeconds wall time of the Σ_X aggregation (one distributed pass over the rows)
   * @param factorSeconds wall time of the driver-side factorisation and of forming g(Λ)
   * @param note null, or why the preconditioner differs from what was asked (the diagonal fallback)
   * @param traceWeighted tr(P·Σ_X), the mean of x_iᵀ P x_i over the rows Σ_X was formed from: the
   *     P-metric counterpart of L̄ that the default SGD step uses (d for {@code none})
   */
  public record Built(Preconditioner preconditioner, double formSeconds, double factorSeconds, String note, double traceWeighted) {}

  /** P for {@code config} from the rows {@code rows} hold (d = the rows' dimension). */
  public static Built build(PartitionRunner<RowBlock> rows, int d, PreconditionerConfig config) {
    PreconditionerSpec spec = config.spec();
    if (!spec.needsSecondMoment()) return new Built(Preconditioner.identity(d), 0, 0, null, Double.NaN);
    boolean dense = config.dense(d);
    String note = null;
    if (!dense && spec.kind() != PreconditionerSpec.Kind.DIAG) {
      note = "d = " + d + " is above --precondition-dense-limit " + config.denseLimit() + ": " + spec.spec()
          + " uses g on the diagonal of Σ_X instead of the full matrix";
    }
    long t0 = System.nanoTime();
    SecondMoment moment = SecondMoment.estimate(rows, d, dense);
    long t1 = System.nanoTime();
    Preconditioner p;
    double trace = 0;
    if (dense) {
      SpectralFactor factor = SpectralFactor.of(moment);
      SpectralPreconditioner sp = factor.preconditioner(spec, config.relativeDamping());
      double[] lambda = factor.eigenvalues();
      double[] gains = sp.gains();
      for (int k = 0; k < d; k++) trace += gains[k] * Math.max(lambda[k], 0.0);
      p = sp;
    } else {
      double[] diag = moment.diagonal();
      DiagonalPreconditioner dp = diagonal(diag, spec, config.relativeDamping());
      double[] entries = dp.entries();
      for (int j = 0; j < d; j++) trace += entries[j] * diag[j]; // tr(diag(p)Σ) = Σ p_j Σ_jj
      p = dp;
    }
    long t2 = System.nanoTime();
    return new Built(p, (t1 - t0) / 1e9, (t2 - t1) / 1e9, note, trace);
  }

  /** P = g(diag Σ_X) (the {@code diag} spec, and the fallback of the full specs above the dense limit). */
  public static DiagonalPreconditioner diagonal(double[] diag, PreconditionerSpec spec, double relativeDamping) {
    double m = 0;
    for (double v : diag) m += v;
    m /= diag.length;
    double eps = relativeDamping * m;
    double[] p = new double[diag.length];
    for (int j = 0; j < p.length; j++) {
      p[j] = spec.g(diag[j], eps, m);
      if (!(p[j] > 0 && Double.isFinite(p[j]))) {
        throw new IllegalArgumentException("feature " + j + " has zero second moment and --precondition " + spec.spec()
            + " inverts it: give --precondition-damping > 0");
      }
    }
    return new DiagonalPreconditioner(p, spec.spec() + " diagonal d=" + diag.length);
  }
}
