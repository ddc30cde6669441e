package org.stochopt.core.runtime;

import java.io.Serializable;

/** Combines two partial results (left = everything merged so far); may update and return {@code left}. */
@FunctionalInterface
public interface Merge<R> extends Serializable {
  R apply(R left, R right);
}
