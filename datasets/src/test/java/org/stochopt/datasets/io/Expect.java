package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Asserts on {@link DataFormatException}s: exact message, hence exact {@code source:line:} prefix. */
final class Expect {
  private Expect() {}

  static DataFormatException formatError(String expectedMessage, Executable action) {
    DataFormatException e = assertThrows(DataFormatException.class, action);
    assertEquals(expectedMessage, e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "message must be one line");
    return e;
  }
}
