package org.stochopt.spark.job;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.stochopt.core.trace.TraceRecord;

/** Prints a progress line at most every {@code intervalSeconds} (and always for the first record). */
public final class ProgressPrinter implements Consumer<TraceRecord> {
  private final PrintStream out;
  private final double intervalSeconds;
  private final String label;
  private long lastPrint = Long.MIN_VALUE;

  public ProgressPrinter(PrintStream out, double intervalSeconds, String label) {
    this.out = out;
    this.intervalSeconds = intervalSeconds;
    this.label = label;
  }

  @Override
  public void accept(TraceRecord r) {
    long now = System.nanoTime();
    if (lastPrint != Long.MIN_VALUE && (now - lastPrint) / 1e9 < intervalSeconds) return;
    lastPrint = now;
    out.println(line(label, r));
  }

  public static String line(String label, TraceRecord r) {
    return String.format(Locale.ROOT,
        "[%s] round %d  passes %.2f  time %.1fs  objective %.10g%s%s%s",
        label, r.rounds(), r.effectivePasses(), r.seconds(), r.objective(),
        Double.isNaN(r.relativeSuboptimality()) ? "" : String.format(Locale.ROOT, "  rel.subopt %.3e", r.relativeSuboptimality()),
        Double.isNaN(r.testError()) ? "" : String.format(Locale.ROOT, "  test error %.4f", r.testError()),
        Double.isNaN(r.dualityGap()) ? "" : String.format(Locale.ROOT, "  duality gap %.3e", r.dualityGap()));
  }
}
