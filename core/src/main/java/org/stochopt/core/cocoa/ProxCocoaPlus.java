package org.stochopt.core.cocoa;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stochopt.core.loss.Numerics;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.core.runtime.Round;
import org.stochopt.core.runtime.Shipped;

/**
 * ProxCoCoA+ (Smith, Forte, Jordan, Jaggi 2015, "L1-regularized distributed optimization: a
 * communication-efficient primal-dual framework"; Smith, Forte, Ma, Takáč, Jordan, Jaggi, JMLR 2018):
 * the primal, feature-partitioned CoCoA+ for P(w) = f(Aw) + Σ_j g_j(w_j), f(v) = (1/n) Σ φ(v_i; y_i)
 * the logistic loss of the margins, g_j(x) = λ₁|x| + (λ₂/2)x² (pure L1, the elastic net, or L2). The
 * columns are partitioned: partition k owns A_[k] and w_[k] ({@link ProxCocoaBlock}); the shared vector
 * is v = Aw ∈ ℝⁿ.
 *
 * <pre>
 *   layout ({@link #layout}):  one exchange turns the row partitions into K = P feature blocks (O(nnz))
 *   each round t (one vector of length n shipped, K of length n reduced):
 *     partition k, from v:   w_[k] ← w_[k] + t_{prev}Δw_[k]                    (the last round's accepted step)
 *                            Δw_[k] ← H coordinate steps on its subproblem, σ' = γK, γ = 1
 *                                     ({@link ProxCoordinateSolver}); reports Δv_[k] = A_[k]Δw_[k]
 *     driver:                P(w) = f(v) + Σ_k g(w_[k]),  D(α) at α_i = −φ'(v_i; y_i)   (the certificate of w)
 *                            Δv = Σ_k Δv_[k];  t = 1, ½, ¼, … until
 *                              f(v + tΔv) + (1−t)g(w) + t·g(w + Δw) ≤ P(w) + σ t (∇f(v)ᵀΔv + g(w + Δw) − g(w))
 *                            v ← v + tΔv
 * </pre>
 *
 * With the paper's model (q_i = L_φ/n, {@link Curvature#BOUND}) and σ' = K the sum of the local models
 * upper-bounds P, so t = 1 always passes and the method converges for any partitioning of the
 * features (the paper's theorem); with one partition it is proximal coordinate descent. With the
 * loss's own curvature ({@link Curvature#HESSIAN}, q_i = φ''(v_i)/n, a proximal Newton model as in
 * LIBLINEAR's newGLMNET, Yuan, Ho, Lin 2012) the model is not a bound and the line search is what keeps
 * P decreasing; should it fail (t below 2⁻³⁰), the run continues with the bound model, which needs none.
 * The line search costs O(n) on the driver per trial and no communication: g at w + tΔw is bounded by
 * convexity from the two values every partition reported.
 *
 * <p><b>Certificate.</b> The dual of P is D(α) = −(1/n) Σ φ*(−α_i) − Σ_j g_j*(u_j), u = Aᵀα/n. With
 * λ₂ &gt; 0, g*(u) = soft(u, λ₁)²/(2λ₂). For pure L1, g* is the indicator of |u_j| ≤ λ₁, so α is scaled:
 * sα with s = min(1, λ₁/‖u‖_∞) is feasible (the dual scaling of {@link CocoaPlus}). Every round's D is a
 * lower bound on P*, P(w) falls monotonically, so P(w) − max_t D_t ≥ P(w) − P* certifies the round's
 * start point; as w → w*, α → α* and the bound closes.
 */
public final class ProxCocoaPlus {
  /** σ of the sufficient-decrease test (Armijo). */
  static final double ARMIJO = 0.01;
  /** Relative change of P below which the sufficient-decrease test cannot tell (a few ulps of the sums). */
  static final double ROUNDING = 1e-15;
  /** Halvings of t before the line search gives up on the Hessian model. */
  static final int MAX_HALVINGS = 30;

  private ProxCocoaPlus() {}

  /** The local model's curvature Q of f around v. */
  public enum Curvature {
    /** q_i = L_φ/n = 1/(4n): the paper's smoothness bound (t = 1 always accepted). */
    BOUND,
    /** q_i = φ''(v_i; y_i)/n: the loss's own curvature at v (a proximal Newton model; needs the line search). */
    HESSIAN
  }

  /**
   * @param l1 λ₁ of λ₁‖w‖₁ (≥ 0)
   * @param l2 λ₂ of (λ₂/2)‖w‖² (≥ 0; λ₁ + λ₂ &gt; 0)
   * @param localSteps H, coordinate steps per partition per round; 0 = one pass over the block's nonempty columns
   * @param seed seed of the local column orders
   * @param curvature the local model's curvature at the start of the run
   */
  public record Config(double l1, double l2, long localSteps, long seed, Curvature curvature) implements java.io.Serializable {
    public Config {
      if (!(l1 >= 0) || !Double.isFinite(l1) || !(l2 >= 0) || !Double.isFinite(l2) || !(l1 > 0 || l2 > 0)) {
        throw new IllegalArgumentException("proxcocoa needs --reg l1:λ, elasticnet:λ,α or l2:λ with λ > 0, got λ₁ = " + l1
            + ", λ₂ = " + l2);
      }
      if (localSteps < 0) throw new IllegalArgumentException("local steps must be >= 0 (0 = one pass), got " + localSteps);
      if (curvature == null) throw new IllegalArgumentException("a curvature model is required");
    }

    /** The same problem with another curvature model. */
    public Config with(Curvature c) {
      return new Config(l1, l2, localSteps, seed, c);
    }

    /** g(w) from ‖w‖₁ and ‖w‖². */
    double g(double l1Norm, double squared) {
      return l1 * l1Norm + 0.5 * l2 * squared;
    }
  }

  /** One round's certificate, at the point the round started from. */
  public record Record(long round, double primal, double dual, double gap, double step, double seconds) {}

  /** The certified point, its gap (P − best D), and every round's record. */
  public record Result(double[] w, double gap, double primal, List<Record> trace, boolean converged) {}

  /**
   * What one round returns: P and D at its start point w, the next v, the accepted step t of its
   * proposal, whether the line search failed (then t = 0), and the slowest partition's compute time.
   */
  public record Step(double primal, double dual, double[] point, double[] next, double accepted, boolean searchFailed,
      long slowestTaskNanos, Shipped<double[]> shipped) {
    public double gap() {
      return primal - dual;
    }
  }

  /**
   * The feature-partitioned layout of the rows {@code rowRunner} holds: K = P feature blocks over d
   * features, made by one exchange between the partitions ({@link FeatureColumns}). Returns the labels
   * in the layout's row order (the driver needs them for f(v)).
   *
   * @param derived a runner of {@link ProxCocoaBlock#ofRows} blocks (derived from the row partitions)
   */
  public static double[] layout(PartitionRunner<ProxCocoaBlock> derived, int d) {
    int k = derived.partitions();
    if (k > d) throw new IllegalArgumentException("proxcocoa splits the d = " + d + " features over the " + k
        + " partitions: use at most d partitions");
    Round<double[]> r = derived.exchange((p, b) -> b.pieces(k), (q, b, inbox) -> ProxCocoaBlock.start(q, k, d, inbox),
        (q, b) -> q == 0 ? b.columns().labelsView() : null);
    return r.results().get(0).clone();
  }

  /**
   * One round from the margins v = Aw (w in the blocks; each block first applies the last round's step
   * {@code accepted}).
   *
   * @param y the labels in layout order
   * @param round the round's index (it seeds the local column orders)
   */
  public static Step round(PartitionRunner<ProxCocoaBlock> runner, double[] v, double[] y, double accepted, Config c, long round) {
    int n = v.length;
    int k = runner.partitions();
    Shipped<double[]> shipped = runner.ship(v, 8L * n);
    Config cfg = c;
    Round<ProxCoordinateSolver.Report> reports = runner.update(
        (p, b) -> ProxCoordinateSolver.solve(b, shipped.value(), accepted, cfg, cfg.curvature(), k, round, p),
        (p, b) -> b.report());
    double[] dv = new double[n];
    double l1 = 0.0;
    double sq = 0.0;
    double l1After = 0.0;
    double sqAfter = 0.0;
    double maxCorr = 0.0;
    double softSq = 0.0;
    int d = 0;
    long slowest = 0; // the partitions' own compute times (a Spark update reports none of its own)
    for (ProxCoordinateSolver.Report r : reports.results()) {
      d += r.w().length;
      slowest = Math.max(slowest, r.computeNanos());
    }
    double[] w = new double[d];
    int at = 0;
    for (ProxCoordinateSolver.Report r : reports.results()) { // partition order: the same bits on every backend
      for (int i = 0; i < n; i++) dv[i] += r.deltaV()[i];
      l1 += r.l1();
      sq += r.squared();
      l1After += r.l1After();
      sqAfter += r.squaredAfter();
      maxCorr = Math.max(maxCorr, r.maxCorrelation());
      softSq += r.softSquared();
      System.arraycopy(r.w(), 0, w, at, r.w().length);
      at += r.w().length;
    }
    double loss = 0.0;
    double slope = 0.0; // ∇f(v)ᵀΔv
    double[] beta = new double[n];
    for (int i = 0; i < n; i++) {
      double z = y[i] * v[i];
      loss += SdcaLocalSolver.logisticLoss(z);
      beta[i] = Numerics.sigmoid(-z);
      slope -= y[i] * beta[i] * dv[i];
    }
    loss /= n;
    slope /= n;
    double gOld = c.g(l1, sq);
    double primal = loss + gOld;
    double dual;
    if (c.l2() > 0) {
      double conj = 0.0;
      for (int i = 0; i < n; i++) conj += SdcaLocalSolver.negEntropy(beta[i]);
      dual = -conj / n - softSq / (2 * c.l2());
    } else {
      double s = maxCorr > c.l1() ? c.l1() / maxCorr : 1.0;
      double conj = 0.0;
      for (int i = 0; i < n; i++) conj += SdcaLocalSolver.negEntropy(s * beta[i]);
      dual = -conj / n;
    }
    double gNew = c.g(l1After, sqAfter);
    double decrease = slope + gNew - gOld;
    double t = 0.0;
    boolean failed = false;
    if (decrease < 0) {
      double trial = 1.0;
      for (int h = 0; h <= MAX_HALVINGS; h++, trial *= 0.5) {
        double f = 0.0;
        for (int i = 0; i < n; i++) f += SdcaLocalSolver.logisticLoss(y[i] * (v[i] + trial * dv[i]));
        double bound = f / n + (1 - trial) * gOld + trial * gNew;
        // Near w* both sides are at rounding level: a change below it is no reason to reject the model's step.
        if (bound - primal <= ARMIJO * trial * decrease + ROUNDING * Math.abs(primal)) {
          t = trial;
          break;
        }
      }
      // A step whose predicted decrease is itself at rounding level is taken: it cannot move P measurably, and
      // it still moves v, and with it the dual point, towards v* (the certificate keeps closing).
      if (t == 0.0 && -decrease <= 1e3 * ROUNDING * Math.abs(primal)) t = 1.0;
      failed = t == 0.0;
    }
    double[] next = v.clone();
    if (t != 0.0) for (int i = 0; i < n; i++) next[i] += t * dv[i];
    return new Step(primal, dual, w, next, t, failed, Math.max(slowest, reports.slowestTaskNanos()), shipped);
  }

  /**
   * Runs from w = 0 until P(w) − max D ≤ {@code relativeGap}·P(w) or {@code maxRounds} (tests and benchmarks;
   * the training loop runs {@link ProxCocoaMethod}). {@code runner} holds blocks laid out by {@link #layout}.
   */
  public static Result run(PartitionRunner<ProxCocoaBlock> runner, double[] y, Config c, int maxRounds, double relativeGap,
      Consumer<Record> progress) {
    double[] v = new double[y.length];
    double accepted = 0.0;
    List<Record> trace = new ArrayList<>();
    long t0 = System.nanoTime();
    Shipped<double[]> previous = null;
    double bestDual = Double.NEGATIVE_INFINITY;
    for (long round = 0; round < maxRounds; round++) {
      Step s = round(runner, v, y, accepted, c, round);
      if (previous != null) previous.release();
      previous = s.shipped();
      bestDual = Math.max(bestDual, s.dual());
      double gap = s.primal() - bestDual;
      Record rec = new Record(round, s.primal(), s.dual(), gap, s.accepted(), (System.nanoTime() - t0) / 1e9);
      trace.add(rec);
      progress.accept(rec);
      boolean done = !(gap > relativeGap * Math.abs(s.primal()));
      if (done || round == maxRounds - 1) return new Result(s.point(), gap, s.primal(), List.copyOf(trace), done);
      if (s.searchFailed()) c = c.with(Curvature.BOUND);
      v = s.next();
      accepted = s.accepted();
    }
    throw new IllegalArgumentException("maxRounds must be positive, got " + maxRounds);
  }
}
