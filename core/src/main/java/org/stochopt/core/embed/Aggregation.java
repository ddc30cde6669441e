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
   * The rows live in the partitions, sharded by node id (id mod P). A step is two rounds: the
   * gradient round (rows in, sparse gradients and the next step's ids out), then an update in
   * which every shard applies the Riemannian step to its own rows and returns the rows the next
   * minibatch needs — the join of sparse updates runs through the driver with batch-sized
   * messages, never the table.
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
