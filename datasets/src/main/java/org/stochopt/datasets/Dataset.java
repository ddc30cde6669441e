package org.stochopt.datasets;

import java.util.Objects;
import org.stochopt.core.linalg.RowBlock;

/**
 * A named, fully loaded dataset: what every reader in this module returns.
 *
 * <p>The name travels with the rows so that traces and plots can say which data they were
 * computed on without the caller threading a second string around.
 *
 * @param name human-readable identifier, e.g. the file name or {@code fmnist:7v9/train}
 * @param block all examples, with global row ids starting at {@link RowBlock#firstRow()}
 */
public record Dataset(String name, RowBlock block) {
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(block, "block");
  }

  /** Number of examples. */
  public int rows() {
    return block.rows();
  }

  /** Number of features. */
  public int dim() {
    return block.dim();
  }
}
