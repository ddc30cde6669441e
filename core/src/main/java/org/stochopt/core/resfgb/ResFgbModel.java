package org.stochopt.core.resfgb;

import java.io.Serializable;
import java.util.List;

/**
 * A trained ResFGB network: the blocks φ = (id + f_T) ∘ … ∘ (id + f_1) (or their Frank–Wolfe
 * counterparts) and the linear head on φ(x). Prediction of a new row pushes it through every block
 * in order, then takes argmax_k of the head's margins. Immutable; the driver holds only this.
 */
public final class ResFgbModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int features;
  private final int classes;
  private final List<ResidualBlock> blocks;
  private final double[] head;

  public ResFgbModel(int features, int classes, List<ResidualBlock> blocks, double[] head) {
    SoftmaxHead h = new SoftmaxHead(features, classes);
    if (head.length != h.weightCount()) throw new IllegalArgumentException("head has " + head.length + " weights, expected " + h.weightCount());
    for (ResidualBlock b : blocks) {
      if (b.shape().inputDim() != features) throw new IllegalArgumentException("a block reads " + b.shape().inputDim() + " features, the model " + features);
    }
    this.features = features;
    this.classes = classes;
    this.blocks = List.copyOf(blocks);
    this.head = head.clone();
  }

  public int features() {
    return features;
  }

  public int classes() {
    return classes;
  }

  public int depth() {
    return blocks.size();
  }

  public List<ResidualBlock> blocks() {
    return blocks;
  }

  public double[] head() {
    return head.clone();
  }

  public SoftmaxHead headShape() {
    return new SoftmaxHead(features, classes);
  }

  /** Weights in the blocks and the head. */
  public long parameterCount() {
    long p = head.length;
    for (ResidualBlock b : blocks) p += b.shape().parameterCount() + b.wParameterCount();
    return p;
  }

  /** φ(x) of {@code rows} row-major rows of width d (copied; the input is untouched). */
  public double[] transform(double[] x, int rows) {
    checkWidth(x.length, rows);
    double[] z = x.clone();
    for (ResidualBlock b : blocks) b.applyInPlace(z, rows, features);
    return z;
  }

  /** Class scores a = W φ(x) + b, row-major rows × K. */
  public double[] margins(double[] x, int rows) {
    double[] z = transform(x, rows);
    SoftmaxHead h = headShape();
    double[] out = new double[rows * classes];
    double[] a = new double[classes];
    for (int r = 0; r < rows; r++) {
      h.margins(head, z, r * features, a);
      System.arraycopy(a, 0, out, r * classes, classes);
    }
    return out;
  }

  /** argmax classes of the rows. */
  public int[] predict(double[] x, int rows) {
    double[] a = margins(x, rows);
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      int best = 0;
      for (int k = 1; k < classes; k++) if (a[r * classes + k] > a[r * classes + best]) best = k;
      out[r] = best;
    }
    return out;
  }

  private void checkWidth(int length, int rows) {
    if (rows < 0 || (long) rows * features != length) {
      throw new IllegalArgumentException("the model expects " + features + " features per row, got " + length + " values for " + rows + " rows");
    }
  }
}
