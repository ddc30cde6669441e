package org.stochopt.datasets.io;

import java.util.Objects;

/**
 * How to read a numeric CSV file.
 *
 * @param labelColumn 0-based column holding the label; negative values count from the end
 *     ({@code -1} is the last column), since UCI-style files put the label last and MNIST-style
 *     files first. Every other column is a feature, in file order.
 * @param hasHeader whether the first line is a header to skip (it still fixes the column count)
 * @param separator field separator, normally {@code ','}
 * @param labelPolicy which labels are allowed and how they map
 */
public record CsvOptions(int labelColumn, boolean hasHeader, char separator, LabelPolicy labelPolicy) {
  public CsvOptions {
    Objects.requireNonNull(labelPolicy, "labelPolicy");
    if (separator == '"' || separator == '.' || separator == '-' || separator == '+' || Character.isDigit(separator)) {
      throw new IllegalArgumentException("separator '" + separator + "' would be read as part of a number");
    }
  }

  /** Label in the first column, no header, commas, binary labels. */
  public static CsvOptions defaults() {
    return new CsvOptions(0, false, ',', LabelPolicy.BINARY);
  }

  public CsvOptions withLabelColumn(int column) {
    return new CsvOptions(column, hasHeader, separator, labelPolicy);
  }

  public CsvOptions withHeader(boolean header) {
    return new CsvOptions(labelColumn, header, separator, labelPolicy);
  }

  public CsvOptions withSeparator(char sep) {
    return new CsvOptions(labelColumn, hasHeader, sep, labelPolicy);
  }

  public CsvOptions withLabelPolicy(LabelPolicy policy) {
    return new CsvOptions(labelColumn, hasHeader, separator, policy);
  }
}
