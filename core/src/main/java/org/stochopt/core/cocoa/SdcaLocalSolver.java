package org.stochopt.core.cocoa;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.stochopt.core.loss.Numerics;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.rng.Seeds;

/**
 * The local solver of CoCoA+ for regularized logistic regression: H passes of randomized dual
 * coordinate ascent (SDCA, Shalev-Shwartz and Zhang 2013) on partition k's subproblem
 *
 * <pre>
 *   max_{Δα_[k]}  −(1/n) Σ_{i∈k} φ_i*(−α_i − Δα_i) − (1/n) wᵀ A_k Δα − (λσ'/2) ‖A_k Δα/(λn)‖²
 * </pre>
 *
 * (Ma et al. 2015, eq. (9); A_k: the partition's rows as columns, σ' = γK the aggregation parameter,
 * γ = 1 "adding"; λ stands for μ, the regularizer's strong convexity, and w for the shipped ∇R*(v):
 * for the elastic net this is CoCoA+'s quadratic model of R* around v, so the step is the same). With v = w + σ' Δw_loc, Δw_loc = A_k Δα/(λn) the partition's running change, the
 * step on coordinate i maximises over β = (α_i + δ) y_i ∈ (0, 1)
 *
 * <pre>
 *   −β ln β − (1−β) ln(1−β) − (β − β₀) y_i x_iᵀv − q (β − β₀)²/2,   q = σ'‖x_i‖²/(λn)
 * </pre>
 *
 * a strictly concave one-dimensional problem solved by safeguarded Newton steps on its derivative
 * ln((1−β)/β) − y_i x_iᵀv − q(β − β₀) = 0 (the root is bracketed in (0, 1)). Each step reads and
 * writes only the row's nonzeros: O(nnz); the O(d) work (a copy of w, the reported Δw_k) is done
 * once per round, not per step. H steps run through consecutive random permutations of the local
 * rows; the permutation of pass h is drawn from (seed, round, partition, h), so both backends run
 * the same steps.
 */
public final class SdcaLocalSolver {
  private static final long STREAM = 0x53444341L; // "SDCA"
  /** β stays in [LO, HI]: the entropy's derivative is infinite at 0 and 1. */
  static final double LO = Double.MIN_NORMAL;
  static final double HI = Math.nextDown(1.0);

  private SdcaLocalSolver() {}

  /**
   * Runs H = {@code steps} coordinate steps (≤ 0: one pass over the partition's rows) on a copy of the
   * block's α. Returns the new block: α + Δα, and the report
   * [Δu_k | Σ_i φ_i(x_iᵀw) | Σ_i φ_i*(−α_i) | Σ_i φ_i*(−sα_i)] (the last three at the round's start, for
   * the duality gap; the last one with the dual scaling s of pure L1, = the one before when s = 1).
   *
   * @param lambda μ, the strong convexity of the regularizer: λ₂, or δ of pure L1's proximal term
   * @param dualScale s ∈ (0, 1] of the L1 certificate (1 when not pure L1)
   */
  public static CocoaBlock solve(CocoaBlock block, double[] w, double lambda, long n, double sigmaPrime, long steps,
      long seed, long round, int partition, double dualScale) {
    return solve(block, w, lambda, n, sigmaPrime, steps, seed, round, partition, dualScale, null);
  }

  /**
   * As above; with an {@code objective}, the report also carries the block's
   * {@link LinearObjective#accumulate gradient sum} at w, [… | Σ_i ∇f_i(w) | Σ_i f_i(w) | rows], appended
   * (length 2d + 5), bit-identical to the one the evaluator's full pass computes, so that the trace's
   * measurement of w needs no second pass over the rows ({@link CocoaMethod}). The margins x_iᵀw
   * come from that same pass, and the pass (margins, gradient sum, certificate sums: it only reads
   * w, the rows and the round's starting α) runs on a second thread while this one runs the SDCA
   * steps, which do not need it: each is sequential, so the results do not depend on the threads.
   */
  public static CocoaBlock solve(CocoaBlock block, double[] w, double lambda, long n, double sigmaPrime, long steps,
      long seed, long round, int partition, double dualScale, LinearObjective objective) {
    RowBlock rows = block.rows();
    int d = w.length;
    int m = rows.rows();
    double[] report = new double[objective == null ? d + 3 : 2 * d + 5];
    double[] start = block.alpha();
    double[] norms = block.squaredNorms();
    double[] alpha = start.clone();
    if (m == 0) return new CocoaBlock(rows, alpha, report, norms);
    FutureTask<double[]> startPass = null;
    if (objective == null) {
      double[] margins = new double[m];
      for (int i = 0; i < m; i++) margins[i] = rows.dot(i, w);
      System.arraycopy(certificate(rows, start, margins, dualScale), 0, report, d, 3);
    } else {
      startPass = new FutureTask<>(() -> {
        double[] margins = new double[m];
        GradientSum full = new GradientSum(d);
        objective.accumulate(w, rows, full, margins);
        double[] c = certificate(rows, start, margins, dualScale);
        System.arraycopy(full.gradient(), 0, report, d + 3, d);
        report[2 * d + 3] = full.loss();
        report[2 * d + 4] = full.count();
        return c;
      });
      Thread t = new Thread(startPass, "stochopt-cocoa-certificate");
      t.setDaemon(true);
      t.start();
    }
    // Sparse rows: v and Δw_k interleaved, vr[2j] = v_j, vr[2j+1] = (Δw_k)_j, so that a step's two
    // axpys at the row's random coordinates touch one cache line per coordinate instead of two.
    CsrRowBlock csr = rows instanceof CsrRowBlock c ? c : null;
    double[] vr = csr == null ? null : interleave(w);
    double[] v = csr == null ? w.clone() : null; // w + σ' Δw_loc, kept up to date at the rows' nonzeros
    double scale = 1.0 / (lambda * n);
    int[] order = new int[m];
    long budget = steps > 0 ? steps : m;
    for (int h = 0; budget > 0; h++) {
      SplittableRandom rng = new SplittableRandom(Seeds.child(seed, STREAM, round, partition, h));
      for (int i = 0; i < m; i++) order[i] = i;
      for (int i = m - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      int count = (int) Math.min(m, budget);
      budget -= count;
      for (int s = 0; s < count; s++) {
        int i = order[s];
        double y = rows.label(i);
        double sq = norms[i];
        if (sq == 0.0) continue;
        double beta0 = alpha[i] * y;
        double beta = maximise(beta0, y * (csr == null ? rows.dot(i, v) : dotEven(csr, i, vr)), sigmaPrime * sq * scale);
        double delta = (beta - beta0) * y; // Δα_i
        if (delta == 0.0) continue;
        alpha[i] += delta;
        if (csr != null) {
          axpyPairs(csr, i, sigmaPrime * delta * scale, delta * scale, vr);
        } else {
          rows.axpy(i, sigmaPrime * delta * scale, v); // v += σ' x_i Δα_i/(λn)
          rows.axpy(i, delta * scale, report); // Δw_k += x_i Δα_i/(λn)
        }
      }
    }
    if (csr != null) for (int j = 0; j < d; j++) report[j] = vr[2 * j + 1];
    if (startPass != null) System.arraycopy(join(startPass), 0, report, d, 3);
    return new CocoaBlock(rows, alpha, report, norms);
  }

  /**
   * [Σ_i φ_i(x_iᵀw), Σ_i φ_i*(−α_i), Σ_i φ_i*(−sα_i)] from the margins x_iᵀw and the round's
   * starting α (the last = the one before when s = 1), summed in row order.
   */
  static double[] certificate(RowBlock rows, double[] alpha, double[] margins, double dualScale) {
    double lossSum = 0.0;
    double conjugateSum = 0.0;
    double scaledSum = 0.0;
    for (int i = 0; i < margins.length; i++) {
      double z = rows.label(i) * margins[i];
      lossSum += logisticLoss(z);
      conjugateSum += negEntropy(alpha[i] * rows.label(i));
      if (dualScale != 1.0) scaledSum += negEntropy(dualScale * alpha[i] * rows.label(i));
    }
    return new double[] {lossSum, conjugateSum, dualScale != 1.0 ? scaledSum : conjugateSum};
  }

  /** [w_0, 0, w_1, 0, …]: v = w and Δw_k = 0, interleaved. */
  static double[] interleave(double[] w) {
    double[] vr = new double[2 * w.length];
    for (int j = 0; j < w.length; j++) vr[2 * j] = w[j];
    return vr;
  }

  /**
   * Σ_k x_k vr[2 j_k] over the row's nonzeros: {@link CsrRowBlock#dot} on the even entries, with its
   * four partial sums combined in its order, so bit-identical to it on the de-interleaved v.
   */
  static double dotEven(CsrRowBlock rows, int row, double[] vr) {
    int[] indices = rows.indicesView();
    double[] values = rows.valuesView();
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = rows.rowStart(row);
    int end = rows.rowEnd(row);
    for (; k + 3 < end; k += 4) {
      s0 += values[k] * vr[2 * indices[k]];
      s1 += values[k + 1] * vr[2 * indices[k + 1]];
      s2 += values[k + 2] * vr[2 * indices[k + 2]];
      s3 += values[k + 3] * vr[2 * indices[k + 3]];
    }
    for (; k < end; k++) s0 += values[k] * vr[2 * indices[k]];
    return (s0 + s1) + (s2 + s3);
  }

  /** vr[2j] += a x_j and vr[2j+1] += b x_j at the row's nonzeros ({@link CsrRowBlock#axpy} twice, which skips a zero scale). */
  static void axpyPairs(CsrRowBlock rows, int row, double a, double b, double[] vr) {
    int[] indices = rows.indicesView();
    double[] values = rows.valuesView();
    int end = rows.rowEnd(row);
    if (a != 0.0 && b != 0.0) {
      for (int k = rows.rowStart(row); k < end; k++) {
        int j = 2 * indices[k];
        double x = values[k];
        vr[j] += a * x;
        vr[j + 1] += b * x;
      }
      return;
    }
    if (a != 0.0) for (int k = rows.rowStart(row); k < end; k++) vr[2 * indices[k]] += a * values[k];
    if (b != 0.0) for (int k = rows.rowStart(row); k < end; k++) vr[2 * indices[k] + 1] += b * values[k];
  }

  private static double[] join(FutureTask<double[]> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the certificate pass", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * φ(z) = log(1 + e^{−z}) at the signed margin z = y·xᵀw, without overflow: the certificates' loss
   * (CoCoA+'s and ProxCoCoA+'s), evaluated the same way by both so their gaps add the same bits.
   */
  static double logisticLoss(double z) {
    return z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
  }

  /** φ*(−α) for the logistic loss at β = αy ∈ [0, 1]: β ln β + (1−β) ln(1−β) (0 ln 0 = 0). */
  static double negEntropy(double beta) {
    double b = Math.min(1.0, Math.max(0.0, beta));
    return (b > 0 ? b * Math.log(b) : 0.0) + (b < 1 ? (1 - b) * Math.log1p(-b) : 0.0);
  }

  /**
   * argmax over β ∈ (0, 1) of −β ln β − (1−β) ln(1−β) − (β − β₀) margin − q (β − β₀)²/2: the root of
   * g(β) = ln((1−β)/β) − margin − q(β − β₀). Solved in the logit t = ln(β/(1−β)), where the equation
   * reads h(t) = −t − margin − q(σ(t) − β₀) = 0 with slope h′ ∈ [−1 − q/4, −1]: nearly linear, so
   * Newton from t = −margin (the root when q = 0) converges in a few steps from anywhere — in β,
   * Newton from β₀ = 0 (every α starts there) creeps along the log barrier and stalls. The root lies in
   * [−margin − q(1−β₀), −margin + qβ₀] (σ − β₀ ∈ (−β₀, 1−β₀)); a Newton step that leaves that bracket
   * is replaced by bisection.
   */
  static double maximise(double beta0, double margin, double q) {
    double lo = -margin - q * (1 - beta0);
    double hi = -margin + q * beta0;
    double t = -margin;
    for (int it = 0; it < 100; it++) {
      double b = Numerics.sigmoid(t);
      double h = -t - margin - q * (b - beta0);
      if (h > 0) {
        lo = t;
      } else if (h < 0) {
        hi = t;
      } else {
        break;
      }
      double next = t + h / (1 + q * b * (1 - b));
      if (!(next >= lo && next <= hi)) next = 0.5 * (lo + hi);
      boolean done = Math.abs(next - t) <= 1e-13 * Math.max(1.0, Math.abs(t));
      t = next;
      if (done || hi - lo <= 1e-15 * Math.max(1.0, Math.abs(t))) break;
    }
    return Math.min(HI, Math.max(LO, Numerics.sigmoid(t)));
  }
}
