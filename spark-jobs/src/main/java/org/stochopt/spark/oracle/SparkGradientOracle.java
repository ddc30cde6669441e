package org.stochopt.spark.oracle;

import org.apache.spark.api.java.JavaSparkContext;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.oracle.PartitionedOracle;
import org.stochopt.spark.data.PartitionBlock;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * The Spark backend of {@link PartitionedOracle}: the rows are the caller's cached
 * {@link PartitionedData}, every call is one Spark job through a {@link SparkPartitionRunner}
 * (vectors in the task or broadcast, one result per partition, merged in partition order). All the
 * arithmetic is {@link PartitionedOracle}'s, shared with the in-process backend.
 *
 * <p>How the per-partition sums reach the driver is the {@link Reduction}. With one reduction level
 * (few partitions, see {@link #aggregationDepth}) both modes merge the P sums on the driver in
 * partition order: bit-identical to the in-process oracle and to any re-execution after a lost
 * task or executor. With two levels, {@code TREE} uses Spark's {@code treeAggregate} (scalable; its
 * driver-side fold merges in arrival order, so sums can differ in the last bits from run to run)
 * while {@code ORDERED} still collects all P sums.
 */
public final class SparkGradientOracle extends PartitionedOracle {
  /**
   * Tree depth of the reduction: 1 (every partition's sum straight to the driver) unless there are
   * so many partitions, or such long vectors, that the driver's merge would be the bottleneck —
   * then 2 (n → √n → 1, what Spark's own ML algorithms use). A second level is a shuffle stage:
   * measured in local[2] with 8 partitions and d = 100 it made a round 36.7 ms instead of ~14 ms.
   */
  static int aggregationDepth(int partitions, int d) {
    return partitions <= 64 && (long) partitions * d <= 8_000_000L ? 1 : 2;
  }

  /** How per-partition sums are combined on their way to the driver. */
  public enum Reduction {
    /**
     * In partition order while one reduction level suffices; beyond that treeAggregate (depth 2):
     * scalable, but the merge order (and so the last bits) may vary.
     */
    TREE,
    /** always collect the P sums and merge them on the driver in partition order: bit-reproducible. */
    ORDERED;

    public static Reduction parse(String s) {
      return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "tree" -> TREE;
        case "ordered" -> ORDERED;
        default -> throw new IllegalArgumentException("unknown --reduce '" + s + "' (expected tree or ordered)");
      };
    }
  }

  private final Reduction reduction;

  public SparkGradientOracle(JavaSparkContext sc, PartitionedData data, FiniteSumObjective objective) {
    this(sc, data, objective, Reduction.TREE);
  }

  public SparkGradientOracle(
      JavaSparkContext sc, PartitionedData data, FiniteSumObjective objective, Reduction reduction) {
    super(objective, runner(sc, data, objective, reduction), data.partitionSizes());
    this.reduction = reduction;
  }

  private static SparkPartitionRunner<org.stochopt.core.linalg.RowBlock> runner(
      JavaSparkContext sc, PartitionedData data, FiniteSumObjective objective, Reduction reduction) {
    if (data.dimension() != objective.featureDimension()) {
      throw new IllegalArgumentException(
          "data has dimension " + data.dimension() + " but the model has dimension " + objective.featureDimension());
    }
    int depth = reduction == Reduction.ORDERED ? 1 : aggregationDepth(data.partitionSizes().length, objective.dimension());
    // A narrow map over the caller's cached blocks: the rows are not copied, and the caller keeps them cached.
    return SparkPartitionRunner.over(sc, data.blocks().map(PartitionBlock::block), depth);
  }

  public Reduction reduction() {
    return reduction;
  }
}
