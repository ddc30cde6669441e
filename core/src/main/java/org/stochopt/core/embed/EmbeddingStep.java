package org.stochopt.core.embed;

/** One row's Riemannian SGD step followed by the optional radius bound (the same code in every mode). */
final class EmbeddingStep {
  private EmbeddingStep() {}

  /**
   * Skips rows whose gradient is exactly zero, so a dense gradient (the ablation) moves the same
   * rows, by the same bits, as the sparse one.
   */
  static void apply(Manifold m, double[] x, int xo, double[] g, int go, int width, double lr, double radiusBound) {
    boolean zero = true;
    for (int c = 0; c < width && zero; c++) zero = g[go + c] == 0;
    if (zero) return;
    m.step(x, xo, g, go, width, lr);
    if (radiusBound > 0) m.boundRadius(x, xo, width, radiusBound);
  }
}
