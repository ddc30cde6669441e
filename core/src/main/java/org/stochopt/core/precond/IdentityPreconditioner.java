package org.stochopt.core.precond;

/** P = I: preconditioned methods with it are plain GD / SGD (same arithmetic, a copy of g). */
final class IdentityPreconditioner implements Preconditioner {
  private static final long serialVersionUID = 1L;
  private final int d;

  IdentityPreconditioner(int d) {
    this.d = d;
  }

  @Override
  public void apply(double[] g, double[] out) {
    System.arraycopy(g, 0, out, 0, d);
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public String describe() {
    return "none";
  }
}
