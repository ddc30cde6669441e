package org.stochopt.core.cocoa;

import org.stochopt.core.optim.CertifiedState;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Shipped;

/**
 * Where a ProxCoCoA+ run stands between rounds. The coordinates w_[k] live in the partitions' blocks
 * ({@link #blocks}); the driver keeps the margins v = Aw, the labels, the step t the last round's
 * line search accepted, and the last certified point (the start of the last round, assembled from the
 * partitions' reports). Like {@link CocoaState} it cannot be checkpointed (the runner is transient).
 */
public final class ProxCocoaState implements CertifiedState {
  private static final long serialVersionUID = 1L;

  long rounds;
  /** v = Aw for the w the next round starts from (after the blocks apply {@link #accepted}). */
  double[] margins;
  /** t of the last round's proposal, applied by the partitions at the next round's start. */
  double accepted;
  /** The rounds' config (its curvature becomes the bound model after a failed line search). */
  ProxCocoaPlus.Config config;
  /** The round from which the run continued with the bound model (−1: it did not). */
  long boundModelFromRound = -1;
  /** The start of the last round: the point its gap certifies (w = 0 before the first round). */
  double[] certified;
  double gap = Double.NaN;
  double primal = Double.NaN;
  /** The best lower bound on P* so far. */
  double dual = Double.NEGATIVE_INFINITY;
  transient double[] labels;
  transient PartitionRunner<ProxCocoaBlock> blocks;
  /** The last round's shipped v, released after the next round. */
  transient Shipped<double[]> shipped;

  ProxCocoaState(int d, double[] labels, PartitionRunner<ProxCocoaBlock> blocks, ProxCocoaPlus.Config config) {
    this.margins = new double[labels.length];
    this.labels = labels;
    this.certified = new double[d];
    this.blocks = blocks;
    this.config = config;
  }

  @Override
  public long steps() {
    return rounds;
  }

  /** The certified point: the start of the last round. */
  @Override
  public double[] output() {
    return certified;
  }

  @Override
  public double dualityGap() {
    return gap;
  }

  /** P at the certified point, from the round's own reduce. */
  public double primal() {
    return primal;
  }

  /** The best lower bound on P* so far. */
  public double dual() {
    return dual;
  }

  /** The round from which the run used the bound model after a failed line search, or −1. */
  public long boundModelFromRound() {
    return boundModelFromRound;
  }
}
