package org.stochopt.spark.sql;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A {@code --data} spec naming a Spark SQL source:
 * {@code KIND:LOCATION[?key=value&key=value…]} with KIND one of {@code parquet}, {@code orc},
 * {@code csv} (a path or URI Spark's reader opens: {@code file:}, {@code hdfs:}, {@code s3a:}) or
 * {@code table} (a catalog table name). Keys:
 * <ul>
 *   <li>{@code label} — the label column (default {@code label}); same conventions as the LIBSVM reader;
 *   <li>{@code features} — one ML {@code Vector} column, sparse or dense (default {@code features} when
 *       the table has such a column); or
 *   <li>{@code cols=a,b,c} — numeric columns assembled into a dense row, in that order (default when
 *       there is no {@code features} column: every numeric column except the label, in table order);
 *   <li>reader options of the kind: for csv {@code header} (default true), {@code schema} (a DDL string
 *       such as {@code y DOUBLE, a DOUBLE}; without it the schema is inferred), {@code sep}, {@code nullValue},
 *       {@code comment}, {@code quote}, {@code escape}, {@code encoding}; for parquet/orc {@code mergeSchema}.
 * </ul>
 * The command-line flags {@code --label-col}, {@code --features-col} and {@code --feature-cols}
 * write the same keys ({@link #withColumns}), so a spec is the one string a sweep config, a
 * checkpoint key and a reference-cache key need.
 */
public record SqlSource(String kind, String location, String labelCol, String featuresCol, List<String> featureCols,
                        Map<String, String> options) implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final List<String> KINDS = List.of("parquet", "orc", "csv", "table");
  private static final Map<String, Set<String>> READER_OPTIONS = Map.of(
      "csv", Set.of("header", "schema", "sep", "inferSchema", "nullValue", "comment", "quote", "escape", "encoding"),
      "parquet", Set.of("mergeSchema"),
      "orc", Set.of("mergeSchema"),
      "table", Set.of());

  public SqlSource {
    if (location == null || location.isBlank()) throw bad(kind + ":", "names no " + (kind.equals("table") ? "table" : "path"));
    if (labelCol == null || labelCol.isBlank()) labelCol = "label";
    if (featuresCol != null && featureCols != null && !featureCols.isEmpty()) {
      throw bad(kind + ":" + location, "give a features column or feature columns (--features-col or --feature-cols), not both");
    }
    featureCols = featureCols == null ? List.of() : List.copyOf(featureCols);
    if (featureCols.contains(labelCol)) throw bad(kind + ":" + location, "label column '" + labelCol + "' is also a feature column");
    options = Map.copyOf(options == null ? Map.of() : options);
    for (String k : options.keySet()) {
      if (!READER_OPTIONS.get(kind).contains(k)) {
        throw bad(kind + ":" + location, "unknown option '" + k + "' (known: label, features, cols"
            + (READER_OPTIONS.get(kind).isEmpty() ? "" : ", " + String.join(", ", READER_OPTIONS.get(kind).stream().sorted().toList())) + ")");
      }
    }
  }

  /** True for {@code parquet:}, {@code orc:}, {@code csv:} and {@code table:} specs: the one place the kinds are decided. */
  public static boolean isSpec(String spec) {
    if (spec == null) return false;
    int colon = spec.indexOf(':');
    return colon > 0 && KINDS.contains(spec.substring(0, colon).strip().toLowerCase(Locale.ROOT));
  }

  public static SqlSource parse(String spec) {
    if (!isSpec(spec)) throw new IllegalArgumentException("not a Spark SQL source: " + spec + " (use " + String.join(":, ", KINDS) + ":)");
    String s = spec.strip();
    int colon = s.indexOf(':');
    String kind = s.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = s.substring(colon + 1);
    int q = rest.indexOf('?');
    String location = q < 0 ? rest : rest.substring(0, q);
    String label = null, features = null;
    List<String> cols = null;
    Map<String, String> options = new LinkedHashMap<>();
    if (q >= 0) {
      for (String kv : rest.substring(q + 1).split("&")) {
        if (kv.isEmpty()) continue;
        int eq = kv.indexOf('=');
        if (eq <= 0) throw bad(kind + ":" + location, "option '" + kv + "' is not key=value");
        String k = kv.substring(0, eq).strip(), v = kv.substring(eq + 1).strip();
        switch (k) {
          case "label" -> label = v;
          case "features" -> features = v;
          case "cols" -> cols = splitColumns(v);
          default -> options.put(k, v);
        }
      }
    }
    return new SqlSource(kind, location.strip(), label, features, cols, options);
  }

  /** The spec with the columns of the command-line flags written in (null flags keep the spec's own). */
  public SqlSource withColumns(String label, String features, List<String> cols) {
    boolean newColumns = features != null || (cols != null && !cols.isEmpty());
    return new SqlSource(kind, location, label != null ? label : labelCol,
        newColumns ? features : featuresCol, newColumns ? cols : featureCols, options);
  }

  /** The canonical spec string (parses back to an equal source). */
  public String toSpec() {
    List<String> kv = new ArrayList<>();
    if (!labelCol.equals("label")) kv.add("label=" + labelCol);
    if (featuresCol != null) kv.add("features=" + featuresCol);
    if (!featureCols.isEmpty()) kv.add("cols=" + String.join(",", featureCols));
    options.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> kv.add(e.getKey() + "=" + e.getValue()));
    return kind + ":" + location + (kv.isEmpty() ? "" : "?" + String.join("&", kv));
  }

  /** The table as Spark reads it (lazily: nothing is scanned here). */
  public Dataset<Row> load(SparkSession spark) {
    try {
      if (kind.equals("table")) return spark.table(location);
      DataFrameReader r = spark.read();
      if (kind.equals("csv")) {
        r = r.option("header", options.getOrDefault("header", "true"));
        if (options.containsKey("schema")) r = r.schema(options.get("schema"));
        else r = r.option("inferSchema", options.getOrDefault("inferSchema", "true"));
      }
      for (var e : options.entrySet()) if (!e.getKey().equals("schema")) r = r.option(e.getKey(), e.getValue());
      return r.format(kind).load(location);
    } catch (Exception e) { // AnalysisException (checked in Java's eyes): no such path or table, bad schema
      throw bad(toSpec(), firstLine(e.getMessage()));
    }
  }

  @Override
  public String toString() {
    return toSpec();
  }

  static List<String> splitColumns(String v) {
    List<String> cols = new ArrayList<>();
    for (String c : v.split(",")) if (!c.isBlank()) cols.add(c.strip());
    return cols;
  }

  static IllegalArgumentException bad(String where, String problem) {
    return new IllegalArgumentException(where + ": " + problem);
  }

  static String firstLine(String msg) {
    if (msg == null) return "cannot read";
    return msg.strip().split("\\R", 2)[0];
  }
}
