package org.stochopt.core.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.stochopt.core.io.SealedFile;

/**
 * Caches reference optima on disk, keyed by (data fingerprint, n, d, loss, regularizer): computing
 * F* to high precision costs far more than the runs measured against it. Values are stored as
 * exact hexadecimal doubles inside a {@link SealedFile} (kind {@code reference-optimum}).
 *
 * <p>Nothing read back is trusted: an entry whose seal is broken, or whose stored F* does not
 * match F(w*) recomputed on the data at hand ({@link #objectiveCheck}), is named on the warning
 * sink, ignored and recomputed. Callers that later see a point below F* (the evaluator does, at
 * every evaluation) {@link #invalidate} the entry.
 */
public final class ReferenceCache {
  /** The {@link SealedFile} kind of cache entries. */
  public static final String KIND = "reference-optimum";
  private final Path directory;
  private final Consumer<String> warnings;

  public ReferenceCache(Path directory) {
    this(directory, message -> {});
  }

  /** @param warnings where a damaged or wrong entry is reported (one line each) before it is recomputed */
  public ReferenceCache(Path directory, Consumer<String> warnings) {
    this.directory = directory;
    this.warnings = warnings;
  }

  public static String key(long fingerprint, long n, int d, String loss, String reg) {
    String raw = String.format(Locale.ROOT, "%016x-n%d-d%d-%s-%s", fingerprint, n, d, loss, reg);
    return raw.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The file of a key's entry. */
  public Path file(String key) {
    return directory.resolve(key + ".ref");
  }

  /** Tolerance for comparing objectives against F*: 1e-9·max(1, |F*|), far above rounding, far below any target. */
  public static double tolerance(double objective) {
    return 1e-9 * Math.max(1.0, Math.abs(objective));
  }

  /**
   * A check that recomputes F(w*) with {@code objective} and compares it with the stored F*:
   * returns null when they agree within {@link #tolerance}, else the problem.
   */
  public static Function<ReferenceOptimum, String> objectiveCheck(ToDoubleFunction<double[]> objective) {
    return ref -> {
      double f = objective.applyAsDouble(ref.solution());
      return Math.abs(f - ref.objective()) <= tolerance(ref.objective()) ? null
          : String.format(Locale.ROOT, "its F* = %.17g but F(w*) on this data is %.17g", ref.objective(), f);
    };
  }

  /** The cached optimum for the key, or the supplier's (then stored). The entry is checked only by its seal. */
  public ReferenceOptimum getOrCompute(String key, Supplier<ReferenceOptimum> solver) {
    return getOrCompute(key, solver, ref -> null);
  }

  /**
   * The cached optimum for the key when its seal and {@code check} pass, else the supplier's
   * (then stored). {@code check} returns null for a good entry, else what is wrong with it.
   */
  public ReferenceOptimum getOrCompute(String key, Supplier<ReferenceOptimum> solver, Function<ReferenceOptimum, String> check) {
    Path file = file(key);
    if (Files.isRegularFile(file)) {
      String problem;
      try {
        ReferenceOptimum cached = read(file);
        problem = check.apply(cached);
        if (problem == null) return cached;
      } catch (IOException | RuntimeException e) {
        problem = e.getMessage();
      }
      warnings.accept("ignoring the cached reference optimum " + file + ": " + problem + "; recomputing it");
    }
    ReferenceOptimum opt = solver.get();
    try {
      write(file, opt);
    } catch (IOException e) {
      // Caching is an optimization: a read-only cache directory must not fail the run.
      warnings.accept("cannot cache the reference optimum in " + file + " (" + e.getMessage() + ")");
    }
    return opt;
  }

  /** Removes a key's entry (it was found wrong); true when there was one. */
  public boolean invalidate(String key) {
    try {
      return Files.deleteIfExists(file(key));
    } catch (IOException e) {
      warnings.accept("cannot remove the cached reference optimum " + file(key) + " (" + e.getMessage() + ")");
      return false;
    }
  }

  static ReferenceOptimum read(Path file) throws IOException {
    String[] lines = new String(SealedFile.read(file, KIND), StandardCharsets.UTF_8).split("\n", -1);
    if (lines.length < 4) throw new IllegalArgumentException(file + ": expected 4 lines, got " + lines.length);
    double objective = Double.parseDouble(lines[0]);
    int iterations = Integer.parseInt(lines[1]);
    double residual = Double.parseDouble(lines[2]);
    String[] parts = lines[3].isEmpty() ? new String[0] : lines[3].split(" ");
    double[] w = new double[parts.length];
    for (int j = 0; j < w.length; j++) w[j] = Double.parseDouble(parts[j]);
    if (!Double.isFinite(objective)) throw new IllegalArgumentException(file + ": F* is not finite");
    return new ReferenceOptimum(objective, w, iterations, residual);
  }

  private void write(Path file, ReferenceOptimum opt) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(Double.toHexString(opt.objective())).append('\n');
    sb.append(opt.iterations()).append('\n');
    sb.append(Double.toHexString(opt.optimalityResidual())).append('\n');
    for (int j = 0; j < opt.solution().length; j++) {
      if (j > 0) sb.append(' ');
      sb.append(Double.toHexString(opt.solution()[j]));
    }
    sb.append('\n');
    SealedFile.write(file, KIND, sb.toString().getBytes(StandardCharsets.UTF_8));
  }
}
