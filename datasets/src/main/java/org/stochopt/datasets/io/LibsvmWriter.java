package org.stochopt.datasets.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.stochopt.core.linalg.RowBlock;

/**
 * Writes a block in LIBSVM format so that external baselines (LIBLINEAR, scikit-learn) train on
 * exactly the data we trained on, synthetic problems included.
 *
 * <p>Values are written with {@link Double#toString}, which {@link Double#parseDouble} maps back
 * to the same double, so {@code read(write(x))} reproduces {@code x} bit for bit. Labels are
 * written as integers when integral ({@code 1}, {@code -1}), the form every LIBSVM tool expects.
 * Only nonzero entries are written, with 1-based indices.
 */
public final class LibsvmWriter {
  private LibsvmWriter() {}

  /** Writes all rows of the block, one line each; does not close {@code out}. */
  public static void write(RowBlock block, Writer out) throws IOException {
    StringBuilder line = new StringBuilder(256);
    RowBlock.EntryVisitor appendEntry =
        (index, value) -> {
          if (value != 0.0) line.append(' ').append(index + 1).append(':').append(value);
        };
    for (int r = 0; r < block.rows(); r++) {
      line.setLength(0);
      line.append(Messages.number(block.label(r)));
      block.forEachEntry(r, appendEntry);
      line.append('\n');
      out.append(line);
    }
  }

  /** Writes to a file, gzip-compressed when its name ends in {@code .gz}. */
  public static void write(RowBlock block, Path path) throws IOException {
    try (Writer out =
        new BufferedWriter(new OutputStreamWriter(CompressedFiles.create(path), StandardCharsets.UTF_8), 1 << 16)) {
      write(block, out);
    }
  }
}
