package org.stochopt.spark.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.Partition;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.oracle.DataSummary;
import org.stochopt.core.runtime.RepeatedVector;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.data.PartitionedData;
import scala.reflect.ClassTag$;

/** The Spark runtime's pieces: the job ({@link PartitionJob}), the runner's updates and null results, and the shipped anchor ({@link RepeatedVector}). */
class RoundShippingTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void partitionJobReturnsOneResultPerPartitionInPartitionOrder() {
    // 5 partitions of 0..9 (two each); partition 0 finishes last, so arrival order is not partition order.
    JavaRDD<Integer> rdd = sc.parallelize(Arrays.asList(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 5);
    List<int[]> sums = PartitionJob.run(rdd, it -> {
      List<Integer> xs = new ArrayList<>();
      it.forEachRemaining(xs::add);
      if (xs.get(0) == 0) sleep(300);
      return xs.stream().mapToInt(Integer::intValue).toArray();
    }, int[].class);
    assertEquals(5, sums.size());
    for (int p = 0; p < 5; p++) assertArrayEquals(new int[] {2 * p, 2 * p + 1}, sums.get(p), "partition " + p);
  }

  @Test
  void partitionJobGivesEmptyPartitionsTheirOwnResult() {
    JavaRDD<Integer> rdd = sc.parallelize(Arrays.asList(7), 3); // partitions 0 and 1 are empty
    List<Integer> counts = PartitionJob.run(rdd, it -> {
      int c = 0;
      for (; it.hasNext(); it.next()) c++;
      return c;
    }, Integer.class);
    assertEquals(List.of(0, 0, 1), counts);
  }

  @Test
  void partitionJobReportsTaskFailuresAsJobFailures() {
    JavaRDD<Integer> rdd = sc.parallelize(Arrays.asList(1, 2), 2);
    Exception e = assertThrows(Exception.class, () -> PartitionJob.run(rdd, it -> {
      throw new IllegalStateException("boom in a task");
    }, Integer.class));
    assertEquals(true, String.valueOf(e.getMessage()).contains("boom in a task"), e.getMessage());
  }

  @Test
  void aRepeatedAnchorIsBroadcastOnceAndAChangedOneReplacesIt() {
    try (RepeatedVector anchors = new RepeatedVector(oneBlock())) {
      double[] a = {1.0, -2.5, 3.25};
      Shipped<double[]> first = anchors.ship(a);
      assertInstanceOf(Shipped.Inline.class, first, "a first use rides inside the task");
      assertArrayEquals(a, first.value(), 0.0);
      a[0] = 99; // the shipped value is a copy: later writes by the caller do not reach the tasks
      assertEquals(1.0, first.value()[0]);

      double[] again = {1.0, -2.5, 3.25};
      Shipped<double[]> second = anchors.ship(again);
      assertFalse(second instanceof Shipped.Inline, "the second identical round uses a broadcast");
      Shipped<double[]> third = anchors.ship(again.clone());
      assertSame(second.value(), third.value(), "later identical rounds reuse the same broadcast");
      assertArrayEquals(again, tasksSee(third), 0.0);
      third.release(); // a round's release leaves the kept broadcast alone
      assertArrayEquals(again, tasksSee(second), 0.0);

      double[] changed = {1.0, -2.5, Math.nextUp(3.25)}; // one ulp is a different anchor
      Shipped<double[]> fourth = anchors.ship(changed);
      assertArrayEquals(changed, tasksSee(fourth), 0.0);
      assertThrows(Exception.class, third::value, "the old anchor's broadcast was destroyed");
    }
  }

  @Test
  void vectorsTooLongForTheClosureAreBroadcastOnFirstUse() {
    try (RepeatedVector anchors = new RepeatedVector(oneBlock())) {
      double[] big = new double[(int) (SparkPartitionRunner.CLOSURE_LIMIT_BYTES / 8) + 1];
      big[big.length - 1] = 4.0;
      Shipped<double[]> s = anchors.ship(big);
      assertFalse(s instanceof Shipped.Inline);
      assertEquals(4.0, tasksSee(s)[big.length - 1]);
    }
  }

  @Test
  void updatesReplaceBlocksAndEmptyPartitionsGiveNull() {
    JavaRDD<Integer> rdd = sc.parallelize(Arrays.asList(5, 7), 3); // partition 0 is empty
    try (SparkPartitionRunner<Integer> r = SparkPartitionRunner.generate(sc, 3, p -> 10 * p, 2)) {
      Round<Integer> round = r.update((p, b) -> b + 1, (p, b) -> b * 2);
      assertEquals(List.of(2, 22, 42), round.results());
      assertEquals(List.of(1, 11, 21), r.collect());
      Round<Object> none = r.update((p, b) -> b + 1, null);
      assertEquals(java.util.Arrays.asList(null, null, null), none.results());
      assertEquals(List.of(2, 12, 22), r.collect());
    }
    SparkPartitionRunner<Integer> over = SparkPartitionRunner.over(sc, rdd, 1);
    List<Integer> seen = over.map((p, b) -> p * 100 + b, false).results();
    assertEquals(3, seen.size());
    assertEquals(null, seen.get(0));
  }

  @Test
  void driverLoadedBlocksAreNotCarriedInsideEveryTask() {
    RowBlock all = new LogisticTeacher(4000, 50, 1.0, 10, 3).generate(0, 4000); // 1.6 MB of rows
    List<RowBlock> layout = PartitionedData.layout(all, 2);
    PartitionedData data = PartitionedData.fromBlocks(sc, layout);
    try {
      // A task carries its partition object: it must not hold the rows (sc.parallelize(blocks) would).
      var ser = SparkEnv.get().closureSerializer().newInstance();
      for (Partition p : data.blocks().rdd().partitions()) {
        int bytes = ser.serialize(p, ClassTag$.MODULE$.AnyRef()).remaining();
        assertTrue(bytes < 4096, "partition " + p.index() + " serializes to " + bytes + " bytes");
      }
      List<RowBlock> back = data.collect();
      assertEquals(2, back.size());
      for (int q = 0; q < 2; q++) {
        assertEquals(DataSummary.of(layout.get(q)).fingerprint(), DataSummary.of(back.get(q)).fingerprint(), "partition " + q);
      }
    } finally {
      data.close();
    }
    data.close(); // closing twice is harmless
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The vector as the tasks of a job read it (through the task binary or the broadcast). */
  private static double[] tasksSee(Shipped<double[]> v) {
    return PartitionJob.run(sc.parallelize(List.of(0), 1), it -> v.value().clone(), double[].class).get(0);
  }

  private static SparkPartitionRunner<Integer> oneBlock() {
    return SparkPartitionRunner.over(sc, sc.parallelize(List.of(0), 1), 1);
  }
}
