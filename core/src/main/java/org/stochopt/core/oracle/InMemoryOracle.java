package org.stochopt.core.oracle;

import java.util.List;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.runtime.LocalPartitionRunner;

/**
 * The in-process backend of {@link PartitionedOracle}: the same list of partitions a Spark run
 * would cache, held in this JVM by a {@link LocalPartitionRunner}. Large calls (full passes, local
 * rounds, minibatches of at least 4096 rows) spread the partitions over threads; results are
 * bit-identical for every thread count.
 */
public final class InMemoryOracle extends PartitionedOracle {
  /** Environment variable that sets the default thread count (default: the available processors). */
  public static final String THREADS_ENV = LocalPartitionRunner.THREADS_ENV;

  private final LocalPartitionRunner<RowBlock> local;

  /** With {@link #defaultThreads()} threads. */
  public InMemoryOracle(FiniteSumObjective objective, List<RowBlock> partitions) {
    this(objective, partitions, defaultThreads());
  }

  /**
   * @param threads most partitions processed at once (1 = everything on the calling thread); the
   *     results do not depend on it
   */
  public InMemoryOracle(FiniteSumObjective objective, List<RowBlock> partitions, int threads) {
    this(objective, new LocalPartitionRunner<>(checked(objective, partitions), threads));
  }

  private InMemoryOracle(FiniteSumObjective objective, LocalPartitionRunner<RowBlock> runner) {
    super(objective, runner, sizes(runner.blocks()));
    this.local = runner;
  }

  /** {@value #THREADS_ENV} if set to a positive integer, else the available processors. */
  public static int defaultThreads() {
    return LocalPartitionRunner.defaultThreads();
  }

  /** Threads this oracle uses for large calls. */
  public int threads() {
    return local.threads();
  }

  public List<RowBlock> partitions() {
    return local.blocks();
  }

  private static List<RowBlock> checked(FiniteSumObjective objective, List<RowBlock> partitions) {
    if (partitions.isEmpty()) throw new IllegalArgumentException("no data partitions");
    for (int p = 0; p < partitions.size(); p++) {
      RowBlock b = partitions.get(p);
      if (b.dim() != objective.featureDimension()) {
        throw new IllegalArgumentException(
            "partition " + p + " has dimension " + b.dim() + ", the model " + objective.featureDimension());
      }
    }
    return partitions;
  }

  private static int[] sizes(List<RowBlock> blocks) {
    int[] s = new int[blocks.size()];
    for (int p = 0; p < s.length; p++) s[p] = blocks.get(p).rows();
    return s;
  }
}
