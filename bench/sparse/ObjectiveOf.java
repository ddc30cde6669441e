import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Independent check for bench/sparse/whole-process.sh: the L2-regularized logistic objective
 * F(w) = (1/n) Σ log(1 + exp(−y_i w·x_i)) + (λ/2)‖w‖² of each given model on a LIBSVM file, with no
 * stochopt code involved, so that LIBLINEAR's and stochopt's models are scored by the same
 * arithmetic. A model is a LIBLINEAR model file (binary -s 0, no bias) or a stochopt weights.csv
 * (dense or sparse). Run as a single-file program:
 * {@code java bench/sparse/ObjectiveOf.java DATA LAMBDA MODEL...}; prints "F MODEL" per model.
 */
public final class ObjectiveOf {
  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    double lambda = Double.parseDouble(args[1]);
    int m = args.length - 2;
    double[][] w = new double[m][];
    for (int k = 0; k < m; k++) w[k] = read(Path.of(args[k + 2]));
    double[] loss = new double[m];
    long n = 0;
    try (BufferedReader in = Files.newBufferedReader(data, StandardCharsets.US_ASCII)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) continue;
        n++;
        String[] t = line.trim().split("\\s+");
        double y = Double.parseDouble(t[0]) > 0 ? 1 : -1;
        double[] margin = new double[m];
        for (int i = 1; i < t.length; i++) {
          int colon = t[i].indexOf(':');
          int j = Integer.parseInt(t[i], 0, colon, 10) - 1;
          double v = Double.parseDouble(t[i].substring(colon + 1));
          for (int k = 0; k < m; k++) if (j < w[k].length) margin[k] += w[k][j] * v;
        }
        for (int k = 0; k < m; k++) {
          double z = y * margin[k];
          loss[k] += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
        }
      }
    }
    for (int k = 0; k < m; k++) {
      double sq = 0;
      for (double v : w[k]) sq += v * v;
      System.out.printf(java.util.Locale.ROOT, "%.15f %s%n", loss[k] / n + 0.5 * lambda * sq, args[k + 2]);
    }
  }

  static double[] read(Path model) throws IOException {
    List<String> lines = Files.readAllLines(model, StandardCharsets.US_ASCII);
    if (lines.get(0).startsWith("feature,weight")) {
      String last = lines.get(lines.size() - 1);
      double[] w = new double[Integer.parseInt(last.substring(0, last.indexOf(',')))];
      for (String l : lines.subList(1, lines.size())) {
        int c = l.indexOf(',');
        w[Integer.parseInt(l.substring(0, c)) - 1] = Double.parseDouble(l.substring(c + 1));
      }
      return w;
    }
    // LIBLINEAR: header lines up to "w", then one weight per feature; w scores the first label.
    boolean flip = false;
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (l.startsWith("bias") && Double.parseDouble(l.split("\\s+")[1]) >= 0) throw new IllegalArgumentException("bias not supported");
      if (l.startsWith("label")) flip = l.split("\\s+")[1].equals("-1");
      if (l.equals("w")) {
        start = i + 1;
        break;
      }
    }
    double[] w = new double[lines.size() - start];
    for (int i = start; i < lines.size(); i++) {
      double v = Double.parseDouble(lines.get(i).trim());
      w[i - start] = flip ? -v : v;
    }
    return w;
  }
}
