package org.stochopt.datasets.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Opens files that may be gzip-compressed.
 *
 * <p>Reading sniffs the two gzip magic bytes instead of trusting a {@code .gz} suffix: benchmark
 * files are often renamed or downloaded without their suffix, and neither LIBSVM/CSV text nor IDX
 * (which starts with two zero bytes) can begin with 0x1f 0x8b, so the sniff is unambiguous.
 */
public final class CompressedFiles {
  private static final int BUFFER = 1 << 16;

  private CompressedFiles() {}

  /** A buffered stream of the file's decompressed content. */
  public static InputStream open(Path path) throws IOException {
    return decompressing(Files.newInputStream(path));
  }

  /**
   * A buffered stream of the decompressed content of any stream (a Hadoop file, say), gzip
   * detected from its first two bytes. Closing the result closes {@code in}.
   */
  public static InputStream decompressing(InputStream in) throws IOException {
    InputStream raw = new BufferedInputStream(in, BUFFER);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
      return raw;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** True when {@code head} starts with the gzip magic bytes 0x1f 0x8b. */
  public static boolean isGzip(byte[] head) {
    return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  /**
   * The one message for a compressed file that ends early or does not inflate, whichever reader
   * (in-process or a Spark task) found it; null when {@code e} is not such a failure.
   */
  public static DataFormatException damaged(String source, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof java.util.zip.ZipException || (t instanceof java.io.EOFException && m.contains("end of"))
          || m.contains("Unexpected end of ZLIB input stream") || m.contains("Unexpected end of input stream")
          || m.contains("invalid block type") || m.contains("invalid stored block") || m.contains("Not in GZIP format")) {
        return new DataFormatException(source, "truncated or corrupt compressed file (" + t.getClass().getSimpleName()
            + (m.isEmpty() ? "" : ": " + m) + ")");
      }
    }
    return null;
  }

  /** A buffered output stream, gzip-compressed when the file name ends in {@code .gz}. */
  public static OutputStream create(Path path) throws IOException {
    OutputStream raw = new BufferedOutputStream(Files.newOutputStream(path), BUFFER);
    return isGzipName(path) ? new GZIPOutputStream(raw, BUFFER) : raw;
  }

  /** The file name without directory and without a {@code .gz} suffix: a default dataset name. */
  public static String baseName(Path path) {
    Path fileName = path.getFileName();
    String name = fileName == null ? path.toString() : fileName.toString();
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }

  static boolean isGzipName(Path path) {
    Path fileName = path.getFileName();
    return fileName != null && fileName.toString().endsWith(".gz");
  }
}
