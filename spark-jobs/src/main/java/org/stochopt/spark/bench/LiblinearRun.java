package org.stochopt.spark.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.reg.Regularizer;

/**
 * LIBLINEAR ({@code liblinear-train}, Debian liblinear-tools) on the exported LIBSVM file, once
 * per tolerance {@code -e}: each process's wall time (loading the text file included) and the F
 * of its model, evaluated with stochopt's oracle, give one point of a time-vs-suboptimality curve.
 *
 * <p>Objective match (conventions.md): {@code -s 0} minimizes ½‖w‖² + C Σ log(1 + e^{−y⟨w,x⟩}),
 * {@code -s 6} ‖w‖₁ + C Σ loss; dividing by C·n gives F with λ = 1/(C·n), so C = 1/(λn). No bias
 * ({@code -B} unset). Peak memory is the child's VmHWM, polled from /proc every few milliseconds
 * (the high-water mark only grows, so the last read before exit is within one poll of the peak).
 */
public final class LiblinearRun {
  private LiblinearRun() {}

  /** The liblinear-train executable on PATH, or null. */
  public static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      File f = new File(dir, "liblinear-train");
      if (f.canExecute()) return f.getPath();
    }
    return null;
  }

  /** The solver for a regularizer: 0 for pure L2, 6 for pure L1; elastic net has none. */
  public static int solver(Regularizer reg) {
    boolean l1 = reg.l1Weight() > 0;
    boolean l2 = reg.strongConvexity() > 0;
    if (l1 && l2) throw new IllegalArgumentException("LIBLINEAR has no elastic-net solver: run bench with l2:λ or l1:λ, or leave liblinear out of --systems");
    if (!l1 && !l2) throw new IllegalArgumentException("LIBLINEAR needs a regularizer: use l2:λ or l1:λ");
    return l1 ? 6 : 0;
  }

  /** C = 1/(λ n). */
  public static double cost(Regularizer reg, long n) {
    double lambda = reg.l1Weight() > 0 ? reg.l1Weight() : reg.strongConvexity();
    return 1.0 / (lambda * n);
  }

  public static Curve run(String exe, Path trainFile, Path workDir, Regularizer reg, long n, int dim,
      GradientOracle evaluator, double referenceObjective, List<Double> tolerances, PrintStream log)
      throws IOException, InterruptedException {
    return run(exe, trainFile, workDir, reg, n, dim, 0, evaluator, referenceObjective, tolerances, log);
  }

  /**
   * As above; with {@code classes} = K > 0 the file has class labels 0..K−1, LIBLINEAR trains K
   * one-vs-rest problems (the ovr-logistic objective), {@code dim} is the feature dimension d and
   * the model is read into d·K class blocks ({@link #readMulticlassModel}).
   */
  public static Curve run(String exe, Path trainFile, Path workDir, Regularizer reg, long n, int dim, int classes,
      GradientOracle evaluator, double referenceObjective, List<Double> tolerances, PrintStream log)
      throws IOException, InterruptedException {
    int solver = solver(reg);
    double c = cost(reg, n);
    List<Curve.Point> points = new ArrayList<>();
    double peakKb = 0;
    StringBuilder notes = new StringBuilder(String.format(java.util.Locale.ROOT, "-s %d -c %s; per -e:", solver, Double.toString(c)));
    for (double eps : tolerances) {
      Path model = workDir.resolve("liblinear-e" + eps + ".model");
      Path output = workDir.resolve("liblinear-e" + eps + ".log");
      ProcessBuilder pb = new ProcessBuilder(exe, "-s", Integer.toString(solver), "-c", Double.toString(c),
          "-e", Double.toString(eps), trainFile.toString(), model.toString());
      pb.redirectErrorStream(true).redirectOutput(output.toFile());
      double waited = QuietJvm.await(5.0);
      long t0 = System.nanoTime();
      Process p = pb.start();
      long hwm = 0;
      Path status = Path.of("/proc/" + p.pid() + "/status");
      while (p.isAlive()) {
        hwm = Math.max(hwm, vmHwmKb(status));
        Thread.sleep(2);
      }
      int rc = p.waitFor();
      double wall = (System.nanoTime() - t0) / 1e9;
      if (rc != 0) {
        throw new IllegalStateException("liblinear-train -e " + eps + " exited with " + rc + ": see " + output);
      }
      peakKb = Math.max(peakKb, hwm);
      double[] w = classes > 0 ? readMulticlassModel(model, dim, classes) : readModel(model, dim);
      double f = evaluator.evaluate(w, new double[w.length]) + reg.value(w);
      double rel = (f - referenceObjective) / Math.abs(referenceObjective);
      int[] counts = iterations(Files.readAllLines(output));
      // Passes: one function+gradient pass per Newton iteration plus one Hessian-vector product per CG step.
      // With K classes these are summed over the K binary problems, each pass touching one of K blocks.
      double passes = solver == 0 ? (counts[0] + counts[1]) / (double) Math.max(1, classes) : Double.NaN;
      points.add(new Curve.Point(wall, rel, counts[0], passes));
      log.printf(java.util.Locale.ROOT,
          "LIBLINEAR -s %d -e %g: %.3fs wall, %d iterations, F = %.15g, relative suboptimality %.3e, VmHWM %.0f MB (started after %.2fs for this JVM to go quiet)%n",
          solver, eps, wall, counts[0], f, rel, hwm / 1024.0, waited);
      notes.append(String.format(java.util.Locale.ROOT, " %g→%.2fs", eps, wall));
    }
    notes.append("; seconds = process wall time incl. reading the text file");
    return new Curve("LIBLINEAR -s " + solver + " (1 thread)", "process wall time", points, 0.0, 0.0, peakKb / 1024.0,
        "child VmHWM", notes.toString());
  }

  /** {Newton (or outer) iterations, total CG steps} from liblinear-train's output. */
  static int[] iterations(List<String> lines) {
    int iters = 0;
    int cg = 0;
    for (String line : lines) {
      String t = line.trim();
      if (t.startsWith("iter") && t.contains(" f ")) {
        iters++;
        int at = t.lastIndexOf("CG");
        if (at >= 0) cg += Integer.parseInt(t.substring(at + 2).trim());
      } else if (t.startsWith("optimization finished, #iter =")) {
        iters = Math.max(iters, Integer.parseInt(t.substring(t.indexOf('=') + 1).trim()));
      }
    }
    return new int[] {iters, cg};
  }

  private static long vmHwmKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | RuntimeException e) {
      // the process has just exited; keep the last value read
    }
    return 0;
  }

  /**
   * The d·K class-major weights (block k = class k) of a LIBLINEAR {@code -s 0} model trained on
   * class labels 0..K−1. The model file has one row per feature and, for K > 2, one column per
   * class in the order of its {@code label} line (the order in which classes first appear in the
   * file, not 0..K−1). For K = 2 LIBLINEAR trains one model for its first label; the one-vs-rest
   * problem of the other class is its mirror image, so that block is −w. Features past
   * {@code nr_feature} (never nonzero in the file) keep weight 0, their exact optimum.
   */
  public static double[] readMulticlassModel(Path model, int d, int classes) throws IOException {
    List<String> lines = Files.readAllLines(model);
    int[] labels = null;
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("label")) {
        String[] parts = line.split("\\s+");
        labels = new int[parts.length - 1];
        for (int c = 1; c < parts.length; c++) {
          double y = Double.parseDouble(parts[c]);
          if (y != Math.rint(y) || y < 0 || y >= classes) {
            throw new IllegalArgumentException(model + ": label " + parts[c] + " is not a class 0.." + (classes - 1));
          }
          labels[c - 1] = (int) y;
        }
      }
      if (line.equals("w")) {
        start = i + 1;
        break;
      }
    }
    if (start < 0 || labels == null) throw new IllegalArgumentException(model + ": no 'label' and 'w' lines in the LIBLINEAR model");
    if (labels.length != classes) {
      throw new IllegalArgumentException(model + ": LIBLINEAR saw " + labels.length + " of the " + classes
          + " classes in the training file, so its model is not the " + classes + "-class one-vs-rest optimum");
    }
    int columns = classes == 2 ? 1 : classes;
    double[] out = new double[d * classes];
    int j = 0;
    for (int i = start; i < lines.size() && j < d; i++) {
      String t = lines.get(i).trim();
      if (t.isEmpty()) continue;
      String[] v = t.split("\\s+");
      if (v.length != columns) throw new IllegalArgumentException(model + ": weight row " + (j + 1) + " has " + v.length + " columns, expected " + columns);
      for (int c = 0; c < columns; c++) out[labels[c] * d + j] = Double.parseDouble(v[c]);
      if (classes == 2) out[labels[1] * d + j] = -out[labels[0] * d + j];
      j++;
    }
    return out;
  }

  /** w from a LIBLINEAR model file; negated when the model's first label is −1 (it scores the first label). */
  public static double[] readModel(Path model, int d) throws IOException {
    List<String> lines = Files.readAllLines(model);
    boolean flip = false;
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("label")) flip = line.split("\\s+")[1].equals("-1");
      if (line.equals("w")) {
        start = i + 1;
        break;
      }
    }
    if (start < 0) throw new IllegalArgumentException(model + ": no 'w' line in the LIBLINEAR model");
    double[] out = new double[d];
    int j = 0;
    for (int i = start; i < lines.size() && j < d; i++) {
      String t = lines.get(i).trim();
      if (t.isEmpty()) continue;
      double v = Double.parseDouble(t);
      out[j++] = flip ? -v : v;
    }
    // LIBLINEAR writes nr_feature weights: the largest index seen, which may be below d (trailing empty columns).
    return out;
  }
}
