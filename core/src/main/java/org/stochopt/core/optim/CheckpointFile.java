package org.stochopt.core.optim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.stochopt.core.io.DamagedFileException;
import org.stochopt.core.io.SealedFile;

/**
 * A checkpoint on local disk: Java serialization of a {@link RunnerCheckpoint} inside a
 * {@link SealedFile} (kind {@code checkpoint}). The seal makes every damaged byte a clear error
 * instead of a silently different trajectory, and {@link org.stochopt.core.io.AtomicFiles} makes a
 * crash leave either the old or the new checkpoint, never a torn one. The checkpoint carries the
 * run key (the run's configuration), and {@link Checkpointing} refuses it for another run. Java
 * serialization is the body format: a checkpoint is for resuming with the same stochopt build.
 */
public final class CheckpointFile {
  /** The {@link SealedFile} kind of checkpoints. */
  public static final String KIND = "checkpoint";
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
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(checkpoint);
      }
      SealedFile.write(path, KIND, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  /** Reads the checkpoint; a missing, damaged or incompatible file is a user error with a clear message. */
  public RunnerCheckpoint read() {
    byte[] body;
    try {
      body = SealedFile.read(path, KIND);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "no checkpoint to resume at " + path + " (the first run needs --checkpoint-every and the same --out)");
    } catch (DamagedFileException e) {
      throw new IllegalArgumentException(e.getMessage().replace("damaged checkpoint file", "damaged checkpoint")
          + "; start the run again (with --overwrite)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + path + ": " + e.getMessage(), e);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(body))) {
      Object o = in.readObject();
      if (!(o instanceof RunnerCheckpoint cp)) {
        throw new IllegalArgumentException(path + ": not a stochopt checkpoint");
      }
      return cp;
    } catch (InvalidClassException | ClassNotFoundException e) {
      throw new IllegalArgumentException(
          path + ": written by a different stochopt version (" + e.getMessage() + "); start the run again");
    } catch (IOException | ClassCastException e) {
      throw new IllegalArgumentException(path + ": damaged checkpoint (" + e + "); start the run again");
    }
  }
}
