package org.stochopt.core.optim;

import java.util.List;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.trace.TraceRecord;

/** The outcome of one run: the reported point, why it stopped, the trace and the oracle's costs. */
public record RunResult(
    double[] solution, StoppingRules.Reason reason, List<TraceRecord> trace, OracleStats stats, double seconds) {

  public TraceRecord last() {
    return trace.get(trace.size() - 1);
  }
}
