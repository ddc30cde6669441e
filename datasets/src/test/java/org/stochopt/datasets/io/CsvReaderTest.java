package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stochopt.datasets.io.Expect.formatError;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.TestBlocks;

class CsvReaderTest {
  private static Dataset read(String text, CsvOptions options) throws IOException {
    return CsvReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "d.csv", options);
  }

  private static Dataset read(String text) throws IOException {
    return read(text, CsvOptions.defaults());
  }

  private static double[] row(Dataset ds, int r) {
    double[] x = new double[ds.dim()];
    ds.block().forEachEntry(r, (j, v) -> x[j] = v);
    return x;
  }

  @Test
  void labelInFirstColumnByDefault() throws IOException {
    Dataset ds = read("1,0.5,0,2\n0, 1 ,2,3\n");
    assertEquals(3, ds.dim());
    assertArrayEquals(new double[] {1, -1}, ds.block().labelsView());
    assertArrayEquals(new double[] {0.5, 0, 2}, row(ds, 0));
    assertArrayEquals(new double[] {1, 2, 3}, row(ds, 1));
  }

  @Test
  void labelColumnAnywhereAndFromTheEnd() throws IOException {
    String text = "a,b,y,c\n1,2,-1,3\n4,5,1,6\n";
    CsvOptions middle = CsvOptions.defaults().withHeader(true).withLabelColumn(2);
    Dataset ds = read(text, middle);
    assertArrayEquals(new double[] {-1, 1}, ds.block().labelsView());
    assertArrayEquals(new double[] {1, 2, 3}, row(ds, 0));
    Dataset last = read("1,2,3,-1\n4,5,6,1\n", CsvOptions.defaults().withLabelColumn(-1));
    assertArrayEquals(new double[] {-1, 1}, last.block().labelsView());
    assertArrayEquals(new double[] {4, 5, 6}, row(last, 1));
  }

  @Test
  void otherSeparatorAndRealLabels() throws IOException {
    Dataset ds = read("2.5;1\n-7;0\n", CsvOptions.defaults().withSeparator(';').withLabelPolicy(LabelPolicy.REAL));
    assertArrayEquals(new double[] {2.5, -7}, ds.block().labelsView());
  }

  @Test
  void readsFilesAndNamesErrorsByPath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("train.csv");
    Files.writeString(file, "1,2,3\n-1,4,5\n");
    Dataset ds = CsvReader.read(file, CsvOptions.defaults());
    assertEquals("train.csv", ds.name());
    TestBlocks.assertSameBlock(read("1,2,3\n-1,4,5\n").block(), ds.block());
    Files.writeString(file, "1,2,3\n-1,4\n");
    formatError(file + ":2: expected 3 columns, got 2", () -> CsvReader.read(file, CsvOptions.defaults()));
  }

  @Test
  void wrongColumnCount() {
    formatError("d.csv:3: expected 785 columns, got 784",
        () -> read(("1" + ",0".repeat(784) + "\n").repeat(2) + "1" + ",0".repeat(783) + "\n"));
    formatError("d.csv:2: expected 3 columns, got 4",
        () -> read("y,a,b\n1,2,3,4\n", CsvOptions.defaults().withHeader(true)));
  }

  @Test
  void nonNumericAndNonFiniteFields() {
    formatError("d.csv:2: column 3 is not a number: 'abc'", () -> read("1,2,3\n1,2,abc\n"));
    formatError("d.csv:1: label in column 1 is not a number: '\"1\"'", () -> read("\"1\",2,3\n"));
    formatError("d.csv:1: column 2 is not finite: 'NaN'", () -> read("1,NaN,3\n"));
    formatError("d.csv:1: column 3 is not finite: '-Infinity'", () -> read("1,2,-Infinity\n"));
    formatError("d.csv:2: label in column 1 is not finite: 'Infinity'", () -> read("1,2,3\nInfinity,2,3\n"));
    formatError("d.csv:1: column 2 is empty", () -> read("1,,3\n"));
  }

  @Test
  void headerIsOnlySkippedWhenAsked() {
    formatError("d.csv:1: label in column 1 is not a number: 'y'", () -> read("y,a\n1,2\n"));
  }

  @Test
  void emptyFiles() {
    formatError("d.csv: empty file: no examples", () -> read(""));
    formatError("d.csv: empty file: no examples after the header",
        () -> read("y,a,b\n", CsvOptions.defaults().withHeader(true)));
    formatError("d.csv:2: empty line", () -> read("1,2\n\n1,2\n"));
  }

  @Test
  void structuralProblems() {
    formatError("d.csv:1: expected at least 2 columns (a label and a feature), got 1", () -> read("1\n2\n"));
    formatError("d.csv:1: label column 5 (0-based) does not exist: the file has 3 columns",
        () -> read("1,2,3\n", CsvOptions.defaults().withLabelColumn(5)));
  }

  @Test
  void labelPolicyApplies() {
    formatError("d.csv:2: unexpected label 3 (binary labels must be ±1 or 0/1; for multi-class data use --loss multinomial or --loss ovr-logistic)", () -> read("1,2\n3,4\n"));
    formatError(
        "d.csv:3: label -1 mixes label conventions: line 1 has label 0 (use either ±1 or 0/1 throughout)",
        () -> read("0,1\n1,1\n-1,1\n"));
  }

  @Test
  void separatorMustNotLookLikeANumber() {
    assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().withSeparator('.'));
  }
}
