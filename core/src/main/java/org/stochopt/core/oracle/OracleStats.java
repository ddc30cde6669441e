package org.stochopt.core.oracle;

/**
 * What an oracle has spent so far on behalf of a method (measurement calls are not counted):
 * communication rounds (one per call; one Spark job each), component-gradient evaluations
 * (∇f_i computations; a difference ∇f_i(w) − ∇f_i(anchor) counts two), wall time inside the
 * oracle, and the part of it spent computing (the slowest partition of each round).
 */
public record OracleStats(long rounds, long componentGradients, long roundNanos, long computeNanos)
    implements java.io.Serializable {
  public static final OracleStats ZERO = new OracleStats(0, 0, 0, 0);

  public OracleStats plusRound(long gradients, long roundNs, long computeNs) {
    return new OracleStats(rounds + 1, componentGradients + gradients, roundNanos + roundNs, computeNanos + computeNs);
  }

  /** Mean wall time of one round, in milliseconds. */
  public double meanRoundMillis() {
    return rounds == 0 ? 0.0 : roundNanos / 1e6 / rounds;
  }

  /** Mean compute time (critical path) of one round, in milliseconds. */
  public double meanComputeMillis() {
    return rounds == 0 ? 0.0 : computeNanos / 1e6 / rounds;
  }

  /** Mean round overhead (scheduling, serialization, broadcast, aggregation), in milliseconds. */
  public double meanOverheadMillis() {
    return Math.max(0.0, meanRoundMillis() - meanComputeMillis());
  }
}
