package org.stochopt.spark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.spark.SparkTestSession;

/**
 * {@link PartitionRunner#exchange}: every message reaches its addressee, the inbox is indexed by
 * sender (never by arrival), partitions that send nothing leave null slots, blocks are replaced, and
 * the Spark shuffle and the in-process hand-off give the same blocks, also when Spark defers
 * exchanges without a result into the next call.
 */
class PartitionExchangeTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  /** Block p is a log of what p received; partition p sends "p→q" to q = p + 1, p + 2 (mod P), and nothing from partition 1. */
  private static List<String> run(PartitionRunner<String> runner, int rounds) {
    int parts = runner.partitions();
    for (int r = 0; r < rounds; r++) {
      int round = r;
      runner.exchange((p, b) -> {
        List<String> out = new ArrayList<>();
        for (int q = 0; q < parts; q++) out.add(p == 1 || (q != (p + 1) % parts && q != (p + 2) % parts) ? null : round + ":" + p + "→" + q);
        return out;
      }, (q, b, inbox) -> b + "|" + inbox, null);
    }
    // The exchanges above return nothing (Spark defers them into this call's job).
    return runner.map((q, b) -> b, false).results();
  }

  @Test
  void messagesArriveAtTheirAddresseeIndexedBySender() {
    int parts = 4;
    List<String> initial = List.of("a", "b", "c", "d");
    List<String> local;
    try (LocalPartitionRunner<String> r = new LocalPartitionRunner<>(initial, 3)) {
      local = run(r, 3);
    }
    // Partition 3 receives from 1 (nothing: 1 sends none) and 2 (2 + 1); partition 0 from 2 (2 + 2) and 3 (3 + 1).
    assertEquals("d|[null, null, 0:2→3, null]|[null, null, 1:2→3, null]|[null, null, 2:2→3, null]", local.get(3));
    assertEquals("a|[null, null, 0:2→0, 0:3→0]|[null, null, 1:2→0, 1:3→0]|[null, null, 2:2→0, 2:3→0]", local.get(0));
    try (SparkPartitionRunner<String> r = SparkPartitionRunner.owning(sc, sc.parallelize(initial, parts).cache())) {
      assertEquals(local, run(r, 3));
    }
  }
}
