package org.stochopt.core.method;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.LazyLocalStepsTest;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Local Katyusha's just-in-time epoch on sparse rows agrees with the dense epoch to 1e-12 (L2), and
 * bit for bit with λ₁ > 0 (skipped steps are then replayed, or skipped at the zero fixed point).
 */
class LazyKatyushaEpochTest {
  private static final int D = LazyLocalStepsTest.D;

  @ParameterizedTest(name = "{0} sigma={1} {2}")
  @CsvSource({"l2:1e-3, 1e-3, importance", "l2:1e-6, 1e-6, with-replacement", "none, 0, without-replacement",
    "l1:1e-2, 0, without-replacement", "'elasticnet:2e-2,0.5', 1e-2, importance"})
  void lazyEpochAgreesWithDenseEpoch(String reg, double sigma, String sampling) {
    CsrRowBlock block = LazyLocalStepsTest.rows(800, 7);
    LinearObjective f = new LinearObjective(new LogisticLoss(), D);
    Regularizer r = Regularizers.parse(reg);
    SplittableRandom rng = new SplittableRandom(8);
    double[] y = new double[D];
    double[] z = new double[D];
    double[] anchor = new double[D];
    double[] mu = new double[D];
    for (int j = 0; j < D; j++) {
      y[j] = rng.nextGaussian() * 0.1;
      z[j] = y[j] + rng.nextGaussian() * 0.05;
      anchor[j] = y[j] + rng.nextGaussian() * 0.01;
      mu[j] = rng.nextGaussian() * 1e-3;
    }
    LocalKatyushaConfig c = new LocalKatyushaConfig(4, 0.2, 0.4, 0.3, 300, sigma, SamplingScheme.parse(sampling));
    LocalKatyusha.PartitionEpoch lazy = new LocalKatyusha.PartitionEpoch(r, c, 0.2, 0.3, 300, y, z, anchor, mu, 5, 3);
    LocalKatyusha.PartitionEpoch dense = new LocalKatyusha.PartitionEpoch(r, c, 0.2, 0.3, 300, y, z, anchor, mu, 5, 3).dense();
    assertTrue(lazy.lazyApplies(block));
    double[] a = lazy.run(f, block, 2);
    double[] b = dense.run(f, block, 2);
    double[] scale = new double[3];
    for (int part = 0; part < 3; part++) {
      for (int j = 0; j < D; j++) scale[part] = Math.max(scale[part], Math.abs(b[part * D + j]));
    }
    int identical = 0;
    for (int i = 0; i < 3 * D; i++) {
      assertEquals(b[i], a[i], 1e-12 * scale[i / D], "entry " + i + " (" + new String[] {"y", "z", "anchor sum"}[i / D] + ")");
      if (a[i] == b[i]) identical++;
    }
    assertEquals(b[3 * D], a[3 * D], 0.0, "start loss");
    if (r.l1Weight() > 0) {
      assertEquals(3 * D, identical, "with L1 the skipped steps are replayed: bit for bit");
      int zeros = 0;
      for (int j = 0; j < D; j++) if (b[j] == 0.0) zeros++;
      assertTrue(zeros > D / 20, "L1 must have set coordinates to zero (" + zeros + ")");
    } else {
      assertTrue(identical < 3 * D, "the lazy path must really have run");
    }
  }
}
