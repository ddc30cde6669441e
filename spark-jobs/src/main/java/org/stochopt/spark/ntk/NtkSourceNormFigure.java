package org.stochopt.spark.ntk;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.EigenfunctionTarget;
import org.stochopt.core.ntk.NtkGram;
import org.stochopt.core.ntk.SourceNorms;
import org.stochopt.core.ntk.SymmetricEigen;
import org.stochopt.core.ntk.TrainedLayers;
import org.stochopt.core.rng.Seeds;

/**
 * The recipe of the paper's Fig. 2 (top): source-condition norms ‖Σ^{−r}g‖ of the three targets
 * g_a, g_b, g_∞ (the mean of the empirical eigenfunctions 3–12 of Σ_a, Σ_b and Σ_∞ = Σ_a + Σ_b) under
 * each of the three operators, for r over a grid. All from one finite-width ReLU NTK Gram on n
 * points of S^{d−1} with M/2 distinct directions:
 * <pre>
 *   K_k/n = Σ_i μ_i v_i v_iᵀ,   φ_i(x_j) = √n·v_ij,   g_k = (1/10) Σ_{i=3..12} φ_i       (k ∈ {a, b, ∞})
 *   ‖Σ_k′^{−r} g_k‖² = Σ_{μ_i > floor·μ_1} μ_i^{−2r} ⟨g_k, φ_i⟩²     (φ_i, μ_i of K_k′; {@link SourceNorms})
 * </pre>
 * A target made of one operator's eigenfunctions has a small norm under that operator at every r
 * (1/100·Σ μ_i^{−2r}); under another operator its norm measures how far it is from that operator's
 * source condition. Eigenvalues below {@code floor}·μ_1 are dropped: there the empirical spectrum is
 * rounding noise and μ^{−2r} would amplify round-off in ⟨g, φ_i⟩.
 *
 * <p>Memory: three n × n Grams' eigenvectors are kept (8·n² bytes each), plus the eigensolver's
 * workspace (2n² doubles); n = 4000 needs about 1 GB, n = 10⁴ about 6 GB.
 */
public final class NtkSourceNormFigure {
  private NtkSourceNormFigure() {}

  /** ‖Σ_operator^{−r} g_target‖ for one pair and one r. */
  public record Row(TrainedLayers target, TrainedLayers operator, double r, double norm) {}

  public static List<Row> compute(int d, int n, int width, double outputScale, double biasScale, long seed, double[] rs,
      double floor, Consumer<String> progress) {
    double[] x = EigenfunctionTarget.spherePoints(n, d, Seeds.child(seed, 1, d));
    int distinct = width / 2;
    double[] dirs = EigenfunctionTarget.spherePoints(distinct, d, Seeds.child(seed, 2, d));
    long t0 = System.nanoTime();
    NtkGram gram = NtkGram.finiteWidth(x, n, d, dirs, distinct, new Activation.Relu(), outputScale, biasScale);
    progress.accept(String.format(java.util.Locale.ROOT, "Gram (n=%d, M=%d, d=%d): %.1fs", n, width, d, (System.nanoTime() - t0) / 1e9));
    Map<TrainedLayers, SymmetricEigen> eig = new EnumMap<>(TrainedLayers.class);
    Map<TrainedLayers, double[]> target = new EnumMap<>(TrainedLayers.class);
    for (TrainedLayers k : TrainedLayers.values()) {
      long t1 = System.nanoTime();
      double[] kn = gram.of(k);
      for (int i = 0; i < kn.length; i++) kn[i] /= n;
      SymmetricEigen e = SymmetricEigen.of(kn, n, true);
      eig.put(k, e);
      target.put(k, meanEigenfunction(e, EigenfunctionTarget.FIRST, EigenfunctionTarget.LAST));
      progress.accept(String.format(java.util.Locale.ROOT, "eigenvectors of Σ_%s: μ_1=%.4g, μ_12=%.4g, %.1fs", name(k),
          e.values()[0], e.values()[EigenfunctionTarget.LAST - 1], (System.nanoTime() - t1) / 1e9));
    }
    List<Row> rows = new ArrayList<>();
    for (TrainedLayers t : TrainedLayers.values()) {
      for (TrainedLayers k : TrainedLayers.values()) {
        for (double r : rs) rows.add(new Row(t, k, r, SourceNorms.norm(eig.get(k), target.get(t), r, floor)));
      }
    }
    return rows;
  }

  /** g(x_j) = mean over i ∈ [first, last] (1-based) of φ_i(x_j) = √n·v_ij. */
  static double[] meanEigenfunction(SymmetricEigen e, int first, int last) {
    int n = e.n();
    double[] g = new double[n];
    double scale = Math.sqrt(n) / (last - first + 1);
    for (int i = first - 1; i < last; i++) {
      double[] v = e.vector(i);
      for (int j = 0; j < n; j++) g[j] += scale * v[j];
    }
    return g;
  }

  /** a, b or ∞: the paper's names of Σ for the output layer, the input layer and both. */
  public static String name(TrainedLayers k) {
    return switch (k) {
      case OUTPUT -> "a";
      case INPUT -> "b";
      case BOTH -> "∞";
    };
  }
}
