package org.stochopt.cli;

import picocli.CommandLine.Option;

/** {@code --master}, one name and one meaning in every command that runs on a backend. */
public final class MasterOption {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master URL (local[N], spark://…, yarn, k8s://…) or in-process "
          + "(default: spark-submit's --master when submitted, else the command's own default)")
  String master;

  /** The given master, else spark-submit's, else {@code fallback}. */
  String orDefault(String fallback) {
    return master != null ? master : System.getProperty("spark.master", fallback);
  }
}
