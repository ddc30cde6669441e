package org.stochopt.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stochopt.datasets.io.Expect.formatError;

import org.junit.jupiter.api.Test;

class LabelPolicyTest {
  @Test
  void binaryMapsZeroToMinusOneAndKeepsPlusMinusOne() {
    assertEquals(1.0, LabelPolicy.BINARY.map(1.0, "f", 1));
    assertEquals(-1.0, LabelPolicy.BINARY.map(-1.0, "f", 1));
    assertEquals(-1.0, LabelPolicy.BINARY.map(0.0, "f", 1));
  }

  @Test
  void binaryRejectsOtherValues() {
    formatError("f:3: unexpected label 2 (binary labels must be ±1 or 0/1; for multi-class data use --loss multinomial or --loss ovr-logistic)", () -> LabelPolicy.BINARY.map(2, "f", 3));
    formatError("f:4: unexpected label 0.5 (binary labels must be ±1 or 0/1)", () -> LabelPolicy.BINARY.map(0.5, "f", 4));
    formatError("f:5: unexpected label -2 (binary labels must be ±1 or 0/1)", () -> LabelPolicy.BINARY.map(-2, "f", 5));
  }

  @Test
  void realKeepsAnyFiniteValue() {
    assertEquals(-3.25, LabelPolicy.REAL.map(-3.25, "f", 1));
    assertEquals(0.0, LabelPolicy.REAL.map(0.0, "f", 1));
    formatError("f:2: label is not finite: 'NaN'", () -> LabelPolicy.REAL.map(Double.NaN, "f", 2));
  }

  @Test
  void trackerNamesTheFirstLineOfTheSecondConvention() {
    LabelTracker t = LabelPolicy.BINARY.newTracker("f");
    t.accept(1, 1);
    t.accept(-1, 2);
    t.accept(-1, 3);
    formatError(
        "f:4: label 0 mixes label conventions: line 2 has label -1 (use either ±1 or 0/1 throughout)",
        () -> t.accept(0, 4));

    LabelTracker u = LabelPolicy.BINARY.newTracker("g");
    assertEquals(-1.0, u.accept(0, 1));
    assertTrue(u.sawZeroOneConvention());
    formatError(
        "g:9: label -1 mixes label conventions: line 1 has label 0 (use either ±1 or 0/1 throughout)",
        () -> u.accept(-1, 9));
  }

  @Test
  void mergedTrackersReportWhatASequentialReadWould() {
    LabelTracker first = LabelPolicy.BINARY.newTracker("f");
    first.accept(1, 1);
    first.accept(-1, 7);
    LabelTracker second = LabelPolicy.BINARY.newTracker("f");
    second.accept(0, 12);
    second.accept(1, 13);
    formatError(
        "f:12: label 0 mixes label conventions: line 7 has label -1 (use either ±1 or 0/1 throughout)",
        () -> second.merge(first));

    LabelTracker a = LabelPolicy.BINARY.newTracker("f");
    a.accept(1, 1);
    LabelTracker b = LabelPolicy.BINARY.newTracker("f");
    b.accept(0, 5);
    assertTrue(a.merge(b).sawZeroOneConvention());
  }

  @Test
  void realTrackerDoesNotCareAboutConventions() {
    LabelTracker t = LabelPolicy.REAL.newTracker("f");
    assertEquals(-1.0, t.accept(-1, 1));
    assertEquals(0.0, t.accept(0, 2));
    assertFalse(t.sawZeroOneConvention());
  }
}
