package org.stochopt.core.cocoa;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;

/**
 * CoCoA+ (Ma et al., ICML 2015; Smith, Forte et al., JMLR 2018) for L2-regularized logistic
 * regression, P(w) = (1/n) Σ φ_i(x_iᵀw) + (λ/2)‖w‖², with dual
 * D(α) = −(1/n) Σ φ_i*(−α_i) − (λ/2)‖w(α)‖², w(α) = A α/(λn).
 *
 * <pre>
 *   each round t (one communication round, one length-d vector reduced):
 *     every partition k, from the shipped w = w(α):  Δα_[k] ← H steps of SDCA on its subproblem with σ' = γK
 *                                                  ({@link SdcaLocalSolver}; α_[k] stays in the partition)
 *                                                  reports Δw_k = A_k Δα_[k]/(λn), Σ φ_i(x_iᵀw), Σ φ_i*(−α_i)
 *     gap_t = P(w) − D(α)  (both at the round's start, from the reports: the certificate)
 *     α ← α + γ Δα,  w ← w + γ Σ_k Δw_k                                     (γ = 1: "adding", σ' = K)
 * </pre>
 *
 * With γ = 1 and σ' = K the combined step is safe for any partitioning of the rows (the local
 * subproblems' quadratic term bounds the interaction between partitions), so there is nothing to
 * tune and no shuffling assumption: partitions sorted by label converge (tests). P(w) − P(w*) ≤ gap,
 * so stopping at gap ≤ ε·P(w) certifies a relative suboptimality ε without knowing w*.
 */
public final class CocoaPlus {
  /**
   * @param lambda λ of (λ/2)‖w‖² (> 0: CoCoA+ needs a strongly convex regularizer)
   * @param localSteps H, SDCA coordinate steps per partition per round; 0 = one pass over the partition's rows
   * @param seed seed of the local row orders
   */
  public record Config(double lambda, long localSteps, long seed) implements java.io.Serializable {
    public Config {
      if (!(lambda > 0) || !Double.isFinite(lambda)) {
        throw new IllegalArgumentException("cocoa needs an L2 regularizer with λ > 0 (--reg l2:λ), got λ = " + lambda);
      }
      if (localSteps < 0) throw new IllegalArgumentException("local steps must be >= 0 (0 = one pass), got " + localSteps);
    }
  }

  /** One round's certificate, at the point the round started from. */
  public record Record(long round, double primal, double dual, double gap, double seconds) {}

  /** The certified point (the start of the last round), its α's gap, and every round's record. */
  public record Result(double[] w, double gap, double primal, List<Record> trace, boolean converged) {}

  /**
   * What one round returns: the certificate of its start point w, the next point w + Σ_k Δw_k, and
   * the slowest partition's compute time.
   */
  public record Step(double primal, double dual, double[] next, long slowestTaskNanos, Shipped<double[]> shipped) {
    public double gap() {
      return primal - dual;
    }
  }

  private CocoaPlus() {}

  /**
   * One round from w = w(α) (α in the runner's blocks, replaced by α + Δα): every partition runs its
   * local SDCA steps, one vector of length d + 2 per partition is reduced in partition order.
   *
   * @param round the round's index (it seeds the local row orders)
   */
  public static Step round(PartitionRunner<CocoaBlock> runner, double[] w, long n, Config c, long round) {
    int d = w.length;
    double sigmaPrime = runner.partitions(); // σ' = γK with γ = 1 ("adding")
    Shipped<double[]> shipped = runner.ship(w, 8L * d); // tasks only read it
    final double lambda = c.lambda();
    final long steps = c.localSteps();
    final long seed = c.seed();
    Round<double[]> reports = runner.update(
        (p, block) -> SdcaLocalSolver.solve(block, shipped.value(), lambda, n, sigmaPrime, steps, seed, round, p),
        (p, block) -> block.report());
    double[] sum = reports.fold(new double[d + 2], (a, b) -> {
      for (int j = 0; j < a.length; j++) a[j] += b[j];
      return a;
    });
    double half = 0.5 * lambda * Vec.dot(w, w);
    double primal = sum[d] / n + half;
    double dual = -sum[d + 1] / n - half;
    double[] next = java.util.Arrays.copyOf(sum, d);
    for (int j = 0; j < d; j++) next[j] += w[j];
    return new Step(primal, dual, next, reports.slowestTaskNanos(), shipped);
  }

  /**
   * Runs until gap ≤ {@code relativeGap}·P(w) or {@code maxRounds}. The runner's blocks are replaced
   * every round (new α); pass blocks made by {@link CocoaBlock#start}.
   */
  public static Result run(PartitionRunner<CocoaBlock> runner, long n, int d, Config c, int maxRounds, double relativeGap,
      Consumer<Record> progress) {
    double[] w = new double[d];
    List<Record> trace = new ArrayList<>();
    long t0 = System.nanoTime();
    Shipped<double[]> previous = null;
    for (long round = 0; round < maxRounds; round++) {
      Step s = round(runner, w, n, c, round);
      if (previous != null) previous.release();
      previous = s.shipped();
      Record rec = new Record(round, s.primal(), s.dual(), s.gap(), (System.nanoTime() - t0) / 1e9);
      trace.add(rec);
      progress.accept(rec);
      if (!(s.gap() > relativeGap * Math.abs(s.primal())) || round == maxRounds - 1) {
        return new Result(w, s.gap(), s.primal(), List.copyOf(trace), !(s.gap() > relativeGap * Math.abs(s.primal())));
      }
      w = s.next();
    }
    throw new IllegalArgumentException("maxRounds must be positive, got " + maxRounds);
  }
}
