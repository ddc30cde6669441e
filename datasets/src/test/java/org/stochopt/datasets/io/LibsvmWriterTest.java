package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.datasets.TestBlocks;

class LibsvmWriterTest {
  private static String write(RowBlock block) throws IOException {
    StringWriter out = new StringWriter();
    LibsvmWriter.write(block, out);
    return out.toString();
  }

  private static RowBlock roundTrip(RowBlock block, LabelPolicy policy) throws IOException {
    String text = write(block);
    return LibsvmReader.read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            "round-trip",
            new LibsvmOptions(block.dim(), policy))
        .block();
  }

  /** Random values with awkward decimal expansions (and some exact zeros) to stress the round trip. */
  private static RowBlock randomBlock(int rows, int dim, double density, boolean realLabels, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    RowBlockBuilder b = new RowBlockBuilder();
    int[] idx = new int[dim];
    double[] val = new double[dim];
    for (int r = 0; r < rows; r++) {
      int c = 0;
      for (int j = 0; j < dim; j++) {
        if (rnd.nextDouble() < density) {
          idx[c] = j;
          val[c++] = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-30, 30));
        }
      }
      double label = realLabels ? rnd.nextDouble() * 1e3 - 500 : (rnd.nextBoolean() ? 1 : -1);
      b.addRow(label, idx, val, c);
    }
    return b.build(dim, 0);
  }

  @Test
  void writesIntegralLabelsAsIntegersAndOneBasedNonzeros() throws IOException {
    RowBlock block =
        new RowBlockBuilder()
            .addDenseRow(1, new double[] {0.5, 0, 3})
            .addDenseRow(-1, new double[] {0, 0.1, 0})
            .addDenseRow(2.5, new double[] {0, 0, 0})
            .buildDense(3, 0);
    assertEquals("1 1:0.5 3:3.0\n-1 2:0.1\n2.5\n", write(block));
  }

  @Test
  void denseRoundTripIsExact() throws IOException {
    RowBlock block = randomBlock(50, 20, 0.9, false, 1);
    assertInstanceOf(DenseRowBlock.class, block);
    TestBlocks.assertSameBlock(block, roundTrip(block, LabelPolicy.BINARY));
  }

  @Test
  void sparseRoundTripIsExact() throws IOException {
    RowBlock block = randomBlock(80, 300, 0.05, false, 2);
    assertInstanceOf(CsrRowBlock.class, block);
    TestBlocks.assertSameBlock(block, roundTrip(block, LabelPolicy.BINARY));
  }

  @Test
  void realLabelsRoundTripExactly() throws IOException {
    RowBlock block = randomBlock(40, 30, 0.2, true, 3);
    TestBlocks.assertSameBlock(block, roundTrip(block, LabelPolicy.REAL));
  }

  @Test
  void writesGzipFilesByName(@TempDir Path dir) throws IOException {
    RowBlock block = randomBlock(30, 50, 0.1, false, 4);
    Path file = dir.resolve("x.svm.gz");
    LibsvmWriter.write(block, file);
    TestBlocks.assertSameBlock(block, LibsvmReader.read(file, new LibsvmOptions(50, LabelPolicy.BINARY)).block());
  }
}
