package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.stochopt.datasets.io.Expect.formatError;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibsvmLineParserTest {
  private static ParsedRow parse(String line) {
    return LibsvmLineParser.parse(line, "t.svm", 5);
  }

  private static void assertRow(ParsedRow row, double label, int[] idx0, double[] val) {
    assertEquals(label, row.label());
    assertEquals(idx0.length, row.count());
    assertArrayEquals(idx0, Arrays.copyOf(row.indicesView(), row.count()));
    assertArrayEquals(val, Arrays.copyOf(row.valuesView(), row.count()));
  }

  @Test
  void parsesLabelAndOneBasedIndices() {
    assertRow(parse("+1 1:0.5 3:-2 10:1e-3"), 1.0, new int[] {0, 2, 9}, new double[] {0.5, -2, 1e-3});
  }

  @Test
  void labelOnlyLineIsAnEmptyRow() {
    assertRow(parse("-1"), -1.0, new int[0], new double[0]);
  }

  @Test
  void toleratesTabsTrailingWhitespaceCarriageReturnAndComments() {
    assertRow(parse("  0\t2:1.5   7:3  \r"), 0.0, new int[] {1, 6}, new double[] {1.5, 3});
    assertRow(parse("1 2:1 # a comment 3:4"), 1.0, new int[] {1}, new double[] {1});
    assertRow(parse("1 2:1# glued comment"), 1.0, new int[] {1}, new double[] {1});
  }

  @Test
  void explicitZerosAreValidatedButNotStored() {
    assertRow(parse("1 1:0 2:5 3:0.0"), 1.0, new int[] {1}, new double[] {5});
    formatError("t.svm:5: feature indices must increase: 2 after 2", () -> parse("1 2:0 2:1"));
  }

  @Test
  void realLabelsAreKeptRaw() {
    assertEquals(2.5, parse("2.5 1:1").label());
  }

  @Test
  void parseIntoReusesTheRowAndGrowsIt() {
    ParsedRow row = new ParsedRow(1);
    LibsvmLineParser.parseInto("1 1:1 2:2 3:3 4:4", "s", 1, null, row);
    assertRow(row, 1, new int[] {0, 1, 2, 3}, new double[] {1, 2, 3, 4});
    int[] buffer = row.indicesView();
    LibsvmLineParser.parseInto("-1 5:1", "s", 2, null, row);
    assertRow(row, -1, new int[] {4}, new double[] {1});
    assertSame(buffer, row.indicesView());
  }

  @Test
  void parseReturnsACompactSerializableRow() throws Exception {
    ParsedRow row = parse("1 2:0.25 4:8");
    assertEquals(2, row.indicesView().length);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(row);
    }
    Object back = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertNotSame(row, back);
    assertEquals(row, back);
    assertEquals("1 2:0.25 4:8.0", row.toString());
  }

  @Test
  void fixedDimensionAllowsIndicesUpToIt() {
    assertEquals(1, LibsvmLineParser.parse("1 784:1", "s", 1, 784).count());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"                 | empty line: expected a label",
        "\"   \t \"           | empty line: expected a label",
        "\"# only a comment\" | no label: line holds only a comment",
        "abc 1:1            | label is not a number: 'abc'",
        "1:0.5 2:1          | missing label: line starts with '1:0.5' (expected label idx:val ...)",
        "NaN 1:1            | label is not finite: 'NaN'",
        "Infinity 1:1       | label is not finite: 'Infinity'",
        "-Infinity 1:1      | label is not finite: '-Infinity'",
        "1e999 1:1          | label is not finite: '1e999'",
        "1d 1:1             | label is not a number: '1d'",
        "1 3:x              | value of feature 3 is not a number: 'x'",
        "1 3:NaN            | value of feature 3 is not finite: 'NaN'",
        "1 3:Infinity       | value of feature 3 is not finite: 'Infinity'",
        "1 3:-1e400         | value of feature 3 is not finite: '-1e400'",
        "1 3:               | value of feature 3 is missing",
        "1 0:1              | feature index 0 is not allowed (LIBSVM indices are 1-based)",
        "1 -3:1             | feature index -3 is not allowed (LIBSVM indices are 1-based)",
        "1 1.5:1            | feature index '1.5' is not an integer",
        "1 x:1              | feature index 'x' is not an integer",
        "1 :1               | missing feature index in ':1'",
        "1 99999999999:1    | feature index '99999999999' is too large (at most 2147483647)",
        "1 7:1 5:1          | feature indices must increase: 5 after 7",
        "1 7:1 7:2          | feature indices must increase: 7 after 7",
        "1 3                | expected idx:val, got '3' (missing ':')",
        "1 2:1 3 4:1        | expected idx:val, got '3' (missing ':')",
      })
  void malformedLinesNameSourceAndLine(String line, String problem) {
    formatError("t.svm:5: " + problem, () -> parse(line));
  }

  @Test
  void indexAboveFixedDimension() {
    formatError(
        "a9a.t:123456789012: feature index 124 exceeds the dimension 123",
        () -> LibsvmLineParser.parse("1 5:1 124:1", "a9a.t", 123456789012L, 123));
  }

  @Test
  void longGarbageIsShortenedInMessages() {
    String garbage = "x".repeat(500);
    DataFormatException e = formatError(
        "t.svm:5: label is not a number: '" + "x".repeat(40) + "...'", () -> parse(garbage + " 1:1"));
    assertEquals(5, e.lineNumber());
  }
}
