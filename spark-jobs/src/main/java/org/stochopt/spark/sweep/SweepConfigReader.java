package org.stochopt.spark.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a sweep config from JSON or YAML (the same keys; YAML when the file ends in .yaml/.yml).
 * Unknown keys are errors (a misspelt key must not silently fall back to a default), and every
 * error is one line: {@code <file>: <key>: <problem>}.
 */
public final class SweepConfigReader {
  /** The built-in sweep run by {@code stochopt sweep} without {@code --config}. */
  public static final String DEFAULT_RESOURCE = "/org/stochopt/sweep/default-sweep.yaml";

  private static final Set<String> KEYS = Set.of("name", "data", "test_data", "loss", "regularizer", "methods",
      "batch_sizes", "step_multipliers", "seeds", "target", "max_passes", "max_rounds", "max_seconds", "master",
      "partitions", "resolution", "near_linear_ratio", "noise_scale", "out");
  private static final Set<String> NOISE_KEYS = Set.of("small_batch", "big_batch", "pairs");
  private static final Set<String> RANGE_KEYS = Set.of("min", "max", "factor");

  private SweepConfigReader() {}

  public static SweepConfig read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "sweep config not found");
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  /** The built-in default sweep (a resource, so it can be edited without touching code). */
  public static SweepConfig readDefault() throws IOException {
    try (InputStream in = SweepConfigReader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in default sweep", true);
    }
  }

  /** Parses {@code text}; {@code source} names it in error messages. */
  public static SweepConfig parse(String text, String source, boolean yaml) {
    JsonNode root;
    try {
      root = (yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper()).readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
      throw new IllegalArgumentException(source + ": " + where + "not valid " + (yaml ? "YAML" : "JSON") + ": "
          + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    try {
      return fromTree(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  static SweepConfig fromTree(JsonNode root) {
    if (root == null || !root.isObject()) throw new IllegalArgumentException("expected a mapping of keys to values");
    checkKeys(root, KEYS, "");
    JsonNode noise = root.path("noise_scale");
    if (!noise.isMissingNode() && !noise.isObject()) throw SweepConfig.bad("noise_scale", "expected a mapping with small_batch, big_batch, pairs");
    if (noise.isObject()) checkKeys(noise, NOISE_KEYS, "noise_scale.");
    return new SweepConfig(
        text(root, "name"),
        text(root, "data"),
        text(root, "test_data"),
        text(root, "loss"),
        text(root, "regularizer"),
        list(root, "methods", (n, key) -> requireText(n, key)),
        batchSizes(root.path("batch_sizes")),
        list(root, "step_multipliers", SweepConfigReader::number),
        list(root, "seeds", SweepConfigReader::integer),
        orDefault(root, "target", 1e-6),
        orDefault(root, "max_passes", 200),
        integerOrDefault(root, "max_rounds", 0),
        orDefault(root, "max_seconds", 0),
        text(root, "master"),
        partitions(root),
        orDefault(root, "resolution", 0.02),
        orDefault(root, "near_linear_ratio", 0.7),
        noise.has("small_batch") ? intValue(noise.get("small_batch"), "noise_scale.small_batch") : 8,
        noise.has("big_batch") ? intValue(noise.get("big_batch"), "noise_scale.big_batch") : 0,
        noise.has("pairs") ? intValue(noise.get("pairs"), "noise_scale.pairs") : 64,
        text(root, "out"));
  }

  /** A list of sizes, or {@code {min, max, factor}} for the geometric grid min, min·factor, … ≤ max. */
  static List<Integer> batchSizes(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) return null;
    if (node.isObject()) {
      checkKeys(node, RANGE_KEYS, "batch_sizes.");
      for (String k : RANGE_KEYS) if (!node.has(k)) throw SweepConfig.bad("batch_sizes." + k, "is required in a {min, max, factor} range");
      int min = intValue(node.get("min"), "batch_sizes.min");
      int max = intValue(node.get("max"), "batch_sizes.max");
      double factor = number(node.get("factor"), "batch_sizes.factor");
      if (min < 1) throw SweepConfig.bad("batch_sizes.min", "must be a positive integer, got " + min);
      if (max < min) throw SweepConfig.bad("batch_sizes.max", "must be >= min (" + min + "), got " + max);
      if (!(factor > 1) || !Double.isFinite(factor)) throw SweepConfig.bad("batch_sizes.factor", "must be a number > 1, got " + factor);
      List<Integer> sizes = new ArrayList<>();
      for (double b = min; Math.round(b) <= max; b *= factor) {
        int next = (int) Math.round(b);
        if (sizes.isEmpty() || next > sizes.get(sizes.size() - 1)) sizes.add(next);
      }
      return sizes;
    }
    if (!node.isArray()) throw SweepConfig.bad("batch_sizes", "expected a list of sizes or {min, max, factor}");
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) sizes.add(intValue(node.get(i), "batch_sizes[" + i + "]"));
    return sizes;
  }

  private static void checkKeys(JsonNode object, Set<String> allowed, String prefix) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw SweepConfig.bad(prefix + k, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private interface Element<T> {
    T parse(JsonNode node, String key);
  }

  private static <T> List<T> list(JsonNode root, String key, Element<T> element) {
    JsonNode node = root.path(key);
    if (node.isMissingNode() || node.isNull()) return null;
    if (!node.isArray()) return List.of(element.parse(node, key)); // a single value is a one-element list
    List<T> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) out.add(element.parse(node.get(i), key + "[" + i + "]"));
    return out;
  }

  private static String text(JsonNode root, String key) {
    JsonNode node = root.path(key);
    if (node.isMissingNode() || node.isNull()) return null;
    return requireText(node, key);
  }

  private static String requireText(JsonNode node, String key) {
    if (!node.isValueNode()) throw SweepConfig.bad(key, "expected a string, got " + node);
    return node.asText();
  }

  private static double orDefault(JsonNode root, String key, double fallback) {
    JsonNode node = root.path(key);
    return node.isMissingNode() || node.isNull() ? fallback : number(node, key);
  }

  /**
   * Numbers may be written as strings ("1e-6"): YAML 1.1 reads 1e-6 without a dot as text. NaN
   * and ±Infinity (YAML's .nan / .inf, or "NaN" as text) are refused here, for every key: none
   * of them means "not given" (leave the key out for that).
   */
  static double number(JsonNode node, String key) {
    double v;
    if (node.isNumber()) {
      v = node.asDouble();
    } else if (node.isTextual()) {
      try {
        v = Double.parseDouble(node.asText().strip());
      } catch (NumberFormatException e) {
        throw SweepConfig.bad(key, "expected a number, got " + node);
      }
    } else {
      throw SweepConfig.bad(key, "expected a number, got " + node);
    }
    if (!Double.isFinite(v)) throw SweepConfig.bad(key, "must be a finite number, got " + node);
    return v;
  }

  /** Absent = the backend default (0 inside {@link SweepConfig}); given, it must be >= 1: "0" is not a way to say "default". */
  private static int partitions(JsonNode root) {
    JsonNode node = root.path("partitions");
    if (node.isMissingNode() || node.isNull()) return 0;
    int p = intValue(node, "partitions");
    if (p < 1) throw SweepConfig.bad("partitions", "must be >= 1 (leave the key out for the backend default), got " + node);
    return p;
  }

  private static long integerOrDefault(JsonNode root, String key, long fallback) {
    JsonNode node = root.path(key);
    return node.isMissingNode() || node.isNull() ? fallback : integer(node, key);
  }

  static long integer(JsonNode node, String key) {
    double v = number(node, key);
    if (v != Math.rint(v) || Math.abs(v) > 9.007199254740992E15) throw SweepConfig.bad(key, "expected an integer, got " + node);
    return (long) v;
  }

  private static int intValue(JsonNode node, String key) {
    long v = integer(node, key);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw SweepConfig.bad(key, "out of range: " + v);
    return (int) v;
  }
}
