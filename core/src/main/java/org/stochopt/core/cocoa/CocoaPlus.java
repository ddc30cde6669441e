package org.stochopt.core.cocoa;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 *     every partition k, from the shipped w = w(α):  Δα_[k] ← H passes of SDCA on its subproblem with σ' = γK
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
   * @param localPasses H, SDCA passes over the partition's rows per round
   * @param seed seed of the local row orders
   */
  public record Config(double lambda, int localPasses, long seed) {
    public Config {
      if (!(lambda > 0) || !Double.isFinite(lambda)) {
        throw new IllegalArgumentException("cocoa+ needs an L2 regularizer with λ > 0, got " + lambda);
      }
      if (localPasses <= 0) throw new IllegalArgumentException("local passes must be positive, got " + localPasses);
    }
  }

  /** One round's certificate, at the point the round started from. */
  public record Record(long round, double primal, double dual, double gap, double seconds) {}

  /** The certified point (the start of the last round), its α's gap, and every round's record. */
  public record Result(double[] w, double gap, double primal, List<Record> trace, boolean converged) {}

  private CocoaPlus() {}

  /**
   * Runs until gap ≤ {@code relativeGap}·P(w) or {@code maxRounds}. The runner's blocks are replaced
   * every round (new α); pass blocks made by {@link CocoaBlock#start}.
   */
  public static Result run(PartitionRunner<CocoaBlock> runner, long n, int d, Config c, int maxRounds, double relativeGap,
      Consumer<Record> progress) {
    int k = runner.partitions();
    double sigmaPrime = k; // γK with γ = 1
    double[] w = new double[d];
    double[] certified = new double[d];
    List<Record> trace = new ArrayList<>();
    long t0 = System.nanoTime();
    for (long round = 0; round < maxRounds; round++) {
      Shipped<double[]> shipped = runner.ship(w.clone(), 8L * d);
      final long r = round;
      final double lambda = c.lambda();
      final int passes = c.localPasses();
      final long seed = c.seed();
      Round<double[]> reports = runner.update(
          (p, block) -> SdcaLocalSolver.solve(block, shipped.value(), lambda, n, sigmaPrime, passes, seed, r, p),
          (p, block) -> block.report());
      shipped.release();
      double[] sum = reports.fold(new double[d + 2], (a, b) -> {
        for (int j = 0; j < a.length; j++) a[j] += b[j];
        return a;
      });
      double half = 0.5 * lambda * org.stochopt.core.linalg.Vec.dot(w, w);
      double primal = sum[d] / n + half;
      double dual = -sum[d + 1] / n - half;
      double gap = primal - dual;
      Record rec = new Record(round, primal, dual, gap, (System.nanoTime() - t0) / 1e9);
      trace.add(rec);
      progress.accept(rec);
      if (!(gap > relativeGap * Math.abs(primal))) return new Result(w, gap, primal, List.copyOf(trace), true);
      System.arraycopy(w, 0, certified, 0, d);
      for (int j = 0; j < d; j++) w[j] += sum[j];
    }
    Record last = trace.get(trace.size() - 1);
    return new Result(certified, last.gap(), last.primal(), List.copyOf(trace), false);
  }
}
