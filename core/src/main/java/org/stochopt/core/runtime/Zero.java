package org.stochopt.core.runtime;

import java.io.Serializable;

/** A fresh neutral element of a {@link Merge} (a zero sum), made wherever the fold starts. */
@FunctionalInterface
public interface Zero<R> extends Serializable {
  R get();
}
