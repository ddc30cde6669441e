package org.stochopt.core.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Caches reference optima on disk, keyed by (data fingerprint, n, d, loss, regularizer): computing
 * F* to high precision costs far more than the runs measured against it. Values are stored as
 * exact hexadecimal doubles; files are written to a temporary name and moved into place, so a
 * killed run never leaves a half-written entry.
 */
public final class ReferenceCache {
  private final Path directory;

  public ReferenceCache(Path directory) {
    this.directory = directory;
  }

  public static String key(long fingerprint, long n, int d, String loss, String reg) {
    String raw = String.format(Locale.ROOT, "%016x-n%d-d%d-%s-%s", fingerprint, n, d, loss, reg);
    return raw.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The cached optimum for the key, or the supplier's (then stored). */
  public ReferenceOptimum getOrCompute(String key, Supplier<ReferenceOptimum> solver) {
    Path file = directory.resolve(key + ".ref");
    if (Files.isRegularFile(file)) {
      try {
        return read(file);
      } catch (IOException | RuntimeException e) {
        // A corrupt entry is recomputed rather than trusted.
      }
    }
    ReferenceOptimum opt = solver.get();
    try {
      write(file, opt);
    } catch (IOException e) {
      // Caching is an optimization: a read-only cache directory must not fail the run.
    }
    return opt;
  }

  private static ReferenceOptimum read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    double objective = Double.parseDouble(lines.get(0));
    int iterations = Integer.parseInt(lines.get(1));
    double residual = Double.parseDouble(lines.get(2));
    String[] parts = lines.get(3).isEmpty() ? new String[0] : lines.get(3).split(" ");
    double[] w = new double[parts.length];
    for (int j = 0; j < w.length; j++) w[j] = Double.parseDouble(parts[j]);
    return new ReferenceOptimum(objective, w, iterations, residual);
  }

  private void write(Path file, ReferenceOptimum opt) throws IOException {
    Files.createDirectories(directory);
    StringBuilder sb = new StringBuilder();
    sb.append(Double.toHexString(opt.objective())).append('\n');
    sb.append(opt.iterations()).append('\n');
    sb.append(Double.toHexString(opt.optimalityResidual())).append('\n');
    for (int j = 0; j < opt.solution().length; j++) {
      if (j > 0) sb.append(' ');
      sb.append(Double.toHexString(opt.solution()[j]));
    }
    sb.append('\n');
    Path tmp = Files.createTempFile(directory, "ref", ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
