package org.stochopt.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** What the resume tests of the sharded models share: copying a run's folder, and traces compared without their clock. */
public final class ResumeChecks {
  private ResumeChecks() {}

  /**
   * Each record's CSV line with its fourth column (the wall-clock seconds, the only value a
   * resumed run may change) replaced by "_".
   */
  public static <R> List<String> withoutSeconds(List<R> trace, Function<R, String> csv) {
    return trace.stream().map(r -> csv.apply(r).replaceFirst("^([^,]*,[^,]*,[^,]*),[^,]*,", "$1,_,")).toList();
  }

  /** Copies a run's folder (its checkpoint included), so one checkpoint can be resumed twice. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
