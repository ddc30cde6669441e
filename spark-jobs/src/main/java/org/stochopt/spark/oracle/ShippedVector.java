package org.stochopt.spark.oracle;

import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A driver vector (the iterate, the anchor) on its way to the tasks of one round. Small vectors
 * travel inside the task closure; large ones as a broadcast. A broadcast costs a block-manager put
 * and a removal per round — measurable in local mode, where a round is otherwise a few ms — while
 * for d ≤ {@link #CLOSURE_LIMIT} doubles the closure adds at most 256 KB per task, below Spark's
 * large-task warning. Numerically both are the same array.
 */
abstract class ShippedVector implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Largest vector (in doubles) sent inside the task closure instead of broadcast. */
  static final int CLOSURE_LIMIT = 1 << 15;

  abstract double[] value();

  /** Frees what the round used (the broadcast blocks); no-op for a captured vector. */
  abstract void release();

  static ShippedVector of(JavaSparkContext sc, double[] v) {
    return v.length <= CLOSURE_LIMIT ? new Captured(v.clone()) : new Broadcasted(sc.broadcast(v));
  }

  private static final class Captured extends ShippedVector {
    private static final long serialVersionUID = 1L;
    private final double[] v;

    Captured(double[] v) {
      this.v = v;
    }

    @Override
    double[] value() {
      return v;
    }

    @Override
    void release() {}
  }

  /** A broadcast owned by someone else ({@link RepeatedVector}): released there, not per round. */
  static final class Kept extends ShippedVector {
    private static final long serialVersionUID = 1L;
    private final Broadcast<double[]> b;

    Kept(Broadcast<double[]> b) {
      this.b = b;
    }

    @Override
    double[] value() {
      return b.value();
    }

    @Override
    void release() {}
  }

  private static final class Broadcasted extends ShippedVector {
    private static final long serialVersionUID = 1L;
    private final Broadcast<double[]> b;

    Broadcasted(Broadcast<double[]> b) {
      this.b = b;
    }

    @Override
    double[] value() {
      return b.value();
    }

    @Override
    void release() {
      b.destroy();
    }
  }
}
