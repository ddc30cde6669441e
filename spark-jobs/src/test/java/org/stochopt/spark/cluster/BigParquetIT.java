package org.stochopt.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet table many times larger than the driver's heap trains on a real standalone cluster:
 * the rows are generated on the executors by {@code export --format parquet}, read back by
 * {@code train --data parquet:...} on the executors, and never pass through the driver, whose heap
 * is the 512 MB that {@link StandaloneCluster#submit} gives every driver JVM.
 *
 * <p>Too heavy for every build (gigabytes of disk, minutes of two cores), so it runs only when asked:
 * <pre>
 * mvn -B -pl spark-jobs -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=BigParquetIT -Dstochopt.bigParquet=true [-Dstochopt.bigParquet.rows=14000000]
 * </pre>
 * The size rule is checked, not assumed: the written Parquet files must be at least
 * {@code stochopt.bigParquet.ratio} (default 10) times the driver's maximum heap.
 */
@EnabledIfSystemProperty(named = "stochopt.bigParquet", matches = "true")
class BigParquetIT {
  /** The heap {@link StandaloneCluster#submit} gives the driver JVM (its {@code -Xmx512m}). */
  private static final long DRIVER_HEAP = 512L << 20;

  @TempDir Path dir;

  @Test
  void aParquetTableTenTimesTheDriverHeapTrains() throws Exception {
    long rows = Long.getLong("stochopt.bigParquet.rows", 14_000_000L);
    // Few features with a wide spread of variances: the power iteration for L converges in a few dozen
    // passes (its rate is the ratio of the two largest variances, 10^(-4/49) = 0.83 here).
    int dim = Integer.getInteger("stochopt.bigParquet.dim", 50);
    double ratio = Double.parseDouble(System.getProperty("stochopt.bigParquet.ratio", "10"));
    int partitions = Integer.getInteger("stochopt.bigParquet.partitions", 128);
    Duration timeout = Duration.ofMinutes(Long.getLong("stochopt.bigParquet.minutes", 60L));
    Path base = Path.of(System.getProperty("stochopt.bigParquet.dir", dir.toString()));
    // 128 partitions keep a block at ~110 000 rows x 50 (44 MB): with 32 (437 000 rows per block) the
    // 2.5 GB executors ran out of heap while assembling the blocks from the shuffled rows.
    // Executors get most of the memory: they cache the rows (memory and disk); the driver gets 512 MB.
    StandaloneCluster.Settings settings = new StandaloneCluster.Settings(2, 1, "3g", "2560m", Duration.ofSeconds(120));
    try (StandaloneCluster cluster = StandaloneCluster.start(base.resolve("cluster"), settings)) {
      Path table = base.resolve("table");
      Path train = table.resolve("train.parquet");
      long t0 = System.nanoTime();
      // A table left by an earlier run in the same folder (stochopt.bigParquet.dir) is reused: it is the
      // same generated rows, and writing it again costs most of the test's time.
      if (!Files.isDirectory(train)) {
        StandaloneCluster.Result export = cluster.runStochopt(timeout, List.of(), "export",
            "--data", "synthetic:n=" + rows + ",d=" + dim + ",density=1,cond=1e4,seed=1", "--format", "parquet",
            "--partitions", Integer.toString(partitions), "--master", cluster.masterUrl(), "--out", table.toString());
        assertEquals(0, export.exitCode(), () -> "export failed:\n" + export.log() + cluster.diagnostics());
      }
      double exportSeconds = (System.nanoTime() - t0) / 1e9;
      long bytes = sizeOf(train);
      System.out.printf("BigParquetIT: %d rows x %d, parquet %.2f GB written in %.1f s (%.1f x the driver heap)%n",
          rows, dim, bytes / 1e9, exportSeconds, bytes / (double) DRIVER_HEAP);
      assertTrue(bytes >= ratio * DRIVER_HEAP, "the table must be at least " + ratio + " x the driver heap; it is "
          + bytes + " bytes: raise stochopt.bigParquet.rows");

      Path out = base.resolve("run");
      long t1 = System.nanoTime();
      StandaloneCluster.Result r = cluster.runStochopt(timeout, List.of(), "train", "--data", "parquet:" + train,
          "--method", "gd", "--max-rounds", "3", "--max-passes", "0", "--no-reference", "--reg", "l2:1e-4",
          "--partitions", Integer.toString(partitions), "--out", out.toString());
      double trainSeconds = (System.nanoTime() - t1) / 1e9;
      System.out.printf("BigParquetIT: train (read, cache, constants, 3 gd rounds) took %.1f s%n", trainSeconds);
      assertEquals(0, r.exitCode(), () -> "train failed:\n" + r.log() + cluster.diagnostics());
      assertTrue(r.log().contains("n=" + rows), () -> "all rows trained on:\n" + r.log());
      assertTrue(Files.exists(out.resolve("summary.json")), r.log());
      System.out.println(lastLines(r.log(), 12));
    }
  }

  private static long sizeOf(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static String lastLines(String log, int k) {
    String[] lines = log.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - k), lines.length));
  }
}
