package org.stochopt.spark.sweep;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One point of the sweep grid.
 *
 * @param stepMultiplier multiple of the method's theory step (1 = the default step)
 */
public record Cell(String method, int batchSize, double stepMultiplier, long seed) {

  /**
   * A file-name-safe identifier that sorts like the grid within a method, e.g.
   * {@code svrg-b000064-x1-s1}: the cell's results live in {@code cells/<id>.json}.
   */
  public String id() {
    return String.format(Locale.ROOT, "%s-b%06d-x%s-s%d", method, batchSize, multiplierLabel(), seed)
        .replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The multiplier without trailing zeros: 1, 0.5, 2.5. */
  public String multiplierLabel() {
    return new BigDecimal(Double.toString(stepMultiplier)).stripTrailingZeros().toPlainString();
  }

  public String label() {
    return String.format(Locale.ROOT, "%s b=%d ×%s seed %d", method, batchSize, multiplierLabel(), seed);
  }
}
