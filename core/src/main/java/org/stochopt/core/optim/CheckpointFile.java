package org.stochopt.core.optim;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A checkpoint on local disk, written atomically: the bytes go to a temporary file in the same
 * folder, are forced to the device, and the file is then renamed over the previous checkpoint, so
 * a crash at any moment leaves either the old or the new checkpoint, never a torn one.
 * Java serialization is the format; a checkpoint is for resuming with the same stochopt build.
 */
public final class CheckpointFile {
  private final Path path;

  public CheckpointFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  public boolean exists() {
    return Files.isRegularFile(path);
  }

  public void write(RunnerCheckpoint checkpoint) {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try {
      Path dir = path.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
          ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(raw))) {
        out.writeObject(checkpoint);
        out.flush();
        ch.force(true);
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  /** Reads the checkpoint; a missing, damaged or incompatible file is a user error with a clear message. */
  public RunnerCheckpoint read() {
    try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
      Object o = in.readObject();
      if (!(o instanceof RunnerCheckpoint cp)) {
        throw new IllegalArgumentException(path + ": not a stochopt checkpoint");
      }
      return cp;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "no checkpoint to resume at " + path + " (the first run needs --checkpoint-every and the same --out)");
    } catch (InvalidClassException | ClassNotFoundException e) {
      throw new IllegalArgumentException(
          path + ": written by a different stochopt version (" + e.getMessage() + "); start the run again");
    } catch (StreamCorruptedException | java.io.EOFException | ClassCastException e) {
      throw new IllegalArgumentException(path + ": damaged checkpoint (" + e + "); start the run again");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + path + ": " + e.getMessage(), e);
    }
  }
}
