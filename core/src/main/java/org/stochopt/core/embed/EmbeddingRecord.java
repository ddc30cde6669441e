package org.stochopt.core.embed;

import java.util.Locale;
import org.stochopt.core.optim.TracePoint;

/**
 * One evaluated point of an embedding run. Metrics that do not apply are NaN (reconstruction for
 * ordinal runs, link error without held-out edges, ordinal accuracy for link runs).
 *
 * @param epochs examples drawn / training examples
 * @param seconds the method's own wall time (evaluation excluded)
 * @param trainLoss mean example loss over the steps since the previous point
 * @param examplesPerSecond examples (edges or comparisons) per second of method time so far
 */
public record EmbeddingRecord(long step, double epochs, double seconds, long rounds, double trainLoss, double meanRank,
    double map, double linkError, double ordinalAccuracy, double maxRadius, double meanRadius, double examplesPerSecond)
    implements TracePoint {
  public static final String CSV_HEADER =
      "step,epochs,seconds,rounds,train_loss,mean_rank,map,link_error,ordinal_accuracy,max_radius,mean_radius,examples_per_second";

  @Override
  public double divergenceMeasure() {
    // No loss exists before the first step (NaN): the loop then applies only its non-finite and
    // explosion rules. Its "stayed above the start" rules need a start comparable with later
    // points, and a running minibatch loss is not one (with a large lr it rises for a few epochs
    // while rows spread out, then falls far below).
    return trainLoss;
  }

  public String toCsv() {
    return String.format(Locale.ROOT, "%d,%.6g,%.6g,%d,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g,%.6g", step, epochs, seconds, rounds,
        trainLoss, meanRank, map, linkError, ordinalAccuracy, maxRadius, meanRadius, examplesPerSecond);
  }
}
