package org.stochopt.spark.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.spark.data.PartitionBlock;

/**
 * Writes partition blocks as a Parquet table of (label DOUBLE, features VECTOR), the layout
 * {@code parquet:PATH} reads by default. Each executor writes the rows of its own blocks (nothing
 * is collected), and the blocks are concatenated in partition order into one file, so that reading
 * the table back numbers the rows exactly as they were: same rows, same order ⇒ same model.
 */
public final class ParquetExport {
  private ParquetExport() {}

  public static final StructType SCHEMA = new StructType(new StructField[] {
      new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
      new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});

  /** Writes (overwrites) {@code path}; returns the number of rows written. */
  public static long write(SparkSession spark, JavaRDD<PartitionBlock> blocks, String path) {
    JavaRDD<Row> rows = blocks.flatMap(pb -> rowsOf(pb.block()).iterator());
    // coalesce(1) concatenates the partitions in order without a shuffle: one file, rows in order.
    spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    return blocks.map(pb -> (long) pb.block().rows()).fold(0L, Long::sum);
  }

  static List<Row> rowsOf(RowBlock b) {
    List<Row> out = new ArrayList<>(b.rows());
    for (int r = 0; r < b.rows(); r++) {
      List<Integer> idx = new ArrayList<>();
      List<Double> val = new ArrayList<>();
      b.forEachEntry(r, (i, v) -> {
        if (v != 0.0) {
          idx.add(i);
          val.add(v);
        }
      });
      int[] ii = idx.stream().mapToInt(Integer::intValue).toArray();
      double[] vv = val.stream().mapToDouble(Double::doubleValue).toArray();
      out.add(RowFactory.create(b.label(r), Vectors.sparse(b.dim(), ii, vv)));
    }
    return out;
  }
}
