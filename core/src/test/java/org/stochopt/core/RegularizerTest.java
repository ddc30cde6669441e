package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;

class RegularizerTest {
  private static final List<Regularizer> REGS = List.of(
      Regularizers.parse("l2:0.7"), Regularizers.parse("l1:0.3"),
      Regularizers.parse("elasticnet:0.5,0.4"), Regularizers.parse("none"));

  /** (v − p)/η must be a subgradient of R at p = prox_{ηR}(v): the prox optimality condition. */
  @Test
  void proxSatisfiesItsOptimalityCondition() {
    SplittableRandom rng = new SplittableRandom(11);
    for (Regularizer reg : REGS) {
      for (double eta : new double[] {1e-3, 0.1, 1.0, 7.0}) {
        double[] v = new double[50];
        for (int j = 0; j < v.length; j++) v[j] = rng.nextDouble() * 4 - 2;
        double[] p = new double[50];
        reg.prox(v, eta, p);
        double l1 = reg.l1Weight();
        double l2 = reg.l2Weight();
        for (int j = 0; j < v.length; j++) {
          double sub = (v[j] - p[j]) / eta - l2 * p[j];
          if (p[j] != 0) {
            assertEquals(l1 * Math.signum(p[j]), sub, 1e-9, reg + " coordinate " + j);
          } else {
            assertTrue(Math.abs(sub) <= l1 + 1e-12, reg + " zero coordinate " + j + " subgradient " + sub);
          }
        }
      }
    }
  }

  /** Against a brute-force scalar minimization of R(u) + (u − v)²/(2η), independent of the formula. */
  @Test
  void proxMatchesBruteForceMinimization() {
    for (Regularizer reg : REGS) {
      for (double v : new double[] {-2.5, -0.1, 0.0, 0.05, 1.3}) {
        double eta = 0.6;
        double[] p = new double[1];
        reg.prox(new double[] {v}, eta, p);
        double lo = -5;
        double hi = 5;
        for (int it = 0; it < 200; it++) {
          double a = lo + (hi - lo) / 3;
          double b = hi - (hi - lo) / 3;
          if (scalar(reg, a, v, eta) < scalar(reg, b, v, eta)) hi = b;
          else lo = a;
        }
        // Ternary search on a flat minimum resolves u only to about sqrt(machine epsilon).
        assertEquals((lo + hi) / 2, p[0], 1e-7, reg + " v=" + v);
      }
    }
  }

  private static double scalar(Regularizer reg, double u, double v, double eta) {
    return reg.value(new double[] {u}) + (u - v) * (u - v) / (2 * eta);
  }

  @Test
  void proxMayAliasItsInput() {
    double[] v = {1.0, -0.2, 0.05};
    double[] expected = new double[3];
    Regularizer reg = Regularizers.parse("elasticnet:1,0.5");
    reg.prox(v, 0.3, expected);
    reg.prox(v, 0.3, v);
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, v, 0.0);
  }

  @Test
  void sparkStyleElasticNetSplitsTheWeight() {
    ElasticNet en = (ElasticNet) Regularizers.parse("elasticnet:1e-2,0.25");
    assertEquals(2.5e-3, en.l1Weight(), 1e-18);
    assertEquals(7.5e-3, en.strongConvexity(), 1e-18);
    assertTrue(Regularizers.parse("l1:1e-3").strongConvexity() == 0);
  }

  @Test
  void rejectsBadSpecs() {
    assertThrows(IllegalArgumentException.class, () -> Regularizers.parse("l2"));
    assertThrows(IllegalArgumentException.class, () -> Regularizers.parse("l2:-1"));
    assertThrows(IllegalArgumentException.class, () -> Regularizers.parse("elasticnet:1e-3"));
    assertThrows(IllegalArgumentException.class, () -> Regularizers.parse("elasticnet:1e-3,2"));
    assertThrows(IllegalArgumentException.class, () -> Regularizers.parse("l3:1"));
  }
}
