package org.stochopt.spark.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.EigenfunctionTarget;
import org.stochopt.core.ntk.NtkGram;
import org.stochopt.core.ntk.SymmetricEigen;
import org.stochopt.core.ntk.TrainedLayers;
import org.stochopt.core.rng.Seeds;

/** The source-norm figure's numbers against the closed expression for a target made of the operator's own eigenfunctions. */
class NtkSourceNormFigureTest {
  @Test
  void matchedTargetHasTheEigenExpansionNorm() {
    int d = 2;
    int n = 300;
    int width = 600;
    double[] rs = {0.5, 0.75, 1.0};
    List<NtkSourceNormFigure.Row> rows = NtkSourceNormFigure.compute(d, n, width, 1.0, 1.0, 7, rs, 1e-10, s -> { });
    assertEquals(3 * 3 * rs.length, rows.size());
    // Independent: the same points and directions, the same Gram, its own eigendecomposition; for g = (1/10) Σ_{3..12} φ_i,
    // ⟨g, φ_i⟩ = 1/10 for i ∈ [3, 12] and 0 otherwise, so ‖Σ^{−r}g‖² = (1/100) Σ_{3..12} μ_i^{−2r}.
    double[] x = EigenfunctionTarget.spherePoints(n, d, Seeds.child(7, 1, d));
    double[] dirs = EigenfunctionTarget.spherePoints(width / 2, d, Seeds.child(7, 2, d));
    NtkGram gram = NtkGram.finiteWidth(x, n, d, dirs, width / 2, new Activation.Relu(), 1.0, 1.0);
    for (TrainedLayers k : TrainedLayers.values()) {
      double[] kn = gram.of(k);
      for (int i = 0; i < kn.length; i++) kn[i] /= n;
      double[] mu = SymmetricEigen.of(kn, n, false).values();
      for (double r : rs) {
        double s = 0.0;
        for (int i = 2; i < 12; i++) s += Math.pow(mu[i], -2 * r) / 100;
        double expected = Math.sqrt(s);
        double got = rows.stream().filter(w -> w.target() == k && w.operator() == k && w.r() == r).findFirst().orElseThrow().norm();
        assertEquals(expected, got, 1e-6 * expected, k + " r=" + r);
      }
    }
    // A norm grows with r (μ_i < 1 here), for every pair.
    for (NtkSourceNormFigure.Row a : rows) {
      for (NtkSourceNormFigure.Row b : rows) {
        if (a.target() == b.target() && a.operator() == b.operator() && b.r() > a.r()) assertTrue(b.norm() > a.norm(), a + " " + b);
      }
    }
  }
}
