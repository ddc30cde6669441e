package org.stochopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resfgb-kernel-study}: a tiny seeded grid run writes every output; bad values exit 2 with one line naming the flag. */
class ResFgbKernelStudyCommandTest {
  private static final String[] TINY = {"resfgb-kernel-study", "--dim", "3", "--test-rows", "100", "--layers", "1", "--block-hidden", "4",
      "--block-epochs", "1", "--head-method", "svrg", "--head-passes", "3,2", "--rff-features", "40"};

  private static int run(StringWriter err, List<String> extra, Path out) {
    List<String> args = new java.util.ArrayList<>(List.of(TINY));
    args.addAll(extra);
    args.addAll(List.of("--out", out.toString()));
    return StochoptMain.execute(new PrintWriter(err, true), args.toArray(String[]::new));
  }

  @Test
  void aSeededGridRunWritesCellsSummarySlopesAndFigure(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int code = run(err, List.of("--sizes", "60,120", "--seeds", "2", "--val-fraction", "0.25", "--rf-bandwidth", "0.5x,1x", "--rf-wr", "1,0.1"),
        dir.resolve("a"));
    assertEquals(0, code, err.toString());
    List<String> cells = Files.readAllLines(dir.resolve("a/cells.csv"));
    assertEquals(1 + 4, cells.size(), "2 sizes × 2 seeds: " + cells);
    assertEquals(1 + 4 * 4, Files.readAllLines(dir.resolve("a/bandwidths.csv")).size(), "4 cells × 2 σ × 2 wr");
    List<String> summary = Files.readAllLines(dir.resolve("a/summary.csv"));
    assertTrue(summary.get(1).startsWith("60,2,"), summary.toString());
    List<String> slopes = Files.readAllLines(dir.resolve("a/slopes.csv"));
    assertTrue(slopes.get(1).startsWith("resfgb,") && slopes.get(1).endsWith(",2"), slopes.toString());
    assertTrue(Files.size(dir.resolve("a/study.png")) > 1000);
    // the same command again gives the same numbers (times aside)
    run(new StringWriter(), List.of("--sizes", "60,120", "--seeds", "2", "--val-fraction", "0.25", "--rf-bandwidth", "0.5x,1x", "--rf-wr", "1,0.1"),
        dir.resolve("b"));
    assertEquals(withoutTimes(Files.readAllLines(dir.resolve("a/bandwidths.csv"))), withoutTimes(Files.readAllLines(dir.resolve("b/bandwidths.csv"))));
    // --replot redraws from the CSVs alone: the same summary errors and slopes
    List<String> slopesBefore = Files.readAllLines(dir.resolve("a/slopes.csv"));
    Files.delete(dir.resolve("a/slopes.csv"));
    Files.delete(dir.resolve("a/study.png"));
    assertEquals(0, run(new StringWriter(), List.of("--sizes", "60,120", "--val-fraction", "0.25", "--rf-bandwidth", "0.5x,1x", "--rf-wr", "1,0.1",
        "--replot"), dir.resolve("a")));
    assertEquals(slopesBefore, Files.readAllLines(dir.resolve("a/slopes.csv")));
    assertEquals(summary.stream().map(l -> l.split(",")[2]).toList(),
        Files.readAllLines(dir.resolve("a/summary.csv")).stream().map(l -> l.split(",")[2]).toList(), "ResFGB mean error per n");
    assertTrue(Files.size(dir.resolve("a/study.png")) > 1000);
  }

  private static List<String> withoutTimes(List<String> bandwidthRows) {
    // bandwidths.csv: the seconds are the second-to-last column
    return bandwidthRows.stream().map(l -> {
      String[] c = l.split(",");
      c[c.length - 2] = "";
      return String.join(",", c);
    }).toList();
  }

  @Test
  void badValuesExit2WithOneLineNamingTheFlag(@TempDir Path dir) {
    for (Object[] c : List.of(
        new Object[] {List.of("--rf-bandwidth", "0"), "--rf-bandwidth"},
        new Object[] {List.of("--rf-bandwidth", "wide"), "--rf-bandwidth"},
        new Object[] {List.of("--rf-bandwidth", "0.5x,0.5x"), "--rf-bandwidth"},
        new Object[] {List.of("--rf-bandwidth", "0.5x,1x", "--val-fraction", "0"), "--val-fraction"},
        new Object[] {List.of("--rf-wr", "-1"), "--rf-wr"},
        new Object[] {List.of("--rf-wr", "a"), "--rf-wr"},
        new Object[] {List.of("--seeds", "0"), "--seeds"},
        new Object[] {List.of("--sizes", "10"), "--sizes"},
        new Object[] {List.of("--val-fraction", "0.7"), "--val-fraction"},
        new Object[] {List.of("--no-best-iter"), "--no-best-iter"},
        new Object[] {List.of("--rough", "3"), "rough"})) {
      @SuppressWarnings("unchecked")
      List<String> extra = (List<String>) c[0];
      StringWriter err = new StringWriter();
      List<String> args = new java.util.ArrayList<>(List.of("--sizes", "60"));
      args.addAll(extra);
      int code = run(err, args, dir);
      String msg = err.toString().strip();
      assertEquals(2, code, extra + ": " + msg);
      assertEquals(1, msg.lines().count(), extra + ": " + msg);
      assertTrue(msg.contains((String) c[1]), extra + ": " + msg);
    }
  }
}
