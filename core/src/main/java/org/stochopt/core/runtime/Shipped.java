package org.stochopt.core.runtime;

import java.io.Serializable;

/**
 * A driver value on its way to the tasks: inside the task closure when small, as a broadcast when
 * large (Spark), or the value itself (in-process). Tasks capture the handle and call
 * {@link #value()}; the driver calls {@link #release()} when the rounds that read it are over.
 */
public interface Shipped<V> extends Serializable {
  V value();

  /** Frees what shipping used (broadcast blocks); a no-op for values carried in the closure. */
  void release();

  /** A value carried by the task itself (serialized with it on Spark). */
  static <V extends Serializable> Shipped<V> inline(V value) {
    return new Inline<>(value);
  }

  /** The closure-carried handle. */
  final class Inline<V extends Serializable> implements Shipped<V> {
    private static final long serialVersionUID = 1L;
    private final V value;

    Inline(V value) {
      this.value = value;
    }

    @Override
    public V value() {
      return value;
    }

    @Override
    public void release() {}
  }
}
