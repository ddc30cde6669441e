package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DataFormatExceptionTest {
  @Test
  void lineProblemHasCompilerStylePrefix() {
    DataFormatException e =
        new DataFormatException("train.svm", 17, "feature index 0 is not allowed (LIBSVM indices are 1-based)");
    assertEquals("train.svm:17: feature index 0 is not allowed (LIBSVM indices are 1-based)", e.getMessage());
    assertEquals("train.svm", e.source());
    assertEquals(17, e.lineNumber());
    assertEquals("feature index 0 is not allowed (LIBSVM indices are 1-based)", e.problem());
    assertInstanceOf(IllegalArgumentException.class, e);
  }

  @Test
  void fileProblemHasNoLineNumber() {
    DataFormatException e = new DataFormatException("x.csv", "empty file: no examples");
    assertEquals("x.csv: empty file: no examples", e.getMessage());
    assertEquals(DataFormatException.NO_LINE, e.lineNumber());
  }

  @Test
  void messageStaysOnOneLine() {
    assertEquals("a b: c d", new DataFormatException("a\nb", "c\r\nd").getMessage());
  }

  @Test
  void lineNumbersAreOneBased() {
    assertThrows(IllegalArgumentException.class, () -> new DataFormatException("f", 0, "x"));
  }
}
