package org.stochopt.datasets.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code prefix:key=value,key=value} body of a generator spec, checked: every item is
 * {@code key=value}, every key is known, none is given twice. Numbers are read by {@link #number}
 * and {@link #integer} with one-line errors naming the key.
 */
final class SpecValues {
  private final Map<String, String> values;

  private SpecValues(Map<String, String> values) {
    this.values = values;
  }

  /** Parses what follows {@code prefix:} in {@code spec} (an empty body is allowed: all defaults). */
  static SpecValues parse(String spec, String prefix, List<String> keys) {
    String s = spec.strip();
    String body = s.length() > prefix.length() ? s.substring(prefix.length() + 1) : "";
    Map<String, String> v = new LinkedHashMap<>();
    if (!body.isBlank()) {
      for (String item : body.split(",", -1)) {
        int eq = item.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("expected key=value, got '" + item.strip() + "'");
        String key = item.substring(0, eq).strip();
        if (!keys.contains(key)) throw new IllegalArgumentException("unknown key '" + key + "' (known: " + String.join(", ", keys) + ")");
        if (v.put(key, item.substring(eq + 1).strip()) != null) throw new IllegalArgumentException("key '" + key + "' given twice");
      }
    }
    return new SpecValues(v);
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  String text(String key) {
    return values.get(key);
  }

  /** A finite number, or {@code dflt} when the key is absent. */
  double number(String key, double dflt) {
    return has(key) ? read(key, values.get(key), false) : dflt;
  }

  /** An integer (|x| ≤ 10¹⁵), or {@code dflt} when the key is absent. */
  double integer(String key, double dflt) {
    return has(key) ? read(key, values.get(key), true) : dflt;
  }

  private static double read(String key, String text, boolean integral) {
    double x;
    try {
      x = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("key '" + key + "' must be a number, got '" + text + "'");
    }
    if (!Double.isFinite(x) || (integral && (x != Math.rint(x) || Math.abs(x) > 1e15))) {
      throw new IllegalArgumentException("key '" + key + "' must be " + (integral ? "an integer" : "finite") + ", got '" + text + "'");
    }
    return x;
  }
}
