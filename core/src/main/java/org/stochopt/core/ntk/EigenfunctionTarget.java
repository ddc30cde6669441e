package org.stochopt.core.ntk;

import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * g_ρ = the mean of the NTK eigenfunctions φ_3 … φ_12 (the paper's Fig. 2 target), for x uniform on
 * S^{d−1} and the ReLU NTK in closed form ({@link NtkGram#reluClosedForm}) of the chosen layers.
 *
 * <p>The eigenfunctions come from n reference points: with K/n = Σ μ_i v_i v_iᵀ, φ_i(x_j) = √n·v_ij,
 * and the Nyström extension φ_i(x) = (1/(nμ_i)) Σ_j k(x, x_j) φ_i(x_j). Hence
 * g_ρ(x) = Σ_j α_j k(x, x_j) with α = (1/10) Σ_{i=3..12} v_i/(√n·μ_i): a finite combination of
 * eigenfunctions, so g_ρ ∈ Σ^r(L2) for every r (‖Σ^{−r}g_ρ‖² = (1/100) Σ_{i=3..12} μ_i^{−2r}),
 * and ‖g_ρ‖_{L2} = 1/√10 on the reference sample.
 */
public final class EigenfunctionTarget implements Target {
  private static final long serialVersionUID = 1L;
  private static final long POINTS_STREAM = 0x45494746L;
  /** Eigenfunctions 3..12 (1-based), as in the paper. */
  public static final int FIRST = 3;
  public static final int LAST = 12;

  private final int d;
  private final double outputScale;
  private final double biasScale;
  private final TrainedLayers layers;
  private final double[] points;
  private final double[] norms;
  private final double[] alpha;
  private final double[] eigenvalues;

  public EigenfunctionTarget(int d, int referencePoints, double outputScale, double biasScale, TrainedLayers layers, long seed) {
    if (referencePoints < LAST + 1) throw new IllegalArgumentException("need more than " + LAST + " reference points, got " + referencePoints);
    this.d = d;
    this.outputScale = outputScale;
    this.biasScale = biasScale;
    this.layers = layers;
    int n = referencePoints;
    this.points = spherePoints(n, d, Seeds.child(seed, POINTS_STREAM));
    this.norms = new double[n];
    java.util.Arrays.fill(norms, 1.0);
    NtkGram gram = NtkGram.reluClosedForm(points, n, d, outputScale, biasScale);
    double[] k = gram.of(layers);
    for (int i = 0; i < k.length; i++) k[i] /= n;
    SymmetricEigen eig = SymmetricEigen.of(k, n, true);
    this.eigenvalues = eig.values().clone();
    this.alpha = new double[n];
    int count = LAST - FIRST + 1;
    for (int i = FIRST - 1; i < LAST; i++) {
      double scale = 1.0 / (count * Math.sqrt(n) * eig.values()[i]);
      for (int j = 0; j < n; j++) alpha[j] += scale * eig.vectors()[i * n + j];
    }
  }

  /** n points uniform on S^{d−1} (row-major), from one seeded stream. */
  public static double[] spherePoints(int n, int d, long seed) {
    double[] x = new double[Math.multiplyExact(n, d)];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) NeuronBlock.unitDirection(rng, x, i * d, d);
    return x;
  }

  @Override
  public double value(double[] values, int off) {
    double nx = 0.0;
    for (int k = 0; k < d; k++) nx += values[off + k] * values[off + k];
    nx = Math.sqrt(nx);
    double s = 0.0;
    for (int j = 0; j < alpha.length; j++) {
      double dot = 0.0;
      for (int k = 0; k < d; k++) dot += values[off + k] * points[j * d + k];
      double[] kv = NtkGram.reluEntry(dot, nx, norms[j], d, outputScale, biasScale);
      s += alpha[j] * ((layers.output() ? kv[0] : 0.0) + (layers.input() ? kv[1] : 0.0));
    }
    return s;
  }

  /** ‖Σ^{−r}g_ρ‖ = sqrt((1/100) Σ_{i=3..12} μ_i^{−2r}). */
  public double sourceNorm(double r) {
    double s = 0.0;
    int count = LAST - FIRST + 1;
    for (int i = FIRST - 1; i < LAST; i++) s += Math.pow(eigenvalues[i], -2.0 * r) / (count * count);
    return Math.sqrt(s);
  }

  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  @Override
  public String describe() {
    return "mean of ReLU-NTK (" + layers.spec() + ") eigenfunctions " + FIRST + "–" + LAST + " on S^" + (d - 1) + " ("
        + alpha.length + " reference points)";
  }
}
