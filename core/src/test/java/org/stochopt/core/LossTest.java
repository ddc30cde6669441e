package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.loss.SmoothedHingeLoss;
import org.stochopt.core.loss.SquaredLoss;

class LossTest {
  private static final List<Loss> LOSSES =
      List.of(new LogisticLoss(), new SquaredLoss(), new SmoothedHingeLoss(1.0), new SmoothedHingeLoss(0.3));

  @Test
  void derivativeMatchesCentralDifferences() {
    double h = 1e-6;
    for (Loss loss : LOSSES) {
      for (double y : new double[] {-1, 1, 0.3}) {
        if (loss.isClassification() && Math.abs(y) != 1) continue;
        for (double z = -6; z <= 6; z += 0.37) {
          double fd = (loss.value(z + h, y) - loss.value(z - h, y)) / (2 * h);
          assertEquals(fd, loss.derivative(z, y), 1e-6 * Math.max(1, Math.abs(fd)), loss.name() + " at z=" + z + " y=" + y);
        }
      }
    }
  }

  @Test
  void derivativeIsLipschitzWithTheCurvatureBound() {
    for (Loss loss : LOSSES) {
      double worst = 0;
      for (double z = -8; z <= 8; z += 0.01) {
        double slope = Math.abs(loss.derivative(z + 1e-3, 1) - loss.derivative(z, 1)) / 1e-3;
        worst = Math.max(worst, slope);
      }
      assertTrue(worst <= loss.curvatureBound() * (1 + 1e-6), loss.name() + " slope " + worst);
      assertTrue(worst >= 0.9 * loss.curvatureBound(), loss.name() + " bound is not tight: " + worst);
    }
  }

  @Test
  void logisticIsStableAtExtremeMargins() {
    Loss loss = new LogisticLoss();
    assertEquals(1000.0, loss.value(-1000, 1), 1e-12);
    assertEquals(0.0, loss.value(1000, 1), 1e-300);
    assertTrue(loss.value(40, 1) > 0, "tiny losses must not round to zero too early");
    assertEquals(-1.0, loss.derivative(-1000, 1), 0);
    assertEquals(0.0, loss.derivative(1000, 1), 1e-300);
    assertEquals(Math.log(2), loss.value(0, -1), 1e-15);
  }

  @Test
  void parsesNames() {
    assertEquals("logistic", Losses.parse("logistic").name());
    assertEquals(0.5, ((SmoothedHingeLoss) Losses.parse("smoothed-hinge:0.5")).gamma());
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Losses.parse("hinge"));
    assertTrue(e.getMessage().contains("unknown loss"));
  }
}
