package org.stochopt.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputScalingTest {
  /** Three training rows with mean (2, 1, 1) and one test row. */
  private static final DataMatrix TRAIN = new DataMatrix(new double[] {1, 0, 1, 3, 2, 1, 2, 1, 1}, new double[] {1, -1, 1}, 3);
  private static final DataMatrix TEST = new DataMatrix(new double[] {2, 1, 4}, new double[] {-1}, 3);

  @Test
  void centerUnitSubtractsTheTrainingMeanThenNormalises() {
    InputScaling.Scaled s = InputScaling.CENTER_UNIT.apply(TRAIN, TEST);
    double r = 1 / Math.sqrt(2);
    // (1,0,1) − (2,1,1) = (−1,−1,0); (3,2,1) − mean = (1,1,0); (2,1,1) − mean = 0 stays 0.
    assertArrayEquals(new double[] {-r, -r, 0, r, r, 0, 0, 0, 0}, s.train().x(), 1e-15);
    // the test row is shifted by the training mean, not its own: (2,1,4) − (2,1,1) = (0,0,3) → (0,0,1)
    assertArrayEquals(new double[] {0, 0, 1}, s.test().x(), 1e-15);
    assertArrayEquals(TRAIN.y(), s.train().y());
    assertArrayEquals(new double[] {1, 0, 1, 3, 2, 1, 2, 1, 1}, TRAIN.x(), "input rows are not modified");
  }

  @Test
  void unitNormalisesEachRowWithoutShift() {
    InputScaling.Scaled s = InputScaling.UNIT.apply(TRAIN, null);
    for (int i = 0; i < 3; i++) {
      double n = 0;
      for (int j = 0; j < 3; j++) n += s.train().x()[i * 3 + j] * s.train().x()[i * 3 + j];
      assertEquals(1.0, n, 1e-14);
    }
    assertEquals(1 / Math.sqrt(2), s.train().x()[0], 1e-15);
    assertEquals(0.0, s.train().x()[1]);
    assertTrue(s.test() == null);
  }

  @Test
  void rawKeepsTheRowsAndParseNamesTheFlag() {
    assertSame(TRAIN, InputScaling.RAW.apply(TRAIN, TEST).train());
    assertEquals(InputScaling.CENTER_UNIT, InputScaling.parse(" Center-Unit "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputScaling.parse("zca"));
    assertTrue(e.getMessage().startsWith("--input-scaling"), e.getMessage());
  }
}
