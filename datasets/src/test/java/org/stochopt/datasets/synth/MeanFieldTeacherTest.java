package org.stochopt.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;

class MeanFieldTeacherTest {
  @Test
  void rowsArePureFunctionsOfSeedAndRowAndNoiseFreeLabelsAreTheTeacher() {
    MeanFieldTeacher t = MeanFieldTeacher.parse("teacher:n=30,d=4,m=3,noise=0,scale=1.5,test=5,seed=9");
    RowBlock all = t.generate(0, 30);
    RowBlock tail = t.generate(10, 30);
    double[][] w = t.directions();
    for (int r = 10; r < 30; r++) {
      double[] x = new double[4];
      double[] y = new double[4];
      int row = r;
      all.forEachEntry(row, (j, v) -> x[j] = v);
      tail.forEachEntry(row - 10, (j, v) -> y[j] = v);
      assertEquals(java.util.Arrays.toString(x), java.util.Arrays.toString(y));
      assertEquals(MeanFieldTeacher.teacherValue(w, x), all.label(r), 1e-15);
    }
    for (int k = 0; k < 3; k++) {
      double norm = 0;
      for (double v : w[k]) norm += v * v;
      assertEquals(1.5 * 1.5, norm, 1e-12);
      for (int l = 0; l < k; l++) {
        double dot = 0;
        for (int j = 0; j < 4; j++) dot += w[k][j] * w[l][j];
        assertEquals(0, dot, 1e-12);
      }
    }
    assertEquals(5, t.heldOut().rows());
    assertEquals(0.005, MeanFieldTeacher.parse("teacher:noise=0.1").noiseFloor(), 1e-15);
  }

  @Test
  void badSpecsNameTheKey() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MeanFieldTeacher.parse("teacher:n=10,q=1")).getMessage().contains("'q'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MeanFieldTeacher.parse("teacher:noise=-1")).getMessage().contains("noise"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MeanFieldTeacher.parse("teacher:d=x")).getMessage().contains("'d'"));
  }
}
