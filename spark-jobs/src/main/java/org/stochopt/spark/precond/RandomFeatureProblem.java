package org.stochopt.spark.precond;

import java.util.List;
import org.stochopt.core.features.FeatureMap;
import org.stochopt.core.features.GaussianRff;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;
import org.stochopt.core.runtime.BlockSource;

/**
 * The RKHS setting on random features: inputs u ~ N(0, I_{d₀}), features φ(u) from Gaussian random
 * Fourier features (M of them, bandwidth √d₀ ≈ the median distance / √2), target
 * f*(u) = Σ_k a_k tanh(⟨β_k, u⟩) with five fixed directions — not in the span of the M features, so
 * the model is misspecified — scaled to unit variance, y = f*(u) + σε. The feature covariance Σ_φ
 * has the decaying spectrum of the kernel's integral operator. Risk is measured on a fixed test
 * sample of the same law: mean (⟨w, φ(u)⟩ − f*(u))².
 */
final class RandomFeatureProblem implements StudyProblem {
  private static final int TEACHER_UNITS = 5;
  private final int n;
  private final int inputDim;
  private final long poolRows;
  private final double sigma;
  private final long seed;
  private final FeatureMap map;
  private final double[] teacher; // TEACHER_UNITS × (inputDim + 1): β_k then a_k
  private final double scale;
  private final DenseRowBlock test;
  private final double[] testTarget;

  RandomFeatureProblem(int n, int inputDim, int features, long poolRows, int testRows, double sigma, long seed) {
    this.n = n;
    this.inputDim = inputDim;
    this.poolRows = poolRows;
    this.sigma = sigma;
    this.seed = seed;
    this.map = new GaussianRff(inputDim, features, Math.sqrt(inputDim), Seeds.child(seed, 10));
    GaussianDraws g = new GaussianDraws(Seeds.child(seed, 11));
    this.teacher = new double[TEACHER_UNITS * (inputDim + 1)];
    for (int k = 0; k < TEACHER_UNITS; k++) {
      for (int i = 0; i < inputDim; i++) teacher[k * (inputDim + 1) + i] = 2 * g.normal() / Math.sqrt(inputDim);
      teacher[k * (inputDim + 1) + inputDim] = g.normal();
    }
    DenseRowBlock raw = inputs(testRows, Seeds.child(seed, 12), 0);
    double[] t = targets(raw, 1.0);
    double m = 0;
    double v = 0;
    for (double x : t) m += x / t.length;
    for (double x : t) v += (x - m) * (x - m) / t.length;
    this.scale = 1 / Math.sqrt(v);
    this.testTarget = targets(raw, scale);
    this.test = map.apply(raw);
  }

  @Override
  public String name() {
    return "rf";
  }

  @Override
  public int dim() {
    return map.outputDim();
  }

  @Override
  public List<String> signals() {
    return List.of("tanh-target");
  }

  private DenseRowBlock inputs(int rows, long s, long firstRow) {
    GaussianDraws g = new GaussianDraws(s);
    double[] v = new double[rows * inputDim];
    for (int i = 0; i < v.length; i++) v[i] = g.normal();
    return new DenseRowBlock(inputDim, v, new double[rows], firstRow);
  }

  private double[] targets(RowBlock raw, double scale) {
    double[] out = new double[raw.rows()];
    double[] u = new double[inputDim];
    for (int r = 0; r < raw.rows(); r++) {
      raw.forEachEntry(r, (i, x) -> u[i] = x);
      double f = 0;
      for (int k = 0; k < TEACHER_UNITS; k++) {
        int base = k * (inputDim + 1);
        double z = 0;
        for (int i = 0; i < inputDim; i++) z += teacher[base + i] * u[i];
        f += teacher[base + inputDim] * Math.tanh(z);
      }
      out[r] = scale * f;
    }
    return out;
  }

  @Override
  public BlockSource<RowBlock> pool(int partitions) {
    long rows = poolRows;
    FeatureMap fm = map;
    long s = seed;
    int dIn = inputDim;
    return p -> {
      long from = p * rows / partitions;
      long to = (p + 1) * rows / partitions;
      GaussianDraws g = new GaussianDraws(Seeds.child(s, 13, p));
      double[] v = new double[(int) (to - from) * dIn];
      for (int i = 0; i < v.length; i++) v[i] = g.normal();
      return fm.apply(new DenseRowBlock(dIn, v, new double[(int) (to - from)], from));
    };
  }

  @Override
  public Sample draw(long s) {
    DenseRowBlock raw = inputs(n, Seeds.child(seed, 14, s), 0);
    DenseRowBlock phi = map.apply(raw);
    int d = dim();
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int base = i * d;
      phi.forEachEntry(i, (j, v) -> x[base + j] = v);
    }
    GaussianDraws g = new GaussianDraws(Seeds.child(seed, 15, s));
    double[] noise = new double[n];
    for (int i = 0; i < n; i++) noise[i] = sigma * g.normal();
    double[] target = testTarget;
    DenseRowBlock t = test;
    Risk risk = (w, signal) -> {
      double r = 0;
      for (int i = 0; i < t.rows(); i++) {
        double e = t.dot(i, w) - (signal < 0 ? 0 : target[i]);
        r += e * e;
      }
      return r / t.rows();
    };
    return new Sample(x, n, List.of(targets(raw, scale)), noise, risk);
  }
}
