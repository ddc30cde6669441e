package org.stochopt.core.optim;

/** The run produced a non-finite or exploding objective; the message says what to change. */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DivergenceException(String message) {
    super(message);
  }
}
