package org.stochopt.core.precond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PreconditionerSpecTest {
  @Test
  void parsesEveryForm() {
    assertEquals(PreconditionerSpec.NONE, PreconditionerSpec.parse("none"));
    assertEquals(PreconditionerSpec.Kind.DIAG, PreconditionerSpec.parse("diag").kind());
    assertEquals(1.0, PreconditionerSpec.parse("fisher").alpha());
    assertEquals(0.25, PreconditionerSpec.parse("Fisher:0.25").alpha());
    assertEquals(new PreconditionerSpec(PreconditionerSpec.Kind.ADDITIVE, 0.5), PreconditionerSpec.parse("additive:0.5"));
  }

  @Test
  void refusesBadAlphaAndBadForms() {
    for (String bad : new String[] {"fisher:1.5", "fisher:-0.1", "additive", "additive:x", "additive:NaN", "diag:0.5", "none:1", "newton", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreconditionerSpec.parse(bad), bad);
      assertTrue(e.getMessage().contains("--precondition"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new PreconditionerConfig(PreconditionerSpec.NONE, -1, 10));
    assertThrows(IllegalArgumentException.class, () -> new PreconditionerConfig(PreconditionerSpec.NONE, 1e-6, 0));
  }

  @Test
  void theEndpointsAreGdAndNgd() {
    double m = 2.0;
    for (double lambda : new double[] {0.01, 1, 30}) {
      assertEquals(1.0 / m, PreconditionerSpec.parse("additive:0").g(lambda, 0, m), 1e-15); // GD up to the scale 1/m
      assertEquals(1.0, PreconditionerSpec.parse("fisher:0").g(lambda, 0, m), 1e-15);
      assertEquals(1.0 / lambda, PreconditionerSpec.parse("additive:1").g(lambda, 0, m), 1e-15);
      assertEquals(1.0 / lambda, PreconditionerSpec.parse("fisher").g(lambda, 0, m), 1e-15);
      assertEquals(Math.pow(lambda, -0.5), PreconditionerSpec.parse("fisher:0.5").g(lambda, 0, m), 1e-15);
    }
  }
}
