package org.stochopt.core.meanfield;

import java.io.Serializable;
import org.stochopt.core.linalg.RowBlock;

/**
 * Dense, row-major examples with targets: what every particle block reads. Mean-field units need
 * ⟨w, x_i⟩ for every particle and row, so rows are stored densely once (a sparse row would be
 * re-walked M times per step). Immutable by convention: nobody writes into the arrays after
 * construction, which is what lets Spark broadcast one copy.
 *
 * @param x rows × dim values, row i at [i·dim, (i+1)·dim)
 * @param y one target (±1 for classification) per row
 */
public record DataMatrix(double[] x, double[] y, int dim) implements Serializable {
  public DataMatrix {
    if (dim <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dim);
    if ((long) y.length * dim != x.length) {
      throw new IllegalArgumentException("expected rows·dim = " + ((long) y.length * dim) + " values, got " + x.length);
    }
  }

  /** Densifies a row block (any layout). */
  public static DataMatrix of(RowBlock block) {
    int n = block.rows();
    int d = block.dim();
    double[] x = new double[Math.multiplyExact(n, d)];
    for (int i = 0; i < n; i++) {
      int off = i * d;
      block.forEachEntry(i, (j, v) -> x[off + j] = v);
    }
    return new DataMatrix(x, block.labelsView().clone(), d);
  }

  public int rows() {
    return y.length;
  }

  /** ⟨w, x_i⟩ with w = theta[woff .. woff + dim). */
  public double dot(int row, double[] theta, int woff) {
    int off = row * dim;
    double s = 0.0;
    for (int j = 0; j < dim; j++) s += x[off + j] * theta[woff + j];
    return s;
  }

  /** out[ooff .. ooff+dim) += a · x_i. */
  public void axpy(int row, double a, double[] out, int ooff) {
    int off = row * dim;
    for (int j = 0; j < dim; j++) out[ooff + j] += a * x[off + j];
  }

  /** Mean of ‖x_i‖² over the rows (sets the default step size). */
  public double meanSquaredNorm() {
    double s = 0.0;
    for (double v : x) s += v * v;
    return s / Math.max(1, rows());
  }
}
