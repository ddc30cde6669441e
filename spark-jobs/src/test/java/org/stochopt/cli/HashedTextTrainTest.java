package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.spark.report.RunWriter;

/** `train --data hashtext:...` with a local method: the safeguard's fields, a normal finish, sparse weights. */
class HashedTextTrainTest {
  @Test
  void localKatyushaOnHashedTextReportsItsSafeguardAndWritesSparseWeights(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = StochoptMain.execute(new PrintWriter(err, true), "train", "--master", "in-process",
        "--data", "hashtext:n=400,d=16384,nnzmin=10,nnzmax=30,seed=2", "--reg", "l2:2.5e-3", "--method", "local-katyusha",
        "--partitions", "2", "--max-rounds", "60", "--target-suboptimality", "1e-6", "--out", dir.toString());
    assertEquals(0, code, err.toString());
    String summary = Files.readString(dir.resolve("summary.json"));
    assertTrue(summary.contains("\"safeguard_rejections\" : 0"), summary);
    assertTrue(summary.contains("\"finish\" : \"normal\""), summary);
    assertTrue(summary.contains("\"stop_reason\" : \"target_suboptimality\""), summary);
    // 400 rows of ≤ 30 buckets touch far fewer than half of 16 384 weights: written sparsely.
    long lines = Files.lines(dir.resolve("weights.csv")).count();
    assertTrue(lines < 16384 / 2, lines + " lines");
    double[] w = RunWriter.readWeights(dir.resolve("weights.csv"));
    assertEquals(16384, w.length);
  }
}
