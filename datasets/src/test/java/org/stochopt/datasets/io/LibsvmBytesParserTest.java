package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte-level line parser and line splitter behind {@link LibsvmReader}: accepted lines equal
 * {@link LibsvmLineParser}'s result; every line it declines is one LibsvmLineParser rejects or
 * treats specially; lines are split like {@code BufferedReader.readLine}.
 */
class LibsvmBytesParserTest {
  private static ParsedRow fast(String line, Integer fixedDim) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    ParsedRow row = new ParsedRow(2);
    return LibsvmBytesParser.tryParseInto(b, 0, b.length, fixedDim, row) ? row : null;
  }

  @Test
  void randomValidLinesParseAsTheStringParserDoes() {
    SplittableRandom rng = new SplittableRandom(5);
    int accepted = 0;
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      sb.append(rng.nextInt(3) == 0 ? "+1" : rng.nextBoolean() ? "-1" : "0");
      int index = 0;
      int k = rng.nextInt(0, 40);
      for (int j = 0; j < k; j++) {
        index += rng.nextInt(1, 1000);
        double v = rng.nextInt(20) == 0 ? 0.0 : (rng.nextBoolean() ? -1 : 1) * Math.exp(rng.nextDouble(-12, 8));
        sb.append(rng.nextInt(10) == 0 ? "\t" : " ").append(index).append(':').append(v);
      }
      if (rng.nextInt(10) == 0) sb.append(" \r");
      String line = sb.toString();
      ParsedRow expected = LibsvmLineParser.parse(line, "t", 1);
      ParsedRow got = fast(line, null);
      if (got != null) {
        accepted++;
        assertEquals(expected, got.compact(), line);
      }
    }
    assertTrue(accepted > 0.9 * 5_000, "accepted " + accepted);
  }

  @Test
  void declinesWhatTheStringParserRejectsOrTreatsSpecially() {
    String[] declined = {"", "   ", "# only a comment", "1 1:1 # comment", "1:1 2:2", "1 0:1", "1 2:1 1:1", "1 2:1 2:1",
        "1 x:1", "1 1:", "1 1:abc", "1 1:1:2", "NaN 1:1", "1 1:Infinity", "1 1:1.5d", "1 +3:1", "1 3",
        "\uFEFF1 1:1", "1 1:1e400", "1 1:1e200 2:1e200", "1 99999999999:1", "1 1:é"};
    for (String line : declined) assertFalse(fast(line, null) != null, line);
    assertFalse(fast("1 6:1", 5) != null);
    assertEquals(LibsvmLineParser.parse("1 5:1", "t", 1, 5), fast("1 5:1", 5).compact());
    assertEquals(LibsvmLineParser.parse(" -1\t3:0 7:-2.5e-3  ", "t", 1), fast(" -1\t3:0 7:-2.5e-3  ", null).compact());
  }

  /**
   * {@code parseLine}, which finds the line's end while parsing, against {@code tryParseInto} on the
   * line cut at its terminator: the same row or the same decline on every line, and on every buffer
   * end before the terminator either "need more" or (only for a declined line) an early decline.
   */
  @Test
  void parseLineAgreesWithTryParseIntoOnEveryLineAndEveryCut() {
    SplittableRandom rng = new SplittableRandom(11);
    List<String> lines = new ArrayList<>(List.of("", "   ", "# only a comment", "1 1:1 # comment", "1:1 2:2", "1 0:1", "1 2:1 1:1",
        "1 x:1", "1 1:", "1 1:abc", "1 1:1:2", "NaN 1:1", "1 1:1.5d", "1 3", "1 1:1e400", "1 99999999999:1", "1 1:é", "\u0000 1:1",
        "-1", "+1 ", " -1\t3:0 7:-2.5e-3  ", "1 6:1", "1 5:1"));
    for (int i = 0; i < 400; i++) {
      StringBuilder sb = new StringBuilder(rng.nextBoolean() ? "1" : "-1");
      int index = 0;
      for (int j = rng.nextInt(0, 12); j > 0; j--) {
        index += rng.nextInt(1, 100);
        sb.append(rng.nextInt(8) == 0 ? "\t" : " ").append(index).append(':').append(rng.nextDouble(-3, 3));
      }
      if (rng.nextInt(6) == 0) sb.append("  ");
      lines.add(sb.toString());
    }
    String[] terminators = {"\n", "\r", "\r\n"};
    for (String line : lines) {
      for (Integer fixedDim : new Integer[] {null, 5}) {
        byte[] lineBytes = line.getBytes(StandardCharsets.UTF_8);
        ParsedRow expected = new ParsedRow(2);
        boolean accepted = LibsvmBytesParser.tryParseInto(lineBytes, 0, lineBytes.length, fixedDim, expected);
        String terminator = terminators[rng.nextInt(terminators.length)];
        byte[] b = ("xx" + line + terminator + "2 1:1\n").getBytes(StandardCharsets.UTF_8);
        int from = 2;
        int to = from + lineBytes.length;
        ParsedRow got = new ParsedRow(2);
        int r = LibsvmBytesParser.parseLine(b, from, b.length, fixedDim, got);
        if (accepted) {
          assertEquals(to, r, line);
          assertEquals(expected.compact(), got.compact(), line);
        } else {
          assertEquals(LibsvmBytesParser.DECLINE, r, line);
        }
        for (int end = from; end <= to; end++) {
          int cut = LibsvmBytesParser.parseLine(b, from, end, fixedDim, new ParsedRow(2));
          if (accepted) {
            assertEquals(LibsvmBytesParser.NEED_MORE, cut, line + " cut at " + (end - from));
          } else {
            assertTrue(cut == LibsvmBytesParser.NEED_MORE || cut == LibsvmBytesParser.DECLINE, line + " cut at " + (end - from));
          }
        }
      }
    }
  }

  /** The lines of {@code in} through the parsing splitter: the parser takes the lines that parse, the sink gets the rest. */
  private static List<String> parsedLines(InputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    ParsedRow row = new ParsedRow(2);
    ByteLines.forEach(in, (b, from, end, n) -> {
      int to = LibsvmBytesParser.parseLine(b, from, end, null, row);
      if (to >= 0) {
        assertEquals(out.size() + 1, n);
        out.add("parsed:" + new String(b, from, to - from, StandardCharsets.UTF_8));
      }
      return to;
    }, (b, from, to, n) -> {
      assertEquals(out.size() + 1, n);
      out.add(new String(b, from, to - from, StandardCharsets.UTF_8));
    });
    return out;
  }

  @Test
  void theParsingSplitterSplitsLikeReadLine() throws IOException {
    String[] texts = {"", "1 1:1", "1 1:1\n", "1 1:1\n# c\n-1 2:2", "1 1:1\r\n-1 2:2\r\n", "1 1:1\r-1\r", "1 1:1\r\r-1 3:1",
        "\n\n", "\r\n\r\n", "1 1:1\n\r-1", "é\r\nü", "1 1:1\n" + "1 1:0.5 ".repeat(300_000) + "\r\n" + "y".repeat(1_500_000),
        "-1 2:1\n".repeat(200_000) + "1 1:1"};
    for (String text : texts) {
      List<String> expected = new java.io.BufferedReader(new java.io.StringReader(text)).lines().toList();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      for (boolean slow : new boolean[] {false, true}) {
        if (slow && bytes.length >= 100) continue;
        List<String> got = parsedLines(slow ? trickle(bytes) : new ByteArrayInputStream(bytes));
        assertEquals(expected, got.stream().map(l -> l.startsWith("parsed:") ? l.substring(7) : l).toList(),
            text.length() > 50 ? "long" : text);
        for (String line : got) { // the parser took exactly the lines that tryParseInto accepts
          String plain = line.startsWith("parsed:") ? line.substring(7) : line;
          byte[] lb = plain.getBytes(StandardCharsets.UTF_8);
          boolean accepted = LibsvmBytesParser.tryParseInto(lb, 0, lb.length, null, new ParsedRow(2));
          // A last line without a terminator always goes to the sink (its end is only known at the end of the stream).
          if (line.startsWith("parsed:")) assertTrue(accepted, plain);
        }
      }
    }
  }

  /** A stream that returns one byte per read: a long line must not be parsed again after each one. */
  @Test
  void aLongLineFromAStreamOfSmallReadsIsParsedInLinearTime() throws IOException {
    String text = "1" + java.util.stream.IntStream.rangeClosed(1, 400_000).mapToObj(j -> " " + j + ":0.25")
        .collect(java.util.stream.Collectors.joining()) + "\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] calls = {0};
    ParsedRow row = new ParsedRow(2);
    InputStream oneByte = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    ByteLines.forEach(oneByte, (b, from, end, n) -> {
      if (++calls[0] > 5) throw new AssertionError("the line was parsed again after a small read"); // 1 MB buffer, doubled: a few attempts
      return LibsvmBytesParser.parseLine(b, from, end, null, row);
    }, (b, from, to, n) -> {
      throw new AssertionError("declined");
    });
    assertEquals(400_000, row.count());
  }

  /** An input stream that returns at most 3 bytes per read, so terminators fall on buffer edges. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + (pos % 3)));
      }
    };
  }

  private static List<String> lines(InputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    ByteLines.forEach(in, (b, from, to, n) -> {
      assertEquals(out.size() + 1, n);
      out.add(new String(b, from, to - from, StandardCharsets.UTF_8));
    });
    return out;
  }

  @Test
  void linesAreSplitLikeReadLine() throws IOException {
    String[] texts = {"", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\r", "a\r\rb", "\n\n", "\r\n\r\n", "a\n\rb", "é\r\nü",
        "x".repeat(3_000_000) + "\r\n" + "y".repeat(1_500_000)};
    for (String text : texts) {
      List<String> expected = new java.io.BufferedReader(new java.io.StringReader(text)).lines().toList();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      assertEquals(expected, lines(new ByteArrayInputStream(bytes)), text.length() > 50 ? "long" : text);
      if (bytes.length < 100) assertEquals(expected, lines(trickle(bytes)), text);
    }
  }

  @Test
  void readerErrorsAreUnchangedOnTheFastPath() {
    // A long valid prefix goes through the fast path; the bad line still names file and line.
    String good = "1 1:0.5 2:0.25\n".repeat(1000);
    Expect.formatError("t.svm:1001: feature indices must increase: 2 after 3", () -> LibsvmReader.read(
        new ByteArrayInputStream((good + "1 3:1 2:1\n").getBytes(StandardCharsets.UTF_8)), "t.svm", LibsvmOptions.defaults()));
    Expect.formatError("t.svm:1001: value of feature 2 is not a number: '0.5d'", () -> LibsvmReader.read(
        new ByteArrayInputStream((good + "1 2:0.5d\n").getBytes(StandardCharsets.UTF_8)), "t.svm", LibsvmOptions.defaults()));
  }
}
