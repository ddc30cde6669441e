package org.stochopt.datasets.io;

import java.util.Objects;

/**
 * How to read a LIBSVM file.
 *
 * @param fixedDim number of features to use, or null to use the largest index in the file. Fix it
 *     when a test file must have the training file's dimension even if its last features never
 *     occur; indices above it are then an error.
 * @param labelPolicy which labels are allowed and how they map
 */
public record LibsvmOptions(Integer fixedDim, LabelPolicy labelPolicy) {
  public LibsvmOptions {
    if (fixedDim != null && fixedDim <= 0) {
      throw new IllegalArgumentException("fixed dimension must be positive, got " + fixedDim);
    }
    Objects.requireNonNull(labelPolicy, "labelPolicy");
  }

  /** Dimension from the file, binary labels: the common case for classification benchmarks. */
  public static LibsvmOptions defaults() {
    return new LibsvmOptions(null, LabelPolicy.BINARY);
  }

  public LibsvmOptions withFixedDim(Integer dim) {
    return new LibsvmOptions(dim, labelPolicy);
  }

  public LibsvmOptions withLabelPolicy(LabelPolicy policy) {
    return new LibsvmOptions(fixedDim, policy);
  }
}
