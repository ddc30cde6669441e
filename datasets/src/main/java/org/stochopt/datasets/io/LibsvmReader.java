package org.stochopt.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.datasets.Dataset;

/**
 * Reads a whole LIBSVM file into one {@link org.stochopt.core.linalg.RowBlock} (first row id 0),
 * dense or CSR as {@link RowBlockBuilder} judges by density.
 *
 * <p>Used for the single-machine reference solvers and for data small enough to be read on the
 * driver; the distributed path parses lines itself with {@link LibsvmLineParser} and
 * {@link LabelTracker}, which give the same results and the same errors.
 */
public final class LibsvmReader {
  private LibsvmReader() {}

  /**
   * Reads a file, gzip-compressed or not (detected from its content). Errors name the path as
   * given; the dataset is named after the file without {@code .gz}.
   */
  public static Dataset read(Path path, LibsvmOptions options) throws IOException {
    try (InputStream in = CompressedFiles.open(path)) {
      return read(in, path.toString(), CompressedFiles.baseName(path), options);
    }
  }

  /**
   * Reads an uncompressed stream (wrap it in a {@code GZIPInputStream} yourself if needed); the
   * stream is not closed.
   *
   * @param source the name used in error messages and as the dataset name
   */
  public static Dataset read(InputStream in, String source, LibsvmOptions options) throws IOException {
    return read(in, source, source, options);
  }

  private static Dataset read(InputStream in, String source, String name, LibsvmOptions options)
      throws IOException {
    RowBlockBuilder builder = new RowBlockBuilder();
    ParsedRow row = new ParsedRow(64);
    LabelTracker labels = options.labelPolicy().newTracker(source);
    Integer fixedDim = options.fixedDim();
    // Lines are split and parsed as bytes (LibsvmBytesParser); a line that path declines is decoded
    // and parsed as before, so results and errors are those of LibsvmLineParser.
    ByteLines.forEach(in, (b, from, to, lineNumber) -> {
      if (!LibsvmBytesParser.tryParseInto(b, from, to, fixedDim, row)) {
        String line = new String(b, from, to - from, StandardCharsets.UTF_8);
        LibsvmLineParser.parseInto(line, source, lineNumber, fixedDim, row);
      }
      row.addTo(builder, labels.accept(row.label(), lineNumber));
    });
    if (builder.rows() == 0) throw new DataFormatException(source, "empty file: no examples");
    int dim = fixedDim != null ? fixedDim : builder.maxIndex() + 1;
    if (dim == 0) {
      throw new DataFormatException(
          source, "no features: every example is empty (pass a fixed dimension to read it anyway)");
    }
    return new Dataset(name, builder.build(dim, 0));
  }
}
