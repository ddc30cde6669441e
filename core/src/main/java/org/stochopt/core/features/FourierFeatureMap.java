package org.stochopt.core.features;

import java.lang.ref.SoftReference;
import java.util.concurrent.ConcurrentHashMap;
import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * Random Fourier features z_j(x) = √(2/M) · cos(⟨ω_j, x⟩ + b_j), j = 0..M−1 (Rahimi, Recht 2007):
 * for a shift-invariant kernel with spectral density p(ω), E[z(x)·z(y)] = k(x, y) when
 * ω_j ~ p and b_j ~ U[0, 2π). Subclasses choose how ω_j is drawn (or applied, for structured maps).
 *
 * <p>b_j comes from the stream Seeds.child(seed, {@value #OFFSET_STREAM}, j). Generated state
 * (frequencies, offsets) is transient, built on first use, and shared by every equal map in the
 * JVM through a soft cache, so an executor regenerates a map once, not once per cached block.
 */
public abstract class FourierFeatureMap implements FeatureMap {
  private static final long serialVersionUID = 1L;
  static final long FREQUENCY_STREAM = 1;
  static final long OFFSET_STREAM = 2;
  private static final ConcurrentHashMap<String, SoftReference<Object>> GENERATED = new ConcurrentHashMap<>();

  protected final int d;
  protected final int m;
  protected final double sigma;
  protected final long seed;
  private transient volatile Object generated;
  private transient volatile double[] offsets;

  protected FourierFeatureMap(int d, int m, double sigma, long seed) {
    if (d <= 0) throw new IllegalArgumentException("input dimension must be positive, got " + d);
    if (m <= 0) throw new IllegalArgumentException("number of features M must be positive, got " + m);
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("bandwidth must be positive and finite, got " + sigma);
    }
    this.d = d;
    this.m = m;
    this.sigma = sigma;
    this.seed = seed;
  }

  @Override
  public int inputDim() {
    return d;
  }

  @Override
  public int outputDim() {
    return m;
  }

  @Override
  public double bandwidth() {
    return sigma;
  }

  @Override
  public long seed() {
    return seed;
  }

  /** The generated state of the subclass (frequencies or diagonals), built once per JVM. */
  protected abstract Object generate();

  /** out[k] = ⟨ω_{from+k}, x⟩ for k < to − from, using {@code state} from {@link #generate}. */
  protected abstract void project(Object state, double[] x, int from, int to, double[] out);

  @Override
  public final void mapRange(double[] x, int from, int to, double[] out) {
    if (from < 0 || to > m || from > to) {
      throw new IllegalArgumentException("feature range [" + from + ", " + to + ") is not within [0, " + m + ")");
    }
    if (x.length != d) throw new IllegalArgumentException("expected an input of dimension " + d + ", got " + x.length);
    project(state(), x, from, to, out);
    double[] b = offsets();
    double scale = Math.sqrt(2.0 / m);
    // StrictMath: fdlibm by specification, so features are bit-identical on every executor's CPU.
    for (int k = 0; k < to - from; k++) out[k] = scale * StrictMath.cos(out[k] + b[from + k]);
  }

  private Object state() {
    Object s = generated;
    if (s == null) {
      s = cached("state", this::generate);
      generated = s;
    }
    return s;
  }

  private double[] offsets() {
    double[] b = offsets;
    if (b == null) {
      b = (double[]) cached("offsets", () -> {
        double[] o = new double[m];
        for (int j = 0; j < m; j++) o[j] = 2.0 * Math.PI * new GaussianDraws(Seeds.child(seed, OFFSET_STREAM, j)).uniform();
        return o;
      });
      offsets = b;
    }
    return b;
  }

  private Object cached(String what, java.util.function.Supplier<Object> make) {
    String key = getClass().getName() + '/' + what + '/' + d + '/' + m + '/' + Double.doubleToLongBits(sigma) + '/' + seed;
    SoftReference<Object> ref = GENERATED.get(key);
    Object v = ref == null ? null : ref.get();
    if (v == null) {
      v = make.get();
      GENERATED.put(key, new SoftReference<>(v));
    }
    return v;
  }

  @Override
  public String toString() {
    return "rff:" + kind().specName() + ",M=" + m + ",bandwidth=" + sigma + ",seed=" + seed + " (d=" + d + ")";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FourierFeatureMap f) || f.getClass() != getClass()) return false;
    return f.d == d && f.m == m && Double.compare(f.sigma, sigma) == 0 && f.seed == seed;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(getClass(), d, m, sigma, seed);
  }
}
