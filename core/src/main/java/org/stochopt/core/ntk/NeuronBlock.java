package org.stochopt.core.ntk;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.NeuronKernels;
import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * Neurons [first, first + count) of an NTK network, with everything averaged SGD keeps per neuron:
 * the current parameters Θ = (a_r, b_r, c_r), the initial ones Θ⁽⁰⁾ (the L2 pull is toward them),
 * the running sum S = Σ_{s ≤ t} Θ⁽ˢ⁾ that the uniform average is read from, and the pre-activations
 * of the batch the next step will use. A block is a value: {@link #step} and {@link #prepare} return
 * new blocks and leave this one unchanged (Spark caches blocks and may re-run a step from the old one).
 *
 * <p><b>Initialisation</b> (symmetric, so g₀ ≡ 0): neuron g &lt; M/2 gets a = +R and a direction
 * b ~ Unif(S^{d−1}) drawn from the stream (seed, INIT, g); neuron g + M/2 gets a = −R and the same
 * direction; c = 0. Draws are keyed by the global neuron index, so blocks may be split any way.
 *
 * <p><b>One step</b> on the prepared batch x_1..x_b with coefficients e_i = ℓ′(g(x_i), y_i)/b and
 * z_{ir} = b_rᵀx_i + γc_r (for every trained layer, simultaneously from the same Θ):
 * <pre>
 *   ∂/∂a_r = (1/√M) Σ_i e_i σ(z_ir)
 *   ∂/∂b_r = (a_r/√M) Σ_i e_i σ′(z_ir) x_i          (one dgemm: (diag(e) X)ᵀ σ′(Z), then × a_r)
 *   ∂/∂c_r = (a_r γ/√M) Σ_i e_i σ′(z_ir)
 *   P ← P − η ∂P − ηλ (P − P⁽⁰⁾),      S ← S + P
 * </pre>
 * Layers that are not trained stay at Θ⁽⁰⁾ and keep no sum (their average is Θ⁽⁰⁾).
 */
public final class NeuronBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  static final long INIT_STREAM = 0x4E544B49L;
  /** Rows per chunk when evaluating many rows (bounds the count × rows scratch matrix). */
  private static final int EVAL_CHUNK = 256;

  private final NtkShape shape;
  private final int first;
  private final int count;
  private final double[] a;
  private final double[] w;
  private final double[] c;
  private final double[] a0;
  private final double[] w0;
  private final double[] c0;
  /** Σ of the iterates including Θ⁽⁰⁾; null for a layer that is not trained. */
  private final double[] sumA;
  private final double[] sumW;
  private final double[] sumC;
  /** Number of iterates in the sums (t + 1 after t steps). */
  private final long terms;
  /**
   * The next step's batch (b rows of d, row-major) and, for its pre-activations z_ir (stored
   * neuron-major at [r·b + i]), σ(z) and σ′(z), computed in one pass at {@link #prepare}: the prediction and the
   * output-layer gradient read σ, the input-layer gradient reads σ′, and z itself is not kept. σ′ is
   * null when the input layer is not trained; all three are null before {@link #prepare}.
   */
  private final double[] batch;
  private final double[] act;
  private final double[] der;

  private NeuronBlock(NtkShape shape, int first, int count, double[] a, double[] w, double[] c, double[] a0, double[] w0,
      double[] c0, double[] sumA, double[] sumW, double[] sumC, long terms, double[] batch, double[] act, double[] der) {
    this.shape = shape;
    this.first = first;
    this.count = count;
    this.a = a;
    this.w = w;
    this.c = c;
    this.a0 = a0;
    this.w0 = w0;
    this.c0 = c0;
    this.sumA = sumA;
    this.sumW = sumW;
    this.sumC = sumC;
    this.terms = terms;
    this.batch = batch;
    this.act = act;
    this.der = der;
  }

  /** Neurons [first, first + count) at the symmetric initialisation. */
  public static NeuronBlock initial(NtkShape shape, int first, int count, long seed) {
    int m = shape.width();
    int d = shape.inputDim();
    if (first < 0 || count < 0 || first + count > m) {
      throw new IllegalArgumentException("neurons [" + first + ", " + (first + count) + ") outside 0.." + m);
    }
    double[] a = new double[count];
    double[] w = new double[Math.multiplyExact(count, d)];
    double[] c = new double[count];
    for (int j = 0; j < count; j++) {
      int g = first + j;
      int pair = g < m / 2 ? g : g - m / 2;
      a[j] = g < m / 2 ? shape.outputScale() : -shape.outputScale();
      unitDirection(new SplittableRandom(Seeds.child(seed, INIT_STREAM, pair)), w, j * d, d);
    }
    TrainedLayers l = shape.layers();
    return new NeuronBlock(shape, first, count, a, w, c, a, w, c, l.output() ? a.clone() : null,
        l.input() ? w.clone() : null, l.input() ? c.clone() : null, 1, null, null, null);
  }

  /** A block at given parameters taken as its own initialisation (tests: finite differences). */
  static NeuronBlock of(NtkShape shape, int first, double[] a, double[] w, double[] c) {
    TrainedLayers l = shape.layers();
    return new NeuronBlock(shape, first, a.length, a, w, c, a, w, c, l.output() ? a.clone() : null,
        l.input() ? w.clone() : null, l.input() ? c.clone() : null, 1, null, null, null);
  }

  /** A direction uniform on S^{d−1}: a Gaussian vector, normalised. */
  static void unitDirection(SplittableRandom rng, double[] out, int off, int d) {
    double norm;
    do {
      GaussianDraws.fill(rng, out, off, d);
      norm = 0.0;
      for (int k = 0; k < d; k++) norm += out[off + k] * out[off + k];
    } while (norm == 0.0);
    double inv = 1.0 / Math.sqrt(norm);
    for (int k = 0; k < d; k++) out[off + k] *= inv;
  }

  /** First global neuron of block p when M neurons are split into P contiguous blocks. */
  public static int blockStart(int width, int blocks, int p) {
    return (int) ((long) width * p / blocks);
  }

  public int first() {
    return first;
  }

  public int count() {
    return count;
  }

  public long terms() {
    return terms;
  }

  public NtkShape shape() {
    return shape;
  }

  /** A copy of (a, b, c) of local neuron j, current or averaged: [a, b_1..b_d, c]. */
  public double[] neuron(int j, boolean averaged) {
    int d = shape.inputDim();
    double[] out = new double[d + 2];
    out[0] = averaged ? avg(sumA, a, j) : a[j];
    for (int k = 0; k < d; k++) out[1 + k] = averaged ? avg(sumW, w, j * d + k) : w[j * d + k];
    out[d + 1] = averaged ? avg(sumC, c, j) : c[j];
    return out;
  }

  private double avg(double[] sum, double[] current, int k) {
    return sum == null ? current[k] : sum[k] / terms;
  }

  /**
   * This block with the pre-activations of the given rows computed for the next step.
   *
   * @param rows b rows of d values, row-major (the block keeps the array: callers must not change it)
   */
  public NeuronBlock prepare(double[] rows) {
    int d = shape.inputDim();
    if (rows.length % d != 0) throw new IllegalArgumentException(rows.length + " values is not a whole number of rows of " + d);
    int b = rows.length / d;
    // z is computed into the array that then holds σ(z): one M·b array less per step.
    double[] values = new double[Math.multiplyExact(count, b)];
    preActivations(w, c, rows, b, values);
    double[] slopes = shape.layers().input() ? new double[values.length] : null;
    shape.activation().evaluate(values, values, slopes, values.length);
    return new NeuronBlock(shape, first, count, a, w, c, a0, w0, c0, sumA, sumW, sumC, terms, rows, values, slopes);
  }

  /**
   * z[r·b + i] = b_rᵀx_i + γ c_r: each neuron's values start at γc_r and the dgemm adds b_rᵀx_i
   * to them (the same bits as adding γc_r afterwards, without a second pass over the M·b values).
   */
  private void preActivations(double[] ww, double[] cc, double[] rows, int b, double[] zz) {
    double gamma = shape.biasScale();
    if (gamma != 0.0) {
      for (int r = 0; r < count; r++) java.util.Arrays.fill(zz, r * b, (r + 1) * b, gamma * cc[r]);
    }
    NeuronKernels.preActivationsByNeuron(ww, 0, shape.inputDim(), count, rows, b, shape.inputDim(), gamma != 0.0, zz);
  }

  /** s_i = Σ_{r in block} a_r σ(z_ir) on the prepared batch (not yet scaled by 1/√M). */
  public double[] preparedSums() {
    requirePrepared();
    int b = batch.length / shape.inputDim();
    double[] s = new double[b];
    NeuronKernels.sumOverNeurons(act, count, b, a, s);
    return s;
  }

  private void requirePrepared() {
    if (batch == null) throw new IllegalStateException("no prepared batch: call prepare(rows) first");
  }

  /**
   * One averaged-SGD step on the prepared batch (see the class comment).
   *
   * @param coef e_i = ℓ′(g(x_i), y_i)/b, one per prepared row
   */
  public NeuronBlock step(double[] coef, double eta, double lambda) {
    requirePrepared();
    int d = shape.inputDim();
    int b = batch.length / d;
    if (coef.length != b) throw new IllegalArgumentException(b + " prepared rows but " + coef.length + " coefficients");
    double scale = shape.outputFactor();
    TrainedLayers layers = shape.layers();
    double[] na = a;
    double[] nw = w;
    double[] nc = c;
    double[] nsa = sumA;
    double[] nsw = sumW;
    double[] nsc = sumC;
    double keep = 1.0 - eta * lambda;
    double pull = eta * lambda;
    if (layers.output()) {
      double[] ga = new double[count];
      NeuronKernels.addSumOverRows(act, count, b, coef, scale, ga);
      na = new double[count];
      nsa = new double[count];
      for (int r = 0; r < count; r++) {
        na[r] = keep * a[r] + pull * a0[r] - eta * ga[r];
        nsa[r] = sumA[r] + na[r];
      }
    }
    if (layers.input()) {
      // ∂/∂b_r = a_r Σ_i σ′(z_ir) (e_i/√M) x_i: the b × d matrix of scaled rows (tiny) times the
      // stored σ′ in one dgemm, a_r applied per neuron below. No M·b array of ∂/∂z is formed.
      double[] scaledRows = new double[batch.length];
      double[] e = new double[b];
      for (int i = 0; i < b; i++) {
        e[i] = coef[i] * scale;
        for (int k = 0; k < d; k++) scaledRows[i * d + k] = e[i] * batch[i * d + k];
      }
      nw = new double[w.length];
      NeuronKernels.addInputGradientByNeuron(scaledRows, b, d, der, count, 1.0, nw, 0, d);
      double gamma = shape.biasScale();
      double[] gc = null;
      if (gamma != 0.0) {
        gc = new double[count];
        NeuronKernels.addSumOverRows(der, count, b, e, 1.0, gc);
      }
      // One pass per neuron: gradient step, pull toward Θ⁽⁰⁾ and the running sum of the average.
      nsw = new double[w.length];
      nc = new double[count];
      nsc = new double[count];
      for (int r = 0; r < count; r++) {
        double f = eta * a[r];
        int off = r * d;
        for (int k = off; k < off + d; k++) {
          double v = keep * w[k] + pull * w0[k] - f * nw[k];
          nw[k] = v;
          nsw[k] = sumW[k] + v;
        }
        nc[r] = keep * c[r] + pull * c0[r];
        if (gc != null) nc[r] -= f * gamma * gc[r];
        nsc[r] = sumC[r] + nc[r];
      }
    }
    return new NeuronBlock(shape, first, count, na, nw, nc, a0, w0, c0, nsa, nsw, nsc, terms + 1, null, null, null);
  }

  /**
   * out[k] += Σ_{r in block} a_r σ(b_rᵀx_k + γc_r) over the given rows (unscaled), with the current
   * parameters or with the uniform average Θ̄ = S/(t+1).
   *
   * @param x rows × d values, row-major
   */
  public void addSums(double[] x, int rows, boolean averaged, double[] out) {
    int d = shape.inputDim();
    double[] aa = averaged ? averageOf(sumA, a) : a;
    double[] ww = averaged ? averageOf(sumW, w) : w;
    double[] cc = averaged ? averageOf(sumC, c) : c;
    double[] chunk = new double[Math.min(rows, EVAL_CHUNK) * d];
    double[] zz = new double[Math.min(rows, EVAL_CHUNK) * count];
    double[] s = new double[Math.min(rows, EVAL_CHUNK)];
    for (int start = 0; start < rows; start += EVAL_CHUNK) {
      int len = Math.min(EVAL_CHUNK, rows - start);
      System.arraycopy(x, start * d, chunk, 0, len * d);
      double[] xs = len == EVAL_CHUNK ? chunk : java.util.Arrays.copyOf(chunk, len * d);
      double[] zs = len == EVAL_CHUNK ? zz : new double[len * count];
      preActivations(ww, cc, xs, len, zs);
      shape.activation().evaluate(zs, zs, null, len * count);
      double[] ss = len == EVAL_CHUNK ? s : new double[len];
      NeuronKernels.sumOverNeurons(zs, count, len, aa, ss);
      for (int i = 0; i < len; i++) out[start + i] += ss[i];
    }
  }

  private double[] averageOf(double[] sum, double[] current) {
    if (sum == null) return current;
    double[] out = new double[sum.length];
    double inv = 1.0 / terms;
    for (int k = 0; k < sum.length; k++) out[k] = sum[k] * inv;
    return out;
  }

  /** ‖Θ − Θ⁽⁰⁾‖² over this block (current or averaged parameters): how far training moved the neurons. */
  public double squaredDistanceFromInit(boolean averaged) {
    double s = 0.0;
    s += dist(averaged ? averageOf(sumA, a) : a, a0);
    s += dist(averaged ? averageOf(sumW, w) : w, w0);
    s += dist(averaged ? averageOf(sumC, c) : c, c0);
    return s;
  }

  private static double dist(double[] x, double[] y) {
    double s = 0.0;
    for (int k = 0; k < x.length; k++) {
      double v = x[k] - y[k];
      s += v * v;
    }
    return s;
  }

  /** ‖Θ⁽⁰⁾‖² over this block (the scale the movement is compared with). */
  public double squaredInitNorm() {
    double s = 0.0;
    for (double v : a0) s += v * v;
    for (double v : w0) s += v * v;
    return s;
  }
}
