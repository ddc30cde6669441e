package org.stochopt.spark.oracle;

import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Ships a driver vector that usually stays the same for many consecutive rounds: the anchor of
 * SVRG and Katyusha, fixed for a whole epoch of minibatch rounds. The first round with a new value
 * ships it like any other vector ({@link ShippedVector#of}); from the second consecutive round with
 * bit-identical contents it is broadcast once and every later round refers to that broadcast, so the
 * task binary no longer carries d doubles per round (at d = 10⁴ that took ≈ 1.5 ms of CPU per round
 * in local[2]: serializing, deserializing in every task, and the garbage). A changed value releases
 * the broadcast. Vectors too long for the closure are broadcast on first use and kept the same way.
 * Numerically it is always the caller's array, copied.
 */
final class RepeatedVector implements AutoCloseable {
  private final JavaSparkContext sc;
  /** Copy of the last value shipped; compared bit for bit with the next one. */
  private double[] last;
  /** The broadcast of {@code last}, once it has been used twice in a row; else null. */
  private Broadcast<double[]> broadcast;

  RepeatedVector(JavaSparkContext sc) {
    this.sc = sc;
  }

  /**
   * The vector for this round's tasks. Its {@code release()} is a no-op when the broadcast is kept
   * here, so callers release it as they release any {@link ShippedVector}.
   */
  ShippedVector ship(double[] v) {
    boolean repeated = last != null && Arrays.equals(last, v);
    if (!repeated) {
      close();
      last = v.clone();
    }
    // Too long for the task closure: broadcast at once, and keep it for the rounds that repeat it.
    if (broadcast == null && (repeated || last.length > ShippedVector.CLOSURE_LIMIT)) broadcast = sc.broadcast(last);
    return broadcast != null ? new ShippedVector.Kept(broadcast) : ShippedVector.of(sc, last);
  }

  /** Frees the broadcast of the last value, if any. */
  @Override
  public void close() {
    if (broadcast != null) broadcast.destroy();
    broadcast = null;
    last = null;
  }
}
