package org.stochopt.core.ntk;

import java.io.Serializable;
import org.stochopt.core.optim.Training;
import org.stochopt.core.oracle.OracleStats;

/**
 * Averaged SGD on a sharded NTK network as the one {@link org.stochopt.core.optim.TrainingLoop}
 * drives it. The neurons (Θ, Θ⁽⁰⁾ and the running average) live in the network's blocks, so the
 * loop's state is only a marker; rounds and examples are the costs ({@code componentGradients} =
 * examples seen), and passes are not a measure of this model's work (one pass is the algorithm).
 */
public final class NtkTraining implements Training<NtkTraining.Started, NtkRecord> {
  /** The loop's state: the first batch is prepared (the parameters are in the blocks). */
  public static final class Started implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final AveragedSgd sgd;
  private final NtkEvaluator evaluator;

  public NtkTraining(AveragedSgd sgd, NtkEvaluator evaluator) {
    this.sgd = sgd;
    this.evaluator = evaluator;
  }

  @Override
  public String name() {
    return "averaged-sgd";
  }

  @Override
  public Started init() {
    sgd.start();
    return new Started();
  }

  @Override
  public void step(Started state) {
    sgd.step();
  }

  @Override
  public OracleStats spent() {
    return new OracleStats(sgd.network().rounds(), sgd.samples(), 0, 0);
  }

  @Override
  public double passesPerGradient() {
    return 0;
  }

  @Override
  public NtkRecord measure(Started state, long step, OracleStats spent, double seconds) {
    return evaluator.measure(sgd, seconds);
  }
}
