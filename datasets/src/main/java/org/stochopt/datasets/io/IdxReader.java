package org.stochopt.datasets.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Reads the IDX container used by MNIST and Fashion-MNIST: a big-endian magic number
 * ({@code 0x00000803} for unsigned-byte 3-d image arrays, {@code 0x00000801} for 1-d label
 * arrays), the dimension sizes as big-endian ints, then the bytes.
 *
 * <p>The header is checked strictly (magic, sizes, exact byte count, no trailing bytes) because
 * the usual failure modes — an interrupted download, the images file passed as the labels file,
 * an HTML error page saved under the right name — would otherwise surface much later as a
 * nonsense accuracy curve. Files may be gzip-compressed (detected from their content).
 */
public final class IdxReader {
  /** Magic of an unsigned-byte array with 3 dimensions (count × rows × columns). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic of an unsigned-byte array with 1 dimension (count). */
  public static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /**
   * Images as stored: {@code count} images of {@code rows × cols} unsigned bytes, row-major,
   * image after image.
   */
  public record Images(int count, int rows, int cols, byte[] pixels) {
    public int pixelsPerImage() {
      return rows * cols;
    }

    /** Pixel {@code p} (row-major within the image) of image {@code i}, as 0..255. */
    public int pixel(int i, int p) {
      return pixels[i * rows * cols + p] & 0xff;
    }
  }

  public static Images readImages(Path path) throws IOException {
    try (InputStream in = CompressedFiles.open(path)) {
      return readImages(in, path.toString());
    }
  }

  /** Reads one labels file; each byte is one label, 0..255. */
  public static byte[] readLabels(Path path) throws IOException {
    try (InputStream in = CompressedFiles.open(path)) {
      return readLabels(in, path.toString());
    }
  }

  /** Reads an image array from an uncompressed stream, which is not closed. */
  public static Images readImages(InputStream in, String source) throws IOException {
    checkMagic(readInt(in, source, "magic number"), IMAGES_MAGIC, "image", source);
    int count = readSize(in, source, "image count");
    int rows = readSize(in, source, "image rows");
    int cols = readSize(in, source, "image columns");
    long bytes = (long) count * rows * cols;
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new DataFormatException(
          source, "header claims " + count + " images of " + rows + "×" + cols + ", too large to load");
    }
    byte[] pixels = readBody(in, (int) bytes, source, count + " images of " + rows + "×" + cols);
    return new Images(count, rows, cols, pixels);
  }

  /** Reads a label array from an uncompressed stream, which is not closed. */
  public static byte[] readLabels(InputStream in, String source) throws IOException {
    checkMagic(readInt(in, source, "magic number"), LABELS_MAGIC, "label", source);
    int count = readSize(in, source, "label count");
    return readBody(in, count, source, count + " labels");
  }

  private static void checkMagic(int magic, int expected, String kind, String source) {
    if (magic == expected) return;
    String hint =
        magic == IMAGES_MAGIC ? " (this is an image file)"
            : magic == LABELS_MAGIC ? " (this is a label file)"
            : "";
    throw new DataFormatException(
        source,
        String.format("not an IDX %s file: magic number 0x%08x, expected 0x%08x%s", kind, magic, expected, hint));
  }

  private static int readSize(InputStream in, String source, String what) throws IOException {
    int v = readInt(in, source, what);
    if (v < 0) throw new DataFormatException(source, "header has a negative " + what + ": " + v);
    return v;
  }

  private static int readInt(InputStream in, String source, String what) throws IOException {
    byte[] b = readFully(in, 4, source);
    if (b.length < 4) {
      throw new DataFormatException(source, "truncated header: file ends before the " + what);
    }
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  private static byte[] readBody(InputStream in, int bytes, String source, String promised) throws IOException {
    byte[] body = readFully(in, bytes, source);
    if (body.length < bytes) {
      throw new DataFormatException(
          source,
          "truncated: header promises " + promised + " (" + bytes + " bytes) but only " + body.length + " follow");
    }
    if (readFully(in, 1, source).length > 0) {
      throw new DataFormatException(source, "unexpected bytes after the " + promised + " the header promises");
    }
    return body;
  }

  /** Up to {@code n} bytes; fewer only at end of input. A cut-off gzip stream counts as the end. */
  private static byte[] readFully(InputStream in, int n, String source) throws IOException {
    try {
      return in.readNBytes(n);
    } catch (EOFException | ZipException e) {
      throw new DataFormatException(source, "truncated or corrupt compressed file (" + e.getMessage() + ")");
    }
  }
}
