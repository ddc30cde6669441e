package org.stochopt.spark.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.reference.OwlqnSolver;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.reference.ReferenceCache;
import org.stochopt.core.reference.ReferenceOptimum;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.theory.GradientNoiseScale;
import org.stochopt.core.theory.MinibatchTheory;
import org.stochopt.core.theory.TheoryInputs;
import org.stochopt.datasets.Dataset;
import org.stochopt.spark.job.DataLoader;
import org.stochopt.spark.job.TestError;
import org.stochopt.spark.job.TrainingData;

/**
 * Everything a sweep measures once, before its cells: the data bound to a backend, the constants
 * n, L, L̄, L_max, μ, the reference optimum F* (cached on disk), the test set, the gradient noise
 * scale at the start point and at the optimum, and the theory built from them.
 */
public final class SweepProblem {
  /** The same fixed power-iteration seed as {@code train}: constants do not depend on run seeds. */
  private static final long CONSTANTS_SEED = 0x4C5F455354L;
  private static final long NOISE_SEED = 0x4E4F495345L;

  public final Loss loss;
  public final Regularizer reg;
  public final TrainingData data;
  public final int partitions;
  public final ProblemConstants constants;
  public final ReferenceOptimum reference;
  /** Where F* came from, so that a point below it can remove the entry. */
  final ReferenceCache referenceCache;
  final String referenceKey;
  public final TestError testError;
  public final GradientNoiseScale.Estimate noiseAtStart;
  public final GradientNoiseScale.Estimate noiseAtOptimum;
  public final MinibatchTheory theory;

  public SweepProblem(SweepConfig c, TrainingData data, int partitions, Path cacheDir, PrintStream log) {
    this.loss = Losses.parse(c.loss());
    this.reg = Regularizers.parse(c.regularizer());
    this.data = data;
    this.partitions = partitions;
    var oracle = data.oracle();
    this.constants = ProblemConstants.estimate(oracle, loss.curvatureBound(), reg, CONSTANTS_SEED);
    ProblemConstants k = constants;
    log.printf(Locale.ROOT, "data %s: n=%d d=%d  L=%.4g  L̄=%.4g  L_max=%.4g  μ=%.4g  κ=%.4g%n",
        data.name(), k.n(), k.d(), k.globalL(), k.meanL(), k.maxL(), k.mu(), k.condition());
    int last = c.batchSizes().get(c.batchSizes().size() - 1);
    if (last > k.n()) {
      throw SweepConfig.bad("batch_sizes[" + (c.batchSizes().size() - 1) + "]", last + " exceeds the " + k.n() + " rows of " + c.data());
    }

    String key = ReferenceCache.key(oracle.summary().fingerprint(), k.n(), k.d(), loss.name(), reg.spec());
    long t0 = System.nanoTime();
    this.referenceCache = new ReferenceCache(cacheDir, m -> log.println("warning: " + m));
    this.referenceKey = key;
    this.reference = referenceCache.getOrCompute(key,
        () -> OwlqnSolver.highPrecision().solve(oracle, reg, new double[k.d()]),
        r -> new Evaluator(oracle, reg, k.globalL(), Double.NaN, null).referenceProblem(r.objective(), r.solution()));
    log.printf(Locale.ROOT, "reference optimum F* = %.15g (%d iterations, residual %.2e, %.1fs incl. cache)%n",
        reference.objective(), reference.iterations(), reference.optimalityResidual(), (System.nanoTime() - t0) / 1e9);

    String testSpec = c.testData() != null ? c.testData() : DataLoader.defaultTestSpec(c.data());
    if (testSpec != null) {
      Dataset test = DataLoader.load(testSpec, TrainingData.labelPolicy(loss), k.d(), true);
      if (test.dim() != k.d()) {
        throw SweepConfig.bad("test_data", "has dimension " + test.dim() + " but the training data has " + k.d());
      }
      this.testError = new TestError(test.block(), loss);
    } else {
      this.testError = null;
    }

    int small = (int) Math.min(c.noiseSmallBatch(), Math.max(1, k.n() - 1));
    int big = c.noiseBigBatchFor(k.n());
    if (big <= small) {
      throw SweepConfig.bad("noise_scale", "n = " + k.n() + " leaves no room for a big batch above small_batch " + small);
    }
    this.noiseAtStart = GradientNoiseScale.estimate(oracle, new double[k.d()], small, big, c.noisePairs(), NOISE_SEED);
    this.noiseAtOptimum = GradientNoiseScale.estimate(oracle, reference.solution(), small, big, c.noisePairs(), NOISE_SEED + 1);
    log.printf(Locale.ROOT, "gradient noise scale B_simple = tr(Σ)/|G|²: %.4g at w=0, %.4g at w* (batches %d and %d, %d pairs)%n",
        noiseAtStart.simpleNoiseScale(), noiseAtOptimum.simpleNoiseScale(), small, big, c.noisePairs());

    double epsilon = c.target() * Math.abs(reference.objective());
    double r2 = Math.pow(Vec.norm2(reference.solution()), 2); // x₀ = 0
    this.theory = new MinibatchTheory(new TheoryInputs(k, epsilon, r2, Math.max(0, noiseAtOptimum.traceSigma())));
    log.printf(Locale.ROOT, "theory: b* = %d, Katyusha phase transition √(n·L̄/L) = %.1f, accelerated floor √κ·ℓ = %.1f%n",
        theory.optimalBatchSize(), theory.phaseTransition(), theory.acceleratedFloor());
  }
}
