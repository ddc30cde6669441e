package org.stochopt.core.ntk;

import org.stochopt.core.loss.Loss;
import org.stochopt.core.meanfield.DataMatrix;

/**
 * Algorithm 1 of Nitanda &amp; Suzuki (ICLR 2021), averaged SGD in the NTK regime, and its minibatch
 * variant (b &gt; 1 examples per step, gradient averaged over them):
 * <pre>
 *   Θ ← Θ⁽⁰⁾ (symmetric, g₀ ≡ 0),  S ← Θ⁽⁰⁾
 *   for t = 0 .. T−1:
 *     draw fresh (x_t, y_t)                        (b of them in the minibatch variant)
 *     Θ ← Θ − η·(1/b)Σ_i ℓ′(g_Θ(x_i), y_i)·∇_Θ g_Θ(x_i) − ηλ(Θ − Θ⁽⁰⁾)
 *     S ← S + Θ
 *   return g at Θ̄ = S/(T + 1)
 * </pre>
 * with a constant η satisfying 4(6 + λ)η ≤ 1 ({@link StepCondition}), every trained layer updated
 * from the same Θ, and parameters (not functions) averaged, Θ⁽⁰⁾ included. The neuron-level work
 * runs in the shards ({@link NeuronBlock#step}); this class holds the driver's part: the sample
 * order, the loss coefficients e_i = ℓ′(g(x_i), y_i)/b, and the progressive loss (each example's
 * loss before it is trained on: an unbiased estimate of the current iterate's risk).
 */
public final class AveragedSgd {
  /**
   * @param eta the constant step η
   * @param lambda the L2 pull λ toward Θ⁽⁰⁾
   * @param batchSize examples per step (1 = Algorithm 1)
   */
  public record Config(double eta, double lambda, int batchSize) {
    public Config {
      if (!(eta > 0 && Double.isFinite(eta))) throw new IllegalArgumentException("--step must be positive and finite, got " + eta);
      if (!(lambda >= 0 && Double.isFinite(lambda))) throw new IllegalArgumentException("--lambda must be ≥ 0 and finite, got " + lambda);
      if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
      String v = StepCondition.violation(eta, lambda);
      if (v != null) throw new IllegalArgumentException(v);
    }
  }

  private final Config config;
  private final Loss loss;
  private final NtkNetwork net;
  private final DataMatrix examples;
  private final SampleOrder order;
  private long steps;
  private int[] rows;
  private double[] outputs;
  private double progressiveSum;
  private long progressiveCount;

  public AveragedSgd(Config config, Loss loss, NtkNetwork net, DataMatrix examples, long seed) {
    this.config = config;
    this.loss = loss;
    this.net = net;
    this.examples = examples;
    this.order = new SampleOrder(examples.rows(), config.batchSize(), seed);
  }

  public Config config() {
    return config;
  }

  /** Prepares the first batch (one round). */
  public void start() {
    rows = order.rows(0);
    outputs = net.prepare(rows);
  }

  /** One step: coefficients from the prepared batch's outputs, update, prepare the next batch (one round). */
  public void step() {
    if (outputs == null) throw new IllegalStateException("start() first");
    int b = rows.length;
    double[] coef = new double[b];
    for (int k = 0; k < b; k++) {
      double y = examples.y()[rows[k]];
      coef[k] = loss.derivative(outputs[k], y) / b;
      progressiveSum += loss.value(outputs[k], y);
      progressiveCount++;
    }
    steps++;
    int[] next = order.rows(steps);
    outputs = net.step(coef, config.eta(), config.lambda(), next);
    rows = next;
  }

  public long steps() {
    return steps;
  }

  /**
   * The driver's part of the run between two steps: the step and round counters, the prepared batch and its
   * outputs, and the progressive-loss sums. With the blocks (which hold Θ, Θ⁽⁰⁾, the running sums
   * and the prepared batch's activations) it is everything the next step depends on; the sample
   * order is a pure function of (seed, step), so no generator position is needed.
   */
  public record Snapshot(long steps, long rounds, int[] rows, double[] outputs, double progressiveSum, long progressiveCount)
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The state to save between steps (after {@link #start}). */
  public Snapshot snapshot() {
    if (outputs == null) throw new IllegalStateException("start() first");
    return new Snapshot(steps, net.rounds(), rows.clone(), outputs.clone(), progressiveSum, progressiveCount);
  }

  /**
   * Continues from a saved snapshot instead of {@link #start}: the network's blocks must be the
   * ones saved with it (they hold the prepared batch), so the next {@link #step} is the one the
   * uninterrupted run would have taken, bit for bit.
   */
  public void restore(Snapshot s) {
    if (s.rows().length != s.outputs().length || s.rows().length != config.batchSize()) {
      throw new IllegalArgumentException("the checkpoint's batch has " + s.rows().length + " rows, this run's --batch-size is " + config.batchSize());
    }
    steps = s.steps();
    rows = s.rows().clone();
    outputs = s.outputs().clone();
    progressiveSum = s.progressiveSum();
    progressiveCount = s.progressiveCount();
    net.continueCounting(s.rounds());
  }

  /** Examples seen so far. */
  public long samples() {
    return progressiveCount;
  }

  public double passes() {
    return order.passes(steps);
  }

  /** Mean loss of each example before its step, since the start (NaN before the first step). */
  public double progressiveLoss() {
    return progressiveCount == 0 ? Double.NaN : progressiveSum / progressiveCount;
  }

  public NtkNetwork network() {
    return net;
  }
}
