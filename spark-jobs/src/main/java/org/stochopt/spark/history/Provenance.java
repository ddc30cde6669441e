package org.stochopt.spark.history;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where and from what a sweep run came: enough to tell a real regression from a changed cluster,
 * changed code or changed data when a trend moves.
 *
 * @param gitCommit the code's commit: {@code $STOCHOPT_GIT_COMMIT}, else {@code git rev-parse HEAD} in
 *     the working directory, else "unknown" (a cluster jar run outside a checkout: set the variable)
 * @param sparkVersion Spark's version, or "none" for an in-process sweep
 * @param master the Spark master URL or {@code in-process}
 * @param cores total cores (Spark's default parallelism; the JVM's processors in-process)
 * @param executorMemory {@code spark.executor.memory} ("1g" when unset, Spark's default)
 * @param dataFingerprint the training rows' fingerprint (hex), the same on every backend
 */
public record Provenance(String gitCommit, String sparkVersion, String master, int cores, String executorMemory,
                         String dataFingerprint, Instant started, Instant ended) {

  /** The commit of the code that runs, as well as this process can tell. */
  public static String currentCommit() {
    String env = System.getenv("STOCHOPT_GIT_COMMIT");
    if (env != null && !env.isBlank()) return env.strip();
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String line;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        line = r.readLine();
      }
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && line != null && line.matches("[0-9a-f]{40}")) return line;
      p.destroy();
    } catch (Exception e) {
      // no git here (a cluster node): the commit is unknown, which the report says
    }
    return "unknown";
  }
}
