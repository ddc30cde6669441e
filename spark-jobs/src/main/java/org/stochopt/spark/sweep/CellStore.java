package org.stochopt.spark.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.stochopt.core.io.AtomicFiles;
import org.stochopt.core.io.SealedFile;
import org.stochopt.core.trace.TraceRecord;
import org.stochopt.spark.report.RunWriter;

/**
 * Finished cells on disk, one pair of files per cell under {@code cells/}: {@code <id>.trace.csv}
 * (the evaluation trace) and {@code <id>.json} (the result, the fingerprint of everything that
 * determines it, and the SHA-256 of the trace file). Both are written with
 * {@link AtomicFiles}, the JSON last, so the JSON's presence means the cell is complete: a sweep
 * killed at any moment loses at most the cell in flight. The JSON is a {@link SealedFile} (kind
 * {@code sweep-cell}): a damaged cell file, or a trace that no longer matches its recorded
 * checksum, is named on the warning sink and the cell runs again; it is never used. A cell whose
 * fingerprint differs from the current config's is stale and is run again.
 */
public final class CellStore {
  /** The {@link SealedFile} kind of cell files. */
  public static final String KIND = "sweep-cell";
  private final Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private final Consumer<String> warnings;

  public CellStore(Path sweepDir) throws IOException {
    this(sweepDir, message -> {});
  }

  /** @param warnings where a damaged cell file is reported (one line) before the cell runs again */
  public CellStore(Path sweepDir, Consumer<String> warnings) throws IOException {
    this.dir = sweepDir.resolve("cells");
    this.warnings = warnings;
    Files.createDirectories(dir);
  }

  public Path directory() {
    return dir;
  }

  public Path traceFile(Cell cell) {
    return dir.resolve(cell.id() + ".trace.csv");
  }

  /** The finished result of {@code cell} under {@code fingerprint}, if one is on disk, intact. */
  public Optional<CellResult> finished(Cell cell, String fingerprint) {
    Path file = dir.resolve(cell.id() + ".json");
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      JsonNode root = json.readTree(SealedFile.read(file, KIND));
      if (!fingerprint.equals(root.path("fingerprint").asText())) return Optional.empty(); // stale: another config
      String traceSum = root.path("trace_sha256").asText("");
      if (!traceSum.isEmpty()) {
        Path trace = traceFile(cell);
        if (!Files.isRegularFile(trace) || !traceSum.equals(sha256(Files.readAllBytes(trace)))) {
          warnings.accept("ignoring the finished cell " + file + ": its trace " + trace
              + " is missing or damaged (checksum mismatch); running the cell again");
          return Optional.empty();
        }
      }
      return Optional.of(CellResult.fromJson(root.get("result")));
    } catch (IOException | RuntimeException e) {
      // Never used, always named: the cell simply runs again.
      warnings.accept("ignoring the finished cell " + file + ": " + e.getMessage() + "; running the cell again");
      return Optional.empty();
    }
  }

  /** Persists a finished cell: trace first, then the sealed JSON that marks the cell complete. */
  public void save(CellResult result, String fingerprint, List<TraceRecord> trace) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("fingerprint", fingerprint);
    if (trace != null) {
      RunWriter.writeTrace(trace, traceFile(result.cell()));
      root.put("trace_sha256", sha256(Files.readAllBytes(traceFile(result.cell()))));
    }
    root.put("result", nanAsNull(result.toMap()));
    Path file = dir.resolve(result.cell().id() + ".json");
    SealedFile.write(file, KIND, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Rewrites {@code cells.csv} from the given results, in grid order (the caller passes them in
   * config order), so an interrupted and resumed sweep writes the same file as an uninterrupted one.
   */
  public static void writeCsv(List<CellResult> results, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(String.join(",", CellResult.COLUMNS));
      w.write('\n');
      for (CellResult r : results) {
        List<String> values = new ArrayList<>();
        for (Object v : r.toMap().values()) values.add(csv(v));
        w.write(String.join(",", values));
        w.write('\n');
      }
      w.flush();
    });
  }

  private static String csv(Object v) {
    if (v instanceof Double d) return Double.isNaN(d) ? "" : Double.toString(d);
    String s = String.valueOf(v);
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static Map<String, Object> nanAsNull(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
    return out;
  }
}
