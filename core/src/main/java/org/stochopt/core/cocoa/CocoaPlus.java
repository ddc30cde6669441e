package org.stochopt.core.cocoa;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stochopt.core.linalg.Vec;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.reg.ElasticNet;
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
 * <p><b>Pure L1</b> (λ₂ = 0) has no smooth R*. CoCoA+ then solves a sequence of proximal subproblems
 * (proximal point, Rockafellar 1976, as in the accelerated prox-SDCA of Shalev-Shwartz and Zhang
 * 2014): R_z(w) = λ₁‖w‖₁ + (δ/2)‖w − z‖², μ = δ = λ₁, whose R_z* is 1/δ-smooth with
 * ∇R_z*(v) = soft(z + v/δ, λ₁/δ). The centre z moves to the current w whenever the subproblem's own
 * gap falls below a quarter of the L1 certificate; α stays feasible for every z, so the run
 * continues from the same dual variables. Adding (δ/2)‖w‖² once and shrinking δ (the smoothing of
 * Smith, Forte et al. 2018) was tried first: the certificate then needs δ ≈ ελ₁/‖w‖_∞ and the rounds
 * grow like 1/(δn) (hashed text, λ₁ = 1e-5: relative suboptimality 1.4e-2 after 300 rounds).
 * The certificate is one for the original L1 problem: its dual is D₁(α) = −(1/n) Σ φ_i*(−α_i) under
 * ‖Aα/n‖_∞ ≤ λ₁, and the scaled α' = sα, s = min(1, λ₁/‖v‖_∞), is feasible (sα_i y_i ∈ [0, 1]), so
 * P(w) − P* ≤ P(w) − D₁(sα) (dual scaling, as in the gap-safe screening rules of Ndiaye et al. 2017);
 * as z → w*, ‖v‖_∞ → λ₁ and the bound closes.
 *
 * <p><b>Accelerated</b> (κ &gt; 0, {@link CatalystCocoa}): the rounds solve the problem plus
 * (κ/2)‖w − y‖², μ = λ₂ + κ, w = soft(u + κy/μ, λ₁/μ); the round reports the original problem's
 * P(w) and its dual D(α) = −(1/n)Σφ_i*(−α_i) − ‖soft(μu, λ₁)‖²/(2λ₂), and the subproblem's own gap
 * for the outer loop.
 */
public final class CocoaPlus {
  /**
   * @param lambda λ₂ of (λ₂/2)‖w‖² (≥ 0; 0 only with λ₁ &gt; 0: pure L1, smoothed)
   * @param l1 λ₁ of λ₁‖w‖₁ (≥ 0)
   * @param localSteps H, SDCA coordinate steps per partition per round; 0 = one pass over the partition's rows
   * @param seed seed of the local row orders
   * @param kappa κ of the accelerated outer loop's proximal term (κ/2)‖w − y‖² ({@link CatalystCocoa}); 0 = plain
   *     CoCoA+. Needs λ₂ &gt; 0.
   */
  public record Config(double lambda, double l1, long localSteps, long seed, double kappa) implements java.io.Serializable {
    public Config {
      if (!(lambda >= 0) || !Double.isFinite(lambda) || !(l1 >= 0) || !Double.isFinite(l1) || !(lambda > 0 || l1 > 0)) {
        throw new IllegalArgumentException("cocoa needs --reg l2:λ, elasticnet:λ,α or l1:λ with λ > 0, got λ₂ = " + lambda
            + ", λ₁ = " + l1);
      }
      if (localSteps < 0) throw new IllegalArgumentException("local steps must be >= 0 (0 = one pass), got " + localSteps);
      if (!(kappa >= 0) || !Double.isFinite(kappa)) throw new IllegalArgumentException("cocoa's κ must be finite and >= 0, got " + kappa);
      if (kappa > 0 && !(lambda > 0)) {
        throw new IllegalArgumentException("accelerated cocoa (κ > 0) needs λ₂ > 0 (l2 or elasticnet); pure l1 has its own proximal centre");
      }
    }

    /** Plain CoCoA+ (κ = 0). */
    public Config(double lambda, double l1, long localSteps, long seed) {
      this(lambda, l1, localSteps, seed, 0.0);
    }

    /** Pure L2: (λ/2)‖w‖². */
    public Config(double lambda, long localSteps, long seed) {
      this(lambda, 0.0, localSteps, seed, 0.0);
    }

    /** The same problem without the accelerated loop (κ = 0). */
    public Config plain() {
      return new Config(lambda, l1, localSteps, seed, 0.0);
    }

    /** Whether the problem is pure L1, solved through proximal subproblems (δ/2)‖w − z‖². */
    public boolean smoothed() {
      return lambda == 0.0;
    }

    /** Whether rounds solve a proximal subproblem around a centre (pure L1, or the accelerated outer loop). */
    public boolean centred() {
      return smoothed() || kappa > 0;
    }

    /** μ, the strong convexity of the regularizer the rounds see: λ₂ + κ, or δ of pure L1. */
    public double mu() {
      return smoothed() ? smoothing() : lambda + kappa;
    }

    /**
     * δ of pure L1's proximal term (0 otherwise): λ₁. A larger δ conditions each subproblem better
     * but moves the centre less: δ = max(λ₁, 1/n) = 2e-4 left hashed text (λ₁ = 1e-5) at 2.8e-2
     * after 300 rounds, δ = λ₁ at 4.3e-5 (docs/performance.md).
     */
    public double smoothing() {
      return smoothed() ? l1 : 0.0;
    }
  }

  /** One round's certificate, at the point the round started from. */
  public record Record(long round, double primal, double dual, double gap, double seconds) {}

  /** The certified point (the start of the last round), its α's gap, and every round's record. */
  public record Result(double[] w, double gap, double primal, List<Record> trace, boolean converged) {}

  /**
   * What one round returns: the certificate of its start point w (P(w) and a lower bound D on P*,
   * both of the problem asked for, unsmoothed), the next u + Σ_k Δu_k, the proximal subproblem's own gap
   * (= gap for plain CoCoA+ on L2 or the elastic net; P_κ − D_κ of the accelerated loop), the slowest partition's compute time,
   * and, when the round was asked for it, the objective's gradient sum at {@code point} over all rows (else null).
   */
  public record Step(double primal, double dual, double[] point, double[] next, double smoothedGap, long slowestTaskNanos,
      Shipped<double[]> shipped, GradientSum full) {
    /** A step without the gradient sum. */
    public Step(double primal, double dual, double[] point, double[] next, double smoothedGap, long slowestTaskNanos,
        Shipped<double[]> shipped) {
      this(primal, dual, point, next, smoothedGap, slowestTaskNanos, shipped, null);
    }

    public double gap() {
      return primal - dual;
    }
  }

  /** P(0) − D(0) at α = 0, w = 0 for the logistic loss: ln 2 (every run starts there). */
  static final double INITIAL_GAP = Math.log(2.0);

  private CocoaPlus() {}

  /**
   * One round from u = v/μ (α in the runner's blocks, replaced by α + Δα): every partition runs its
   * local SDCA steps from w = soft(u, λ₁/μ), one vector of length d + 3 per partition is reduced in
   * partition order.
   *
   * @param center z of pure L1's proximal term (δ/2)‖w − z‖² ({@link #nextCenter}), ignored otherwise
   * @param round the round's index (it seeds the local row orders)
   */
  public static Step round(PartitionRunner<CocoaBlock> runner, double[] u, long n, Config c, double[] center, long round) {
    return round(runner, u, n, c, center, round, null);
  }

  /**
   * As above; with an {@code objective} (the rows' f_i), every partition also reports its gradient sum at
   * the round's point w from the same read of its rows as the certificate's margins
   * ({@link SdcaLocalSolver}), and {@link Step#full} holds their total, merged in partition order as
   * {@link org.stochopt.core.oracle.PartitionedOracle} merges its full pass: the trace then measures w
   * without another pass (one vector of length d more in the round's reduce instead of a separate
   * reduce of the same length).
   */
  public static Step round(PartitionRunner<CocoaBlock> runner, double[] u, long n, Config c, double[] center, long round,
      LinearObjective objective) {
    int d = u.length;
    final double mu = c.mu();
    double threshold = c.l1() / mu;
    double[] w; // w = ∇R*(μu)
    if (c.centred()) {
      double[] shifted = u.clone();
      for (int j = 0; j < d; j++) shifted[j] += center[j];
      // pure L1: ∇R*(v) = soft(z + v/δ, λ₁/δ); accelerated: ∇R_κ*(v) = soft((v + κy)/μ, λ₁/μ), centre κy/μ
      w = threshold > 0 ? softThreshold(shifted, threshold) : shifted;
    } else {
      w = threshold > 0 ? softThreshold(u, threshold) : u;
    }
    // Dual scaling for pure L1: sα satisfies ‖A(sα)/n‖_∞ ≤ λ₁, the L1 dual's constraint.
    final double scale = c.smoothed() ? Math.min(1.0, c.l1() / (mu * maxAbs(u))) : 1.0;
    double sigmaPrime = runner.partitions(); // σ' = γK with γ = 1 ("adding")
    Shipped<double[]> shipped = runner.ship(w, 8L * d); // tasks only read it
    final long steps = c.localSteps();
    final long seed = c.seed();
    Round<double[]> reports = runner.update(
        (p, block) -> SdcaLocalSolver.solve(block, shipped.value(), mu, n, sigmaPrime, steps, seed, round, p, scale, objective),
        (p, block) -> block.report());
    double[] sum = reports.fold(new double[objective == null ? d + 3 : 2 * d + 5], (a, b) -> {
      // In partition order from zeros; a partition with no rows adds zeros, which changes no sum
      // (a sum that starts at +0.0 is never −0.0): the same totals as PartitionedOracle's merge, which skips it.
      for (int j = 0; j < a.length; j++) a[j] += b[j];
      return a;
    });
    GradientSum full = objective == null ? null : gradientSum(sum, d);
    double[] next = java.util.Arrays.copyOf(sum, d);
    for (int j = 0; j < d; j++) next[j] += u[j];
    if (c.l1() == 0.0 && !c.centred()) { // pure L2, as it always was: R* = (λ/2)‖w‖²
      double half = 0.5 * mu * Vec.dot(w, w);
      double primal = sum[d] / n + half;
      double dual = -sum[d + 1] / n - half;
      return new Step(primal, dual, w, next, primal - dual, reports.slowestTaskNanos(), shipped, full);
    }
    double sq = Vec.dot(w, w);
    double l1Norm = 0.0;
    if (c.l1() > 0) for (double x : w) l1Norm += Math.abs(x);
    double primal = sum[d] / n + 0.5 * c.lambda() * sq + c.l1() * l1Norm;
    // The proximal subproblem's gap: by Fenchel–Young equality at w = ∇R*(v), R(w) + R*(v) = vᵀw, v = μu.
    double inner = c.centred() ? (sum[d] + sum[d + 1]) / n + mu * Vec.dot(u, w) : Double.NaN;
    if (c.smoothed()) return new Step(primal, -sum[d + 2] / n, w, next, inner, reports.slowestTaskNanos(), shipped, full);
    if (c.kappa() > 0) {
      // The problem's own dual at the same α: R*(v) = ‖soft(v, λ₁)‖²/(2λ₂), v = μu (a lower bound on P* for any α).
      double rs = 0.0;
      for (int j = 0; j < d; j++) {
        double x = ElasticNet.proxCoordinate(mu * u[j], c.l1(), 1.0);
        rs += x * x;
      }
      double dual = -sum[d + 1] / n - rs / (2 * c.lambda());
      return new Step(primal, dual, w, next, inner, reports.slowestTaskNanos(), shipped, full);
    }
    // R*(v) = ‖soft(v, λ₁)‖²/(2μ) = (μ/2)‖w‖²: the problem's dual at α.
    double dual = -sum[d + 1] / n - 0.5 * mu * sq;
    return new Step(primal, dual, w, next, primal - dual, reports.slowestTaskNanos(), shipped, full);
  }

  /** The gradient sum in a fused report [… | Σ∇f_i (d) | Σf_i | rows]. */
  private static GradientSum gradientSum(double[] sum, int d) {
    GradientSum full = new GradientSum(d);
    System.arraycopy(sum, d + 3, full.gradient(), 0, d);
    full.addLoss(sum[2 * d + 3]);
    full.addCount(sum[2 * d + 4]);
    return full;
  }

  /**
   * The proximal centre of the next round (pure L1): the round's point w when the proximal
   * subproblem's gap is below a quarter of the L1 certificate (the subproblem, not the optimisation,
   * is then what the certificate measures), else z. α, and so u = v/δ, stay as they are.
   */
  public static double[] nextCenter(Config c, Step s, double[] center) {
    if (!c.smoothed() || !(s.smoothedGap() < 0.25 * s.gap())) return center;
    return s.point().clone();
  }

  /** sign(u_j)·max(|u_j| − t, 0). */
  static double[] softThreshold(double[] u, double t) {
    double[] w = new double[u.length];
    for (int j = 0; j < u.length; j++) w[j] = ElasticNet.proxCoordinate(u[j], t, 1.0);
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
    boolean certifyBest = c.centred(); // bounds for the same P* from different subproblems: best P, best D
    double[] center = c.centred() ? new double[d] : null;
    CatalystCocoa catalyst = c.kappa() > 0 ? new CatalystCocoa(c, INITIAL_GAP) : null;
    List<Record> trace = new ArrayList<>();
    long t0 = System.nanoTime();
    Shipped<double[]> previous = null;
    double[] best = null;
    double bestPrimal = Double.POSITIVE_INFINITY;
    double bestDual = Double.NEGATIVE_INFINITY;
    for (long round = 0; round < maxRounds; round++) {
      Step s = round(runner, u, n, c, center, round);
      if (previous != null) previous.release();
      previous = s.shipped();
      Record rec = new Record(round, s.primal(), s.dual(), s.gap(), (System.nanoTime() - t0) / 1e9);
      trace.add(rec);
      progress.accept(rec);
      // Pure L1 and the accelerated loop: the best point with the best bound (see CocoaMethod); otherwise the round's own.
      if (!certifyBest || s.primal() < bestPrimal) {
        best = s.point();
        bestPrimal = s.primal();
      }
      bestDual = certifyBest ? Math.max(bestDual, s.dual()) : s.dual();
      double gap = bestPrimal - bestDual;
      if (!(gap > relativeGap * Math.abs(bestPrimal)) || round == maxRounds - 1) {
        return new Result(best, gap, bestPrimal, List.copyOf(trace), !(gap > relativeGap * Math.abs(bestPrimal)));
      }
      u = s.next();
      if (catalyst != null) {
        center = catalyst.next(s, center);
        if (center == null) { // stalled: plain CoCoA+ from the same α
          CatalystCocoa.toPlain(u, c);
          c = c.plain();
          catalyst = null;
        }
      } else {
        center = nextCenter(c, s, center);
      }
    }
    throw new IllegalArgumentException("maxRounds must be positive, got " + maxRounds);
  }
}
