package org.stochopt.core.embed;

import java.util.SplittableRandom;

/**
 * Negative sampling for an edge (u, v): k nodes v′ drawn uniformly among those not joined to u in
 * the training graph (10 tries each; after that the draw is v itself, a harmless repeat of the
 * positive). With scores sⱼ = s(u, ·) for v (j = 0) and the negatives (j = 1..k):
 *
 * <pre>
 *   softmax  (Nickel &amp; Kiela 2017):   L = log Σ_{j=0..k} exp(sⱼ) − s₀
 *            ∂L/∂sⱼ = softmaxⱼ(s) − [j = 0]
 *   logistic (Suzuki et al. 2021):    L = −log σ(s₀ + b) − Σ_{j≥1} log σ(−sⱼ − b)
 *            ∂L/∂s₀ = −σ(−s₀ − b),  ∂L/∂sⱼ = σ(sⱼ + b)
 * </pre>
 *
 * The bias b shifts the score so that a hyperbolic score −d (always ≤ 0) can still make σ &gt; ½.
 *
 * <p>Optionally (Nickel &amp; Kiela's reference code, {@code hype/graph_dataset.pyx}) the negatives
 * of the burn-in steps are drawn from the damped "unigram" distribution P(w) ∝ c_w^0.75, where
 * c_w counts the training edges (u, w) whose second end is w — in a closure, the number of
 * descendants of w — with the same rejection of u and of u's training neighbours. Nodes that are
 * never a second end (leaves) are not drawn during burn-in, so early steps push the rows apart
 * from the frequent, general nodes, which sets the angular layout near the origin.
 */
public final class LinkObjective implements EmbeddingObjective {
  private static final long serialVersionUID = 1L;
  static final int TRIES = 10;

  /** Which negative-sampling loss. */
  public enum Kind {
    SOFTMAX, LOGISTIC;

    public static Kind parse(String s) {
      return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "softmax" -> SOFTMAX;
        case "logistic" -> LOGISTIC;
        default -> throw new IllegalArgumentException("embedding --loss must be softmax or logistic, got '" + s + "'");
      };
    }
  }

  private final Kind kind;
  private final int negatives;
  private final double bias;
  private final int nodeCount;
  private final Adjacency train;
  private final AliasSampler burninNegatives;
  private final long burninSteps;

  /**
   * Uniform negatives throughout.
   *
   * @param train the training edges, to keep negatives off them
   * @param nodeCount n (negatives are drawn from 0..n−1)
   */
  public LinkObjective(Kind kind, int negatives, double bias, int nodeCount, Adjacency train) {
    this(kind, negatives, bias, nodeCount, train, null, 0);
  }

  /**
   * @param burninNegatives the distribution of the negatives of steps t &lt; burninSteps (null:
   *     uniform throughout), e.g. {@link #unigram}
   */
  public LinkObjective(Kind kind, int negatives, double bias, int nodeCount, Adjacency train, AliasSampler burninNegatives,
      long burninSteps) {
    if (negatives < 1) throw new IllegalArgumentException("--negatives must be at least 1, got " + negatives);
    if (burninNegatives != null && burninNegatives.size() != nodeCount) {
      throw new IllegalArgumentException("burn-in sampler has " + burninNegatives.size() + " nodes, the graph " + nodeCount);
    }
    this.kind = kind;
    this.negatives = negatives;
    this.bias = bias;
    this.nodeCount = nodeCount;
    this.train = train;
    this.burninNegatives = burninNegatives;
    this.burninSteps = burninNegatives == null ? 0 : burninSteps;
  }

  /**
   * The damped unigram distribution P(w) ∝ c_w^power of the reference code, c_w = the number of
   * training edges (u, w) with w second.
   */
  public static AliasSampler unigram(int[] edges, int nodeCount, double power) {
    double[] c = new double[nodeCount];
    for (int e = 1; e < edges.length; e += 2) c[edges[e]]++;
    for (int i = 0; i < nodeCount; i++) c[i] = Math.pow(c[i], power);
    return new AliasSampler(c);
  }

  @Override
  public int arity() {
    return 2;
  }

  @Override
  public int[] nodes(int[] tuples, int offset, SplittableRandom rng) {
    return nodes(tuples, offset, rng, Long.MAX_VALUE);
  }

  @Override
  public int[] nodes(int[] tuples, int offset, SplittableRandom rng, long step) {
    boolean burnin = step < burninSteps;
    int u = tuples[offset], v = tuples[offset + 1];
    int[] out = new int[2 + negatives];
    out[0] = u;
    out[1] = v;
    for (int j = 0; j < negatives; j++) {
      int w = v;
      for (int t = 0; t < TRIES; t++) {
        int c = burnin ? burninNegatives.draw(rng) : rng.nextInt(nodeCount);
        if (c != u && !train.has(u, c)) {
          w = c;
          break;
        }
      }
      out[2 + j] = w;
    }
    return out;
  }

  @Override
  public double lossAndGradient(Manifold m, double[] rows, int[] slots, int width, double[] grads) {
    int k = slots.length - 1; // scores for j = 0 (positive) .. k−1
    double[] s = new double[k];
    int u = slots[0] * width;
    for (int j = 0; j < k; j++) s[j] = m.score(rows, u, rows, slots[j + 1] * width, width);
    double[] ds = new double[k];
    double loss;
    if (kind == Kind.SOFTMAX) {
      double max = Double.NEGATIVE_INFINITY;
      for (double x : s) max = Math.max(max, x);
      double z = 0;
      for (int j = 0; j < k; j++) {
        ds[j] = Math.exp(s[j] - max);
        z += ds[j];
      }
      for (int j = 0; j < k; j++) ds[j] /= z;
      ds[0] -= 1;
      loss = max + Math.log(z) - s[0];
    } else {
      loss = softplus(-(s[0] + bias));
      ds[0] = -sigmoid(-(s[0] + bias));
      for (int j = 1; j < k; j++) {
        loss += softplus(s[j] + bias);
        ds[j] = sigmoid(s[j] + bias);
      }
    }
    for (int j = 0; j < k; j++) {
      int b = slots[j + 1] * width;
      m.addScoreGradient(rows, u, rows, b, width, ds[j], grads, u, grads, b);
    }
    return loss;
  }

  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  @Override
  public String describe() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " loss, " + negatives + " negatives"
        + (kind == Kind.LOGISTIC ? ", bias " + bias : "") + (burninSteps > 0 ? ", unigram^0.75 negatives in burn-in" : "");
  }
}
