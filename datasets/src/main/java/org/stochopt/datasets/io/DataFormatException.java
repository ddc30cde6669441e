package org.stochopt.datasets.io;

/**
 * Malformed input data. The message is exactly one line, {@code source:line: problem} (or
 * {@code source: problem} for whole-file problems), because that is the form editors, IDEs and
 * {@code grep -n} users can jump to directly, and because a one-line message stays readable when
 * Spark wraps it in several layers of task-failure reports.
 *
 * <p>It is an {@link IllegalArgumentException}: bad data is a bad argument to the experiment, and
 * callers that do not care about the location can treat it like any other invalid input.
 */
public class DataFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Marker for {@link #lineNumber()} when the problem concerns the whole file. */
  public static final long NO_LINE = -1;

  private final String source;
  private final long lineNumber;
  private final String problem;

  /**
   * A problem on one line.
   *
   * @param source file name or other label the user recognises
   * @param lineNumber 1-based line number
   * @param problem what is wrong, phrased for the user
   */
  public DataFormatException(String source, long lineNumber, String problem) {
    super(format(source, lineNumber, problem));
    if (lineNumber < 1) {
      throw new IllegalArgumentException("line numbers are 1-based, got " + lineNumber);
    }
    this.source = source;
    this.lineNumber = lineNumber;
    this.problem = problem;
  }

  /** A problem with the file as a whole (e.g. {@code empty file: no examples}). */
  public DataFormatException(String source, String problem) {
    super(format(source, NO_LINE, problem));
    this.source = source;
    this.lineNumber = NO_LINE;
    this.problem = problem;
  }

  public String source() {
    return source;
  }

  /** 1-based line number, or {@link #NO_LINE} for whole-file problems. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The message without the location prefix. */
  public String problem() {
    return problem;
  }

  private static String format(String source, long lineNumber, String problem) {
    String where = oneLine(String.valueOf(source));
    String what = oneLine(String.valueOf(problem));
    return lineNumber == NO_LINE ? where + ": " + what : where + ":" + lineNumber + ": " + what;
  }

  /** Keeps the one-line promise even if a caller passes text containing line breaks. */
  private static String oneLine(String s) {
    return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
