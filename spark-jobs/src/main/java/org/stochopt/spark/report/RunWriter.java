package org.stochopt.spark.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stochopt.core.io.AtomicFiles;
import java.util.List;
import java.util.Map;
import org.stochopt.core.trace.TraceRecord;

/** Writes a run's outputs: {@code trace.csv}, {@code summary.json}, {@code weights.csv} and {@code convergence.png}. */
public final class RunWriter {
  private RunWriter() {}

  public static void writeTrace(List<TraceRecord> trace, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(TraceRecord.CSV_HEADER);
      w.write('\n');
      for (TraceRecord r : trace) {
        w.write(r.toCsv());
        w.write('\n');
      }
      w.flush();
    });
  }

  /**
   * The solution as {@code feature,weight} lines, feature indices 1-based as in LIBSVM files.
   * {@link Double#toString} is the shortest decimal that parses back to the same double, so the
   * file round-trips exactly.
   */
  public static void writeWeights(double[] w, Path file) throws IOException {
    byte[][] chunks = weightLines(w);
    AtomicFiles.write(file, out -> {
      out.write("feature,weight\n".getBytes(StandardCharsets.US_ASCII));
      for (byte[] chunk : chunks) out.write(chunk);
    });
  }

  /** Weights per chunk of {@link #weightLines}: large enough that a thread's start-up is noise. */
  static final int WEIGHTS_PER_CHUNK = 1 << 16;

  /**
   * The lines of {@link #writeWeights} after the header, as ASCII bytes in consecutive chunks of
   * features. Sparse when at most half the weights are nonzero (d ≫ n, L1): only nonzero rows, plus
   * the last feature always, so that the last line's index is the dimension; dense models keep every row.
   *
   * <p>Why chunks on parallel threads: formatting ≈ 10⁵ doubles ({@link StringBuilder#append(double)},
   * the same digits as {@link Double#toString}) was the largest part of writing a short run's outputs,
   * and it runs while the JIT has barely compiled it; chunks format independently on the free cores
   * and are concatenated in feature order, so the bytes do not depend on the number of threads.
   */
  static byte[][] weightLines(double[] w) {
    boolean sparse = org.stochopt.core.linalg.Vec.countNonZeros(w) <= w.length / 2;
    int chunks = Math.max(1, (w.length + WEIGHTS_PER_CHUNK - 1) / WEIGHTS_PER_CHUNK);
    byte[][] out = new byte[chunks][];
    java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
      int from = c * WEIGHTS_PER_CHUNK;
      int to = Math.min(w.length, from + WEIGHTS_PER_CHUNK);
      StringBuilder sb = new StringBuilder(24 * (to - from) / (sparse ? 2 : 1) + 16);
      for (int j = from; j < to; j++) {
        if (!sparse || w[j] != 0.0 || j == w.length - 1) sb.append(j + 1).append(',').append(w[j]).append('\n');
      }
      out[c] = sb.toString().getBytes(StandardCharsets.US_ASCII);
    });
    return out;
  }

  /** Reads a file written by {@link #writeWeights}, dense or sparse (missing rows are 0). */
  public static double[] readWeights(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.size() < 2) return new double[0];
    String lastLine = lines.get(lines.size() - 1);
    double[] w = new double[Integer.parseInt(lastLine.substring(0, lastLine.indexOf(',')))]; // 1-based: the dimension
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int comma = line.indexOf(',');
      w[Integer.parseInt(line.substring(0, comma)) - 1] = Double.parseDouble(line.substring(comma + 1));
    }
    return w;
  }

  /** JSON with NaN written as null (JSON has no NaN). */
  public static void writeJson(Map<String, Object> values, Path file) throws IOException {
    AtomicFiles.write(file, jsonBytes(values));
  }

  /** What {@link #writeJson} writes. */
  static byte[] jsonBytes(Map<String, Object> values) throws IOException {
    Map<String, Object> clean = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> clean.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    return mapper.writeValueAsBytes(clean);
  }
}
