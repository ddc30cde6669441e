package org.stochopt.core.optim;

import java.util.List;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.trace.TraceRecord;

/**
 * The outcome of one run: the reported point, why it stopped, the trace and the oracle's costs.
 * {@code seconds} is the method's time (its steps, as in the trace). The trace's clock leaves out
 * {@code startSeconds}, the work before the first step (the method's init and the evaluation of
 * the starting point; 0 on resume), and {@code evaluationSeconds}, the trace's later measurements.
 */
public record RunResult(
    double[] solution, StoppingRules.Reason reason, List<TraceRecord> trace, OracleStats stats, double seconds,
    double startSeconds, double evaluationSeconds) {

  public TraceRecord last() {
    return trace.get(trace.size() - 1);
  }
}
