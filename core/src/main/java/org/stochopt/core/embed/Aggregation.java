package org.stochopt.core.embed;

/** Where the embedding table lives and how a step's gradients reach it. */
public enum Aggregation {
  /**
   * The driver holds the table; each round ships every partition only the rows its minibatch
   * touches and gets back sparse row gradients (node id → gradient), summed on the driver, where
   * the Riemannian step runs. One round per step.
   */
  SPARSE,
  /**
   * The rows live in the partitions, sharded by node id (id mod P), and never reach the driver. A
   * step is two exchanges between partitions: the row gradients go to their owner shard, which
   * applies the Riemannian step; the owners send the updated rows to the partitions whose next
   * minibatch needs them. The driver sees the losses only; evaluation ({@link ShardedEvaluation})
   * and output run shard by shard.
   */
  SHARDED,
  /**
   * The naive loop (the ablation): the whole table is shipped every step and every partition
   * returns a dense n × width gradient, summed densely on the driver.
   */
  DENSE;

  public static Aggregation parse(String s) {
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "sparse" -> SPARSE;
      case "sharded" -> SHARDED;
      case "dense" -> DENSE;
      default -> throw new IllegalArgumentException("--aggregation must be sparse, sharded or dense, got '" + s + "'");
    };
  }
}
