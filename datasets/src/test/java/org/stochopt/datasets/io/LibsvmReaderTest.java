package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stochopt.datasets.io.Expect.formatError;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.TestBlocks;

class LibsvmReaderTest {
  @TempDir Path tmp;

  private static Dataset read(String text, LibsvmOptions options) throws IOException {
    return LibsvmReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.svm", options);
  }

  private static Dataset read(String text) throws IOException {
    return read(text, LibsvmOptions.defaults());
  }

  @Test
  void sparseFileBecomesCsrWithDimensionFromMaxIndex() throws IOException {
    Dataset ds = read("+1 1:0.5 10:2\n-1 4:1\n+1\n");
    assertEquals("t.svm", ds.name());
    assertEquals(3, ds.rows());
    assertEquals(10, ds.dim());
    assertEquals(0, ds.block().firstRow());
    assertInstanceOf(CsrRowBlock.class, ds.block());
    assertArrayEquals(new double[] {1, -1, 1}, ds.block().labelsView());
    double[] w = new double[10];
    w[0] = 1;
    w[9] = 10;
    assertEquals(20.5, ds.block().dot(0, w));
  }

  @Test
  void denseFileBecomesDense() throws IOException {
    Dataset ds = read("1 1:1 2:2\n0 1:3 2:4\n");
    assertInstanceOf(DenseRowBlock.class, ds.block());
    assertArrayEquals(new double[] {1, -1}, ds.block().labelsView());
  }

  @Test
  void zeroOneLabelsMapToPlusMinusOne() throws IOException {
    Dataset ds = read("0 1:1\n1 1:1\n0 1:1\n");
    assertArrayEquals(new double[] {-1, 1, -1}, ds.block().labelsView());
  }

  @Test
  void realPolicyKeepsLabels() throws IOException {
    Dataset ds = read("0.5 1:1\n-3 1:1\n0 1:1\n", LibsvmOptions.defaults().withLabelPolicy(LabelPolicy.REAL));
    assertArrayEquals(new double[] {0.5, -3, 0}, ds.block().labelsView());
  }

  @Test
  void fixedDimensionIsUsedEvenWhenLarger() throws IOException {
    assertEquals(100, read("1 3:1\n", LibsvmOptions.defaults().withFixedDim(100)).dim());
  }

  @Test
  void fixedDimensionAllowsAllEmptyRows() throws IOException {
    Dataset ds = read("1\n-1\n", LibsvmOptions.defaults().withFixedDim(5));
    assertEquals(2, ds.rows());
    assertEquals(0, ds.block().storedEntries());
  }

  @Test
  void readsGzipAndPlainFilesAlike(@TempDir Path dir) throws IOException {
    String text = "1 2:1.5\n-1 1:2\n";
    Path plain = dir.resolve("data.svm");
    Files.writeString(plain, text);
    Path gz = dir.resolve("data.svm.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Path misnamed = dir.resolve("data-no-suffix");
    Files.copy(gz, misnamed);
    RowBlock expected = LibsvmReader.read(plain, LibsvmOptions.defaults()).block();
    Dataset fromGz = LibsvmReader.read(gz, LibsvmOptions.defaults());
    assertEquals("data.svm", fromGz.name());
    TestBlocks.assertSameBlock(expected, fromGz.block());
    TestBlocks.assertSameBlock(expected, LibsvmReader.read(misnamed, LibsvmOptions.defaults()).block());
  }

  @Test
  void errorsNameThePathAndLine() throws IOException {
    Path file = tmp.resolve("bad.svm");
    Files.writeString(file, "1 1:1\n-1 2:1\n1 0:4\n");
    formatError(
        file + ":3: feature index 0 is not allowed (LIBSVM indices are 1-based)",
        () -> LibsvmReader.read(file, LibsvmOptions.defaults()));
  }

  @Test
  void emptyFile() {
    formatError("t.svm: empty file: no examples", () -> read(""));
  }

  @Test
  void blankLineInTheMiddle() {
    formatError("t.svm:2: empty line: expected a label", () -> read("1 1:1\n\n1 1:1\n"));
  }

  @Test
  void allRowsEmptyWithoutFixedDimension() {
    formatError(
        "t.svm: no features: every example is empty (pass a fixed dimension to read it anyway)",
        () -> read("1\n-1\n"));
  }

  @Test
  void indexAboveFixedDimension() {
    formatError(
        "t.svm:2: feature index 6 exceeds the dimension 5",
        () -> read("1 5:1\n1 6:1\n", LibsvmOptions.defaults().withFixedDim(5)));
  }

  @Test
  void unexpectedBinaryLabel() {
    formatError("t.svm:3: unexpected label 2 (binary labels must be ±1 or 0/1; for multi-class data use --loss multinomial or --loss ovr-logistic)", () -> read("1 1:1\n-1 1:1\n2 1:1\n"));
    formatError("t.svm:1: unexpected label 0.5 (binary labels must be ±1 or 0/1)", () -> read("0.5 1:1\n"));
  }

  @Test
  void mixedConventionsNameTheFirstOffendingLine() {
    formatError(
        "t.svm:4: label 0 mixes label conventions: line 2 has label -1 (use either ±1 or 0/1 throughout)",
        () -> read("1 1:1\n-1 1:1\n-1 1:1\n0 1:1\n0 1:1\n"));
    formatError(
        "t.svm:3: label -1 mixes label conventions: line 1 has label 0 (use either ±1 or 0/1 throughout)",
        () -> read("0 1:1\n1 1:1\n-1 1:1\n"));
  }

  @Test
  void parserErrorsCarryTheLineNumber() {
    formatError("t.svm:2: feature indices must increase: 5 after 7", () -> read("1 1:1\n1 7:1 5:1\n"));
    formatError("t.svm:2: label is not finite: 'NaN'", () -> read("1 1:1\nNaN 1:1\n"));
  }

  /** Rows with varied lengths, labels, CRLF and LF endings, a row without features, and no final newline. */
  private static String variedFile(int rows, long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      sb.append(rng.nextBoolean() ? "+1" : "-1");
      int j = 0;
      int count = r % 17 == 0 ? 0 : rng.nextInt(1, 12);
      for (int k = 0; k < count; k++) {
        j += rng.nextInt(1, 50);
        sb.append(' ').append(j).append(':').append(rng.nextDouble(-2, 2));
      }
      if (r < rows - 1) sb.append(r % 5 == 0 ? "\r\n" : "\n");
    }
    return sb.toString();
  }

  @Test
  void readingInPartsGivesTheSequentialBlock() throws IOException {
    Path file = tmp.resolve("parts.svm");
    Files.writeString(file, variedFile(3000, 7));
    RowBlock sequential = read(Files.readString(file)).block();
    for (int parts = 2; parts <= 7; parts++) {
      Dataset inParts = LibsvmReader.readInParts(file, "t.svm", "t.svm", LibsvmOptions.defaults(), parts);
      assertEquals("t.svm", inParts.name());
      TestBlocks.assertSameBlock(sequential, inParts.block());
    }
    // The parts start at line starts, after a \n (a \r\n is never split).
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      long[] starts = LibsvmReader.lineStarts(ch, 5);
      assertEquals(6, starts.length);
      byte[] bytes = Files.readAllBytes(file);
      for (int p = 1; p < starts.length - 1; p++) {
        assertEquals('\n', bytes[(int) starts[p] - 1], "part " + p + " starts after a newline");
        assertTrue(starts[p] > starts[p - 1]);
      }
      assertEquals(bytes.length, starts[starts.length - 1]);
    }
  }

  @Test
  void aFileAboveTheThresholdIsReadInPartsWithTheSameResult() throws IOException {
    Path file = tmp.resolve("big.svm");
    String text = variedFile(1, 1) + "\n" + variedFile(70_000, 3);
    Files.writeString(file, text);
    assertTrue(Files.size(file) >= LibsvmReader.PARALLEL_BYTES, "large enough to be read in parts");
    Dataset ds = LibsvmReader.read(file, "given-name", LibsvmOptions.defaults());
    assertEquals("given-name", ds.name());
    TestBlocks.assertSameBlock(read(text).block(), ds.block());
  }

  @Test
  void aFailingPartFallsBackToTheSequentialErrorWithItsLineNumber() throws IOException {
    String good = variedFile(2000, 5) + "\n";
    long lines = good.lines().count();
    Path badLine = tmp.resolve("bad-late.svm");
    Files.writeString(badLine, good + good + "1 3:1 2:1\n" + good);
    assertNull(LibsvmReader.readInParts(badLine, "t.svm", "t.svm", LibsvmOptions.defaults(), 3), "a part failed");
    formatError(badLine + ":" + (2 * lines + 1) + ": feature indices must increase: 2 after 3",
        () -> LibsvmReader.read(badLine, LibsvmOptions.defaults()));
    // Labels of both conventions in different parts: each part alone is consistent, the whole is not.
    Path mixed = tmp.resolve("mixed.svm");
    Files.writeString(mixed, good + good.replace("-1 ", "0 ").replace("+1 ", "1 "));
    assertNull(LibsvmReader.readInParts(mixed, "t.svm", "t.svm", LibsvmOptions.defaults(), 2), "conventions mixed");
  }

  @Test
  void optionsValidateTheDimension() {
    assertThrows(IllegalArgumentException.class, () -> new LibsvmOptions(0, LabelPolicy.BINARY));
  }
}
