package org.stochopt.core.resfgb;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.rng.Seeds;

/**
 * A generated two-class problem whose decision function is smooth in all input directions but a
 * few and rough (discontinuous) in those: the setting in which Suzuki &amp; Nitanda (NeurIPS 2021)
 * show that deep models adapt to the anisotropy while a kernel method's rate is set by the
 * roughest direction. With x ~ U[−1, 1]^d and {@code rough} ≤ d rough coordinates,
 *
 * <pre>
 *   f(x) = Σ_{j &lt; rough} sqw(x_j) + 2·tanh( Σ_{j ≥ rough} x_j / sqrt(d − rough) ),   sqw(t) = sign(sin(3πt)),
 *   y = [f(x) &gt; 0]  (no label noise: the test error of a consistent learner goes to 0).
 * </pre>
 *
 * sqw is a square wave (3 jumps on [−1, 1]): along the rough coordinates the boundary jumps; along
 * the others f is analytic. Rows are drawn from a generator keyed by (seed, row), so the first n
 * rows of a larger draw are the draw of size n, and the test rows (another stream) never overlap.
 */
public final class AnisotropicTarget {
  private final int dim;
  private final int rough;
  private final long seed;

  public AnisotropicTarget(int dim, int rough, long seed) {
    if (dim < 2 || rough < 1 || rough >= dim) throw new IllegalArgumentException("need 1 ≤ rough < d, got d=" + dim + ", rough=" + rough);
    this.dim = dim;
    this.rough = rough;
    this.seed = seed;
  }

  public int dim() {
    return dim;
  }

  /** f(x), whose sign is the class. */
  public double decision(double[] x, int off) {
    double f = 0;
    for (int j = 0; j < rough; j++) f += Math.signum(Math.sin(3 * Math.PI * x[off + j]));
    double s = 0;
    for (int j = rough; j < dim; j++) s += x[off + j];
    return f + 2 * Math.tanh(s / Math.sqrt(dim - rough));
  }

  /**
   * Rows {@code [0, n)} of the stream {@code stream} (0 = training, 1 = test), as {@code parts}
   * contiguous dense blocks (d columns, labels 0/1, row ids from 0).
   */
  public List<RowBlock> rows(int n, int stream, int parts) {
    return rows(0, n, stream, parts);
  }

  /**
   * Rows {@code [from, to)} of the stream, as {@code parts} contiguous dense blocks whose row ids
   * are the stream's (from {@code from}): the same rows as those positions of {@link #rows(int, int, int)},
   * so a draw of n rows split into a training prefix and a validation suffix is still that draw.
   */
  public List<RowBlock> rows(int from, int to, int stream, int parts) {
    if (from < 0 || to <= from) throw new IllegalArgumentException("need 0 ≤ from < to, got [" + from + ", " + to + ")");
    int n = to - from;
    double[] x = new double[n * dim];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = new SplittableRandom(Seeds.child(seed, stream, from + i));
      for (int j = 0; j < dim; j++) x[i * dim + j] = 2 * rng.nextDouble() - 1;
      y[i] = decision(x, i * dim) > 0 ? 1 : 0;
    }
    List<RowBlock> out = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      int lo = (int) ((long) n * p / parts);
      int hi = (int) ((long) n * (p + 1) / parts);
      out.add(new DenseRowBlock(dim, java.util.Arrays.copyOfRange(x, lo * dim, hi * dim), java.util.Arrays.copyOfRange(y, lo, hi), from + lo));
    }
    return out;
  }
}
