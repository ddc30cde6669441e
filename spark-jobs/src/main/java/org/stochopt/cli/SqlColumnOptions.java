package org.stochopt.cli;

import java.util.List;
import org.stochopt.spark.sql.SqlSource;
import picocli.CommandLine.Option;

/**
 * {@code --label-col}, {@code --features-col}, {@code --feature-cols}: the columns of a Spark SQL
 * {@code --data} ({@code parquet:}, {@code orc:}, {@code csv:}, {@code table:}). They are written
 * into the spec ({@code parquet:PATH?label=y&features=v}), so everything downstream — configs,
 * checkpoint and cache keys, reports — sees one string. On any other data they are refused.
 */
public final class SqlColumnOptions {
  @Option(names = "--label-col", description = "label column of parquet:/orc:/csv:/table: data (default label)")
  String labelCol;

  @Option(names = "--features-col", description = "ML Vector column (sparse or dense) of parquet:/orc:/csv:/table: data (default features)")
  String featuresCol;

  @Option(names = "--feature-cols", split = ",", description = "numeric columns a,b,c assembled into the features (instead of --features-col)")
  List<String> featureCols;

  boolean any() {
    return labelCol != null || featuresCol != null || (featureCols != null && !featureCols.isEmpty());
  }

  /** The spec with the flags written in; null stays null; a non-SQL spec with flags is refused. */
  public String apply(String spec) {
    if (spec == null || !any()) return spec;
    if (!SqlSource.isSpec(spec)) {
      throw new IllegalArgumentException("--label-col, --features-col and --feature-cols apply only to parquet:, orc:, csv: and table:"
          + " data, not to " + spec);
    }
    if (featuresCol != null && featureCols != null && !featureCols.isEmpty()) {
      throw new IllegalArgumentException("give --features-col or --feature-cols, not both");
    }
    return SqlSource.parse(spec).withColumns(labelCol, featuresCol, featureCols).toSpec();
  }

  /** For a held-out set: the flags apply when it is a SQL source too, and are otherwise left alone. */
  public String applyToTest(String spec) {
    return spec != null && SqlSource.isSpec(spec) ? apply(spec) : spec;
  }
}
