package org.stochopt.spark.precond;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.precond.PreconditionerBuilder;
import org.stochopt.core.precond.PreconditionerConfig;
import org.stochopt.core.precond.SecondMoment;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/** Σ_X is one task over the partitioned runtime: in-process and on local[2] it is the same sum, bit for bit. */
class SecondMomentOnSparkTest {
  private static final int P = 5;
  private static final int N = 1500;
  private static final int D = 40;
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  /** Partition p's rows, a pure function of p (sparse rows: density 0.5). */
  private static RowBlock block(int p) {
    LogisticTeacher t = new LogisticTeacher(N, D, 0.5, 10, 3);
    return t.generate((long) p * N / P, (long) (p + 1) * N / P);
  }

  @Test
  void fullAndDiagonalSecondMomentsAgreeBitForBit() {
    List<RowBlock> local = new ArrayList<>();
    for (int p = 0; p < P; p++) local.add(block(p));
    LocalPartitionRunner<RowBlock> inProcess = new LocalPartitionRunner<>(local, 2);
    try (SparkPartitionRunner<RowBlock> spark = SparkPartitionRunner.generate(sc, P, SecondMomentOnSparkTest::block, Integer.MAX_VALUE)) {
      for (boolean full : new boolean[] {true, false}) {
        SecondMoment a = SecondMoment.estimate(inProcess, D, full);
        SecondMoment b = SecondMoment.estimate(spark, D, full);
        assertEquals(N, b.count());
        assertArrayEquals(a.diagonal(), b.diagonal(), 0.0);
        if (full) assertArrayEquals(a.matrix(), b.matrix(), 0.0);
      }
      // And so is the factorised preconditioner built from them.
      for (String spec : new String[] {"fisher", "fisher:0.5", "additive:0.3", "diag"}) {
        PreconditionerConfig config = PreconditionerConfig.of(spec);
        double[] g = new double[D];
        for (int j = 0; j < D; j++) g[j] = Math.sin(j + 1.0);
        double[] pa = new double[D];
        double[] pb = new double[D];
        PreconditionerBuilder.build(inProcess, D, config).preconditioner().apply(g, pa);
        PreconditionerBuilder.build(spark, D, config).preconditioner().apply(g, pb);
        assertArrayEquals(pa, pb, 0.0, spec);
      }
    }
  }
}
