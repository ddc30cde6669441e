package org.stochopt.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    return read(path, path.toString(), CompressedFiles.baseName(path), options);
  }

  /**
   * Reads a local file, gzip-compressed or not, with {@code source} as the dataset's name and in
   * error messages. An uncompressed file of at least {@link #PARALLEL_BYTES} is read in line-aligned
   * parts on parallel threads (one per core, at most {@link #MAX_PARTS}): same rows, same block
   * (see {@link #readInParts}).
   */
  public static Dataset read(Path path, String source, LibsvmOptions options) throws IOException {
    return read(path, source, source, options);
  }

  /** Files at least this large are read in parallel parts (when there are two cores or more). */
  public static final long PARALLEL_BYTES = 4L << 20;

  /** At most this many parts: beyond a few threads the disk, not the parse, limits. */
  static final int MAX_PARTS = 8;

  private static Dataset read(Path path, String source, String name, LibsvmOptions options) throws IOException {
    int parts = parallelParts(path);
    if (parts > 1) {
      Dataset ds = readInParts(path, source, name, options, parts);
      if (ds != null) return ds;
    }
    try (InputStream in = CompressedFiles.open(path)) {
      return read(in, source, name, options);
    }
  }

  /** How many parts to read {@code path} in: 1 for a small or compressed file, or on one core. */
  private static int parallelParts(Path path) throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    if (cores < 2 || !Files.isRegularFile(path)) return 1;
    long size = Files.size(path);
    if (size < PARALLEL_BYTES) return 1;
    byte[] head = new byte[2];
    try (InputStream in = Files.newInputStream(path)) {
      if (in.readNBytes(head, 0, 2) < 2 || CompressedFiles.isGzip(head)) return 1;
    }
    return (int) Math.min(Math.min(cores, MAX_PARTS), size / (PARALLEL_BYTES / 2));
  }

  /**
   * Reads an uncompressed file in up to {@code parts} parts, each starting after a {@code \n} (so
   * at a line start, {@code \r\n} never split), parsed on parallel threads into its own builder and
   * joined in file order: the rows, dimension and layout of the sequential read. Returns null when
   * any part fails (a malformed line, labels of both conventions, an I/O error): the caller then
   * reads the file sequentially, which reports the error exactly as before, with its line number.
   *
   * <p>Why: parsing is most of a short in-process run's loading, LIBSVM files are plain text split
   * by lines, and the second core is otherwise idle while the JVM starts up.
   */
  static Dataset readInParts(Path path, String source, String name, LibsvmOptions options, int parts) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long[] bounds = lineStarts(ch, parts);
      int k = bounds.length - 1;
      RowBlockBuilder[] builders = new RowBlockBuilder[k];
      LabelTracker[] trackers = new LabelTracker[k];
      try {
        java.util.stream.IntStream.range(0, k).parallel().forEach(p -> {
          RowBlockBuilder builder = new RowBlockBuilder();
          LabelTracker labels = options.labelPolicy().newTracker(source);
          try {
            parse(slice(ch, bounds[p], bounds[p + 1]), source, options.fixedDim(), builder, labels);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          builders[p] = builder;
          trackers[p] = labels;
        });
        for (int p = 1; p < k; p++) trackers[0].merge(trackers[p]); // both label conventions: read again for the message
      } catch (RuntimeException e) {
        return null;
      }
      RowBlockBuilder all = builders[0];
      for (int p = 1; p < k; p++) all.addRows(builders[p]);
      return finish(all, source, name, options.fixedDim());
    }
  }

  /**
   * 0 = b₀ &lt; b₁ &lt; … &lt; b_k = size: b_i is the first line start at or after i·size/parts (the
   * byte after a {@code \n}); parts that would be empty are dropped.
   */
  static long[] lineStarts(FileChannel ch, int parts) throws IOException {
    long size = ch.size();
    long[] bounds = new long[parts + 1];
    int k = 0;
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    for (int i = 1; i < parts; i++) {
      long pos = Math.max(bounds[k], size * i / parts - 1);
      long start = -1;
      while (start < 0 && pos < size) {
        buf.clear();
        int read = ch.read(buf, pos);
        if (read <= 0) break;
        for (int j = 0; j < read; j++) {
          if (buf.get(j) == '\n') {
            start = pos + j + 1;
            break;
          }
        }
        pos += read;
      }
      if (start > bounds[k] && start < size) bounds[++k] = start;
    }
    bounds[++k] = size;
    return java.util.Arrays.copyOf(bounds, k + 1);
  }

  /** The bytes {@code [from, to)} of the file as a stream (positional reads: parts share the channel). */
  private static InputStream slice(FileChannel ch, long from, long to) {
    return new InputStream() {
      private long pos = from;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (pos >= to) return -1;
        int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, to - pos)), pos);
        if (n < 0) return -1; // the file shrank: the part ends here
        pos += n;
        return n;
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }
    };
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
    parse(in, source, options.fixedDim(), builder, options.labelPolicy().newTracker(source));
    return finish(builder, source, name, options.fixedDim());
  }

  /** Parses every line of {@code in} into {@code builder}, labels through {@code labels}. */
  private static void parse(InputStream in, String source, Integer fixedDim, RowBlockBuilder builder, LabelTracker labels)
      throws IOException {
    ParsedRow row = new ParsedRow(64);
    // Lines are parsed as bytes, in one pass that also finds where each ends
    // (LibsvmBytesParser.parseLine); a line that path declines is decoded and parsed as before, so
    // results and errors are those of LibsvmLineParser.
    ByteLines.forEach(in, (b, from, end, lineNumber) -> {
      int to = LibsvmBytesParser.parseLine(b, from, end, fixedDim, row);
      if (to >= 0) row.addTo(builder, labels.accept(row.label(), lineNumber));
      return to;
    }, (b, from, to, lineNumber) -> {
      if (!LibsvmBytesParser.tryParseInto(b, from, to, fixedDim, row)) {
        String line = new String(b, from, to - from, StandardCharsets.UTF_8);
        LibsvmLineParser.parseInto(line, source, lineNumber, fixedDim, row);
      }
      row.addTo(builder, labels.accept(row.label(), lineNumber));
    });
  }

  private static Dataset finish(RowBlockBuilder builder, String source, String name, Integer fixedDim) {
    if (builder.rows() == 0) throw new DataFormatException(source, "empty file: no examples");
    int dim = fixedDim != null ? fixedDim : builder.maxIndex() + 1;
    if (dim == 0) {
      throw new DataFormatException(
          source, "no features: every example is empty (pass a fixed dimension to read it anyway)");
    }
    return new Dataset(name, builder.build(dim, 0));
  }
}
