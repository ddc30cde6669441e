package org.stochopt.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --cache-dir}: where reference optima are cached, for every command that computes them. */
public final class CacheDirOption {
  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "where reference optima are cached (default $STOCHOPT_CACHE or ~/.cache/stochopt)")
  Path cacheDir;

  /** The given folder, else $STOCHOPT_CACHE, else ~/.cache/stochopt. */
  Path orDefault() {
    if (cacheDir != null) return cacheDir;
    String env = System.getenv("STOCHOPT_CACHE");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of(System.getProperty("user.home"), ".cache", "stochopt");
  }
}
