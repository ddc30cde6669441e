package org.stochopt.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way stochopt replaces a file: the bytes go to a uniquely named temporary file in the
 * same folder, are forced to the device, and the temporary file is renamed over the target. A
 * reader (or a crash at any moment) sees the old file or the new one, never a torn mix; two
 * writers racing on the same target each write their own temporary file, and the last rename wins
 * whole.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file to a stream (the stream is closed by {@link AtomicFiles}). */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Replaces {@code file} with what {@code content} writes, atomically. Creates missing parent folders. */
  public static void write(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // A unique name: two processes writing the same target must not share a temporary file.
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
        content.writeTo(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING); // e.g. some network file systems
      }
      moved = true;
    } finally {
      if (!moved) Files.deleteIfExists(tmp);
    }
  }

  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  public static void writeString(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
