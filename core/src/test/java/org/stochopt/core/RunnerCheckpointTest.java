package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.method.ProxSgd;
import org.stochopt.core.method.ProxSgdConfig;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.CheckpointFile;
import org.stochopt.core.optim.Checkpointing;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.RunnerCheckpoint;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.DataSummary;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.core.trace.TraceRecord;

/**
 * A run that crashes after its last checkpoint and is resumed in a fresh "process" (new oracle,
 * new method object, state read back from disk) ends bit-identically to the uninterrupted run.
 */
class RunnerCheckpointTest {
  private static final int D = 10;
  private static final RowBlock BLOCK = TestData.builder(500, D, 0.7, true, 33).build(D, 0);
  private static final Regularizer REG = Regularizers.parse("elasticnet:1e-3,0.3");
  private static final long ROUNDS = 150;

  @TempDir Path dir;

  @Test
  void svrgResumedAfterACrashEqualsTheUninterruptedRun() {
    checkResume(() -> new ProxSvrg(new ProxSvrgConfig(8, 0.5, 40, ProxSvrgConfig.Anchor.AVERAGE)), 97);
  }

  @Test
  void sgdWithAveragingResumedAfterACrashEqualsTheUninterruptedRun() {
    checkResume(() -> new ProxSgd(new ProxSgdConfig(8, new StepSchedule(StepSchedule.Kind.INVERSE_T, 1.0, 20),
        ProxSgdConfig.Averaging.LINEAR)), 113);
  }

  @Test
  void aCheckpointOfAnotherRunIsRefused() {
    Path file = dir.resolve("checkpoint.bin");
    run(sgd(), new CrashingOracle(fresh(), Long.MAX_VALUE), ROUNDS,
        new Checkpointing(30, new CheckpointFile(file), "sgd b=8 seed=5", null, null));
    RunnerCheckpoint cp = new CheckpointFile(file).read();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpointing(30, new CheckpointFile(file), "sgd b=16 seed=5", null, cp));
    assertTrue(e.getMessage().contains("different run"), e.getMessage());
  }

  @Test
  void missingAndDamagedCheckpointsAreClearUserErrors() throws Exception {
    Path missing = dir.resolve("nope.bin");
    IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> new CheckpointFile(missing).read());
    assertTrue(e1.getMessage().contains("no checkpoint to resume"), e1.getMessage());
    Path damaged = dir.resolve("damaged.bin");
    Files.writeString(damaged, "not a checkpoint");
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> new CheckpointFile(damaged).read());
    assertTrue(e2.getMessage().contains("damaged checkpoint"), e2.getMessage());
  }

  /** Fault injection: every 97th byte of a real checkpoint flipped in turn; every flip is refused, none resumes. */
  @Test
  void everyFlippedByteOfACheckpointIsDetected() throws Exception {
    Path file = dir.resolve("checkpoint.bin");
    run(sgd(), new CrashingOracle(fresh(), Long.MAX_VALUE), ROUNDS,
        new Checkpointing(30, new CheckpointFile(file), "sgd b=8 seed=5", null, null));
    byte[] good = Files.readAllBytes(file);
    new CheckpointFile(file).read(); // the intact file reads
    int flips = 0;
    for (int i = 0; i < good.length; i += 97) {
      byte[] bad = good.clone();
      bad[i] ^= (byte) (1 << (i % 8));
      Files.write(file, bad);
      final int at = i;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CheckpointFile(file).read(),
          "flipped byte " + at + " of " + good.length + " was not detected");
      assertTrue(e.getMessage().contains("damaged checkpoint") && e.getMessage().contains(file.toString()), e.getMessage());
      flips++;
    }
    assertTrue(flips >= 10, "a checkpoint of " + good.length + " bytes gives " + flips + " flips");
  }

  /** A point below F* proves F* wrong: the evaluator refuses to measure against it (no negative suboptimality). */
  @Test
  void aPointBelowTheReferenceIsAnErrorAndAClaimedOptimumIsChecked() {
    GradientOracle oracle = fresh();
    double f0 = new Evaluator(oracle, REG, 1, Double.NaN, null).measure(new double[D]).objective();
    Evaluator tooHigh = new Evaluator(oracle, REG, 1, f0 - 1e-3, null); // F* "above" a point we will reach
    double[] w = new double[D];
    org.stochopt.core.optim.BelowReferenceException e = assertThrows(org.stochopt.core.optim.BelowReferenceException.class,
        () -> new Evaluator(oracle, REG, 1, f0 + 1e-3, null).measure(w));
    assertTrue(e.getMessage().contains("below the reference optimum"), e.getMessage());
    assertEquals(f0, tooHigh.measure(w).objective(), 0.0, "a point above F* measures normally");
    // w = 0 with F* = F(0) is self-consistent but not a minimizer: the check says so.
    String problem = new Evaluator(oracle, REG, 1, Double.NaN, null).referenceProblem(f0, w);
    assertTrue(problem != null && problem.contains("not a minimizer"), String.valueOf(problem));
    assertTrue(new Evaluator(oracle, REG, 1, Double.NaN, null).referenceProblem(f0 + 0.1, w).contains("F(w*)"));
  }

  private static Method<?> sgd() {
    return new ProxSgd(new ProxSgdConfig(8, new StepSchedule(StepSchedule.Kind.CONSTANT, 0.5, 1), ProxSgdConfig.Averaging.UNIFORM));
  }

  /** The optimal minibatch methods (importance sampling, nested and multi-sequence states) resume bit-identically too. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"katyusha", "dasvrda", "accsvrg-appa", "local-katyusha", "local-svrg"})
  void optimalMinibatchMethodsResumeBitIdentically(String name) {
    ProblemConstants k = ProblemConstants.estimate(fresh(), 0.25, REG, 1);
    SamplingScheme is = SamplingScheme.IMPORTANCE;
    Supplier<Method<?>> m = switch (name) {
      case "katyusha" -> () -> new org.stochopt.core.method.Katyusha(org.stochopt.core.method.KatyushaConfig.theory(k, 8, is));
      case "dasvrda" -> () -> new org.stochopt.core.method.Dasvrda(org.stochopt.core.method.DasvrdaConfig.theory(k, 8, is));
      case "local-katyusha" -> () -> new org.stochopt.core.method.LocalKatyusha(
          org.stochopt.core.method.LocalKatyushaConfig.theory(k, 2, fresh().partitionSizes().length, is));
      case "local-svrg" -> () -> new org.stochopt.core.method.LocalSvrg(
          new org.stochopt.core.method.LocalSvrgConfig(2, org.stochopt.core.optim.StepSizes.svrg(k, 2, is), 5, 3));
      default -> () -> new org.stochopt.core.method.AccSvrgAppa(org.stochopt.core.method.AccSvrgAppaConfig.theory(k, 8, is, true));
    };
    checkResume(m, 97, is);
  }

  private void checkResume(Supplier<Method<?>> method, long crashAtRound) {
    checkResume(method, crashAtRound, SamplingScheme.WITHOUT_REPLACEMENT);
  }

  private void checkResume(Supplier<Method<?>> method, long crashAtRound, SamplingScheme scheme) {
    RunResult whole = run(method.get(), fresh(), ROUNDS, Checkpointing.none(), scheme);

    Path file = dir.resolve("checkpoint.bin");
    String key = "test run";
    CrashingOracle crashing = new CrashingOracle(fresh(), crashAtRound);
    assertThrows(SimulatedCrash.class,
        () -> run(method.get(), crashing, ROUNDS, new Checkpointing(25, new CheckpointFile(file), key, "attached", null), scheme));

    RunnerCheckpoint cp = new CheckpointFile(file).read(); // what a new process finds on disk
    assertTrue(cp.spent().rounds() < crashAtRound && cp.spent().rounds() >= crashAtRound - 26, "last checkpoint before the crash");
    assertEquals("attached", cp.attachment());
    RunResult resumed = run(method.get(), fresh(), ROUNDS, new Checkpointing(25, new CheckpointFile(file), key, null, cp), scheme);

    assertArrayEquals(whole.solution(), resumed.solution(), 0.0); // bit-identical, not merely close
    assertEquals(whole.reason(), resumed.reason());
    assertEquals(whole.stats().rounds(), resumed.stats().rounds());
    assertEquals(whole.stats().componentGradients(), resumed.stats().componentGradients());
    assertEquals(withoutSeconds(whole.trace()), withoutSeconds(resumed.trace()));
  }

  private static List<TraceRecord> withoutSeconds(List<TraceRecord> trace) {
    return trace.stream().map(r -> new TraceRecord(r.step(), r.rounds(), r.gradientEvaluations(), r.effectivePasses(), 0.0,
        r.objective(), r.suboptimality(), r.relativeSuboptimality(), r.gradientMappingNorm(), r.testError(), r.nonZeros()))
        .toList();
  }

  private static InMemoryOracle fresh() {
    return new InMemoryOracle(new LinearObjective(new LogisticLoss(), D), TestData.split(BLOCK, 3));
  }

  private static RunResult run(Method<?> method, GradientOracle oracle, long rounds, Checkpointing checkpointing) {
    return run(method, oracle, rounds, checkpointing, SamplingScheme.WITHOUT_REPLACEMENT);
  }

  private static RunResult run(Method<?> method, GradientOracle oracle, long rounds, Checkpointing checkpointing,
      SamplingScheme scheme) {
    ProblemConstants k = ProblemConstants.estimate(oracle, 0.25, REG, 1);
    ProblemContext ctx = new ProblemContext(oracle, REG, oracle.samplingPlan(5, scheme), k);
    return runTyped(method, ctx, oracle, k, rounds, checkpointing);
  }

  private static <S extends org.stochopt.core.optim.MethodState> RunResult runTyped(Method<S> method, ProblemContext ctx,
      GradientOracle oracle, ProblemConstants k, long rounds, Checkpointing checkpointing) {
    // Evaluate every 20 rounds and every 0.7 passes, so evaluations fall between checkpoints too.
    return new Runner(new Runner.Options(0.7, 20, 1e6, "")).run(method, ctx, new double[D],
        new StoppingRules(rounds, 0, 0, 0, 0), new Evaluator(oracle, REG, k.globalL(), Double.NaN, null), r -> {},
        checkpointing);
  }

  private static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash() {
      super("simulated crash");
    }
  }

  /** Delegates to an oracle and dies at a given counted round, like a driver killed mid-run. */
  private static final class CrashingOracle implements GradientOracle {
    private final GradientOracle inner;
    private final long crashAt;

    CrashingOracle(GradientOracle inner, long crashAt) {
      this.inner = inner;
      this.crashAt = crashAt;
    }

    private void maybeCrash() {
      if (inner.stats().rounds() >= crashAt) throw new SimulatedCrash();
    }

    @Override public int dimension() { return inner.dimension(); }
    @Override public long size() { return inner.size(); }
    @Override public int[] partitionSizes() { return inner.partitionSizes(); }
    @Override public double fullGradient(double[] w, double[] g) {
      maybeCrash();
      return inner.fullGradient(w, g);
    }
    @Override public double batchGradient(double[] w, Minibatch b, double[] g) {
      maybeCrash();
      return inner.batchGradient(w, b, g);
    }
    @Override public void batchGradientDifference(double[] w, double[] a, Minibatch b, double[] d) {
      maybeCrash();
      inner.batchGradientDifference(w, a, b, d);
    }
    @Override public void localRound(org.stochopt.core.oracle.LocalWork work, double[] out) {
      maybeCrash();
      inner.localRound(work, out);
    }
    @Override public double evaluate(double[] w, double[] g) { return inner.evaluate(w, g); }
    @Override public void curvatureProduct(double[] v, double[] out) { inner.curvatureProduct(v, out); }
    @Override public double[] partitionMasses() { return inner.partitionMasses(); }
    @Override public DataSummary summary() { return inner.summary(); }
    @Override public OracleStats stats() { return inner.stats(); }
  }
}
