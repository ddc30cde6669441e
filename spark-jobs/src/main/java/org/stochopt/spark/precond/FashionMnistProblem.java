package org.stochopt.spark.precond;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.rng.Seeds;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.datasets.FashionMnist;

/**
 * Fashion-MNIST A vs B (pixels /255, labels ±1) made overparameterised: each seed trains on n rows
 * drawn without replacement from the training split (n &lt; d = 784), with a fraction q of their
 * labels flipped (the injected noise: e_i = −2y_i on flipped rows). Σ_X comes from every training
 * image (labels unused), the way an unlabeled pool would be used. Risk is the test mean squared error
 * against the clean ±1 test labels; the variance part is the mean square of the predictions of the
 * noise-only fit. The classification error of sign⟨w, x⟩ is reported too.
 */
final class FashionMnistProblem implements StudyProblem {
  private final String spec;
  private final int n;
  private final double flip;
  private final long seed;
  private final RowBlock train;
  private final RowBlock test;

  FashionMnistProblem(String spec, int n, double flip, long seed) {
    this.spec = spec;
    this.n = n;
    this.flip = flip;
    this.seed = seed;
    try {
      this.train = FashionMnist.load(spec, FashionMnist.Split.TRAIN).block();
      this.test = FashionMnist.load(spec, FashionMnist.Split.TEST).block();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (n >= train.dim()) throw new IllegalArgumentException("--n must be below d = " + train.dim() + " (the overparameterised regime), got " + n);
    if (n > train.rows()) throw new IllegalArgumentException("--n exceeds the " + train.rows() + " training rows");
  }

  @Override
  public String name() {
    return spec.replace(':', '-');
  }

  @Override
  public int dim() {
    return train.dim();
  }

  @Override
  public List<String> signals() {
    return List.of("labels");
  }

  /** Partition p of the training split, read where the partition lives (a pure function of p). */
  @Override
  public BlockSource<RowBlock> pool(int partitions) {
    String s = spec;
    return p -> {
      try {
        RowBlock all = FashionMnist.load(s, FashionMnist.Split.TRAIN).block();
        int from = (int) ((long) p * all.rows() / partitions);
        int to = (int) ((long) (p + 1) * all.rows() / partitions);
        return all.slice(from, to);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Override
  public Sample draw(long s) {
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, 20, s));
    int rows = train.rows();
    int[] perm = new int[rows];
    for (int i = 0; i < rows; i++) perm[i] = i;
    for (int i = 0; i < n; i++) { // partial Fisher–Yates: the first n are a uniform subset
      int j = i + rng.nextInt(rows - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int d = dim();
    double[] x = new double[n * d];
    double[] y = new double[n];
    double[] noise = new double[n];
    for (int i = 0; i < n; i++) {
      int r = perm[i];
      int base = i * d;
      train.forEachEntry(r, (j, v) -> x[base + j] = v);
      y[i] = train.label(r);
      if (rng.nextDouble() < flip) noise[i] = -2 * y[i];
    }
    RowBlock t = test;
    Risk risk = new Risk() {
      @Override
      public double of(double[] w, int signal) {
        double r = 0;
        for (int i = 0; i < t.rows(); i++) {
          double e = t.dot(i, w) - (signal < 0 ? 0 : t.label(i));
          r += e * e;
        }
        return r / t.rows();
      }

      @Override
      public double classificationError(double[] w) {
        int wrong = 0;
        for (int i = 0; i < t.rows(); i++) if (t.dot(i, w) * t.label(i) <= 0) wrong++;
        return wrong / (double) t.rows();
      }
    };
    return new Sample(x, n, List.of(y), noise, risk);
  }
}
