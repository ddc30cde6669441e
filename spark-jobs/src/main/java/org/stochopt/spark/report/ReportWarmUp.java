package org.stochopt.spark.report;

import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.stochopt.core.trace.TraceRecord;

/**
 * Loads and initialises the classes that write a run's outputs — Jackson for summary.json,
 * JFreeChart, Java2D and ImageIO for convergence.png — on a background thread while the command
 * line is parsed, the data is read and the method runs, by writing a throw-away summary and figure.
 *
 * <p>Why: on a short run (a 24 MB LIBSVM file, a few seconds in all) loading those ≈ 1 600 classes
 * after the run was about a quarter of the process's wall time; the data loading and a one-partition
 * run keep one core busy, so on a second core the same work costs no wall time. It is only a
 * warm-up: it writes nothing, and a failure here is ignored (the real write reports its own).
 */
public final class ReportWarmUp {
  private ReportWarmUp() {}

  /** Starts the warm-up on a low-priority daemon thread, which never keeps the process alive. */
  public static Thread start() {
    Thread t = new Thread(ReportWarmUp::warm, "stochopt-report-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  static void warm() {
    try {
      List<TraceRecord> trace = List.of(
          new TraceRecord(0, 0, 0, 0, 0, 1.0, 0.5, 0.5, 1.0, Double.NaN, 1, 0.1),
          new TraceRecord(1, 1, 10, 1, 0.1, 0.75, 0.25, 0.25, 0.5, Double.NaN, 1, 0.01));
      RunWriter.jsonBytes(Map.of("warm_up", 1.0, "events", List.of(Map.of("round", 1))));
      ImageIO.write(TracePlot.render(trace, "warm-up"), "png", java.io.OutputStream.nullOutputStream());
    } catch (Exception | LinkageError e) {
      // Best effort only: the outputs are written (and any failure reported) after the run.
    }
  }
}
