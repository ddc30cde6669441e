package org.stochopt.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * The two-batch noise-scale estimator against tr(Σ)/|G|² computed by brute force from every
 * per-example gradient ∇fᵢ(x) = φ′(⟨x, aᵢ⟩; yᵢ)·aᵢ (written out here, not taken from the oracle).
 */
class GradientNoiseScaleTest {
  private static final int N = 60;
  private static final int D = 5;
  private final Loss loss = new LogisticLoss();
  private final RowBlock rows = TestData.builder(N, D, 1.0, true, 11).build(D, 0);
  private final double[] x = point();

  private static double[] point() {
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[D];
    for (int j = 0; j < D; j++) x[j] = r.nextDouble() - 0.5;
    return x;
  }

  /** Per-example gradients, by hand. */
  private double[][] perExample() {
    double[][] g = new double[N][D];
    for (int i = 0; i < N; i++) rows.axpy(i, loss.derivative(rows.dot(i, x), rows.label(i)), g[i]);
    return g;
  }

  private record Exact(double traceSigma, double signal) {}

  private Exact exact() {
    double[][] g = perExample();
    double[] mean = new double[D];
    for (double[] gi : g) for (int j = 0; j < D; j++) mean[j] += gi[j] / N;
    double trace = 0;
    for (double[] gi : g) for (int j = 0; j < D; j++) trace += (gi[j] - mean[j]) * (gi[j] - mean[j]) / N;
    double signal = 0;
    for (int j = 0; j < D; j++) signal += mean[j] * mean[j];
    return new Exact(trace, signal);
  }

  @Test
  void singletonsAgainstTheFullBatchAreExact() {
    // Small batch = every single row once, big batch = all n rows: c(1) = 1, c(n) = 0, so the
    // averages are exactly E|∇fᵢ|² and |G|², and the estimator must reproduce tr(Σ) and |G|².
    double[][] g = perExample();
    double[] small = new double[N];
    double[] big = new double[N];
    Exact e = exact();
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) small[i] += g[i][j] * g[i][j];
      big[i] = e.signal();
    }
    GradientNoiseScale.Estimate est =
        GradientNoiseScale.fromPairs(N, 1, N, SamplingScheme.WITHOUT_REPLACEMENT, small, big);
    assertEquals(e.traceSigma(), est.traceSigma(), 1e-12 * e.traceSigma());
    assertEquals(e.signal(), est.gradientNormSquared(), 1e-12 * e.signal());
    assertEquals(e.traceSigma() / e.signal(), est.simpleNoiseScale(), 1e-9 * est.simpleNoiseScale());
  }

  @Test
  void sampledEstimateConvergesToTheBruteForceValue() {
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(loss, D), TestData.split(rows, 3));
    Exact e = exact();
    double exactScale = e.traceSigma() / e.signal();
    // A big batch of 45 of 60 rows: without the finite-population correction its variance would be
    // taken as tr(Σ)/45 instead of tr(Σ)·15/(45·59), a 4x error that biases |G|² and with it B_simple.
    GradientNoiseScale.Estimate est = GradientNoiseScale.estimate(oracle, x, 4, 45, 20_000, 7);
    assertEquals(e.traceSigma(), est.traceSigma(), 0.03 * e.traceSigma());
    assertEquals(e.signal(), est.gradientNormSquared(), 0.03 * e.signal());
    assertEquals(exactScale, est.simpleNoiseScale(), 0.05 * exactScale);
    assertEquals(40_000, oracle.stats().rounds(), "two counted rounds per pair");
  }

  @Test
  void theUncorrectedFormulaIsMeasurablyWrongAtLargeBatches() {
    // Guards the test above: the with-replacement factor c(b) = 1/b applied to without-replacement
    // draws must give a visibly different tr(Σ), so the tolerance above can catch a missing correction.
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(loss, D), TestData.split(rows, 3));
    GradientNoiseScale.Estimate est = GradientNoiseScale.estimate(oracle, x, 4, 45, 20_000, 7);
    double cs = GradientNoiseScale.varianceFactor(N, 4, SamplingScheme.WITHOUT_REPLACEMENT);
    double cb = GradientNoiseScale.varianceFactor(N, 45, SamplingScheme.WITHOUT_REPLACEMENT);
    double small = est.gradientNormSquared() + cs * est.traceSigma();
    double big = est.gradientNormSquared() + cb * est.traceSigma();
    double trace = (small - big) / (1.0 / 4 - 1.0 / 45);
    double signal = (big / 4 - small / 45) / (1.0 / 4 - 1.0 / 45);
    Exact e = exact();
    double uncorrected = trace / signal;
    assertTrue(Math.abs(uncorrected / (e.traceSigma() / e.signal()) - 1) > 0.1,
        "uncorrected " + uncorrected + " exact " + e.traceSigma() / e.signal());
  }

  @Test
  void rejectsBatchesInTheWrongOrder() {
    double[] v = {1.0};
    assertThrows(IllegalArgumentException.class,
        () -> GradientNoiseScale.fromPairs(N, 10, 5, SamplingScheme.WITHOUT_REPLACEMENT, v, v));
    assertThrows(IllegalArgumentException.class,
        () -> GradientNoiseScale.varianceFactor(N, N + 1, SamplingScheme.WITHOUT_REPLACEMENT));
  }
}
