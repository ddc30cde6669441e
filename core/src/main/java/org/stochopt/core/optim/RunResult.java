package org.stochopt.core.optim;

import java.util.List;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.trace.TraceRecord;

/**
 * The outcome of one run: the reported point, why it stopped, the trace and the oracle's costs.
 * {@code seconds} is the method's time (its steps, as in the trace); {@code startSeconds} the work
 * before the first step that the trace's clock leaves out: the method's init and the evaluation of
 * the starting point (0 on resume).
 */
public record RunResult(
    double[] solution, StoppingRules.Reason reason, List<TraceRecord> trace, OracleStats stats, double seconds,
    double startSeconds) {

  public TraceRecord last() {
    return trace.get(trace.size() - 1);
  }
}
