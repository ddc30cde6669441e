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
      double[] w = readModel(model, dim);
      double f = evaluator.evaluate(w, new double[dim]) + reg.value(w);
      double rel = (f - referenceObjective) / Math.abs(referenceObjective);
      int[] counts = iterations(Files.readAllLines(output));
      // Passes: one function+gradient pass per Newton iteration plus one Hessian-vector product per CG step.
      double passes = solver == 0 ? counts[0] + counts[1] : Double.NaN;
      points.add(new Curve.Point(wall, rel, counts[0], passes));
      log.printf(java.util.Locale.ROOT, "LIBLINEAR -s %d -e %g: %.3fs wall, %d iterations, F = %.15g, relative suboptimality %.3e, VmHWM %.0f MB%n",
          solver, eps, wall, counts[0], f, rel, hwm / 1024.0);
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
