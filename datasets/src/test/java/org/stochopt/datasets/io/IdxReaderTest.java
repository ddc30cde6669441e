package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stochopt.datasets.IdxFiles.gzip;
import static org.stochopt.datasets.IdxFiles.images;
import static org.stochopt.datasets.IdxFiles.labels;
import static org.stochopt.datasets.IdxFiles.write;
import static org.stochopt.datasets.io.Expect.formatError;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private static final byte[] PIXELS = {0, 1, 2, (byte) 255, 4, 5, 6, 7, 8, 9, 10, 11};

  @Test
  void readsImagesPlainAndGzipped() throws IOException {
    Path plain = write(dir.resolve("img"), images(3, 2, 2, PIXELS));
    Path gz = write(dir.resolve("img.gz"), gzip(images(3, 2, 2, PIXELS)));
    for (Path p : new Path[] {plain, gz}) {
      IdxReader.Images im = IdxReader.readImages(p);
      assertEquals(3, im.count());
      assertEquals(2, im.rows());
      assertEquals(2, im.cols());
      assertEquals(4, im.pixelsPerImage());
      assertArrayEquals(PIXELS, im.pixels());
      assertEquals(255, im.pixel(0, 3));
      assertEquals(9, im.pixel(2, 1));
    }
  }

  @Test
  void readsLabels() throws IOException {
    Path p = write(dir.resolve("lab.gz"), gzip(labels(new byte[] {7, 9, 3})));
    assertArrayEquals(new byte[] {7, 9, 3}, IdxReader.readLabels(p));
  }

  @Test
  void wrongMagicSaysWhatTheFileIs() throws IOException {
    Path lab = write(dir.resolve("lab"), labels(new byte[] {1}));
    formatError(lab + ": not an IDX image file: magic number 0x00000801, expected 0x00000803 (this is a label file)",
        () -> IdxReader.readImages(lab));
    Path img = write(dir.resolve("img"), images(3, 2, 2, PIXELS));
    formatError(img + ": not an IDX label file: magic number 0x00000803, expected 0x00000801 (this is an image file)",
        () -> IdxReader.readLabels(img));
    Path html = write(dir.resolve("page.html"), "<html>404</html>".getBytes());
    formatError(html + ": not an IDX label file: magic number 0x3c68746d, expected 0x00000801",
        () -> IdxReader.readLabels(html));
  }

  @Test
  void truncatedBody() throws IOException {
    byte[] full = images(3, 2, 2, PIXELS);
    Path p = write(dir.resolve("short"), Arrays.copyOf(full, full.length - 5));
    formatError(p + ": truncated: header promises 3 images of 2×2 (12 bytes) but only 7 follow",
        () -> IdxReader.readImages(p));
    Path gz = write(dir.resolve("short.gz"), gzip(Arrays.copyOf(full, full.length - 5)));
    formatError(gz + ": truncated: header promises 3 images of 2×2 (12 bytes) but only 7 follow",
        () -> IdxReader.readImages(gz));
  }

  @Test
  void truncatedHeader() throws IOException {
    Path p = write(dir.resolve("hdr"), Arrays.copyOf(images(3, 2, 2, PIXELS), 10));
    formatError(p + ": truncated header: file ends before the image rows", () -> IdxReader.readImages(p));
    Path empty = write(dir.resolve("empty"), new byte[0]);
    formatError(empty + ": truncated header: file ends before the magic number", () -> IdxReader.readLabels(empty));
  }

  @Test
  void cutOffCompressedStream() throws IOException {
    byte[] gz = gzip(images(3, 2, 2, PIXELS));
    Path p = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(p));
    assertEquals(p.toString(), e.source());
  }

  @Test
  void trailingBytes() throws IOException {
    byte[] full = images(3, 2, 2, PIXELS);
    Path p = write(dir.resolve("long"), Arrays.copyOf(full, full.length + 1));
    formatError(p + ": unexpected bytes after the 3 images of 2×2 the header promises", () -> IdxReader.readImages(p));
  }

  @Test
  void negativeSize() throws IOException {
    Path p = write(dir.resolve("neg"), images(-1, 2, 2, new byte[0]));
    formatError(p + ": header has a negative image count: -1", () -> IdxReader.readImages(p));
  }
}
