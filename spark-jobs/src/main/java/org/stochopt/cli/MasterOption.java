package org.stochopt.cli;

import picocli.CommandLine.Option;

/** {@code --master}, one name and one meaning in every command that runs on a backend. */
public final class MasterOption {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master URL (local[N], spark://…, yarn, k8s://…) or in-process "
          + "(default: spark-submit's --master when submitted, else the command's own default)")
  String master;

  @Option(names = "--connect-timeout", converter = Flags.PositiveDouble.class,
      description = "seconds to wait for a spark:// master to accept a connection before giving up with one line (default 10)")
  Double connectTimeoutSeconds;

  /** The bounded wait for a standalone master (10 s unless given). */
  java.time.Duration connectTimeout() {
    return java.time.Duration.ofMillis(Math.round((connectTimeoutSeconds != null ? connectTimeoutSeconds : 10.0) * 1000));
  }

  /** The given master, else spark-submit's, else {@code fallback}. */
  String orDefault(String fallback) {
    return master != null ? master : System.getProperty("spark.master", fallback);
  }
}
