package org.stochopt.core.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Ownership of an output folder for the length of one run ({@code train}, {@code sweep}, …): the
 * one lock every command that writes results takes. Claiming creates the folder, proves it is
 * writable (by writing the lock file), and takes an exclusive OS lock on {@code .stochopt.lock},
 * which records the owner (command, pid, host, start time). A second claim — from another
 * process or another thread of this one — fails at once with one line naming the owner.
 *
 * <p>Why an OS lock ({@link FileChannel#tryLock()}) and not "create the file if absent": the OS
 * drops the lock when the owner dies (kill -9, power loss), so a crashed run never leaves a
 * folder locked forever. The lock file itself is left in place after the run: deleting it would
 * let a waiting process lock an unlinked file while a third creates a new one.
 *
 * <p>Why an in-JVM registry as well: on POSIX systems closing <em>any</em> channel on a file
 * drops every lock this JVM holds on it, so a second claim in the same JVM must not even open the
 * lock file while the first holds it.
 */
public final class OutputFolder implements AutoCloseable {
  public static final String LOCK_FILE = ".stochopt.lock";
  private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

  private final Path dir;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputFolder(Path dir, Path key, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** The folder is in use by another run. */
  public static final class InUseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InUseException(String message) {
      super(message);
    }
  }

  /**
   * Claims {@code dir} for {@code command}.
   *
   * @param flag the option that named the folder, for messages (e.g. {@code --out})
   * @throws InUseException when another run holds it (one line naming the owner)
   * @throws IllegalArgumentException when the folder cannot be created or written
   */
  public static OutputFolder claim(Path dir, String flag, String command) {
    Path key;
    try {
      Files.createDirectories(dir);
      key = dir.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot use " + flag + " " + dir + " as the output folder (" + describe(e) + ")");
    }
    String owner = owner(command);
    String previous = HELD_HERE.putIfAbsent(key, owner);
    if (previous != null) throw inUse(dir, flag, previous);
    FileChannel ch = null;
    try {
      ch = FileChannel.open(key.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = readOwner(ch);
        ch.close();
        ch = null;
        throw inUse(dir, flag, holder.isBlank() ? "another process" : holder);
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(true);
      return new OutputFolder(dir, key, ch, lock);
    } catch (IOException e) {
      closeQuietly(ch);
      HELD_HERE.remove(key, owner);
      throw new IllegalArgumentException("cannot write to " + flag + " " + dir + " (" + describe(e) + ")");
    } catch (RuntimeException e) {
      closeQuietly(ch);
      HELD_HERE.remove(key, owner);
      throw e;
    }
  }

  public Path path() {
    return dir;
  }

  /** What the folder holds besides the lock file (sorted by name). */
  public List<Path> contents() {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(p -> !p.getFileName().toString().equals(LOCK_FILE)).sorted().toList());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + dir + " (" + describe(e) + ")");
    }
  }

  @Override
  public void close() {
    try {
      if (channel.isOpen()) {
        channel.truncate(0); // an unlocked, empty lock file: nobody owns the folder
        lock.release();
        channel.close();
      }
    } catch (IOException e) {
      // The OS drops the lock when the channel or the process goes away anyway.
    } finally {
      HELD_HERE.remove(key);
    }
  }

  private static InUseException inUse(Path dir, String flag, String holder) {
    return new InUseException(flag + " " + dir + " is in use by another stochopt run (" + holder
        + "); wait for it to finish or choose another " + flag);
  }

  private static String owner(String command) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return command + ", pid " + ProcessHandle.current().pid() + " on " + host + ", started " + Instant.now()
        + ", thread " + Thread.currentThread().getName();
  }

  private static String readOwner(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1024);
    ch.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch == null) return;
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

}
