package org.stochopt.core.cocoa;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;

/**
 * CoCoA+ (Ma et al., ICML 2015; Smith, Forte et al., JMLR 2018) for regularized logistic regression,
 * P(w) = (1/n) Σ φ_i(x_iᵀw) + R(w), R(w) = (λ₂/2)‖w‖² + λ₁‖w‖₁, with the rows (and their dual
 * variables) partitioned. Its dual is D(α) = −(1/n) Σ φ_i*(−α_i) − R*(v), v = Aα/n, and the primal
 * point of α is w(α) = ∇R*(v) = soft(v, λ₁)/μ (soft-threshold; μ = λ₂, or δ below).
 *
 * <pre>
 *   the driver keeps u = v/μ (so w = soft(u, λ₁/μ); for pure L2, w = u)
 *   each round t (one communication round, one length-d vector reduced):
 *     every partition k, from the shipped w = ∇R*(v):  Δα_[k] ← H steps of SDCA on its subproblem with σ' = γK
 *                                                  ({@link SdcaLocalSolver}; α_[k] stays in the partition)
 *                                                  reports Δu_k = A_k Δα_[k]/(μn), Σ φ_i(x_iᵀw), Σ φ_i*(−α_i)
 *     gap_t = P(w) − D(α)  (both at the round's start, from the reports: the certificate)
 *     α ← α + γ Δα,  u ← u + γ Σ_k Δu_k                                     (γ = 1: "adding", σ' = K)
 * </pre>
 *
 * The local subproblem is CoCoA+'s quadratic model of R* around v (R* is 1/μ-smooth), so the
 * local solver is the same for L2 and the elastic net: only the shipped point w = ∇R*(v) differs
 * (prox-SDCA's soft-threshold, Shalev-Shwartz and Zhang 2014). With γ = 1 and σ' = K the combined
 * step is safe for any partitioning of the rows, so there is nothing to tune and no shuffling
 * assumption: partitions sorted by label converge (tests). P(w) − P(w*) ≤ gap, so stopping at
 * gap ≤ ε·P(w) certifies a relative suboptimality ε without knowing w*.
 *
 * <p><b>Pure L1</b> (λ₂ = 0) has no smooth R*: CoCoA+ then runs on the smoothed problem
 * P_δ(w) = P(w) + (δ/2)‖w‖² (μ = δ; Smith, Forte et al. 2018, sec. "smoothing"), and the
 * certificate stays one for the original L1 problem: the L1 dual is D₁(α) = −(1/n) Σ φ_i*(−α_i)
 * under ‖Aα/n‖_∞ ≤ λ₁, and the scaled α' = sα, s = min(1, λ₁/‖v‖_∞), is feasible (sα_i y_i ∈ [0, 1]),
 * so P(w) − P* ≤ P(w) − D₁(sα) (dual scaling, as in the gap-safe screening rules of Ndiaye et al.
 * 2017). Near the smoothed optimum this certificate is about δ‖w‖_∞‖w‖₁ (first order in 1 − s =
 * δ‖w‖_∞/λ₁), and the smoothed problem's rate degrades as δn shrinks: pure L1 to high accuracy is
 * slow this way (O(1/ε) rounds, docs/performance.md). δ is not guessed from the unknown ‖w*‖: it starts at λ₁ and is divided by
 * {@value #SMOOTHING_DECREASE} whenever the smoothed problem's own gap falls below a quarter of the
 * L1 certificate (the smoothing, not the optimisation, is then what the certificate measures).
 * α stays feasible for every δ, so the run continues from the same dual variables (u is rescaled).
 */
public final class CocoaPlus {
  /** The factor by which the smoothing δ of pure L1 shrinks (see the class comment). */
  static final double SMOOTHING_DECREASE = 10.0;

  /**
   * @param lambda λ₂ of (λ₂/2)‖w‖² (≥ 0; 0 only with λ₁ &gt; 0: pure L1, smoothed)
   * @param l1 λ₁ of λ₁‖w‖₁ (≥ 0)
   * @param localSteps H, SDCA coordinate steps per partition per round; 0 = one pass over the partition's rows
   * @param seed seed of the local row orders
   */
  public record Config(double lambda, double l1, long localSteps, long seed) implements java.io.Serializable {
    public Config {
      if (!(lambda >= 0) || !Double.isFinite(lambda) || !(l1 >= 0) || !Double.isFinite(l1) || !(lambda > 0 || l1 > 0)) {
        throw new IllegalArgumentException("cocoa needs --reg l2:λ, elasticnet:λ,α or l1:λ with λ > 0, got λ₂ = " + lambda
            + ", λ₁ = " + l1);
      }
      if (localSteps < 0) throw new IllegalArgumentException("local steps must be >= 0 (0 = one pass), got " + localSteps);
    }

    /** Pure L2: (λ/2)‖w‖². */
    public Config(double lambda, long localSteps, long seed) {
      this(lambda, 0.0, localSteps, seed);
    }

    /** Whether the problem is pure L1, solved through the smoothing δ. */
    public boolean smoothed() {
      return lambda == 0.0;
    }

    /** The first smoothing δ of pure L1 (0 otherwise). */
    public double initialSmoothing() {
      return smoothed() ? l1 : 0.0;
    }
  }

  /** One round's certificate, at the point the round started from. */
  public record Record(long round, double primal, double dual, double gap, double seconds) {}

  /** The certified point (the start of the last round), its α's gap, and every round's record. */
  public record Result(double[] w, double gap, double primal, List<Record> trace, boolean converged) {}

  /**
   * What one round returns: the certificate of its start point w (P(w) and a lower bound D on P*,
   * both of the problem asked for, unsmoothed), the next u + Σ_k Δu_k, the smoothed problem's own gap
   * (= gap unless pure L1), and the slowest partition's compute time.
   */
  public record Step(double primal, double dual, double[] point, double[] next, double smoothedGap, long slowestTaskNanos,
      Shipped<double[]> shipped) {
    public double gap() {
      return primal - dual;
    }
  }

  private CocoaPlus() {}

  /**
   * One round from u = v/μ (α in the runner's blocks, replaced by α + Δα): every partition runs its
   * local SDCA steps from w = soft(u, λ₁/μ), one vector of length d + 3 per partition is reduced in
   * partition order.
   *
   * @param smoothing δ for pure L1 (μ = δ), ignored otherwise (μ = λ₂)
   * @param round the round's index (it seeds the local row orders)
   */
  public static Step round(PartitionRunner<CocoaBlock> runner, double[] u, long n, Config c, double smoothing, long round) {
    int d = u.length;
    final double mu = c.smoothed() ? smoothing : c.lambda();
    if (!(mu > 0)) throw new IllegalArgumentException("pure L1 needs a smoothing δ > 0, got " + smoothing);
    double threshold = c.l1() / mu;
    double[] w = threshold > 0 ? softThreshold(u, threshold) : u; // w = ∇R*(μu)
    // Dual scaling for pure L1: sα satisfies ‖A(sα)/n‖_∞ ≤ λ₁, the L1 dual's constraint.
    final double scale = c.smoothed() ? Math.min(1.0, c.l1() / (mu * maxAbs(u))) : 1.0;
    double sigmaPrime = runner.partitions(); // σ' = γK with γ = 1 ("adding")
    Shipped<double[]> shipped = runner.ship(w, 8L * d); // tasks only read it
    final long steps = c.localSteps();
    final long seed = c.seed();
    Round<double[]> reports = runner.update(
        (p, block) -> SdcaLocalSolver.solve(block, shipped.value(), mu, n, sigmaPrime, steps, seed, round, p, scale),
        (p, block) -> block.report());
    double[] sum = reports.fold(new double[d + 3], (a, b) -> {
      for (int j = 0; j < a.length; j++) a[j] += b[j];
      return a;
    });
    double[] next = java.util.Arrays.copyOf(sum, d);
    for (int j = 0; j < d; j++) next[j] += u[j];
    if (c.l1() == 0.0) { // pure L2, as it always was: R* = (λ/2)‖w‖²
      double half = 0.5 * mu * Vec.dot(w, w);
      double primal = sum[d] / n + half;
      double dual = -sum[d + 1] / n - half;
      return new Step(primal, dual, w, next, primal - dual, reports.slowestTaskNanos(), shipped);
    }
    double sq = Vec.dot(w, w);
    double l1Norm = 0.0;
    for (double x : w) l1Norm += Math.abs(x);
    double primal = sum[d] / n + 0.5 * c.lambda() * sq + c.l1() * l1Norm;
    // R*(v) = ‖soft(v, λ₁)‖²/(2μ) = (μ/2)‖w‖²: the (smoothed) problem's dual at α.
    double smoothedDual = -sum[d + 1] / n - 0.5 * mu * sq;
    double smoothedPrimal = primal + (c.smoothed() ? 0.5 * mu * sq : 0.0);
    double dual = c.smoothed() ? -sum[d + 2] / n : smoothedDual;
    return new Step(primal, dual, w, next, smoothedPrimal - smoothedDual, reports.slowestTaskNanos(), shipped);
  }

  /**
   * The smoothing of the next round (pure L1): δ/{@value #SMOOTHING_DECREASE} when the smoothed
   * problem's gap is below a quarter of the L1 certificate, else δ. u is rescaled in place so that
   * it still stands for the same α (u = v/δ).
   */
  public static double nextSmoothing(Config c, Step s, double smoothing, double[] u) {
    if (!c.smoothed() || !(s.smoothedGap() < 0.25 * s.gap())) return smoothing;
    double next = smoothing / SMOOTHING_DECREASE;
    for (int j = 0; j < u.length; j++) u[j] *= SMOOTHING_DECREASE;
    return next;
  }

  /** sign(u_j)·max(|u_j| − t, 0). */
  static double[] softThreshold(double[] u, double t) {
    double[] w = new double[u.length];
    for (int j = 0; j < u.length; j++) {
      double a = Math.abs(u[j]) - t;
      if (a > 0) w[j] = Math.copySign(a, u[j]);
    }
    return w;
  }

  private static double maxAbs(double[] u) {
    double m = 0.0;
    for (double x : u) m = Math.max(m, Math.abs(x));
    return m;
  }

  /**
   * Runs until gap ≤ {@code relativeGap}·P(w) or {@code maxRounds}. The runner's blocks are replaced
   * every round (new α); pass blocks made by {@link CocoaBlock#start}.
   */
  public static Result run(PartitionRunner<CocoaBlock> runner, long n, int d, Config c, int maxRounds, double relativeGap,
      Consumer<Record> progress) {
    double[] u = new double[d];
    double smoothing = c.initialSmoothing();
    List<Record> trace = new ArrayList<>();
    long t0 = System.nanoTime();
    Shipped<double[]> previous = null;
    double[] best = null;
    double bestPrimal = Double.POSITIVE_INFINITY;
    double bestDual = Double.NEGATIVE_INFINITY;
    for (long round = 0; round < maxRounds; round++) {
      Step s = round(runner, u, n, c, smoothing, round);
      if (previous != null) previous.release();
      previous = s.shipped();
      Record rec = new Record(round, s.primal(), s.dual(), s.gap(), (System.nanoTime() - t0) / 1e9);
      trace.add(rec);
      progress.accept(rec);
      // Pure L1: the best point with the best bound (see CocoaMethod); otherwise the round's own.
      if (!c.smoothed() || s.primal() < bestPrimal) {
        best = s.point();
        bestPrimal = s.primal();
      }
      bestDual = c.smoothed() ? Math.max(bestDual, s.dual()) : s.dual();
      double gap = bestPrimal - bestDual;
      if (!(gap > relativeGap * Math.abs(bestPrimal)) || round == maxRounds - 1) {
        return new Result(best, gap, bestPrimal, List.copyOf(trace), !(gap > relativeGap * Math.abs(bestPrimal)));
      }
      u = s.next();
      smoothing = nextSmoothing(c, s, smoothing, u);
    }
    throw new IllegalArgumentException("maxRounds must be positive, got " + maxRounds);
  }
}
