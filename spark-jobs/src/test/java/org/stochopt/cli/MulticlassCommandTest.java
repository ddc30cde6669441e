package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.datasets.io.LibsvmWriter;
import org.stochopt.spark.MulticlassData;

/**
 * {@code --loss multinomial | ovr-logistic} at the command line, in-process: a run on class labels,
 * and one-line errors (exit 2) saying what to change when labels and loss do not fit.
 */
class MulticlassCommandTest {
  @TempDir Path dir;

  private record Outcome(int code, String err) {}

  private Outcome run(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command));
    if (command.equals("train")) all.addAll(List.of("--master", "in-process", "--max-passes", "3", "--out", dir.resolve("out").toString(), "--overwrite")); // several runs share one folder
    all.addAll(List.of(args));
    StringWriter err = new StringWriter();
    int code = StochoptMain.execute(new PrintWriter(err, true), all.toArray(String[]::new));
    return new Outcome(code, err.toString().trim());
  }

  private static void assertUserError(Outcome o, String... fragments) {
    assertEquals(StochoptMain.USER_ERROR, o.code(), o.err());
    assertTrue(o.err().startsWith("stochopt: error: "), o.err());
    assertFalse(o.err().contains("\n") || o.err().contains("\tat "), "one line, no stack trace: " + o.err());
    for (String f : fragments) assertTrue(o.err().contains(f), "'" + f + "' missing in: " + o.err());
  }

  private Path classFile() throws Exception {
    Path f = dir.resolve("classes.svm");
    LibsvmWriter.write(MulticlassData.generate(300, 6, 3, 0.8, 5), f);
    return f;
  }

  @Test
  void trainsOnClassLabelsWithBothLosses() throws Exception {
    Path f = classFile();
    for (String loss : List.of("multinomial", "ovr-logistic:3")) {
      Outcome o = run("train", "--data", f.toString(), "--test-data", f.toString(), "--loss", loss, "--method", "katyusha",
          "--no-reference");
      assertEquals(0, o.code(), o.err());
      String summary = Files.readString(dir.resolve("out/summary.json"));
      assertTrue(summary.matches("(?s).*\"classes\"\\s*:\\s*3\\s*,.*") && summary.matches("(?s).*\"d\"\\s*:\\s*18\\s*,.*"), summary);
      assertTrue(summary.matches("(?s).*\"test_error\"\\s*:\\s*0\\.[0-9].*"), "argmax test error reported: " + summary);
    }
  }

  @Test
  void labelsAndLossMustFit() throws Exception {
    Path f = classFile();
    Path pm = dir.resolve("pm.svm");
    Files.writeString(pm, "1 1:1\n-1 1:0.5\n");
    assertUserError(run("train", "--data", f.toString(), "--loss", "logistic"), f + ":", "--loss multinomial");
    assertUserError(run("train", "--data", pm.toString(), "--loss", "multinomial"), pm + ":2:", "not a class index", "--loss logistic");
    assertUserError(run("train", "--data", "fmnist:all", "--loss", "logistic"), "fmnist:all has ten classes", "--loss multinomial");
    assertUserError(run("train", "--data", "synthetic:n=100,d=5", "--loss", "ovr-logistic"), "generates ±1 labels");
    assertUserError(run("train", "--data", f.toString(), "--loss", "multinomial:2"), "label 2", "classes 0..1");
    assertUserError(run("train", "--data", f.toString(), "--loss", "multinomial:x"), "must be an integer");
    assertUserError(run("train", "--data", f.toString(), "--loss", "multinomial", "--features", "rff:gaussian,M=20,bandwidth=1,seed=1"),
        "--features", "multi-class");
    Path test = dir.resolve("test.svm");
    Files.writeString(test, "0 1:1\n5 2:1\n");
    assertUserError(run("train", "--data", f.toString(), "--test-data", test.toString(), "--loss", "multinomial", "--no-reference"),
        "label 5", "0..2");
  }

  @Test
  void exportKeepsClassLabels() throws Exception {
    Path f = classFile();
    assertUserError(run("export", "--data", f.toString(), "--out", dir.resolve("e1").toString()), "--loss multinomial");
    Outcome o = run("export", "--data", f.toString(), "--class-labels", "--out", dir.resolve("e2").toString());
    assertEquals(0, o.code(), o.err());
    assertEquals(Files.readAllLines(f), Files.readAllLines(dir.resolve("e2/train.libsvm")));
  }
}
