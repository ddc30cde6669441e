package org.stochopt.core.cocoa;

import org.stochopt.core.optim.CertifiedState;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Shipped;

/**
 * Where a CoCoA+ run stands between rounds. The dual variables α are not here: they live in the
 * partitions, in the blocks of {@link #blocks}; the driver keeps u(α) (the next round's start) and
 * the last certified point, the start of the last round, whose duality gap that round computed.
 * Because α is held by the partitions, the state cannot be checkpointed (the runner is transient;
 * {@code train} refuses {@code --checkpoint-every} and {@code --resume} for cocoa).
 */
public final class CocoaState implements CertifiedState {
  private static final long serialVersionUID = 1L;

  long rounds;
  /** u = Aα/(μn) for the α now in the partitions: the next round starts from w = soft(u, λ₁/μ) (= u for pure L2). */
  double[] next;
  /** z of pure L1's proximal term (δ/2)‖w − z‖² (null otherwise), see {@link CocoaPlus}. */
  double[] center;
  /** The start of the last round: the point its gap certifies (w = 0 before the first round). */
  double[] certified;
  double gap = Double.NaN;
  double primal = Double.NaN;
  double dual = Double.NaN;
  /** The rounds' config: κ &gt; 0 while the accelerated loop runs, κ = 0 after it ended (or never ran). */
  CocoaPlus.Config config;
  /** The accelerated outer loop, or null (plain CoCoA+, pure L1, or after a stall). */
  CatalystCocoa catalyst;
  /** The round from which an accelerated run continued as plain CoCoA+ (−1: it did not). */
  long fellBackAtRound = -1;
  /** κ of the run's start. */
  double kappa;
  long centreMoves;
  transient PartitionRunner<CocoaBlock> blocks;
  /** The last round's shipped w, released after the next round (see {@link CocoaPlus.Step}). */
  transient Shipped<double[]> shipped;

  CocoaState(int d, PartitionRunner<CocoaBlock> blocks, double[] center) {
    this.next = new double[d];
    this.center = center;
    this.certified = new double[d];
    this.blocks = blocks;
  }

  @Override
  public long steps() {
    return rounds;
  }

  /** The certified point: the start of the last round (the round's progress is in {@link #next}). */
  @Override
  public double[] output() {
    return certified;
  }

  @Override
  public double dualityGap() {
    return gap;
  }

  /** κ of the accelerated loop at the start of the run (0: plain CoCoA+). */
  public double kappa() {
    return kappa;
  }

  /** The round from which an accelerated run continued as plain CoCoA+, or −1. */
  public long fellBackAtRound() {
    return fellBackAtRound;
  }

  /** Centre moves of the accelerated loop so far (0 without it). */
  public long centreMoves() {
    return centreMoves;
  }

  /** P at the certified point, from the round's own reduce. */
  public double primal() {
    return primal;
  }

  /** The lower bound on P* from α (D(α), or for pure L1 the scaled D₁(sα)) whose w(α) is the certified point. */
  public double dual() {
    return dual;
  }

}
