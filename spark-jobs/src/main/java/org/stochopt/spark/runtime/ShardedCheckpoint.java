package org.stochopt.spark.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.stochopt.core.io.DamagedFileException;
import org.stochopt.core.io.SealedFile;
import org.stochopt.core.optim.Checkpointing;
import org.stochopt.core.runtime.BlockSource;
import org.stochopt.core.runtime.PartitionTask;

/**
 * A checkpoint of a model whose parameters are sharded in a partitioned runtime's blocks (NTK
 * neurons, mean-field particles). Each block is written by the task that holds it, where it lives,
 * so the parameters never pass through the driver (a wide network's blocks need not fit there);
 * then the driver writes a small manifest — run key, step, block count and its own state — and
 * that write commits the checkpoint.
 *
 * <pre>
 *   DIR/step-000000001200/block-00003.bin   block 3 as it was after step 1200
 *   DIR/step-000000001200.manifest          the commit: run key, step, blocks, driver state
 * </pre>
 *
 * <p>Why the manifest last, under a new name: a crash while the blocks are being written leaves the
 * previous manifest, which names an older, complete step folder, and a manifest appears only by an
 * atomic rename of a complete file; older steps are deleted only after the new manifest is in
 * place, and a resume takes the newest manifest. Every file is a {@link SealedFile}
 * (checksummed), so a damaged byte is a clear error on resume, never a silently different run.
 *
 * <p>DIR is any Hadoop URI ({@code file:}, {@code hdfs:}, {@code s3a:}). On a cluster it must be
 * storage that every executor and the driver reach, like Spark's own checkpoint directory;
 * executors open it with a default Hadoop {@link Configuration}.
 */
public final class ShardedCheckpoint {
  private static final String MANIFEST_SUFFIX = ".manifest";
  private static final String MANIFEST_KIND = "sharded-checkpoint";
  private static final String BLOCK_KIND = "checkpoint-block";

  /** What the driver saves: the run it belongs to, the step, the block count and its own state. */
  public record Manifest(String runKey, long step, int blocks, Serializable driverState) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * A run's checkpoint policy, validated.
   *
   * @param everySteps save after every this many steps; 0 = never
   * @param dir the checkpoint folder (a Hadoop URI or a local path); null when neither saving nor resuming
   * @param resume continue from the newest checkpoint in {@code dir}
   */
  public record Settings(long everySteps, String dir, boolean resume) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Settings {
      if (everySteps < 0) throw new IllegalArgumentException("--checkpoint-every must be ≥ 0, got " + everySteps);
      if ((everySteps > 0 || resume) && (dir == null || dir.isBlank())) {
        throw new IllegalArgumentException("a checkpoint needs a folder (--checkpoint-dir)");
      }
    }

    public static Settings none() {
      return new Settings(0, null, false);
    }

    public boolean saving() {
      return everySteps > 0;
    }

    /**
     * The checkpoint a run of {@code steps} steps under {@code runKey} continues from, or null for a
     * fresh run. Refused with one line: a resume without a checkpoint, of another run, or with
     * {@code steps} not above the checkpoint's; a fresh run into a folder that holds a checkpoint
     * (it would be overwritten step by step: nothing is lost without asking).
     */
    public Manifest start(String runKey, long steps) {
      ShardedCheckpoint checkpoint = checkpoint();
      if (resume) {
        Manifest saved = checkpoint.read(runKey);
        if (saved.step() >= steps) {
          throw new IllegalArgumentException("the checkpoint is at step " + saved.step() + ": give --steps above it to continue (now " + steps + ")");
        }
        return saved;
      }
      if (checkpoint != null && checkpoint.exists()) {
        throw new IllegalArgumentException(checkpoint.dir() + " holds the checkpoint of an earlier run: give --resume to continue it, or another --out");
      }
      return null;
    }

    /** The checkpoint these settings read or write, or null when they do neither. */
    public ShardedCheckpoint checkpoint() {
      return saving() || resume ? new ShardedCheckpoint(dir) : null;
    }
  }

  private final String dir;

  /** @param dir the checkpoint folder, a Hadoop URI or a local path */
  public ShardedCheckpoint(String dir) {
    this.dir = dir;
  }

  public String dir() {
    return dir;
  }

  /** Whether a committed checkpoint is there. */
  public boolean exists() {
    return latest() != null;
  }

  /** The newest manifest, or null. */
  private Path latest() {
    try {
      Path root = new Path(dir);
      FileSystem fs = root.getFileSystem(new Configuration());
      if (!fs.exists(root)) return null;
      Path best = null;
      for (FileStatus s : fs.listStatus(root)) {
        String name = s.getPath().getName();
        // fixed-width step numbers: the names sort as the steps do
        if (s.isFile() && name.startsWith("step-") && name.endsWith(MANIFEST_SUFFIX)
            && (best == null || name.compareTo(best.getName()) > 0)) {
          best = s.getPath();
        }
      }
      return best;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for a checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The task that writes block p of the run after {@code step}, from where the block lives; it
   * captures only strings, so it ships to executors as it is. Run it on every block, then
   * {@link #commit}.
   */
  public <B extends Serializable> PartitionTask<B, Long> blockWriter(long step) {
    String folder = stepFolder(dir, step);
    return (p, block) -> {
      byte[] sealed = SealedFile.seal(BLOCK_KIND, serialize(block));
      Path file = new Path(folder, blockName(p));
      try {
        write(file, sealed);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write checkpoint block " + file + ": " + e.getMessage(), e);
      }
      return (long) sealed.length;
    };
  }

  /** Commits the blocks written for {@code m.step()}, then deletes every other step's folder and manifest. */
  public void commit(Manifest m) {
    try {
      String keep = new Path(stepFolder(dir, m.step())).getName();
      write(new Path(dir, keep + MANIFEST_SUFFIX), SealedFile.seal(MANIFEST_KIND, serialize(m)));
      Path root = new Path(dir);
      FileSystem fs = root.getFileSystem(new Configuration());
      for (FileStatus s : fs.listStatus(root)) {
        String name = s.getPath().getName();
        if (name.startsWith("step-") && !name.equals(keep) && !name.equals(keep + MANIFEST_SUFFIX)) fs.delete(s.getPath(), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The committed manifest, refused with one line when it belongs to another run (its key differs)
   * or when there is none.
   */
  public Manifest read(String runKey) {
    Path m = latest();
    if (m == null) {
      throw new IllegalArgumentException("no checkpoint to resume in " + dir + " (the first run needs --checkpoint-every and the same --out)");
    }
    Manifest manifest = (Manifest) deserialize(m, MANIFEST_KIND, "no checkpoint to resume in " + dir);
    if (!manifest.runKey().equals(runKey)) {
      throw new IllegalArgumentException("the checkpoint in " + dir + " belongs to a different run and cannot be resumed by this one ("
          + Checkpointing.difference(manifest.runKey(), runKey) + "); resume with the first run's flags, or give another --out");
    }
    return manifest;
  }

  /** The saved blocks as the runtime's block source: partition p reads its own block, where it will live. */
  public <B> BlockSource<B> blocks(Manifest m, Class<B> type) {
    String folder = stepFolder(dir, m.step());
    return p -> type.cast(deserialize(new Path(folder, blockName(p)), BLOCK_KIND, "checkpoint block " + p + " is missing in " + folder));
  }

  static String stepFolder(String dir, long step) {
    return new Path(dir, String.format(Locale.ROOT, "step-%012d", step)).toString();
  }

  private static String blockName(int p) {
    return String.format(Locale.ROOT, "block-%05d.bin", p);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    FileSystem fs = file.getFileSystem(new Configuration());
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(bytes);
    }
    // every name is written once per step (a re-run task writes the same bytes), and rename onto a new name is atomic
    if (fs.exists(file)) fs.delete(file, false);
    if (!fs.rename(tmp, file)) throw new IOException("cannot rename " + tmp + " to " + file);
  }

  private static byte[] serialize(Serializable o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(Path file, String kind, String missing) {
    byte[] all;
    try {
      FileSystem fs = file.getFileSystem(new Configuration());
      if (!fs.exists(file)) throw new IllegalArgumentException(missing);
      try (InputStream in = fs.open(file)) {
        all = in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    java.nio.file.Path where = java.nio.file.Path.of(file.toString());
    byte[] body;
    try {
      body = SealedFile.open(where, kind, all);
    } catch (DamagedFileException e) {
      throw new IllegalArgumentException(e.getMessage() + "; start the run again in another --out", e);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(body))) {
      return in.readObject();
    } catch (InvalidClassException | ClassNotFoundException e) {
      throw new IllegalArgumentException(file + ": written by a different stochopt version (" + e.getMessage() + "); start the run again");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": damaged checkpoint (" + e + "); start the run again");
    }
  }
}
