package org.stochopt.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests. */
public final class IdxFiles {
  private IdxFiles() {}

  public static byte[] images(int count, int rows, int cols, byte[] pixels) {
    return ByteBuffer.allocate(16 + pixels.length)
        .putInt(0x00000803).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
  }

  public static byte[] labels(byte[] labels) {
    return ByteBuffer.allocate(8 + labels.length).putInt(0x00000801).putInt(labels.length).put(labels).array();
  }

  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  public static Path write(Path file, byte[] data) throws IOException {
    return Files.write(file, data);
  }
}
