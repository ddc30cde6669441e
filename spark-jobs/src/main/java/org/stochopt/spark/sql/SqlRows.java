package org.stochopt.spark.sql;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.datasets.io.DataFormatException;
import org.stochopt.datasets.io.LabelPolicy;
import org.stochopt.datasets.io.LabelTracker;
import org.stochopt.datasets.io.ParsedRow;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.data.IndexedRows;
import org.stochopt.spark.data.LibsvmRdd;
import org.stochopt.spark.data.PartitionedData;
import scala.Tuple2;

/**
 * Reads a {@link SqlSource} into the cached partition blocks every loader produces. The driver
 * checks the schema (columns present, label numeric, features a Vector column or numeric columns)
 * and nothing else; the executors number the rows in scan order ({@code zipWithIndex}), convert
 * and check each one, and {@link IndexedRows} shuffles them once into the contiguous layout. So
 * the rows never pass through the driver, and a table holding the rows of a LIBSVM file in the same
 * order gives the same blocks — the same model — as the file.
 *
 * <p>Row order is Spark's scan order: for one file (what {@code stochopt export --format parquet}
 * writes) it is the file's order; for a folder of several files it is the order in which Spark
 * plans their splits, which is fixed for fixed files and settings, so runs are reproducible.
 *
 * <p>Bad rows (null or non-finite label or feature, a label outside the convention, a vector of
 * another size) are refused with one line naming the first offending row of the scan (1-based),
 * found with {@code takeOrdered} over all bad rows rather than whichever task failed first.
 */
public final class SqlRows {
  private SqlRows() {}

  /** One converted row, or why it was refused. */
  record Converted(ParsedRow row, String problem) implements Serializable {}

  /** How a row's features are laid out: one Vector column, or numeric columns assembled in order. */
  record Layout(String spec, String labelCol, String vectorCol, List<String> cols, int dim, LabelPolicy policy)
      implements Serializable {}

  public static PartitionedData read(SparkSession spark, SqlSource src, int partitions, LabelPolicy policy) {
    String spec = src.toSpec();
    Dataset<Row> df = src.load(spark);
    Layout layout = layout(df, src, policy);
    List<Column> select = new ArrayList<>();
    select.add(functions.col(quote(layout.labelCol())).cast(DataTypes.DoubleType));
    if (layout.vectorCol() != null) select.add(functions.col(quote(layout.vectorCol())));
    else for (String c : layout.cols()) select.add(functions.col(quote(c)).cast(DataTypes.DoubleType));
    JavaPairRDD<Long, Converted> rows = df.select(select.toArray(new Column[0])).javaRDD().zipWithIndex()
        .mapToPair(t -> new Tuple2<>(t._2(), convert(t._1(), t._2(), layout)));
    rows.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = rows.count();
      if (n == 0) throw new DataFormatException(spec, "no rows");
      List<Tuple2<Long, String>> firstBad = rows.filter(t -> t._2().problem() != null)
          .map(t -> new Tuple2<>(t._1(), t._2().problem())).takeOrdered(1, new ByRow());
      if (!firstBad.isEmpty()) throw new DataFormatException(spec, firstBad.get(0)._2());
      JavaPairRDD<Long, ParsedRow> good = rows.mapValues(Converted::row);
      try { // one label convention across rows (±1 or 0/1), the first row that broke it named
        good.aggregate(policy.newTracker(spec), (tr, r) -> {
          tr.accept(r._2().label(), r._1() + 1);
          return tr;
        }, LabelTracker::merge);
      } catch (Exception e) {
        RuntimeException u = LibsvmRdd.unwrap(e);
        if (u instanceof DataFormatException dfe && dfe.lineNumber() != DataFormatException.NO_LINE) {
          throw new DataFormatException(spec, "row " + dfe.lineNumber() + ": " + dfe.problem().replace("line ", "row "));
        }
        throw u;
      }
      return IndexedRows.toBlocks(good, n, partitions, layout.dim(), policy, spec);
    } catch (Exception e) { // SparkException is checked in Java's eyes but thrown undeclared
      throw LibsvmRdd.unwrap(e);
    } finally {
      rows.unpersist(false);
    }
  }

  /**
   * All rows on the driver, for what is driver-side anyway (test sets, {@code export}, the
   * in-process backend). Uses the running SparkSession, or a temporary local one it stops again.
   */
  public static org.stochopt.datasets.Dataset loadOnDriver(String spec, LabelPolicy policy) {
    SqlSource src = SqlSource.parse(spec); // a bad spec fails before any Spark starts
    SparkSession running = SparkSession.getActiveSession().getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
    SparkSession spark = running != null ? running : SparkSessions.create("local[2]", "stochopt read " + src.kind());
    try (PartitionedData data = read(spark, src, 1, policy)) {
      RowBlock block = data.collect().get(0);
      return new org.stochopt.datasets.Dataset(src.toSpec(), block);
    } finally {
      if (running == null) spark.stop();
    }
  }

  /** Resolves and type-checks the columns on the driver (schema only). */
  static Layout layout(Dataset<Row> df, SqlSource src, LabelPolicy policy) {
    String spec = src.toSpec();
    StructType schema = df.schema();
    StructField label = field(schema, src.labelCol(), spec, "label");
    if (!(label.dataType() instanceof NumericType)) {
      throw new DataFormatException(spec, "label column '" + label.name() + "' has type " + label.dataType().simpleString()
          + ", not a number");
    }
    String vectorCol = src.featuresCol();
    List<String> cols = src.featureCols();
    if (vectorCol == null && cols.isEmpty()) {
      boolean hasFeatures = List.of(schema.fieldNames()).contains("features")
          && schema.apply("features").dataType().equals(SQLDataTypes.VectorType());
      if (hasFeatures) {
        vectorCol = "features";
      } else {
        cols = new ArrayList<>();
        for (StructField f : schema.fields()) {
          if (!f.name().equals(label.name()) && f.dataType() instanceof NumericType) cols.add(f.name());
        }
        if (cols.isEmpty()) {
          throw new DataFormatException(spec, "no feature columns: no Vector column 'features' and no numeric column besides '"
              + label.name() + "' (give --features-col or --feature-cols)");
        }
      }
    }
    if (vectorCol != null) {
      StructField f = field(schema, vectorCol, spec, "features");
      if (!f.dataType().equals(SQLDataTypes.VectorType())) {
        throw new DataFormatException(spec, "features column '" + f.name() + "' has type " + f.dataType().simpleString()
            + ", not an ML Vector (for numeric columns use --feature-cols)");
      }
      List<Row> first = df.select(functions.col(quote(vectorCol))).where(functions.col(quote(vectorCol)).isNotNull())
          .limit(1).collectAsList(); // one vector, for its size: every row must match it
      if (first.isEmpty()) throw new DataFormatException(spec, "no rows with a features vector");
      int dim = ((Vector) first.get(0).get(0)).size();
      if (dim == 0) throw new DataFormatException(spec, "features column '" + vectorCol + "' holds vectors of size 0");
      return new Layout(spec, label.name(), vectorCol, List.of(), dim, policy);
    }
    for (String c : cols) {
      StructField f = field(schema, c, spec, "feature");
      if (!(f.dataType() instanceof NumericType)) {
        throw new DataFormatException(spec, "feature column '" + c + "' has type " + f.dataType().simpleString() + ", not a number");
      }
    }
    return new Layout(spec, label.name(), null, List.copyOf(cols), cols.size(), policy);
  }

  private static StructField field(StructType schema, String name, String spec, String role) {
    for (StructField f : schema.fields()) if (f.name().equals(name)) return f;
    throw new DataFormatException(spec, role + " column '" + name + "' not found (columns: "
        + String.join(", ", schema.fieldNames()) + ")");
  }

  /** Backticks, so that column names with dots or spaces are taken literally. */
  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** Converts and checks one row on an executor. */
  static Converted convert(Row r, long id, Layout l) {
    String at = "row " + (id + 1) + ": ";
    if (r.isNullAt(0)) return bad(at + "null label in column '" + l.labelCol() + "'");
    double raw = r.getDouble(0);
    if (!Double.isFinite(raw)) return bad(at + "label " + raw + " in column '" + l.labelCol() + "' is not finite");
    try {
      l.policy().map(raw, l.spec(), id + 1);
    } catch (DataFormatException e) {
      return bad(at + e.problem() + " in column '" + l.labelCol() + "'");
    }
    if (l.vectorCol() != null) {
      if (r.isNullAt(1)) return bad(at + "null in features column '" + l.vectorCol() + "'");
      Vector v = (Vector) r.get(1);
      if (v.size() != l.dim()) {
        return bad(at + "features vector of size " + v.size() + " in column '" + l.vectorCol() + "', but the first has size " + l.dim());
      }
      if (v instanceof SparseVector s) {
        String p = nonFinite(s.values(), s.indices(), l.vectorCol());
        if (p != null) return bad(at + p);
        return new Converted(ParsedRow.of(raw, s.indices(), s.values(), s.indices().length), null);
      }
      double[] x = ((DenseVector) v).values();
      String p = nonFinite(x, null, l.vectorCol());
      if (p != null) return bad(at + p);
      return new Converted(ParsedRow.of(raw, range(x.length), x, x.length), null);
    }
    double[] x = new double[l.dim()];
    for (int j = 0; j < x.length; j++) {
      String c = l.cols().get(j);
      if (r.isNullAt(j + 1)) return bad(at + "null in feature column '" + c + "'");
      x[j] = r.getDouble(j + 1);
      if (!Double.isFinite(x[j])) return bad(at + "value " + x[j] + " in feature column '" + c + "' is not finite");
    }
    return new Converted(ParsedRow.of(raw, range(x.length), x, x.length), null);
  }

  private static String nonFinite(double[] values, int[] indices, String col) {
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k])) {
        return "value " + values[k] + " at index " + (indices == null ? k : indices[k]) + " of features column '" + col + "' is not finite";
      }
    }
    return null;
  }

  private static int[] range(int d) {
    int[] idx = new int[d];
    for (int j = 0; j < d; j++) idx[j] = j;
    return idx;
  }

  private static Converted bad(String problem) {
    return new Converted(null, problem);
  }

  /** Orders (row, problem) pairs by row, for {@code takeOrdered}. */
  static final class ByRow implements Comparator<Tuple2<Long, String>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Tuple2<Long, String> a, Tuple2<Long, String> b) {
      return Long.compare(a._1(), b._1());
    }
  }
}
