package org.stochopt.core.cocoa;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.oracle.LazyLocalStepsTest;

/**
 * The SDCA step's v and Δw_k interleaved in one array on sparse rows: its dot and paired axpy give the
 * same bits as {@link CsrRowBlock#dot} and two {@link CsrRowBlock#axpy} calls on separate vectors.
 */
class InterleavedSdcaVectorsTest {
  @Test
  void pairedOperationsAreBitIdenticalToTheSeparateOnes() {
    CsrRowBlock rows = LazyLocalStepsTest.rows(300, 7);
    int d = rows.dim();
    SplittableRandom rng = new SplittableRandom(3);
    double[] v = new double[d];
    double[] dw = new double[d];
    for (int j = 0; j < d; j++) v[j] = rng.nextDouble() - 0.5;
    double[] vr = SdcaLocalSolver.interleave(v);
    for (int step = 0; step < 3000; step++) {
      int i = rng.nextInt(rows.rows());
      assertEquals(rows.dot(i, v), SdcaLocalSolver.dotEven(rows, i, vr), "row " + i);
      // Zero scales too: the separate axpy skips them (an added 0·x would turn −0.0 into +0.0).
      double a = step % 7 == 0 ? 0.0 : rng.nextDouble() - 0.5;
      double b = step % 11 == 0 ? 0.0 : (rng.nextDouble() - 0.5) * 1e-3;
      rows.axpy(i, a, v);
      rows.axpy(i, b, dw);
      SdcaLocalSolver.axpyPairs(rows, i, a, b, vr);
    }
    for (int j = 0; j < d; j++) {
      assertEquals(Double.doubleToRawLongBits(v[j]), Double.doubleToRawLongBits(vr[2 * j]), "v_" + j);
      assertEquals(Double.doubleToRawLongBits(dw[j]), Double.doubleToRawLongBits(vr[2 * j + 1]), "Δw_" + j);
    }
  }
}
