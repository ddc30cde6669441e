package org.stochopt.spark.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.cli.StochoptMain;
import org.stochopt.datasets.io.LibsvmWriter;
import org.stochopt.datasets.synth.LogisticTeacher;
import org.stochopt.spark.report.RunWriter;

/**
 * hdfs:// for real: Hadoop's in-process MiniDFSCluster (one NameNode, one DataNode on loopback),
 * LIBSVM and Parquet data written into it, {@code train} from both on local[2] (same model), a
 * {@code sweep} on the Parquet table with its history written to HDFS, and {@code sweep-history}
 * reading it back from there. Its run time is printed (docs/scheduling.md quotes it).
 */
class HdfsRoundTripTest {
  private static int cli(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  @Test
  void trainAndSweepFromHdfsAndKeepTheHistoryThere(@TempDir Path dir) throws Exception {
    long t0 = System.nanoTime();
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      cluster.waitActive();
      String hdfs = "hdfs://localhost:" + cluster.getNameNodePort();
      double started = (System.nanoTime() - t0) / 1e9;
      FileSystem fs = cluster.getFileSystem();

      // LIBSVM written by the local writer and copied in; Parquet written by export on Spark executors.
      LogisticTeacher t = new LogisticTeacher(3000, 20, 0.5, 5, 7);
      Path local = dir.resolve("data.svm");
      LibsvmWriter.write(t.generate(0, t.n()), local);
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(hdfs + "/data/data.svm"));
      StringWriter err = new StringWriter();
      assertEquals(0, cli(err, "export", "--data", hdfs + "/data/data.svm", "--format", "parquet", "--out", hdfs + "/data/pq"),
          err.toString());
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(hdfs + "/data/pq/train.parquet/_SUCCESS")));

      String[] train = {"--master", "local[2]", "--partitions", "3", "--method", "svrg", "--batch-size", "16", "--max-rounds", "40",
          "--max-passes", "0", "--no-reference", "--eval-every", "1"};
      assertEquals(0, cli(err, concat(new String[] {"train", "--data", hdfs + "/data/data.svm", "--out", dir.resolve("svm").toString()},
          train)), err.toString());
      assertEquals(0, cli(err, concat(new String[] {"train", "--data", "parquet:" + hdfs + "/data/pq/train.parquet", "--out",
          dir.resolve("pq").toString()}, train)), err.toString());
      double[] a = RunWriter.readWeights(dir.resolve("svm/weights.csv"));
      double[] b = RunWriter.readWeights(dir.resolve("pq/weights.csv"));
      assertEquals(a.length, b.length);
      for (int j = 0; j < a.length; j++) assertEquals(a[j], b[j], 1e-9, "weight " + j);

      Path config = dir.resolve("sweep.yaml");
      Files.writeString(config, String.join("\n", "name: hdfs-sweep", "data: parquet:" + hdfs + "/data/pq/train.parquet",
          "regularizer: l2:1e-2", "methods: [svrg]", "batch_sizes: [8, 64]", "seeds: [1]", "target: 1e-2", "max_passes: 20",
          "master: local[2]", "partitions: 2", "noise_scale: {small_batch: 4, pairs: 4}", ""));
      assertEquals(0, cli(err, "sweep", "--config", config.toString(), "--out", dir.resolve("sweep").toString(),
          "--cache-dir", dir.resolve("cache").toString(), "--history", hdfs + "/history"), err.toString());
      assertEquals(1, fs.listStatus(new org.apache.hadoop.fs.Path(hdfs + "/history")).length, "one run folder in the HDFS history");
      assertEquals(0, cli(err, "sweep-history", "--history", hdfs + "/history", "--out", dir.resolve("trend").toString()),
          err.toString());
      assertTrue(Files.readString(dir.resolve("trend/trend.md")).contains("hdfs-sweep"));
      System.out.printf("HDFS round trip: MiniDFSCluster up in %.1fs, whole test %.1fs%n", started, (System.nanoTime() - t0) / 1e9);
    } finally {
      cluster.shutdown();
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
