package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model embedding} and {@code embed-eval} end to end in-process, and one-line exit-2 errors. */
class EmbeddingCommandLineTest {
  private static int run(StringWriter err, String... args) {
    return StochoptMain.execute(new PrintWriter(err, true), args);
  }

  @Test
  void trainWritesOutputsAndEmbedEvalReproducesTheLastPoint(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    Path out = dir.resolve("run");
    int code = run(err, "train", "--model", "embedding", "--data", "tree:branching=2,depth=4", "--geometry", "lorentz", "--dim", "2",
        "--epochs", "4", "--burnin", "1", "--burnin-negatives", "unigram", "--eval-every-epochs", "2", "--master", "in-process",
        "--partitions", "2", "--out", out.toString());
    assertEquals(0, code, err.toString());
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    for (String f : List.of("mean_rank", "map", "max_radius", "examples_per_second", "rounds")) assertTrue(s.hasNonNull(f), f);
    assertEquals("unigram", s.get("burnin_negatives").asText());
    for (String f : List.of("trace.csv", "embedding.tsv", "metrics.png", "disk.png")) assertTrue(Files.size(out.resolve(f)) > 100, f);
    Path json = dir.resolve("eval.json");
    code = run(err, "embed-eval", "--embedding", out.resolve("embedding.tsv").toString(), "--data", "tree:branching=2,depth=4",
        "--geometry", "lorentz", "--out", json.toString(), "--plot", dir.resolve("d.png").toString());
    assertEquals(0, code, err.toString());
    JsonNode e = new ObjectMapper().readTree(json.toFile());
    // embedding.tsv is written with Double.toString, which round-trips exactly: the same rank.
    assertEquals(s.get("mean_rank").asDouble(), e.get("mean_rank").asDouble(), 0);
    assertEquals(s.get("map").asDouble(), e.get("map").asDouble(), 0);
  }

  @Test
  void aCheckpointedRunResumesFromTheCommandLine(@TempDir Path dir) throws Exception {
    String out = dir.resolve("run").toString();
    String[] first = {"train", "--model", "embedding", "--data", "grid:side=4", "--aggregation", "sharded", "--dim", "2", "--epochs", "3",
        "--checkpoint-every", "1", "--master", "in-process", "--partitions", "2", "--batch-size", "4", "--out", out};
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, first), err.toString());
    assertTrue(Files.exists(dir.resolve("run/embedding-checkpoint.bin")));
    String[] resumed = first.clone();
    resumed[10] = "6";
    String[] withResume = java.util.Arrays.copyOf(resumed, resumed.length + 1);
    withResume[resumed.length] = "--resume";
    err = new StringWriter();
    assertEquals(0, run(err, withResume), err.toString());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
    assertEquals(6.0, s.get("epochs").asDouble(), 0.2);
  }

  @Test
  void badInputGivesOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path selfLoop = dir.resolve("loop.tsv");
    Files.writeString(selfLoop, "a\tb\nc\tc\n");
    Path empty = dir.resolve("empty.tsv");
    Files.writeString(empty, "# nothing\n");
    Path ok = dir.resolve("ok.tsv");
    Files.writeString(ok, "a\tb\nc\tb\n");
    Path emb = dir.resolve("emb.tsv");
    Files.writeString(emb, "a\t0.1\t0.2\nb\t0.0\t0.1\n"); // no row for c
    String out = dir.resolve("o").toString();
    List<String[]> cases = List.of(
        new String[] {"train", "--model", "embedding", "--data", "tree:branching=2,depth=2", "--dim", "0", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "edges:" + selfLoop, "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "edges:" + empty, "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "tree:branching=2,depth=2", "--geometry", "spherical", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "tree:branching=2,depth=2", "--geometry", "poincare", "--score", "dot", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "tree:branching=2,depth=2", "--reg", "l2:1", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "tree:branching=2,depth=2", "--method", "svrg", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "wordnet:mammal.n.01,file=" + dir.resolve("missing"), "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "meanfield", "--data", "x", "--geometry", "poincare", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "tree:branching=2,depth=2", "--burnin-negatives", "unigram", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "tree:branching=2,depth=2", "--burnin", "1", "--burnin-negatives", "zipf", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--task", "ordinal", "--data", "tree:branching=2,depth=2", "--burnin", "1", "--burnin-negatives", "unigram",
            "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "tree:branching=2,depth=2", "--resume", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "tree:branching=2,depth=2", "--checkpoint-every", "-1", "--master", "in-process", "--out", out},
        new String[] {"train", "--model", "embedding", "--data", "grid:side=1", "--master", "in-process", "--out", out},
        new String[] {"embed-eval", "--embedding", emb.toString(), "--data", "edges:" + ok, "--geometry", "euclidean"});
    for (String[] args : cases) {
      StringWriter err = new StringWriter();
      int code = run(err, args);
      String msg = err.toString().trim();
      assertEquals(2, code, String.join(" ", args) + " → " + msg);
      assertTrue(msg.startsWith("stochopt: error: ") && !msg.contains("\n"), String.join(" ", args) + " → " + msg);
    }
  }
}
