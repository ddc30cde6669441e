package org.stochopt.spark.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stochopt.core.trace.TraceRecord;
import org.stochopt.spark.report.RunWriter;

/**
 * Finished cells on disk, one pair of files per cell under {@code cells/}: {@code <id>.trace.csv}
 * (the evaluation trace) and {@code <id>.json} (the result and the fingerprint of everything that
 * determines it). Both are written to a temporary file and renamed atomically, the JSON last, so
 * the JSON's presence means the cell is complete: a sweep killed at any moment loses at most the
 * cell in flight. A cell whose fingerprint differs from the current config's is stale and is run
 * again.
 */
public final class CellStore {
  private final Path dir;
  private final ObjectMapper json = new ObjectMapper();

  public CellStore(Path sweepDir) throws IOException {
    this.dir = sweepDir.resolve("cells");
    Files.createDirectories(dir);
  }

  public Path directory() {
    return dir;
  }

  public Path traceFile(Cell cell) {
    return dir.resolve(cell.id() + ".trace.csv");
  }

  /** The finished result of {@code cell} under {@code fingerprint}, if one is on disk. */
  public Optional<CellResult> finished(Cell cell, String fingerprint) {
    Path file = dir.resolve(cell.id() + ".json");
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      JsonNode root = json.readTree(file.toFile());
      if (!fingerprint.equals(root.path("fingerprint").asText())) return Optional.empty();
      return Optional.of(CellResult.fromJson(root.get("result")));
    } catch (IOException | RuntimeException e) {
      // A file we cannot read back is treated as missing: the cell simply runs again.
      return Optional.empty();
    }
  }

  /** Persists a finished cell: trace first, then the JSON that marks the cell complete. */
  public void save(CellResult result, String fingerprint, List<TraceRecord> trace) throws IOException {
    if (trace != null) RunWriter.writeTrace(trace, traceFile(result.cell()));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("fingerprint", fingerprint);
    root.put("result", nanAsNull(result.toMap()));
    Path file = dir.resolve(result.cell().id() + ".json");
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Rewrites {@code cells.csv} from the given results, in grid order (the caller passes them in
   * config order), so an interrupted and resumed sweep writes the same file as an uninterrupted one.
   */
  public static void writeCsv(List<CellResult> results, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(String.join(",", CellResult.COLUMNS));
      w.write('\n');
      for (CellResult r : results) {
        List<String> values = new ArrayList<>();
        for (Object v : r.toMap().values()) values.add(csv(v));
        w.write(String.join(",", values));
        w.write('\n');
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
