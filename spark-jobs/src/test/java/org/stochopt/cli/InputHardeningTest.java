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

/**
 * The bad inputs of docs/input-hardening.md at the command line (in-process, no Spark start-up):
 * each ends with exit code 2 and one line naming the file and line or the bad value — never a
 * stack trace — or, where the input is legitimate, with a successful run.
 */
class InputHardeningTest {
  @TempDir Path dir;

  private record Outcome(int code, String err) {}

  private Outcome train(String... args) {
    List<String> given = List.of(args);
    List<String> all = new ArrayList<>(List.of("train", "--master", "in-process", "--no-reference"));
    if (!given.contains("--max-passes")) all.addAll(List.of("--max-passes", "2"));
    if (!given.contains("--out")) all.addAll(List.of("--out", dir.resolve("out").toString()));
    all.addAll(given);
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

  private Path file(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  @Test
  void nonFiniteFeatureValuesNameFileAndLine() throws Exception {
    Path nan = file("nan.svm", "1 1:0.5\n-1 1:NaN\n");
    assertUserError(train("--data", nan.toString()), nan + ":2:");
    Path inf = file("inf.svm", "1 1:0.5\n-1 2:Infinity\n");
    assertUserError(train("--data", inf.toString()), inf + ":2:");
    Path csv = file("inf.csv", "1,0.5,2\n-1,inf,1\n");
    assertUserError(train("--data", csv.toString()), csv + ":2:");
  }

  @Test
  void zeroRowsAndBlankFiles() throws Exception {
    Path empty = file("empty.svm", "");
    assertUserError(train("--data", empty.toString()), empty.toString(), "no examples");
    Path comments = file("comments.svm", "# only a comment\n");
    assertUserError(train("--data", comments.toString()), comments.toString());
  }

  @Test
  void moreEmptyPartitionsThanRowsStillTrain() throws Exception {
    Path tiny = file("tiny.svm", "1 1:1 2:0.5\n-1 1:-1 2:0.25\n1 1:0.5 2:-1\n");
    Outcome o = train("--data", tiny.toString(), "--partitions", "8", "--batch-size", "2", "--max-passes", "20");
    assertEquals(0, o.code(), o.err());
  }

  @Test
  void testDataWithMoreFeaturesThanTrainingData() throws Exception {
    Path tr = file("train.svm", "1 1:1 2:0.5\n-1 1:-1 2:0.25\n1 1:0.5 2:-1\n-1 2:1\n");
    Path te = file("test.svm", "1 1:1\n-1 3:0.5\n");
    assertUserError(train("--data", tr.toString(), "--test-data", te.toString(), "--batch-size", "2"), te + ":2:");
  }

  @Test
  void allOneClassTrainsWithL2() throws Exception {
    Path one = file("one.svm", "1 1:1 2:0.5\n1 1:-1 2:0.25\n1 1:0.5 2:-1\n1 2:1\n");
    Outcome o = train("--data", one.toString(), "--batch-size", "2", "--reg", "l2:1e-2");
    assertEquals(0, o.code(), o.err());
  }

  @Test
  void hugeIndices() throws Exception {
    Path overflow = file("overflow.svm", "1 1:1\n-1 99999999999:1\n");
    assertUserError(train("--data", overflow.toString()), overflow + ":2:");
    // A valid but absurd index would make every vector gigabytes long: refused before allocating.
    Path huge = file("huge.svm", "1 1:1\n-1 2000000000:1\n");
    assertUserError(train("--data", huge.toString()), "dimension 2000000000");
  }

  @Test
  void badFlagValues() {
    String data = "synthetic:n=100,d=3";
    assertUserError(train("--data", data, "--reg", "l2:abc"), "l2:abc");
    assertUserError(train("--data", data, "--reg", "l2:-1"));
    assertUserError(train("--data", data, "--loss", "hinge"), "hinge");
    assertUserError(train("--data", data, "--method", "adam"), "adam");
    assertUserError(train("--data", data, "--batch-size", "0"), "--batch-size");
    assertUserError(train("--data", data, "--batch-size", "1000"), "exceeds");
    assertUserError(train("--data", data, "--step", "-1"), "--step");
    assertUserError(train("--data", data, "--partitions", "-2"), "--partitions");
    assertUserError(train("--data", data, "--eval-every", "0"), "--eval-every");
    assertUserError(train("--data", data, "--sampling", "sometimes"), "sometimes");
    assertUserError(train("--data", data, "--schedule", "fast", "--method", "sgd"), "fast");
    assertUserError(train("--data", data, "--reduce", "butterfly"), "butterfly");
    assertUserError(train("--data", data, "--checkpoint-every", "-5"), "--checkpoint-every");
    assertUserError(train("--data", "synthetic:n=0,d=3"));
    assertUserError(train("--data", "synthetic:n=100,d=3,density=2"));
    assertUserError(train("--data", data, "--max-passes", "0"), "stopping rule");
  }

  @Test
  void flagsOfTheWrongTypeGetPicocliUsage() {
    Outcome o = train("--data", "synthetic:n=100,d=3", "--batch-size", "x");
    assertEquals(StochoptMain.USER_ERROR, o.code(), o.err());
    // One line like every other user error (it was picocli's message plus the whole usage).
    assertUserError(o, "Invalid value for option '--batch-size': 'x' is not an integer", "stochopt train --help");
  }

  @Test
  void unreadableAndUnwritablePaths() throws Exception {
    assertUserError(train("--data", dir.resolve("missing.svm").toString()), "missing.svm");
    Path folder = Files.createDirectories(dir.resolve("a-folder.svm"));
    assertUserError(train("--data", folder.toString()), "a-folder.svm");
    Path notAFolder = file("plain-file", "x");
    Outcome o = train("--data", "synthetic:n=100,d=3", "--out", notAFolder.resolve("sub").toString());
    assertUserError(o, "plain-file");
  }
}
