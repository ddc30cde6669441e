package org.stochopt.core.features;

import java.io.Serializable;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;

/**
 * A deterministic random-feature map z: ℝ^d → ℝ^M whose inner products approximate a kernel,
 * ⟨z(x), z(y)⟩ ≈ k(x, y). Implementations are fully determined by (kind, d, M, σ, seed) and
 * serialize only those (see the package Javadoc), so a map sent to an executor or rebuilt there
 * from its spec gives bit-identical features.
 *
 * <p>Thread-safe: mapping only reads the (lazily generated, then immutable) frequencies.
 */
public interface FeatureMap extends Serializable {
  FeatureKind kind();

  /** d, the input dimension. */
  int inputDim();

  /** M, the number of features. */
  int outputDim();

  /** σ, the kernel bandwidth. */
  double bandwidth();

  long seed();

  /**
   * Features {@code [from, to)} of x: {@code out[0 .. to−from)} = (z_from(x), …, z_{to−1}(x)).
   * {@code x} is dense with length d and is not modified; {@code out} must not alias x. Feature
   * j has the same value whatever range it is computed in (feature-block sharding relies on it).
   */
  void mapRange(double[] x, int from, int to, double[] out);

  /** out[0 .. M) = z(x). */
  default void map(double[] x, double[] out) {
    mapRange(x, 0, outputDim(), out);
  }

  /** The exact kernel k(x, y) this map approximates. */
  default double kernel(double[] x, double[] y) {
    return kind().kernel(x, y, bandwidth());
  }

  /** Every row of {@code block} mapped: a dense block of M columns with the same labels and row ids. */
  default DenseRowBlock apply(RowBlock block) {
    return applyRange(block, 0, outputDim());
  }

  /** Features {@code [from, to)} of every row, as a dense block of to−from columns. */
  default DenseRowBlock applyRange(RowBlock block, int from, int to) {
    checkInput(block);
    int width = to - from;
    double[] values = new double[Math.multiplyExact(block.rows(), width)];
    double[] x = new double[inputDim()];
    double[] z = new double[width];
    for (int r = 0; r < block.rows(); r++) {
      densify(block, r, x);
      mapRange(x, from, to, z);
      System.arraycopy(z, 0, values, r * width, width);
    }
    return new DenseRowBlock(width, values, block.labelsView().clone(), block.firstRow());
  }

  /** Throws unless the block has this map's input dimension. */
  default void checkInput(RowBlock block) {
    if (block.dim() != inputDim()) {
      throw new IllegalArgumentException(
          "the feature map expects inputs of dimension " + inputDim() + " but the data has dimension " + block.dim());
    }
  }

  /** x ← row {@code row} of the block as a dense vector (x.length must be the block dimension). */
  static void densify(RowBlock block, int row, double[] x) {
    java.util.Arrays.fill(x, 0.0);
    block.forEachEntry(row, (j, v) -> x[j] = v);
  }
}
