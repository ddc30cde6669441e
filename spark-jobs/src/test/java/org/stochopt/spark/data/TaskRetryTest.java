package org.stochopt.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.job.DataLoader;
import org.stochopt.spark.oracle.SparkGradientOracle;
import org.stochopt.spark.oracle.SparkGradientOracle.Reduction;

/**
 * Spark re-runs failed tasks ({@code local[2,3]}: up to 3 attempts). A task that fails on its first
 * attempt in every round must not change the run: with the ordered reduction the iterates are
 * bit-identical to the in-process run with the same seed.
 */
class TaskRetryTest {
  private static final LogisticTeacher DATA = new LogisticTeacher(2000, 12, 0.7, 10, 8);
  private static final int PARTITIONS = 3;
  private static final int FAILING_PARTITION = 1;
  /** Injected failures so far (local mode: tasks run in this JVM, so a static counter sees them). */
  private static final AtomicInteger INJECTED = new AtomicInteger();
  private static JavaSparkContext sc;
  private static PartitionedData cached;

  @BeforeAll
  static void start() {
    sc = JavaSparkContext.fromSparkContext(SparkSessions.create("local[2,3]", "stochopt-task-retry").sparkContext());
    cached = PartitionedData.generate(sc, DATA.n(), PARTITIONS, DATA.d(), DATA::generate);
  }

  @AfterAll
  static void stop() {
    cached.close();
    sc.stop();
  }

  /** The cached blocks, seen through a step whose first attempt fails on one partition in every job. */
  private static PartitionedData failingOnFirstAttempt() {
    JavaRDD<PartitionBlock> failing = cached.blocks().map(pb -> {
      if (pb.partition() == FAILING_PARTITION && TaskContext.get().attemptNumber() == 0) {
        INJECTED.incrementAndGet();
        throw new IllegalStateException("injected failure of partition " + pb.partition());
      }
      return pb;
    });
    return PartitionedData.wrap(failing, cached.partitionSizes(), cached.dimension());
  }

  @Test
  void retriedTasksGiveTheBitIdenticalRun() {
    Regularizer reg = Regularizers.parse("elasticnet:1e-3,0.5");
    InMemoryOracle local = new InMemoryOracle(new LinearObjective(new LogisticLoss(), DATA.d()),
        DataLoader.syntheticPartitions(DATA, PARTITIONS));
    SparkGradientOracle spark = new SparkGradientOracle(sc, failingOnFirstAttempt(),
        new LinearObjective(new LogisticLoss(), DATA.d()), Reduction.ORDERED);

    int before = INJECTED.get();
    RunResult a = run(local, reg);
    RunResult b = run(spark, reg);
    int injected = INJECTED.get() - before;
    assertTrue(injected >= b.stats().rounds(), "a failure was injected in every round: " + injected);
    assertArrayEquals(a.solution(), b.solution(), 0.0);
    assertEquals(a.trace().size(), b.trace().size());
    for (int i = 0; i < a.trace().size(); i++) assertEquals(a.trace().get(i).objective(), b.trace().get(i).objective(), 0.0);
  }

  private static RunResult run(GradientOracle oracle, Regularizer reg) {
    ProblemConstants k = ProblemConstants.estimate(oracle, 0.25, reg, 9);
    ProxSvrg svrg = new ProxSvrg(new ProxSvrgConfig(16, StepSizes.svrg(k, 16), 40, ProxSvrgConfig.Anchor.LAST));
    ProblemContext ctx = new ProblemContext(oracle, reg,
        new SamplingPlan(5, oracle.partitionSizes(), SamplingScheme.WITHOUT_REPLACEMENT), k);
    return new Runner(new Runner.Options(1.0, 20, 1e6, "")).run(svrg, ctx, new double[DATA.d()],
        new StoppingRules(60, 0, 0, 0, 0), new Evaluator(oracle, reg, k.globalL(), Double.NaN, null), r -> {});
  }
}
