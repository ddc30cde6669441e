package org.stochopt.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession for a master URL, with the settings stochopt relies on. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(String master, String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null && !master.isBlank()) conf.setMaster(master);
    // Started by scripts/stochopt against a cluster master: ship the cluster jar to executors.
    String clusterJar = System.getProperty("stochopt.cluster.jar");
    if (clusterJar != null && master != null && !master.startsWith("local") && new java.io.File(clusterJar).isFile()) {
      conf.setIfMissing("spark.jars", clusterJar);
    }
    if (master != null && master.startsWith("local")) {
      // Local mode on machines without a routable network: bind the driver to loopback.
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.sql.shuffle.partitions", "4");
      // Every job broadcasts its task binary (and large vectors go as broadcasts). In local mode the
      // tasks read the stored object from the driver's own block manager, never the compressed,
      // checksummed pieces, so compressing them is wasted work on each round's critical path
      // (docs/performance.md, "Where a Spark round goes"). Clusters keep Spark's defaults.
      conf.setIfMissing("spark.broadcast.compress", "false");
      conf.setIfMissing("spark.broadcast.checksum", "false");
    }
    // Row blocks are plain Java objects with large primitive arrays: Java serialization handles
    // them without registration, and they are cached deserialized (MEMORY_AND_DISK).
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
