package org.stochopt.core.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A batch size is refused by the methods that would ignore it, and kept by those that read it. */
class MethodSettingsTest {
  @Test
  void fullGradientDescentRefusesABatchSize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodSettings.of(MethodKind.GD, 64));
    assertTrue(e.getMessage().startsWith("--batch-size does not apply to --method gd"), e.getMessage());
    assertTrue(e.getMessage().contains("every row"), e.getMessage());
    assertNull(MethodSettings.of(MethodKind.GD, null).batchSize());
  }

  @Test
  void minibatchMethodsKeepTheirBatchSize() {
    assertEquals(64, MethodSettings.of(MethodKind.SGD, 64).b());
    assertEquals(32, MethodSettings.of(MethodKind.KATYUSHA, 32).batchSize());
    assertNull(MethodSettings.of(MethodKind.SVRG, 16).resolved(MethodKind.GD, 16).batchSize());
  }
}
