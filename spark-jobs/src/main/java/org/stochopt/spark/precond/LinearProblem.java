package org.stochopt.spark.precond;

import java.util.List;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;
import org.stochopt.core.runtime.BlockSource;

/**
 * Overparameterised linear regression with a covariance spectrum (the paper's main setting):
 * x ~ N(0, Σ_X), Σ_X = diag(λ_j), λ_j ∝ j^(−decay) normalised to tr Σ_X = d; y = ⟨w*, x⟩ + σε.
 * Two signals with prior covariance Σ_w ∝ Σ_X^(±1): aligned (w* large where x varies most) and
 * misaligned (w* large where x varies least), each scaled so that ‖w*‖²_Σ = E⟨w*, x⟩² = 1 (unit
 * signal variance: σ² is the inverse SNR). Risk is exact: (w − w*)ᵀ Σ_X (w − w*). Diagonal Σ_X is
 * no loss of generality for GD and the fisher/additive preconditioners, which are rotation-equivariant.
 */
final class LinearProblem implements StudyProblem {
  private final int n;
  private final int d;
  private final long poolRows;
  private final double sigma;
  private final long seed;
  private final double[] lambda;

  LinearProblem(int n, int d, double decay, long poolRows, double sigma, long seed) {
    this.n = n;
    this.d = d;
    this.poolRows = poolRows;
    this.sigma = sigma;
    this.seed = seed;
    this.lambda = new double[d];
    double t = 0;
    for (int j = 0; j < d; j++) t += lambda[j] = Math.pow(j + 1, -decay);
    for (int j = 0; j < d; j++) lambda[j] *= d / t;
  }

  @Override
  public String name() {
    return "linear";
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public List<String> signals() {
    return List.of("aligned", "misaligned");
  }

  @Override
  public BlockSource<RowBlock> pool(int partitions) {
    double[] l = lambda;
    int dd = d;
    long rows = poolRows;
    long s = seed;
    return p -> {
      long from = p * rows / partitions;
      long to = (p + 1) * rows / partitions;
      return rows((int) (to - from), dd, l, Seeds.child(s, 1, p), from);
    };
  }

  private static DenseRowBlock rows(int n, int d, double[] lambda, long seed, long firstRow) {
    GaussianDraws g = new GaussianDraws(seed);
    double[] v = new double[n * d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) v[i * d + j] = Math.sqrt(lambda[j]) * g.normal();
    return new DenseRowBlock(d, v, new double[n], firstRow);
  }

  @Override
  public Sample draw(long s) {
    DenseRowBlock x = rows(n, d, lambda, Seeds.child(seed, 2, s), 0);
    double[] values = new double[n * d];
    for (int i = 0; i < n; i++) {
      int base = i * d;
      x.forEachEntry(i, (j, v) -> values[base + j] = v);
    }
    GaussianDraws g = new GaussianDraws(Seeds.child(seed, 3, s));
    double[] aligned = new double[d];
    double[] misaligned = new double[d];
    for (int j = 0; j < d; j++) {
      aligned[j] = Math.sqrt(lambda[j]) * g.normal();
      misaligned[j] = g.normal() / Math.sqrt(lambda[j]);
    }
    normalise(aligned);
    normalise(misaligned);
    double[][] stars = {aligned, misaligned};
    double[] noise = new double[n];
    for (int i = 0; i < n; i++) noise[i] = sigma * g.normal();
    List<double[]> clean = List.of(predict(values, aligned), predict(values, misaligned));
    double[] l = lambda;
    Risk risk = (w, signal) -> {
      double r = 0;
      for (int j = 0; j < d; j++) {
        double e = w[j] - (signal < 0 ? 0 : stars[signal][j]);
        r += l[j] * e * e;
      }
      return r;
    };
    return new Sample(values, n, clean, noise, risk);
  }

  private void normalise(double[] w) {
    double s = 0;
    for (int j = 0; j < d; j++) s += lambda[j] * w[j] * w[j];
    double f = 1 / Math.sqrt(s);
    for (int j = 0; j < d; j++) w[j] *= f;
  }

  private double[] predict(double[] x, double[] w) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) s += x[i * d + j] * w[j];
      y[i] = s;
    }
    return y;
  }
}
