package org.stochopt.core.method;

import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.theory.MinibatchTheory;
import org.stochopt.core.theory.TheoryInputs;

/**
 * What {@code --method auto} picks, and why. The rule comes from the measurements in
 * docs/performance.md and docs/minibatch-methods.md:
 *
 * <ul>
 *   <li>When d ≥ {@value #WIDE_RATIO}·n (wide sparse data: hashed text, click logs), the rows are
 *       reachable, no batch size was given, and the problem is one CoCoA+ solves (logistic loss, L2
 *       or elastic net with λ₂ &gt; 0; pure L1 only when named, its smoothing is slow): {@code cocoa}. Its local SDCA steps cost O(nnz) with n dual variables (fewer
 *       than the d primal coordinates), it needs no step size, converges for any partitioning, and its
 *       duality gap certifies the result (docs/performance.md, "Sparse, d ≫ n").
 *   <li>The same wide data with pure L1 (logistic loss, λ₂ = 0): {@code proxcocoa}, the feature-partitioned
 *       primal CoCoA+ (in-process on one partition: proximal Newton coordinate descent). Hashed text d = 2¹⁸,
 *       n = 5000, l1:1e-5: LIBLINEAR {@code -s 6}'s accuracy in 11 rounds, where the dual {@code cocoa} had
 *       4.3e-5 after 300 (docs/performance.md, "ProxCoCoA+ for L1").
 *   <li>Where rows can be reached by tasks (the row-partitioned backends: in-process and Spark),
 *       {@code local-katyusha} with b = 16: one round runs Katyusha's epoch inside every partition,
 *       so a run needs about a hundred times fewer rounds than one-step methods (Fashion-MNIST 7 vs 9:
 *       72 rounds against ≈ 12 000 for Katyusha), and it is the fastest in-process method measured
 *       too. b shrinks when 4·P·b would exceed the rows; when even b = 1 (or the given b) leaves
 *       fewer than four local minibatches per partition, the next rule applies.
 *   <li>Where it cannot (feature-sharded random features), or on tiny data, minibatch Katyusha with the theory's
 *       optimal minibatch b* (clipped to [1, n]), whose rounds fall linearly with b up to b*.
 * </ul>
 * A batch size the user gave is kept.
 */
public final class MethodAdvisor {
  private MethodAdvisor() {}

  /** The chosen method, its minibatch size and the reason (for the log and summary.json). */
  public record Choice(MethodKind kind, int batchSize, String reason) {}

  /** Local methods' minibatch when the user gives none: measured best on FMNIST 7v9 (72 / 94 / 294 rounds at b = 16 / 64 / 256). */
  static final int LOCAL_BATCH = 16;

  /**
   * @param k the problem constants (n, d, L, μ)
   * @param partitions the backend's row partitions P
   * @param localRounds whether the backend can run steps next to whole rows
   * @param userBatch the batch size the user gave, or null
   */
  public static Choice choose(ProblemConstants k, int partitions, boolean localRounds, Integer userBatch) {
    return choose(k, partitions, localRounds, userBatch, false);
  }

  /** d/n from which the data count as wide and CoCoA+ is chosen. */
  static final int WIDE_RATIO = 4;

  /** Why one partition (in-process, {@code train} uses one for auto's cocoa when --partitions is not given). */
  static final String ONE_PARTITION = "; one partition, i.e. SDCA itself: σ' = K makes rounds grow steeply with the partitions "
      + "(hashed text d = 2^18, n = 5000: 6 rounds at P = 1, 243 at P = 2; docs/performance.md)";

  /** Whether {@link #choose} picks cocoa: wide data (d ≥ {@value #WIDE_RATIO}·n), rows reachable, no batch size, a problem it solves. */
  public static boolean picksCocoa(long n, long d, boolean localRounds, Integer userBatch, boolean cocoaSolves) {
    return localRounds && userBatch == null && cocoaSolves && d >= (long) WIDE_RATIO * n;
  }

  /** The choice for wide data with pure L1 ({@link #picksCocoa} with a problem ProxCoCoA+ solves). */
  public static Choice proxCocoa(ProblemConstants k, int partitions) {
    return new Choice(MethodKind.PROXCOCOA, 1, String.format(java.util.Locale.ROOT,
        "proxcocoa: d = %d ≥ %d·n = %d (wide data) and pure L1, so ProxCoCoA+ with the features split over the %d partitions: "
            + "proximal Newton coordinate steps on the columns, v = Aw shared, no step size, and a duality gap every round "
            + "(the dual cocoa needs proximal subproblems for pure L1: ≈ 30× the rounds on hashed text)%s",
        k.d(), WIDE_RATIO, WIDE_RATIO * k.n(), partitions, partitions == 1 ? "; one partition: σ' = K damps the steps on more" : ""));
  }

  /**
   * @param cocoaSolves whether the loss and regularizer are ones CoCoA+ solves (logistic, L2 or elastic net with λ₂ &gt; 0)
   */
  public static Choice choose(ProblemConstants k, int partitions, boolean localRounds, Integer userBatch, boolean cocoaSolves) {
    if (picksCocoa(k.n(), k.d(), localRounds, userBatch, cocoaSolves)) {
      return new Choice(MethodKind.COCOA, 1, String.format(java.util.Locale.ROOT,
          "cocoa: d = %d ≥ %d·n = %d (wide data), so CoCoA+ with SDCA in each of the %d partitions: O(nnz) local steps on "
              + "n dual variables, no step size, safe for any partitioning, and a duality gap that certifies the result%s",
          k.d(), WIDE_RATIO, WIDE_RATIO * k.n(), partitions, partitions == 1 ? ONE_PARTITION : ""));
    }
    int bLocal = userBatch != null ? userBatch : (int) Math.max(1, Math.min(LOCAL_BATCH, k.n() / (4L * partitions)));
    // A local epoch needs a few minibatches per partition; on tiny data one-step rounds are the safe choice.
    boolean roomForLocalEpochs = 4L * partitions * bLocal <= k.n();
    if (localRounds && roomForLocalEpochs) {
      int b = bLocal;
      return new Choice(MethodKind.LOCAL_KATYUSHA, b, String.format(java.util.Locale.ROOT,
          "local-katyusha, b = %d%s: rows are reachable by tasks (P = %d), so each round runs Katyusha's epoch inside every "
              + "partition (about 100× fewer rounds than one step per round; κ = %.3g)",
          b, userBatch != null ? " (given)" : "", partitions, k.condition()));
    }
    long bStar = k.mu() > 0 ? new MinibatchTheory(TheoryInputs.stronglyConvex(k, 1e-6)).optimalBatchSize() : 64;
    int b = userBatch != null ? userBatch : (int) Math.max(1, Math.min(k.n(), Math.min(Integer.MAX_VALUE, bStar)));
    String why = localRounds ? String.format(java.util.Locale.ROOT, "the %d rows are too few for local epochs of b = %d on %d partitions",
        k.n(), bLocal, partitions) : "this backend cannot run local steps (feature shards)";
    return new Choice(MethodKind.KATYUSHA, b, String.format(java.util.Locale.ROOT,
        "katyusha, b = %d%s: %s, so one minibatch step per round at the theory's optimal minibatch b* = %d (κ = %.3g)",
        b, userBatch != null ? " (given)" : "", why, bStar, k.condition()));
  }
}
