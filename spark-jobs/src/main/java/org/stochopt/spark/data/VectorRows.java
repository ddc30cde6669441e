package org.stochopt.spark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.stochopt.core.linalg.RowBlockBuilder;
import scala.Tuple2;

/**
 * A DataFrame of (features vector, 0/1 label) rows laid out like every other stochopt input:
 * rows numbered in DataFrame order, shuffled once into the contiguous partitions, labels mapped
 * to ±1 (MLlib's 0/1 convention: 1 ↔ +1). Bad rows are refused with their row number.
 */
public final class VectorRows {
  private VectorRows() {}

  public static PartitionedData read(Dataset<?> df, String featuresCol, String labelCol, int partitions) {
    return read(df, featuresCol, labelCol, partitions, false);
  }

  /**
   * @param multiclass keep labels as class ids 0..K−1 (refusing any other value) instead of
   *     mapping MLlib's binary 0/1 to ∓1
   */
  public static PartitionedData read(Dataset<?> df, String featuresCol, String labelCol, int partitions, boolean multiclass) {
    JavaPairRDD<Long, Row> rows = df.select(featuresCol, labelCol).toDF().javaRDD().zipWithIndex()
        .mapToPair(t -> new Tuple2<>(t._2(), t._1()));
    rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      long n = rows.count();
      if (n == 0) throw new IllegalArgumentException("the training DataFrame has no rows");
      int dim = ((Vector) rows.first()._2().get(0)).size();
      if (dim == 0) throw new IllegalArgumentException("column '" + featuresCol + "' holds vectors of size 0");
      LibsvmRdd.ContiguousPartitioner partitioner = new LibsvmRdd.ContiguousPartitioner(n, partitions);
      org.apache.spark.api.java.JavaRDD<PartitionBlock> blocks = rows.partitionBy(partitioner).mapPartitionsWithIndex((p, it) -> {
        List<Tuple2<Long, Row>> local = new ArrayList<>();
        it.forEachRemaining(local::add);
        local.sort((a, b) -> Long.compare(a._1(), b._1()));
        RowBlockBuilder builder = new RowBlockBuilder();
        for (Tuple2<Long, Row> r : local) add(builder, r._1(), r._2(), dim, featuresCol, labelCol, multiclass);
        Iterator<PartitionBlock> out = List.of(new PartitionBlock(
            p, builder.build(dim, PartitionedData.partitionStart(n, partitions, p)))).iterator();
        return out;
      }, true);
      int[] sizes = new int[partitions];
      for (int p = 0; p < partitions; p++) {
        sizes[p] = Math.toIntExact(
            PartitionedData.partitionStart(n, partitions, p + 1) - PartitionedData.partitionStart(n, partitions, p));
      }
      return PartitionedData.cache(blocks, sizes, dim);
    } catch (Exception e) { // SparkException is checked in Java's eyes but thrown undeclared
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof IllegalArgumentException iae) throw iae;
      }
      throw e instanceof RuntimeException re ? re : new RuntimeException(e);
    } finally {
      rows.unpersist(false);
    }
  }

  private static void add(RowBlockBuilder b, long id, Row row, int dim, String featuresCol, String labelCol, boolean multiclass) {
    if (row.isNullAt(0) || row.isNullAt(1)) {
      throw new IllegalArgumentException("row " + (id + 1) + ": null in column '" + (row.isNullAt(0) ? featuresCol : labelCol) + "'");
    }
    double label = row.getDouble(1);
    if (multiclass && !(label >= 0 && label == Math.rint(label) && label < Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("row " + (id + 1) + ": label " + label + " in column '" + labelCol + "'; expected a class 0..K−1");
    }
    if (!multiclass && label != 0.0 && label != 1.0) {
      throw new IllegalArgumentException(
          "row " + (id + 1) + ": label " + label + " in column '" + labelCol + "'; expected 0 or 1 (MLlib's binary convention)");
    }
    Vector v = (Vector) row.get(0);
    if (v.size() != dim) {
      throw new IllegalArgumentException("row " + (id + 1) + ": feature vector of size " + v.size() + ", the first row has " + dim);
    }
    double y = multiclass ? label : label == 1.0 ? 1.0 : -1.0;
    if (v instanceof SparseVector s) {
      check(s.values(), id);
      b.addRow(y, s.indices(), s.values(), s.indices().length);
    } else {
      double[] x = ((DenseVector) v).values();
      check(x, id);
      b.addDenseRow(y, x);
    }
  }

  private static void check(double[] values, long id) {
    for (double x : values) {
      if (!Double.isFinite(x)) throw new IllegalArgumentException("row " + (id + 1) + ": non-finite feature value " + x);
    }
  }
}
