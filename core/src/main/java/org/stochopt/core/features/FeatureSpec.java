package org.stochopt.core.features;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A validated random-feature request, parsed from {@code rff:KIND,M=..,bandwidth=..,seed=..,cache=..}:
 *
 * <ul>
 *   <li>KIND: gaussian, laplacian, orthogonal or sorf ({@link FeatureKind});</li>
 *   <li>M: the number of features (default 1000);</li>
 *   <li>bandwidth: σ &gt; 0, or {@code median} (default) for {@link MedianHeuristic};</li>
 *   <li>seed: the map seed (default 1), independent of the run's sampling seed;</li>
 *   <li>cache: {@code auto} (default), {@code yes} or {@code no}: whether features are computed
 *       once per cached block or on the fly ({@link FeatureCachePolicy});</li>
 *   <li>shards: K ≥ 1 splits the M features into K blocks, one per partition, each over all rows
 *       (the feature-sharded oracle, {@code core.oracle.FeatureShardedOracle}); absent or 0: rows are
 *       partitioned and every partition holds all M features (the default).</li>
 * </ul>
 *
 * @param bandwidth σ, or NaN for the median heuristic
 * @param shards K feature blocks, or 0 for row partitioning
 */
public record FeatureSpec(FeatureKind kind, int features, double bandwidth, long seed, FeatureCachePolicy.Mode cache, int shards) {
  private static final Set<String> KEYS = Set.of("m", "bandwidth", "seed", "cache", "shards");
  public static final int DEFAULT_FEATURES = 1000;

  public FeatureSpec {
    if (kind == null || cache == null) throw new IllegalArgumentException("feature kind and cache mode are required");
    if (features <= 0) throw new IllegalArgumentException("M (number of features) must be positive, got " + features);
    if (!Double.isNaN(bandwidth) && !(bandwidth > 0 && Double.isFinite(bandwidth))) {
      throw new IllegalArgumentException("bandwidth must be positive and finite or 'median', got " + bandwidth);
    }
    if (shards < 0 || shards > features) {
      throw new IllegalArgumentException("shards must be between 1 and M = " + features
          + " (every shard needs at least one feature; 0 or absent: no feature sharding), got " + shards);
    }
  }

  /** A row-partitioned spec (no feature shards). */
  public FeatureSpec(FeatureKind kind, int features, double bandwidth, long seed, FeatureCachePolicy.Mode cache) {
    this(kind, features, bandwidth, seed, cache, 0);
  }

  /** Whether the features are split into {@link #shards()} blocks across partitions. */
  public boolean sharded() {
    return shards > 0;
  }

  public boolean medianBandwidth() {
    return Double.isNaN(bandwidth);
  }

  /** The map for inputs of dimension d with bandwidth σ (the resolved median, or the given value). */
  public FeatureMap create(int d, double sigma) {
    return kind.create(d, features, sigma, seed);
  }

  /** The canonical spec string; {@code parse(toSpec())} equals this. */
  public String toSpec() {
    return "rff:" + kind.specName() + ",M=" + features + ",bandwidth=" + (medianBandwidth() ? "median" : Double.toString(bandwidth))
        + ",seed=" + seed + ",cache=" + cache.name().toLowerCase(Locale.ROOT) + (sharded() ? ",shards=" + shards : "");
  }

  /**
   * Parses a spec such as {@code rff:gaussian,M=2000,bandwidth=median,seed=7}.
   *
   * @throws IllegalArgumentException with the spec and the offending key or value
   */
  public static FeatureSpec parse(String spec) {
    String s = spec == null ? "" : spec.strip();
    if (!s.toLowerCase(Locale.ROOT).startsWith("rff:")) {
      throw new IllegalArgumentException("feature spec '" + spec
          + "' must look like rff:KIND,M=..,bandwidth=median|σ,seed=..,cache=auto|yes|no,shards=K (KIND: gaussian, laplacian, orthogonal, sorf)");
    }
    String[] items = s.substring(4).split(",", -1);
    try {
      FeatureKind kind = FeatureKind.parse(items[0]);
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 1; i < items.length; i++) {
        int eq = items[i].indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("expected key=value, got '" + items[i].strip() + "'");
        String key = items[i].substring(0, eq).strip().toLowerCase(Locale.ROOT);
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException("unknown key '" + items[i].substring(0, eq).strip() + "' (known: M, bandwidth, seed, cache, shards)");
        }
        if (values.put(key, items[i].substring(eq + 1).strip()) != null) {
          throw new IllegalArgumentException("key '" + key + "' given twice");
        }
      }
      int m = values.containsKey("m") ? parseInt("M", values.get("m")) : DEFAULT_FEATURES;
      String bw = values.getOrDefault("bandwidth", "median");
      double sigma = bw.equalsIgnoreCase("median") ? Double.NaN : parseReal("bandwidth", bw);
      long seed = values.containsKey("seed") ? parseLong("seed", values.get("seed")) : 1L;
      FeatureCachePolicy.Mode cache = FeatureCachePolicy.Mode.parse(values.getOrDefault("cache", "auto"));
      int shards = values.containsKey("shards") ? parseInt("shards", values.get("shards")) : 0;
      if (values.containsKey("shards") && shards == 0) {
        throw new IllegalArgumentException("shards must be between 1 and M = " + m + " (leave the key out for no feature sharding), got 0");
      }
      return new FeatureSpec(kind, m, sigma, seed, cache, shards);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("feature spec '" + spec + "': " + e.getMessage(), e);
    }
  }

  private static int parseInt(String key, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + text + "'");
    }
  }

  private static long parseLong(String key, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + text + "'");
    }
  }

  private static double parseReal(String key, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number or 'median', got '" + text + "'");
    }
  }
}
