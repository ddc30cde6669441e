package org.stochopt.spark.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one cell measured. "To target" quantities are interpolated between the last evaluation
 * above the target and the first at or below it, linearly in log-suboptimality (the methods
 * converge linearly, so log-suboptimality is close to linear in rounds between two nearby
 * evaluations); they are NaN when the cell stopped on its budget. The evaluation bracket
 * [{@code roundsBracketLow}, {@code roundsBracketHigh}] bounds the true crossing.
 *
 * @param step the step size used (theory step × multiplier)
 * @param evalIntervalRounds the cell evaluated F every this many rounds (the resolution)
 * @param stepsToTarget minibatch steps to ε (iteration complexity)
 * @param roundsToTarget oracle rounds to ε, anchor full gradients included (communication rounds)
 * @param gradientsToTarget component gradients to ε (total complexity)
 * @param stopReason target_suboptimality, max_passes, max_rounds, max_seconds or diverged
 * @param methodSeconds the method's own time for the whole cell (evaluation excluded)
 * @param secondsToTarget method time to ε, interpolated like the rounds
 * @param cellSeconds wall time of the whole cell, evaluations included
 */
public record CellResult(
    Cell cell,
    double step,
    long evalIntervalRounds,
    boolean reached,
    double stepsToTarget,
    double roundsToTarget,
    double gradientsToTarget,
    double passesToTarget,
    long roundsBracketLow,
    long roundsBracketHigh,
    long steps,
    long rounds,
    long gradients,
    double finalObjective,
    double finalRelativeSuboptimality,
    double testError,
    String stopReason,
    double methodSeconds,
    double secondsToTarget,
    double meanRoundMillis,
    double meanComputeMillis,
    double meanOverheadMillis,
    double cellSeconds) {

  /**
   * The cells.csv columns. The ones before {@link #FIRST_TIMING_COLUMN} are deterministic: for a
   * fixed config they depend only on the seeds, because the in-process backend is bit-reproducible
   * (Spark agrees with it up to floating-point merge order), so a resumed sweep reproduces them
   * exactly. The rest are wall-clock measurements and differ from run to run.
   */
  public static final List<String> COLUMNS = List.of(
      "cell_id", "method", "batch_size", "step_multiplier", "seed", "step", "eval_interval_rounds", "reached",
      "steps_to_target", "rounds_to_target", "gradients_to_target", "passes_to_target", "rounds_bracket_low",
      "rounds_bracket_high", "steps", "rounds", "gradients", "final_objective", "final_relative_suboptimality",
      "test_error", "stop_reason",
      "method_seconds", "seconds_to_target", "mean_round_ms", "mean_compute_ms", "mean_overhead_ms", "cell_seconds");

  public static final String FIRST_TIMING_COLUMN = "method_seconds";

  /** The values in {@link #COLUMNS} order (NaN stays NaN; writers decide how to print it). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cell_id", cell.id());
    m.put("method", cell.method());
    m.put("batch_size", cell.batchSize());
    m.put("step_multiplier", cell.stepMultiplier());
    m.put("seed", cell.seed());
    m.put("step", step);
    m.put("eval_interval_rounds", evalIntervalRounds);
    m.put("reached", reached);
    m.put("steps_to_target", stepsToTarget);
    m.put("rounds_to_target", roundsToTarget);
    m.put("gradients_to_target", gradientsToTarget);
    m.put("passes_to_target", passesToTarget);
    m.put("rounds_bracket_low", roundsBracketLow);
    m.put("rounds_bracket_high", roundsBracketHigh);
    m.put("steps", steps);
    m.put("rounds", rounds);
    m.put("gradients", gradients);
    m.put("final_objective", finalObjective);
    m.put("final_relative_suboptimality", finalRelativeSuboptimality);
    m.put("test_error", testError);
    m.put("stop_reason", stopReason);
    m.put("method_seconds", methodSeconds);
    m.put("seconds_to_target", secondsToTarget);
    m.put("mean_round_ms", meanRoundMillis);
    m.put("mean_compute_ms", meanComputeMillis);
    m.put("mean_overhead_ms", meanOverheadMillis);
    m.put("cell_seconds", cellSeconds);
    return m;
  }

  /** Reads back what {@link #toMap} wrote (JSON numbers; null for NaN). */
  public static CellResult fromJson(com.fasterxml.jackson.databind.JsonNode n) {
    Cell cell = new Cell(n.get("method").asText(), n.get("batch_size").asInt(), n.get("step_multiplier").asDouble(),
        n.get("seed").asLong());
    return new CellResult(cell, d(n, "step"), n.get("eval_interval_rounds").asLong(), n.get("reached").asBoolean(),
        d(n, "steps_to_target"), d(n, "rounds_to_target"), d(n, "gradients_to_target"), d(n, "passes_to_target"),
        n.get("rounds_bracket_low").asLong(), n.get("rounds_bracket_high").asLong(), n.get("steps").asLong(),
        n.get("rounds").asLong(), n.get("gradients").asLong(), d(n, "final_objective"),
        d(n, "final_relative_suboptimality"), d(n, "test_error"), n.get("stop_reason").asText(), d(n, "method_seconds"),
        d(n, "seconds_to_target"), d(n, "mean_round_ms"), d(n, "mean_compute_ms"), d(n, "mean_overhead_ms"),
        d(n, "cell_seconds"));
  }

  private static double d(com.fasterxml.jackson.databind.JsonNode n, String key) {
    com.fasterxml.jackson.databind.JsonNode v = n.get(key);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }
}
