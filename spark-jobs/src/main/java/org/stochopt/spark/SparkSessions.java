package org.stochopt.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession for a master URL, with the settings stochopt relies on. */
public final class SparkSessions {
  private SparkSessions() {}

  /** The default wait for a {@code spark://} master to accept a connection. */
  public static final java.time.Duration DEFAULT_CONNECT_TIMEOUT = java.time.Duration.ofSeconds(10);

  public static SparkSession create(String master, String appName) {
    return create(master, appName, DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * As {@link #create(String, String)}, but a {@code spark://} master none of whose host:port
   * pairs accepts a TCP connection within {@code connectTimeout} is refused with one line, before
   * Spark's own registration retries (three 20-second attempts, each logging stack traces) start.
   */
  public static SparkSession create(String master, String appName, java.time.Duration connectTimeout) {
    checkReachable(master, connectTimeout);
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

  /** Fails with one line when {@code master} is {@code spark://host:port[,host:port…]} and no pair accepts a connection. */
  public static void checkReachable(String master, java.time.Duration timeout) {
    if (master == null || !master.startsWith("spark://")) return;
    String problem = null;
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port;
      try {
        port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--master " + master + ": '" + hostPort + "' is not host:port");
      }
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        return; // one reachable master is enough; Spark handles fail-over between them
      } catch (java.io.IOException e) {
        problem = hostPort + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
    }
    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
        "cannot reach the Spark master %s (%s; waited up to %.1f s, --connect-timeout sets the wait)",
        master, problem, timeout.toMillis() / 1000.0));
  }
}
