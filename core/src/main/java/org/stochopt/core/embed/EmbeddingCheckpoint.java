package org.stochopt.core.embed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.stochopt.core.io.DamagedFileException;
import org.stochopt.core.io.SealedFile;
import org.stochopt.core.optim.TrainingLoop;

/**
 * Checkpoints of an embedding run in one folder: {@value #FILE}, the loop's
 * {@link TrainingLoop.Position} (the {@link EmbeddingState} — step, the driver's table and the rows
 * of the next minibatch when the driver holds them, the running loss — the costs, the trace) with
 * the run key; and, when the table is sharded, one file per shard, {@code shard-P.step-T.bin},
 * written shard by shard so the driver never holds the table.
 *
 * <p>No random-generator position is saved: every minibatch and its negatives are a pure function
 * of (seed, step, partition), so the step is the position. Each file is a {@link SealedFile}
 * written atomically. The shard files of step T are written before the position that names T, and
 * older shard files are deleted only after it, so a crash at any point leaves a complete pair.
 */
public final class EmbeddingCheckpoint {
  /** The position file in the checkpoint folder. */
  public static final String FILE = "embedding-checkpoint.bin";
  private static final String KIND = "embedding-checkpoint";
  private static final String SHARD_KIND = "embedding-shard";
  private final Path dir;

  public EmbeddingCheckpoint(Path dir) {
    this.dir = dir;
  }

  /** What the position file holds. */
  public record Saved(String runKey, TrainingLoop.Position<EmbeddingState> position) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public boolean exists() {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  /** Saves the position (and, when sharded, every shard first). */
  public void save(String runKey, TrainingLoop.Position<EmbeddingState> position, PartitionedEmbedding embedding) {
    try {
      Files.createDirectories(dir);
      long step = position.state().step();
      if (embedding.aggregation() == Aggregation.SHARDED) {
        embedding.forEachShard(s -> write(dir.resolve(shardName(s.partition(), step)), SHARD_KIND, s));
      }
      write(dir.resolve(FILE), KIND, new Saved(runKey, position));
      try (Stream<Path> old = Files.list(dir)) {
        for (Path f : old.filter(f -> f.getFileName().toString().startsWith("shard-") && !f.getFileName().toString().endsWith(".step-" + step + ".bin")).toList()) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Deletes every checkpoint file of the folder (a fresh run replaces them). */
  public void clear() {
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().equals(FILE) || f.getFileName().toString().startsWith("shard-")).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear checkpoints in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The saved position; a missing, damaged or foreign checkpoint is a one-line user error. */
  public Saved read(String runKey) {
    Path f = dir.resolve(FILE);
    Object o = readSealed(f, KIND, "no checkpoint to resume at " + f + " (the first run needs --checkpoint-every and the same --out)");
    if (!(o instanceof Saved s)) throw new IllegalArgumentException(f + ": not an embedding checkpoint");
    if (!s.runKey().equals(runKey)) {
      throw new IllegalArgumentException("the checkpoint belongs to a different run and cannot be resumed by this one (checkpoint: " + s.runKey()
          + "; this run: " + runKey + "); resume with the first run's flags");
    }
    return s;
  }

  /** Reads shard p of the given step where the block is made (an executor on a shared file system, or this JVM). */
  public static RowShardSource shards(Path dir, long step) {
    String folder = dir.toAbsolutePath().toString();
    return p -> {
      Path f = Path.of(folder, shardName(p, step));
      Object o = readSealed(f, SHARD_KIND, "checkpoint shard " + f + " is missing");
      if (!(o instanceof RowShard s) || s.partition() != p) throw new IllegalArgumentException(f + ": not shard " + p + " of the checkpoint");
      return s;
    };
  }

  /** Where a partition's rows come from when its block is made: a checkpoint, or (null) the seeded initialisation. */
  @FunctionalInterface
  public interface RowShardSource extends Serializable {
    RowShard load(int partition);
  }

  private static String shardName(int p, long step) {
    return "shard-" + p + ".step-" + step + ".bin";
  }

  private static void write(Path f, String kind, Object o) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(o);
      }
      SealedFile.write(f, kind, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + f + ": " + e.getMessage(), e);
    }
  }

  private static Object readSealed(Path f, String kind, String missing) {
    byte[] body;
    try {
      body = SealedFile.read(f, kind);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(missing);
    } catch (DamagedFileException e) {
      throw new IllegalArgumentException(f + ": damaged checkpoint (" + e.getMessage() + "); start the run again", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + f + ": " + e.getMessage(), e);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(body))) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException(f + ": written by another stochopt version or damaged (" + e + "); start the run again");
    }
  }
}
