package org.stochopt.core.cocoa;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.stochopt.core.loss.Numerics;
import org.stochopt.core.reg.ElasticNet;
import org.stochopt.core.rng.Seeds;

/**
 * The local solver of ProxCoCoA+ ({@link ProxCocoaPlus}): randomized coordinate descent with closed-form
 * proximal steps on partition k's subproblem (Smith, Forte, Ma, Takáč, Jordan, Jaggi 2018, the primal
 * setting, with σ' = γK, γ = 1 "adding"),
 *
 * <pre>
 *   min_{Δw_[k]}  ∇f(v)ᵀ A_[k]Δw_[k] + (σ'/2) ‖A_[k]Δw_[k]‖²_Q + Σ_{j∈k} g_j(w_j + Δw_j),
 *   f(v) = (1/n) Σ_i φ(v_i; y_i),  ∇f(v)_i = φ'(v_i; y_i)/n,  g_j(x) = λ₁|x| + (λ₂/2)x²
 * </pre>
 *
 * where v = Aw is the shipped vector of margins and Q = diag(q_i) the model's curvature: the bound
 * q_i = L_φ/n = 1/(4n) of the logistic loss (the paper's 1/τ: the model upper-bounds f, so the summed
 * step of all partitions never increases P), or the loss's own curvature q_i = φ''(v_i; y_i)/n
 * ({@link ProxCocoaPlus.Curvature#HESSIAN}: a proximal Newton model, as LIBLINEAR's newGLMNET; the
 * driver's line search keeps the step safe). With r = A_[k]Δw_[k] kept up to date, the step on column j
 * minimises the model in x = w_j + Δw_j exactly:
 *
 * <pre>
 *   G_j = a_jᵀ(∇f(v) + σ' Q r),   c_j = σ' a_jᵀ Q a_j,   x' = soft(c_j x − G_j, λ₁) / (c_j + λ₂)
 * </pre>
 *
 * a step that reads and writes only the column's nonzeros. The default local work (H = 0) is one pass
 * over the block's nonempty columns followed by passes over its active columns (x ≠ 0 after that pass)
 * until a pass moves the model by less than {@link #INNER_TOLERANCE} of the first, Σ_j c_j(Δx_j)² — the
 * inner loop of newGLMNET; for L1 the active set is small, so the subproblem is solved well for about
 * the cost of one pass. With H &gt; 0, H steps run through consecutive random permutations of all nonempty
 * columns. Orders are drawn from (seed, round, partition, pass), so both backends run the same steps.
 * Before its steps the partition applies the last round's accepted step (w_[k] ← w_[k] + tΔw_[k]) and reports, at that point, what the driver's certificate needs:
 * ‖w_[k]‖₁, ‖w_[k]‖², and of u_[k] = A_[k]ᵀα/n with α_i = −φ'(v_i; y_i) (the dual point of v)
 * max_j |u_j| and Σ_j soft(u_j, λ₁)².
 */
public final class ProxCoordinateSolver {
  private static final long STREAM = 0x50434344L; // "PCCD"
  /** Smallest model curvature of a row, in units of the bound: keeps a step finite where φ'' underflows. */
  static final double MIN_CURVATURE = 1e-8;
  /** Most passes over the active columns after the full pass (H = 0). */
  static final int MAX_INNER_PASSES = 50;
  /**
   * An active pass that moves the model by less than this fraction of the full pass ends the local work.
   * Hashed text (n = 5000, d = 2¹⁸, l1:1e-5, one partition; docs/performance.md): 1e-2, 1e-3, 1e-4 gave
   * relative suboptimality 1e-6 in 14, 13, 12 rounds and 4.1, 3.2, 7.0 s (loaded machine); no active
   * passes at all left it at 4.4e-6 after 300 rounds.
   */
  static final double INNER_TOLERANCE = 1e-3;

  private ProxCoordinateSolver() {}

  /**
   * What partition k reports each round.
   *
   * @param deltaV Δv_[k] = A_[k]Δw_[k] (length n)
   * @param w w_[k] at the round's start (after the accepted step)
   * @param l1 ‖w_[k]‖₁ at the start
   * @param squared ‖w_[k]‖² at the start
   * @param maxCorrelation max_j |u_j|, u_[k] = A_[k]ᵀα/n at the start
   * @param softSquared Σ_j soft(u_j, λ₁)² at the start
   * @param l1After ‖w_[k] + Δw_[k]‖₁
   * @param squaredAfter ‖w_[k] + Δw_[k]‖²
   * @param computeNanos the partition's compute time
   */
  public record Report(double[] deltaV, double[] w, double l1, double squared, double maxCorrelation, double softSquared,
      double l1After, double squaredAfter, long computeNanos) implements Serializable {}

  /**
   * Applies the accepted step t of the last round, then runs H = {@code c.localSteps()} coordinate steps
   * (0: one pass over the block's nonempty columns, then the active passes) from the shipped margins v.
   *
   * @param accepted t ∈ [0, 1] for the last round's Δw_[k] (ignored in the first round)
   * @param curvature the model's Q (the bound, or φ'' at v)
   */
  public static ProxCocoaBlock solve(ProxCocoaBlock block, double[] v, double accepted, ProxCocoaPlus.Config c,
      ProxCocoaPlus.Curvature curvature, int sigmaPrime, long round, int partition) {
    long t0 = System.nanoTime();
    FeatureColumns a = block.columns();
    int n = a.rows();
    int width = a.width();
    double[] y = a.labelsView();
    double[] w = block.w().clone();
    if (block.proposed() != null && accepted != 0.0) {
      for (int j = 0; j < width; j++) w[j] += accepted * block.proposed()[j];
    }
    double l1 = 0.0;
    double sq = 0.0;
    for (double x : w) {
      l1 += Math.abs(x);
      sq += x * x;
    }
    double[] grad = new double[n]; // ∇f(v)_i = φ'(v_i; y_i)/n = −y_i β_i/n, β_i = σ(−y_i v_i)
    double[] q = new double[n];
    double bound = sigmaPrime * 0.25 / n;
    for (int i = 0; i < n; i++) {
      double beta = Numerics.sigmoid(-y[i] * v[i]);
      grad[i] = -y[i] * beta / n;
      q[i] = curvature == ProxCocoaPlus.Curvature.BOUND ? bound : sigmaPrime * Math.max(beta * (1 - beta), 0.25 * MIN_CURVATURE) / n;
    }
    int[] rowIndex = a.rowIndexView();
    double[] values = a.valuesView();
    double maxCorr = 0.0;
    double softSq = 0.0;
    double[] colCurv = new double[width];
    int nonempty = 0;
    for (int j = 0; j < width; j++) {
      if (a.end(j) == a.start(j)) continue;
      nonempty++;
      double u = 0.0;
      double cj = 0.0;
      for (int e = a.start(j); e < a.end(j); e++) {
        int i = rowIndex[e];
        u -= values[e] * grad[i];
        cj += values[e] * values[e] * q[i];
      }
      colCurv[j] = cj;
      maxCorr = Math.max(maxCorr, Math.abs(u));
      double s = ElasticNet.proxCoordinate(u, c.l1(), 1.0);
      softSq += s * s;
    }
    int[] columns = new int[nonempty];
    for (int j = 0, k = 0; j < width; j++) if (a.end(j) > a.start(j)) columns[k++] = j;
    double[] delta = new double[width];
    double[] r = new double[n];
    if (c.localSteps() > 0) {
      long budget = nonempty == 0 ? 0 : c.localSteps();
      for (int h = 0; budget > 0; h++) {
        int count = (int) Math.min(nonempty, budget);
        budget -= count;
        pass(a, shuffled(columns, nonempty, c.seed(), round, partition, h), count, colCurv, grad, q, r, w, delta, c);
      }
    } else if (nonempty > 0) {
      // One pass over every nonempty column, then passes over the active columns (w_j + Δw_j ≠ 0) only, until a
      // pass changes the model by less than INNER_TOLERANCE of the first pass (L1: the active set is small).
      double first = pass(a, shuffled(columns, nonempty, c.seed(), round, partition, 0), nonempty, colCurv, grad, q, r, w, delta, c);
      int active = 0;
      for (int s = 0; s < nonempty; s++) if (w[columns[s]] + delta[columns[s]] != 0.0) columns[active++] = columns[s];
      for (int h = 1; h <= MAX_INNER_PASSES && active > 0; h++) {
        double moved = pass(a, shuffled(columns, active, c.seed(), round, partition, h), active, colCurv, grad, q, r, w, delta, c);
        if (!(moved > INNER_TOLERANCE * first)) break;
      }
    }
    double l1After = 0.0;
    double sqAfter = 0.0;
    for (int j = 0; j < width; j++) {
      double x = w[j] + delta[j];
      l1After += Math.abs(x);
      sqAfter += x * x;
    }
    Report rep = new Report(r, w, l1, sq, maxCorr, softSq, l1After, sqAfter, System.nanoTime() - t0);
    return new ProxCocoaBlock(null, a, w, delta, rep);
  }

  /**
   * Proximal coordinate steps on the first {@code count} of {@code order}; returns Σ_j c_j (Δx_j)², the
   * model's movement in its own metric (the inner stopping test).
   */
  private static double pass(FeatureColumns a, int[] order, int count, double[] colCurv, double[] grad, double[] q, double[] r,
      double[] w, double[] delta, ProxCocoaPlus.Config c) {
    int[] rowIndex = a.rowIndexView();
    double[] values = a.valuesView();
    double moved = 0.0;
    for (int s = 0; s < count; s++) {
      int j = order[s];
      double cj = colCurv[j];
      if (!(cj > 0)) continue;
      double g = 0.0;
      for (int e = a.start(j); e < a.end(j); e++) {
        int i = rowIndex[e];
        g += values[e] * (grad[i] + q[i] * r[i]);
      }
      double x = w[j] + delta[j];
      double next = ElasticNet.proxCoordinate(cj * x - g, c.l1(), 1.0) / (cj + c.l2());
      double step = next - x;
      if (step == 0.0) continue;
      delta[j] += step;
      moved += cj * step * step;
      for (int e = a.start(j); e < a.end(j); e++) r[rowIndex[e]] += step * values[e];
    }
    return moved;
  }

  /** The first {@code count} entries of {@code columns} in a random order drawn from (seed, round, partition, pass), in place. */
  private static int[] shuffled(int[] columns, int count, long seed, long round, int partition, int pass) {
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, STREAM, round, partition, pass));
    for (int i = count - 1; i > 0; i--) {
      int k = rng.nextInt(i + 1);
      int t = columns[i];
      columns[i] = columns[k];
      columns[k] = t;
    }
    return columns;
  }
}
