package org.stochopt.core.features;

import org.stochopt.core.linalg.RowBlock;

/**
 * A block whose rows are the features z(x_r) of a raw block, computed when a row is touched
 * instead of stored: the "on the fly" side of {@link FeatureCachePolicy}. It holds the raw rows
 * (n·s entries) and the map's parameters only; every objective, oracle and summary works on it
 * unchanged, with dimension M.
 *
 * <p>The objective reads a row's margin and then its gradient contribution ({@code dot} then
 * {@code axpy}), so the features of the last row touched are kept: one map evaluation per row
 * per pass. Methods are synchronized because the scratch buffers are shared; a cached block is
 * read by one task at a time in stochopt's oracles, so the lock is uncontended.
 */
public final class OnTheFlyFeatureBlock extends RowBlock {
  private static final long serialVersionUID = 1L;

  private final RowBlock raw;
  private final FeatureMap map;
  /** The feature range [from, to) this block's columns are (the whole map unless sharded). */
  private final int from;
  private final int to;
  private transient double[] x;
  private transient double[] z;
  private transient int lastRow = -1;

  public OnTheFlyFeatureBlock(RowBlock raw, FeatureMap map) {
    this(raw, map, 0, map.outputDim());
  }

  /**
   * Columns k = 0..to−from−1 are the features z_{from+k}(x_r): one feature block of a sharded
   * model (see {@link FeatureShard}); feature j has the same value as in the full map.
   */
  public OnTheFlyFeatureBlock(RowBlock raw, FeatureMap map, int from, int to) {
    super(checkRange(map, from, to), raw.labelsView(), raw.firstRow());
    map.checkInput(raw);
    this.raw = raw;
    this.map = map;
    this.from = from;
    this.to = to;
  }

  private static int checkRange(FeatureMap map, int from, int to) {
    if (from < 0 || to > map.outputDim() || from >= to) {
      throw new IllegalArgumentException("feature range [" + from + ", " + to + ") is not a nonempty range of [0, " + map.outputDim() + ")");
    }
    return to - from;
  }

  public RowBlock raw() {
    return raw;
  }

  public FeatureMap map() {
    return map;
  }

  /** The precomputed equivalent (rows·M·8 bytes). */
  public RowBlock materialize() {
    return map.applyRange(raw, from, to);
  }

  private double[] features(int row) {
    if (z == null) { // first use, also after deserialization (transient fields come back as 0)
      x = new double[map.inputDim()];
      z = new double[dim];
      lastRow = -1;
    }
    if (row != lastRow) {
      FeatureMap.densify(raw, row, x);
      map.mapRange(x, from, to, z);
      lastRow = row;
    }
    return z;
  }

  @Override
  public synchronized double dot(int row, double[] w) {
    // The same kernel as DenseRowBlock, so precomputed and on-the-fly features give the same bits.
    return org.stochopt.core.linalg.Vec.dot(features(row), 0, w, dim);
  }

  @Override
  public synchronized void dot2(int row, double[] a, double[] b, double[] out) {
    org.stochopt.core.linalg.Vec.dot2(features(row), 0, a, b, dim, out);
  }

  @Override
  public synchronized void axpy(int row, double a, double[] out) {
    if (a == 0.0) return;
    double[] f = features(row);
    for (int j = 0; j < dim; j++) out[j] += a * f[j];
  }

  @Override
  public synchronized double squaredNorm(int row) {
    double[] f = features(row);
    double s = 0.0;
    for (int j = 0; j < dim; j++) s += f[j] * f[j];
    return s;
  }

  @Override
  public long storedEntries() {
    return (long) rows() * dim;
  }

  @Override
  public synchronized void forEachEntry(int row, EntryVisitor visitor) {
    double[] f = features(row).clone();
    for (int j = 0; j < dim; j++) {
      if (f[j] != 0.0) visitor.accept(j, f[j]);
    }
  }

  @Override
  public RowBlock withFirstRow(long newFirstRow) {
    return new OnTheFlyFeatureBlock(raw.withFirstRow(newFirstRow), map, from, to);
  }

  @Override
  public RowBlock slice(int fromRow, int toRow) {
    return new OnTheFlyFeatureBlock(raw.slice(fromRow, toRow), map, from, to);
  }
}
