package org.stochopt.datasets.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.datasets.Dataset;

/**
 * Reads a purely numeric CSV file (one example per line, one label column, every other column a
 * feature) into a {@link Dataset}. Quoting is not supported: a numeric file has no use for it,
 * and a quoted field is reported as not a number rather than half-understood.
 *
 * <p>The column count is fixed by the first line (header or data) and every line must match it,
 * because a short line in a numeric file almost always means a truncated or corrupted row, and
 * silently padding it with zeros would change the data. Column numbers in messages are 1-based,
 * as in a spreadsheet. Zero features are not stored; the builder picks dense or CSR.
 */
public final class CsvReader {
  private CsvReader() {}

  /** Reads a file, gzip-compressed or not (detected from its content). */
  public static Dataset read(Path path, CsvOptions options) throws IOException {
    try (InputStream in = CompressedFiles.open(path)) {
      return read(in, path.toString(), CompressedFiles.baseName(path), options);
    }
  }

  /** Reads an uncompressed stream, which is not closed; {@code source} names errors and the dataset. */
  public static Dataset read(InputStream in, String source, CsvOptions options) throws IOException {
    return read(in, source, source, options);
  }

  private static Dataset read(InputStream in, String source, String name, CsvOptions options)
      throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    char sep = options.separator();
    LabelTracker labels = options.labelPolicy().newTracker(source);
    RowBlockBuilder builder = new RowBlockBuilder();
    int columns = -1;
    int labelColumn = -1;
    int[] idx = null;
    double[] val = null;
    long lineNumber = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) line = line.substring(1); // a UTF-8 byte-order mark is not data
      if (line.isBlank()) throw new DataFormatException(source, lineNumber, "empty line");
      int fields = countFields(line, sep);
      if (columns < 0) {
        columns = fields;
        labelColumn = resolveLabelColumn(options.labelColumn(), columns, source, lineNumber);
        idx = new int[columns - 1];
        val = new double[columns - 1];
        if (options.hasHeader() && lineNumber == 1) continue;
      } else if (fields != columns) {
        throw new DataFormatException(
            source, lineNumber, "expected " + columns + " columns, got " + fields);
      }
      double label = Double.NaN;
      int count = 0;
      int start = 0;
      for (int c = 0; c < columns; c++) {
        int end = line.indexOf(sep, start);
        if (end < 0) end = line.length();
        int from = trimStart(line, start, end);
        int to = trimEnd(line, from, end);
        if (from == to) {
          throw new DataFormatException(source, lineNumber, "column " + (c + 1) + " is empty");
        }
        if (c == labelColumn) {
          label = Numbers.parseFinite(line, from, to, "label in column " + (c + 1), source, lineNumber);
        } else {
          double v = Numbers.parseFinite(line, from, to, "column " + (c + 1), source, lineNumber);
          if (v != 0.0) {
            idx[count] = c < labelColumn ? c : c - 1;
            val[count++] = v;
          }
        }
        start = end + 1;
      }
      builder.addRow(labels.accept(label, lineNumber), idx, val, count);
    }
    if (builder.rows() == 0) {
      throw new DataFormatException(
          source, columns < 0 ? "empty file: no examples" : "empty file: no examples after the header");
    }
    return new Dataset(name, builder.build(columns - 1, 0));
  }

  private static int resolveLabelColumn(int option, int columns, String source, long lineNumber) {
    if (columns < 2) {
      throw new DataFormatException(
          source, lineNumber, "expected at least 2 columns (a label and a feature), got " + columns);
    }
    int column = option < 0 ? columns + option : option;
    if (column < 0 || column >= columns) {
      throw new DataFormatException(
          source, lineNumber,
          "label column " + option + " (0-based) does not exist: the file has " + columns + " columns");
    }
    return column;
  }

  private static int countFields(String line, char sep) {
    int n = 1;
    for (int i = line.indexOf(sep); i >= 0; i = line.indexOf(sep, i + 1)) n++;
    return n;
  }

  private static int trimStart(String s, int p, int end) {
    while (p < end && s.charAt(p) <= ' ') p++;
    return p;
  }

  private static int trimEnd(String s, int from, int end) {
    while (end > from && s.charAt(end - 1) <= ' ') end--;
    return end;
  }
}
