/**
 * Training data from any Spark SQL source ({@code parquet:}, {@code orc:}, {@code csv:} paths and
 * {@code table:} catalog tables): the spec and its columns ({@link org.stochopt.spark.sql.SqlSource}),
 * the executor-side conversion into the cached partition blocks every other loader produces
 * ({@link org.stochopt.spark.sql.SqlRows}), and the Parquet writer of {@code stochopt export}
 * ({@link org.stochopt.spark.sql.ParquetExport}). Rows are read and checked on the executors; the
 * driver sees only the schema, the row count and the first offending row, if any.
 */
package org.stochopt.spark.sql;
