package org.stochopt.core.resfgb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk form of a {@link ResFgbModel}: a magic line, a format version, then the shapes and
 * the doubles, big-endian ({@link DataOutputStream}). Java serialization is avoided on purpose: a
 * file from another build must be refused with one line naming both versions, not fail somewhere
 * inside a class's stream. A file of another kind or another version, a truncated file, or a model
 * applied to data of another width is refused with {@link IllegalArgumentException}.
 */
public final class ResFgbModelFile {
  static final String MAGIC = "stochopt-resfgb-model";
  /** Bump when the layout changes; older readers then refuse newer files and vice versa. */
  public static final int FORMAT_VERSION = 2;

  private ResFgbModelFile() {}

  public static void write(ResFgbModel model, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream os = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
      write(model, out);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public static void write(ResFgbModel model, DataOutputStream out) throws IOException {
    out.write((MAGIC + "\n").getBytes(StandardCharsets.US_ASCII));
    out.writeInt(FORMAT_VERSION);
    out.writeInt(model.features());
    out.writeInt(model.classes());
    out.writeInt(model.depth());
    for (ResidualBlock b : model.blocks()) {
      int[] sizes = b.shape().sizes();
      out.writeInt(sizes.length);
      for (int s : sizes) out.writeInt(s);
      out.writeByte(b.shape().output().ordinal());
      out.writeDouble(b.scale());
      doubles(out, b.theta());
      // version 2: W as factors A (d′ × r), B (d × r); r = 0 marks a dense W
      out.writeInt(b.isFactored() ? b.rank() : 0);
      doubles(out, b.factorA());
      if (b.isFactored()) doubles(out, b.factorB());
    }
    doubles(out, model.head());
  }

  public static ResFgbModel read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no model file at " + file);
    try (InputStream is = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
      return read(in, file.toString());
    }
  }

  /** Reads a model from a stream (Spark ML readers use it on a Hadoop file); {@code name} appears in refusals. */
  public static ResFgbModel read(DataInputStream in, String name) throws IOException {
    byte[] magic = new byte[MAGIC.length() + 1];
    try {
      in.readFully(magic);
    } catch (EOFException e) {
      throw new IllegalArgumentException(name + " is not a stochopt ResFGB model file (too short)");
    }
    if (!new String(magic, StandardCharsets.US_ASCII).equals(MAGIC + "\n")) {
      throw new IllegalArgumentException(name + " is not a stochopt ResFGB model file");
    }
    try {
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException(name + " is a ResFGB model of format version " + version + "; this build reads version "
            + FORMAT_VERSION + " (retrain, or use the build that wrote it)");
      }
      int d = in.readInt();
      int k = in.readInt();
      int depth = in.readInt();
      if (d < 1 || k < 2 || depth < 0 || depth > 100_000) throw new IllegalArgumentException(name + " has an invalid header (d=" + d + ", K=" + k + ", depth=" + depth + ")");
      List<ResidualBlock> blocks = new ArrayList<>(depth);
      for (int t = 0; t < depth; t++) {
        int len = in.readInt();
        if (len < 2 || len > 64) throw new IllegalArgumentException(name + ": block " + t + " has an invalid shape");
        int[] sizes = new int[len];
        for (int i = 0; i < len; i++) sizes[i] = in.readInt();
        int out = in.readByte();
        if (out < 0 || out >= MlpBlock.Output.values().length) throw new IllegalArgumentException(name + ": block " + t + " has an unknown activation");
        double scale = in.readDouble();
        MlpBlock shape = new MlpBlock(sizes, MlpBlock.Output.values()[out]);
        double[] theta = doubles(in, shape.parameterCount(), name);
        int rank = in.readInt();
        if (rank < 0 || rank > shape.inputDim()) throw new IllegalArgumentException(name + ": block " + t + " has an invalid rank " + rank);
        blocks.add(rank == 0
            ? new ResidualBlock(shape, theta, doubles(in, shape.outputDim() * shape.inputDim(), name), scale)
            : ResidualBlock.factored(shape, theta, doubles(in, shape.outputDim() * rank, name), doubles(in, shape.inputDim() * rank, name), rank, scale));
      }
      double[] head = doubles(in, (d + 1) * k, name);
      if (in.read() != -1) throw new IllegalArgumentException(name + " has trailing bytes after the model");
      return new ResFgbModel(d, k, blocks, head);
    } catch (EOFException e) {
      throw new IllegalArgumentException(name + " is truncated");
    }
  }

  /** Refuses a model for data of another width, in one line. */
  public static void checkFeatures(ResFgbModel model, int dataFeatures, String what) {
    if (model.features() != dataFeatures) {
      throw new IllegalArgumentException("the model was trained on " + model.features() + " features, but " + what + " has " + dataFeatures);
    }
  }

  private static void doubles(DataOutputStream out, double[] v) throws IOException {
    out.writeInt(v.length);
    for (double x : v) out.writeDouble(x);
  }

  private static double[] doubles(DataInputStream in, int expected, String name) throws IOException {
    int len = in.readInt();
    if (len != expected) throw new IllegalArgumentException(name + ": expected " + expected + " values, the file has " + len);
    double[] v = new double[len];
    for (int i = 0; i < len; i++) v[i] = in.readDouble();
    return v;
  }
}
