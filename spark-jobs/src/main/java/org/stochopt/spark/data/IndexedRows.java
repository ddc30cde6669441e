package org.stochopt.spark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.datasets.io.LabelPolicy;
import org.stochopt.datasets.io.ParsedRow;
import scala.Tuple2;

/**
 * The last step every executor-side reader shares (LIBSVM text, Spark SQL tables): rows numbered
 * 0..n−1 in reading order are shuffled once into the contiguous layout of {@link PartitionedData}
 * (partition p holds rows [⌊pn/P⌋, ⌊(p+1)n/P⌋)), sorted by row number inside each partition, their
 * raw labels mapped by the label policy, and cached. Same numbering ⇒ same blocks, whatever the source.
 */
public final class IndexedRows {
  private IndexedRows() {}

  /**
   * @param rows (global row number, raw row) pairs, already validated
   * @param n the number of rows
   * @param source names the input in label errors
   */
  public static PartitionedData toBlocks(JavaPairRDD<Long, ParsedRow> rows, long n, int partitions, int dim,
      LabelPolicy policy, String source) {
    LibsvmRdd.ContiguousPartitioner partitioner = new LibsvmRdd.ContiguousPartitioner(n, partitions);
    JavaRDD<PartitionBlock> blocks = rows.partitionBy(partitioner).mapPartitionsWithIndex((p, it) -> {
      List<Tuple2<Long, ParsedRow>> local = new ArrayList<>();
      it.forEachRemaining(local::add);
      local.sort((a, b) -> Long.compare(a._1(), b._1()));
      RowBlockBuilder builder = new RowBlockBuilder();
      for (Tuple2<Long, ParsedRow> r : local) {
        double y = policy.map(r._2().label(), source, r._1() + 1);
        r._2().addTo(builder, y);
      }
      Iterator<PartitionBlock> out = List.of(new PartitionBlock(
          p, builder.build(dim, PartitionedData.partitionStart(n, partitions, p)))).iterator();
      return out;
    }, true);
    return PartitionedData.cache(blocks, sizes(n, partitions), dim);
  }

  /** Rows per partition of the contiguous layout. */
  public static int[] sizes(long n, int partitions) {
    int[] sizes = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      sizes[p] = Math.toIntExact(
          PartitionedData.partitionStart(n, partitions, p + 1) - PartitionedData.partitionStart(n, partitions, p));
    }
    return sizes;
  }
}
