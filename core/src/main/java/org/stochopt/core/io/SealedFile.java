package org.stochopt.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A checksummed container for state that stochopt writes and later reads back (checkpoints,
 * cached reference optima, finished sweep cells). The file is one ASCII header line followed by
 * the body:
 *
 * <pre>  stochopt-sealed v1 KIND LENGTH SHA256HEX\n  BODY</pre>
 *
 * <p>Why SHA-256 and not CRC32: the header and the body are both covered (the kind and length are
 * compared exactly, the digest covers every body byte), so any single changed byte anywhere is
 * detected with certainty, and the cost (hundreds of MB/s) is negligible next to writing the file.
 * This protects against damage (disk, copy, truncation, hand edits), not against an adversary.
 * Written with {@link AtomicFiles}, so a crash never leaves a torn file either.
 */
public final class SealedFile {
  private static final String MAGIC = "stochopt-sealed";
  private static final String VERSION = "v1";
  private static final int MAX_HEADER = 256;

  private SealedFile() {}

  /** Writes {@code body} under {@code kind} (a word without spaces, e.g. {@code checkpoint}). */
  public static void write(Path file, String kind, byte[] body) throws IOException {
    byte[] header = header(kind, body);
    AtomicFiles.write(file, out -> {
      out.write(header);
      out.write(body);
    });
  }

  /**
   * The whole sealed file as bytes, for storage that {@link AtomicFiles} does not reach (a Hadoop
   * file system: checkpoints of sharded models written by executors); read back with {@link #open}.
   */
  public static byte[] seal(String kind, byte[] body) {
    byte[] header = header(kind, body);
    byte[] all = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, all, header.length, body.length);
    return all;
  }

  private static byte[] header(String kind, byte[] body) {
    checkKind(kind);
    return (MAGIC + " " + VERSION + " " + kind + " " + body.length + " " + sha256(body) + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The body of a sealed file of this kind.
   *
   * @throws DamagedFileException when the header, length or checksum do not match
   * @throws java.nio.file.NoSuchFileException when there is no file
   */
  public static byte[] read(Path file, String kind) throws IOException {
    checkKind(kind);
    return open(file, kind, Files.readAllBytes(file));
  }

  /** Checks and unwraps the bytes of a sealed file (exposed for tests and in-memory use). */
  public static byte[] open(Path file, String kind, byte[] all) {
    int nl = -1;
    for (int i = 0; i < Math.min(all.length, MAX_HEADER); i++) {
      if (all[i] == '\n') {
        nl = i;
        break;
      }
    }
    String what = kind + " file";
    if (nl < 0) throw new DamagedFileException(file, what, "no stochopt-sealed header");
    String[] h = new String(all, 0, nl, StandardCharsets.US_ASCII).split(" ", -1);
    if (h.length != 5 || !h[0].equals(MAGIC) || !h[1].equals(VERSION)) {
      throw new DamagedFileException(file, what, "not a " + MAGIC + " " + VERSION + " header");
    }
    if (!h[2].equals(kind)) throw new DamagedFileException(file, what, "holds a '" + h[2] + "', not a '" + kind + "'");
    long length;
    try {
      length = Long.parseLong(h[3]);
    } catch (NumberFormatException e) {
      throw new DamagedFileException(file, what, "unreadable length '" + h[3] + "'");
    }
    if (!h[3].equals(Long.toString(length)) || length != all.length - nl - 1L) {
      throw new DamagedFileException(file, what, "the header says " + h[3] + " bytes, the file has " + (all.length - nl - 1));
    }
    byte[] body = Arrays.copyOfRange(all, nl + 1, all.length);
    if (!sha256(body).equals(h[4])) throw new DamagedFileException(file, what, "checksum mismatch");
    return body;
  }

  private static void checkKind(String kind) {
    if (kind == null || kind.isEmpty() || !kind.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException("a sealed-file kind is one printable word, got '" + kind + "'");
    }
  }

  static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }
}
