package org.stochopt.core.resfgb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save/load round trip, and the one-line refusals of foreign, newer and truncated files. */
class ResFgbModelFileTest {
  @TempDir Path dir;

  private static ResFgbModel model() {
    MlpBlock shape = new MlpBlock(new int[] {3, 5, 3}, MlpBlock.Output.RELU);
    double[] w = new double[9];
    for (int k = 0; k < 9; k++) w[k] = 0.1 * (k - 4);
    ResidualBlock b = new ResidualBlock(shape, shape.initialParameters(0.5, 1), w, 1.0);
    double[] head = new double[8];
    for (int k = 0; k < 8; k++) head[k] = Math.sin(k);
    return new ResFgbModel(3, 2, List.of(b, factored(shape), b), head);
  }

  /** W = A·Bᵀ of rank 2 (A 3 × 2, B 3 × 2), the form training builds. */
  private static ResidualBlock factored(MlpBlock shape) {
    double[] a = {0.3, -0.1, 0.2, 0.05, 0.4, -0.3};
    double[] b = {1.0, 0.5, -0.7, 0.2, -0.4, 0.9};
    return ResidualBlock.factored(shape, shape.initialParameters(0.5, 3), a, b, 2, 0.9);
  }

  @Test
  void aFactoredBlockTransformsRowsAsItsDenseW() {
    MlpBlock shape = new MlpBlock(new int[] {3, 5, 3}, MlpBlock.Output.RELU);
    ResidualBlock f = factored(shape);
    ResidualBlock dense = new ResidualBlock(shape, f.theta(), f.w(), f.scale());
    double[] w = f.w();
    // W = A·Bᵀ entry by entry, independently of the BLAS call in w()
    assertEquals(0.3 * 1.0 + 0.05 * 0.2, w[0], 1e-15);
    assertEquals(-0.1 * 0.5 + 0.4 * -0.4, w[1 + 3 * 1], 1e-15);
    double[] x1 = {0.1, -0.2, 0.3, 1, 2, -3, 0.5, 1, 0.5, 0.5, -1, 1};
    double[] x2 = x1.clone();
    f.applyInPlace(x1, 3, 4);
    dense.applyInPlace(x2, 3, 4);
    assertArrayEquals(x2, x1, 1e-14);
    for (int r = 0; r < 3; r++) assertEquals(1.0, x1[r * 4 + 3], 0.0);
    assertEquals(12, f.wParameterCount());
  }

  @Test
  void roundTripPredictsTheSame() throws Exception {
    ResFgbModel m = model();
    Path f = dir.resolve("m.bin");
    ResFgbModelFile.write(m, f);
    ResFgbModel back = ResFgbModelFile.read(f);
    double[] x = {0.1, -0.2, 0.3, 1, 2, 3};
    assertArrayEquals(m.margins(x, 2), back.margins(x, 2), 0.0);
    assertEquals(3, back.depth());
  }

  @Test
  void otherVersionIsRefusedWithOneLine() throws Exception {
    Path f = dir.resolve("m.bin");
    ResFgbModelFile.write(model(), f);
    byte[] bytes = Files.readAllBytes(f);
    ByteBuffer.wrap(bytes).putInt(ResFgbModelFile.MAGIC.length() + 1, ResFgbModelFile.FORMAT_VERSION + 1);
    Files.write(f, bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResFgbModelFile.read(f));
    assertTrue(e.getMessage().contains("format version " + (ResFgbModelFile.FORMAT_VERSION + 1)) && !e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aVersionOneFileWithDenseBlocksIsRefusedWithOneLine() throws Exception {
    Path f = dir.resolve("old.bin");
    ResFgbModelFile.write(model(), f);
    byte[] bytes = Files.readAllBytes(f);
    ByteBuffer.wrap(bytes).putInt(ResFgbModelFile.MAGIC.length() + 1, 1);
    Files.write(f, bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResFgbModelFile.read(f));
    assertEquals(f + " is a ResFGB model of format version 1; this build reads version 2 (retrain, or use the build that wrote it)", e.getMessage());
  }

  @Test
  void foreignAndTruncatedFilesAreRefused() throws Exception {
    Path foreign = dir.resolve("x.bin");
    Files.writeString(foreign, "not a model at all, just some text that is long enough");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ResFgbModelFile.read(foreign)).getMessage().contains("not a stochopt ResFGB model"));
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    ResFgbModelFile.write(model(), new DataOutputStream(bos));
    byte[] all = bos.toByteArray();
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 20));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ResFgbModelFile.read(cut)).getMessage().contains("truncated"));
  }

  @Test
  void mismatchedFeatureCountIsRefused() {
    ResFgbModel m = model();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResFgbModelFile.checkFeatures(m, 4, "the data"));
    assertEquals("the model was trained on 3 features, but the data has 4", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.predict(new double[8], 2));
  }
}
