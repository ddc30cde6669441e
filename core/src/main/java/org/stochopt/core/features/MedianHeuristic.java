package org.stochopt.core.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.rng.Seeds;

/**
 * The median heuristic: σ = median of the pairwise distances ‖x_i − x_j‖ among a seeded sample of
 * at most {@value #SAMPLE_ROWS} training rows (L1 distances for the Laplacian kernel, L2 otherwise),
 * so that k(x_i, x_j) is neither ≈ 1 nor ≈ 0 for typical pairs.
 *
 * <p>The sample is a set of <em>global row ids</em> drawn from (seed, n) alone, so a Spark job
 * (which filters its cached partitions for those ids) and a single process pick the same rows and
 * get the same σ, hence the same feature map.
 */
public final class MedianHeuristic {
  public static final int SAMPLE_ROWS = 400;
  private static final long SAMPLE_STREAM = 0x4D454449414EL;

  private MedianHeuristic() {}

  /** min(n, k) distinct global row ids in [0, n), sorted, from (seed, n) only (Floyd's algorithm). */
  public static long[] sampleRows(long n, int k, long seed) {
    if (n <= 0) throw new IllegalArgumentException("no rows to sample a bandwidth from");
    int size = (int) Math.min(n, k);
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, SAMPLE_STREAM, n));
    TreeSet<Long> chosen = new TreeSet<>();
    for (long j = n - size; j < n; j++) {
      long t = rng.nextLong(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    return chosen.stream().mapToLong(Long::longValue).toArray();
  }

  /** Dense copies of the rows of {@code blocks} whose global ids are in {@code ids} (sorted), in id order. */
  public static List<double[]> pick(List<RowBlock> blocks, long[] ids) {
    List<double[]> out = new ArrayList<>();
    for (RowBlock b : blocks) out.addAll(pick(b, ids));
    return out;
  }

  /** The rows of one block whose global ids are in {@code ids}, in id order. */
  public static List<double[]> pick(RowBlock b, long[] ids) {
    List<double[]> out = new ArrayList<>();
    int lo = lowerBound(ids, b.firstRow());
    for (int k = lo; k < ids.length && ids[k] < b.firstRow() + b.rows(); k++) {
      double[] x = new double[b.dim()];
      FeatureMap.densify(b, (int) (ids[k] - b.firstRow()), x);
      out.add(x);
    }
    return out;
  }

  /** The median pairwise distance among the rows (ordered by their global id). */
  public static double bandwidth(List<double[]> rows, FeatureKind kind) {
    int k = rows.size();
    if (k < 2) throw new IllegalArgumentException("the median heuristic needs at least 2 rows; give bandwidth=σ explicitly");
    double[] dist = new double[k * (k - 1) / 2];
    int c = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) dist[c++] = FeatureKind.distance(rows.get(i), rows.get(j), kind.usesL1Distance());
    }
    Arrays.sort(dist);
    double median = dist.length % 2 == 1 ? dist[dist.length / 2] : 0.5 * (dist[dist.length / 2 - 1] + dist[dist.length / 2]);
    if (!(median > 0)) {
      throw new IllegalArgumentException("the median pairwise distance of the sampled rows is 0; give bandwidth=σ explicitly");
    }
    return median;
  }

  /** σ for rows held as partitions of n rows in total (the in-process path). */
  public static double fromBlocks(List<RowBlock> blocks, FeatureKind kind, long seed) {
    long n = 0;
    for (RowBlock b : blocks) n += b.rows();
    return bandwidth(pick(blocks, sampleRows(n, SAMPLE_ROWS, seed)), kind);
  }

  private static int lowerBound(long[] a, long key) {
    int i = Arrays.binarySearch(a, key);
    return i >= 0 ? i : -i - 1;
  }
}
