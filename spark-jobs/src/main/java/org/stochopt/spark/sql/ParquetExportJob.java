package org.stochopt.spark.sql;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.io.LabelPolicy;
import org.stochopt.datasets.synth.LowNoiseData;
import org.stochopt.datasets.synth.SparseTextData;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.data.PartitionedData;
import org.stochopt.spark.job.DataLoader;

/**
 * {@code stochopt export --format parquet}: OUT/train.parquet (and OUT/test.parquet when the data
 * has a test split) on a Spark master. Generated data ({@code synthetic:}, {@code sparse:},
 * {@code lownoise:}) is generated partition by partition on the executors, so tables far larger than
 * the driver's heap can be made; everything else is loaded on the driver as {@code export} always did.
 */
public final class ParquetExportJob {
  private ParquetExportJob() {}

  public static void run(String data, String testData, LabelPolicy policy, String out, String master, int partitions) {
    if (partitions < 1) throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
    SparkSession spark = SparkSessions.create(master, "stochopt export");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String base = out.endsWith("/") ? out : out + "/";
    try {
      long dim;
      try (PartitionedData train = generated(sc, data, partitions)) {
        PartitionedData d = train != null ? train : driverSide(sc, DataLoader.load(data, policy, null, false));
        try {
          long n = ParquetExport.write(spark, d.blocks(), base + "train.parquet");
          dim = d.dimension();
          System.err.printf("wrote %strain.parquet (%d rows, %d features)%n", base, n, dim);
        } finally {
          if (d != train) d.close();
        }
      }
      String testSpec = testData != null ? testData : DataLoader.defaultTestSpec(data);
      if (testSpec != null) {
        Dataset test = DataLoader.load(testSpec, policy, (int) dim, true);
        try (PartitionedData t = driverSide(sc, test)) {
          long n = ParquetExport.write(spark, t.blocks(), base + "test.parquet");
          System.err.printf("wrote %stest.parquet (%d rows)%n", base, n);
        }
      }
    } finally {
      spark.stop();
    }
  }

  private static PartitionedData driverSide(JavaSparkContext sc, Dataset ds) {
    return PartitionedData.fromBlocks(sc, List.of(ds.block()));
  }

  /** Generated specs made on the executors; null for anything else. */
  private static PartitionedData generated(JavaSparkContext sc, String spec, int partitions) {
    if (DataLoader.isSynthetic(spec)) {
      var t = DataLoader.synthetic(spec);
      return PartitionedData.generate(sc, t.n(), partitions, t.d(), t::generate);
    }
    if (SparseTextData.isSpec(spec)) {
      SparseTextData g = SparseTextData.parse(spec);
      return PartitionedData.generate(sc, g.n(), partitions, g.d(), g::generate);
    }
    if (LowNoiseData.isSpec(spec)) {
      LowNoiseData g = LowNoiseData.parse(spec);
      return PartitionedData.generate(sc, g.n(), partitions, g.d(), g::generate);
    }
    return null;
  }
}
