package org.stochopt.core.precond;

/** P = diag(p): out_j = p_j g_j. O(d) per application. */
public final class DiagonalPreconditioner implements Preconditioner {
  private static final long serialVersionUID = 1L;
  private final double[] p;
  private final String description;

  public DiagonalPreconditioner(double[] p, String description) {
    for (double v : p) {
      if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException("a diagonal preconditioner needs positive finite entries, got " + v);
    }
    this.p = p.clone();
    this.description = description;
  }

  @Override
  public void apply(double[] g, double[] out) {
    for (int j = 0; j < p.length; j++) out[j] = p[j] * g[j];
  }

  /** p, a copy. */
  public double[] entries() {
    return p.clone();
  }

  @Override
  public int dim() {
    return p.length;
  }

  @Override
  public String describe() {
    return description;
  }
}
