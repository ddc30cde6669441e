package org.stochopt.core.optim;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.trace.TraceRecord;

/**
 * Everything the {@link Runner} needs to continue a run exactly where it was saved: the method
 * state, the oracle costs spent so far, the runner's evaluation bookkeeping and the trace. The
 * sampling plan is a pure function of (seed, step, partition), so no random-generator position
 * is needed: the step counter inside the state is enough.
 *
 * @param runKey what the run was (data, method, step, seed, partitions, ...); resuming under a
 *     different key is refused because the continuation would not be the same run
 * @param state the method state after the last completed step
 * @param spent oracle rounds, gradient evaluations and time spent by the method so far
 * @param methodNanos the method's own time so far (evaluation excluded)
 * @param lastEvalRounds rounds at the last evaluation
 * @param lastEvalPasses effective passes at the last evaluation
 * @param divergenceScale max(1, |F(w₀)|), the divergence test's scale
 * @param trace the evaluations so far
 * @param attachment caller data restored with the run (e.g. the problem constants the step was derived from)
 */
public record RunnerCheckpoint(
    String runKey,
    MethodState state,
    OracleStats spent,
    long methodNanos,
    long lastEvalRounds,
    double lastEvalPasses,
    double divergenceScale,
    List<TraceRecord> trace,
    Serializable attachment) implements Serializable {

  private static final long serialVersionUID = 1L;

  public RunnerCheckpoint {
    trace = new ArrayList<>(trace); // a plain ArrayList serializes on every JDK
  }
}
