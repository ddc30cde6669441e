package org.stochopt.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.DenseRowBlock;

class LowNoiseDataTest {

  @Test
  void rowsRespectTheMarginAndTheNoiseRate() {
    LowNoiseData data = new LowNoiseData(20_000, 4, 0.2, 0.15, 3);
    DenseRowBlock rows = data.generate(0, data.n());
    DenseRowBlock clean = data.bayesLabels().generate(0, data.n());
    int flipped = 0;
    double[] x = new double[4];
    for (int r = 0; r < rows.rows(); r++) {
      java.util.Arrays.fill(x, 0);
      rows.forEachEntry(r, (j, v) -> x[j] = v);
      assertTrue(Math.abs(x[0]) >= 0.2 && Math.abs(x[0]) <= 1 && Math.abs(x[1]) >= 0.2 && Math.abs(x[1]) <= 1);
      for (int j = 2; j < 4; j++) assertTrue(Math.abs(x[j]) <= 1);
      assertEquals(LowNoiseData.bayesLabel(x, 0), clean.label(r));
      if (rows.label(r) != clean.label(r)) flipped++;
    }
    // Binomial(20000, 0.15): sd ≈ 50 flips; allow 5 sd.
    assertEquals(0.15 * 20_000, flipped, 250);
    assertEquals(0.35, data.lowNoiseDelta(), 1e-15);
  }

  @Test
  void anyRowRangeGivesTheSameRows() {
    LowNoiseData data = new LowNoiseData(1000, 3, 0.05, 0.1, 9);
    DenseRowBlock all = data.generate(0, 1000);
    DenseRowBlock part = data.generate(400, 700);
    assertEquals(400, part.firstRow());
    for (int r = 0; r < 300; r++) {
      assertEquals(all.label(400 + r), part.label(r));
      double[] w = {1, 10, 100};
      assertEquals(all.dot(400 + r, w), part.dot(r, w), 0.0);
    }
    assertArrayEquals(all.labelsView(), data.withRows(5000).generate(0, 1000).labelsView());
  }

  @Test
  void specRoundTripsAndBadSpecsNameTheKey() {
    LowNoiseData d = LowNoiseData.parse("lownoise:n=500,d=3,margin=0.25,noise=0.05,seed=4");
    assertEquals(new LowNoiseData(500, 3, 0.25, 0.05, 4), d);
    assertEquals(d, LowNoiseData.parse(d.toSpec()));
    assertEquals(LowNoiseData.DEFAULTS, LowNoiseData.parse("lownoise"));
    for (String[] bad : new String[][] {
        {"lownoise:noise=0.5", "noise must be in [0, 0.5)"}, {"lownoise:margin=1", "margin must be in [0, 1)"},
        {"lownoise:d=1", "d must be at least 2"}, {"lownoise:n=1.5", "key 'n' must be an integer"},
        {"lownoise:width=2", "unknown key 'width'"}, {"lownoise:margin=abc", "key 'margin' must be a number"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LowNoiseData.parse(bad[0]));
      assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains(bad[0]), e.getMessage());
    }
  }
}
