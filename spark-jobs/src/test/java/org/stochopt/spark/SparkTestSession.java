package org.stochopt.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One local[2] session per test class (start-up costs seconds; tests share it). */
public final class SparkTestSession {
  private SparkTestSession() {}

  public static JavaSparkContext start() {
    SparkSession spark = SparkSessions.create("local[2]", "stochopt-test");
    return JavaSparkContext.fromSparkContext(spark.sparkContext());
  }
}
