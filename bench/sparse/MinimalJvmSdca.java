import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The least a JVM process can do for the whole-process comparison with {@code liblinear-train -s 0}
 * (docs/performance.md, "The JVM's floor for a whole run"): one file, no stochopt code, no picocli,
 * no classpath beyond the JDK. It reads a LIBSVM file with labels ±1 into CSR arrays with a
 * fast-path number parser (not correctly rounded: a lower bound on the cost of an exact one), runs
 * SDCA for L2-regularized logistic regression (the P = 1 case of CoCoA+, as `train --method cocoa
 * --partitions 1` does) with the duality gap computed after every epoch, stops at a relative gap of
 * TOL, and writes the d weights, one per line, with {@code Double.toString} (as LIBLINEAR writes all
 * d weights of its model file).
 *
 * <p>SDCA (Shalev-Shwartz and Zhang, 2013) for F(w) = (1/n) Σ log(1 + exp(−y_i⟨w, x_i⟩)) + (λ/2)‖w‖²:
 * dual variables a_i ∈ (0, 1), w = (1/(λn)) Σ a_i y_i x_i; the coordinate step maximizes
 * −[a log a + (1 − a) log(1 − a)] − a y_i⟨w, x_i⟩ − ‖x_i‖² a'²/(2λn) over the new a by Newton's method.
 *
 * <p>usage: {@code java bench/sparse/MinimalJvmSdca.java FILE LAMBDA WEIGHTS_OUT [TOL]} (or compiled,
 * {@code java -cp DIR MinimalJvmSdca ...}); prints epochs, the relative gap and the primal objective.
 */
public final class MinimalJvmSdca {
  public static void main(String[] args) throws IOException {
    long t0 = System.nanoTime();
    byte[] b = Files.readAllBytes(Path.of(args[0]));
    double lambda = Double.parseDouble(args[1]);
    double tol = args.length > 3 ? Double.parseDouble(args[3]) : 1e-6;
    // Pass 1: rows and nonzeros (lines and colons).
    int rows = 0;
    int nnz = 0;
    for (byte c : b) {
      if (c == '\n') rows++;
      else if (c == ':') nnz++;
    }
    if (b.length > 0 && b[b.length - 1] != '\n') rows++;
    double[] y = new double[rows];
    int[] start = new int[rows + 1];
    int[] idx = new int[nnz];
    double[] val = new double[nnz];
    int r = 0;
    int k = 0;
    int d = 0;
    int p = 0;
    while (p < b.length && r < rows) {
      boolean neg = b[p] == '-';
      if (neg || b[p] == '+') p++;
      y[r] = (b[p] == '1') == !neg ? 1 : -1; // +1 / -1 (no other labels in these files)
      while (p < b.length && b[p] != ' ' && b[p] != '\n') p++;
      while (p < b.length && b[p] != '\n') {
        p++; // the space
        if (p >= b.length || b[p] == '\n') break;
        int j = 0;
        while (b[p] != ':') j = 10 * j + (b[p++] - '0');
        p++;
        boolean vneg = b[p] == '-';
        if (vneg) p++;
        long m = 0;
        int scale = 0;
        boolean dot = false;
        while (p < b.length) {
          byte c = b[p];
          if (c >= '0' && c <= '9') {
            if (m < 100_000_000_000_000_000L) {
              m = 10 * m + (c - '0');
              if (dot) scale--;
            } else if (!dot) scale++;
          } else if (c == '.') dot = true;
          else break;
          p++;
        }
        if (p < b.length && (b[p] == 'e' || b[p] == 'E')) {
          p++;
          boolean eneg = b[p] == '-';
          if (eneg || b[p] == '+') p++;
          int e = 0;
          while (p < b.length && b[p] >= '0' && b[p] <= '9') e = 10 * e + (b[p++] - '0');
          scale += eneg ? -e : e;
        }
        double v = scale >= 0 ? m * POW10[Math.min(scale, 22)] : m / POW10[Math.min(-scale, 22)];
        idx[k] = j - 1;
        val[k++] = vneg ? -v : v;
        d = Math.max(d, j);
      }
      p++;
      start[++r] = k;
    }
    int n = rows;
    long t1 = System.nanoTime();
    double[] sq = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int q = start[i]; q < start[i + 1]; q++) s += val[q] * val[q];
      sq[i] = s;
    }
    double[] a = new double[n];
    java.util.Arrays.fill(a, 1e-3);
    double[] w = new double[d];
    double ln = lambda * n;
    for (int i = 0; i < n; i++) {
      for (int q = start[i]; q < start[i + 1]; q++) w[idx[q]] += a[i] * y[i] * val[q] / ln;
    }
    long seed = 1;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    int epoch = 0;
    double gap = Double.NaN;
    double primal = Double.NaN;
    while (epoch < 50) {
      epoch++;
      for (int t = n - 1; t > 0; t--) { // a fresh random permutation per epoch (sampling without replacement)
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        int u = (int) ((seed >>> 33) % (t + 1));
        int swap = perm[t];
        perm[t] = perm[u];
        perm[u] = swap;
      }
      for (int t = 0; t < n; t++) {
        int i = perm[t];
        double z = 0;
        for (int q = start[i]; q < start[i + 1]; q++) z += w[idx[q]] * val[q];
        z *= y[i];
        double c = sq[i] / ln;
        double ai = a[i];
        double an = ai;
        for (int it = 0; it < 4; it++) { // maximize −[a log a + (1−a) log(1−a)] − (a − ai) z − c (a − ai)²/2
          double g = Math.log((1 - an) / an) - z - c * (an - ai);
          double h = -1 / (an * (1 - an)) - c;
          double next = an - g / h;
          an = next <= 0 ? an / 2 : next >= 1 ? (1 + an) / 2 : next;
        }
        double s = (an - ai) * y[i] / ln;
        a[i] = an;
        for (int q = start[i]; q < start[i + 1]; q++) w[idx[q]] += s * val[q];
      }
      // Duality gap: P(w) − D(a).
      double loss = 0;
      double ent = 0;
      for (int i = 0; i < n; i++) {
        double z = 0;
        for (int q = start[i]; q < start[i + 1]; q++) z += w[idx[q]] * val[q];
        z *= y[i];
        loss += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
        ent -= a[i] * Math.log(a[i]) + (1 - a[i]) * Math.log(1 - a[i]);
      }
      double ww = 0;
      for (double v : w) ww += v * v;
      primal = loss / n + lambda / 2 * ww;
      double dual = ent / n - lambda / 2 * ww;
      gap = (primal - dual) / primal;
      if (gap <= tol) break;
    }
    long t2 = System.nanoTime();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])), 1 << 16)) {
      StringBuilder sb = new StringBuilder(1 << 16);
      for (int j = 0; j < d; j++) {
        sb.append(w[j]).append('\n');
        if (sb.length() > 60_000) {
          out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
          sb.setLength(0);
        }
      }
      out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }
    long t3 = System.nanoTime();
    System.err.printf("read+parse %.3f s, solve %.3f s, write %.3f s (since main)%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    System.out.println("n " + n + " d " + d + " nnz " + nnz + " epochs " + epoch + " relative gap " + gap + " primal " + primal);
  }

  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
  }
}
