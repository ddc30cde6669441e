package org.stochopt.core.ntk;

import java.io.Serializable;
import java.util.Locale;

/**
 * The activation σ of an NTK network, with its derivative σ′ (the input-layer gradient needs it).
 * Stateless and serializable: it runs inside executor tasks.
 *
 * <p>Theorem 1 of Nitanda &amp; Suzuki (ICLR 2021) assumes (A1) ‖σ″‖∞ ≤ C, ‖σ′‖∞ ≤ 2,
 * |σ(u)| ≤ 1 + |u|: swish, tanh and sigmoid satisfy it, ReLU does not (it is offered because its
 * NTK has a closed form and a known spectrum, which is what the spectrum command and the targets use).
 */
public interface Activation extends Serializable {
  double value(double z);

  double derivative(double z);

  /** Whether (A1) of Theorem 1 holds (everything but ReLU). */
  boolean smooth();

  /** Command-line name: relu, swish:s, tanh, sigmoid. */
  String spec();

  /**
   * act[k] = σ(v[k]) and, when {@code der} is not null, der[k] = σ′(v[k]) for k &lt; n, in one pass:
   * swish and sigmoid share one exp (tanh one tanh) per entry between σ and σ′, which is what a
   * neuron block's step spends its time on at small d. Same bits as {@link #value}/{@link #derivative}.
   * {@code act} may be {@code v} itself (each entry is read before it is written).
   */
  default void evaluate(double[] v, double[] act, double[] der, int n) {
    for (int k = 0; k < n; k++) {
      double z = v[k];
      act[k] = value(z);
      if (der != null) der[k] = derivative(z);
    }
  }

  /** Parses relu, swish[:s] (default s = 10, the paper's learning curves), tanh, sigmoid. */
  static Activation parse(String spec) {
    String s = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
    switch (s) {
      case "relu": return new Relu();
      case "tanh": return new Tanh();
      case "sigmoid": return new Sigmoid();
      case "swish": return new Swish(10.0);
      default:
    }
    if (s.startsWith("swish:")) {
      double sharpness;
      try {
        sharpness = Double.parseDouble(s.substring("swish:".length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--activation swish:s needs a number s, got '" + spec + "'");
      }
      if (!(sharpness > 0 && Double.isFinite(sharpness))) {
        throw new IllegalArgumentException("--activation swish:s needs s > 0, got " + sharpness);
      }
      return new Swish(sharpness);
    }
    throw new IllegalArgumentException("--activation must be relu, swish[:s], tanh or sigmoid, got '" + spec + "'");
  }

  /** max(z, 0); σ′ = 1{z &gt; 0}. */
  record Relu() implements Activation {
    public double value(double z) {
      return z > 0 ? z : 0.0;
    }

    public double derivative(double z) {
      return z > 0 ? 1.0 : 0.0;
    }

    @Override
    public void evaluate(double[] v, double[] act, double[] der, int n) {
      for (int k = 0; k < n; k++) {
        double z = v[k];
        act[k] = z > 0 ? z : 0.0;
        if (der != null) der[k] = z > 0 ? 1.0 : 0.0;
      }
    }

    public boolean smooth() {
      return false;
    }

    public String spec() {
      return "relu";
    }
  }

  /** σ(z) = z / (1 + e^{−sz}), the smooth ReLU of Corollary 2; σ′ = u + s z u (1 − u) with u = 1/(1 + e^{−sz}). */
  record Swish(double sharpness) implements Activation {
    public double value(double z) {
      return z * logistic(sharpness * z);
    }

    public double derivative(double z) {
      double u = logistic(sharpness * z);
      return u + sharpness * z * u * (1.0 - u);
    }

    @Override
    public void evaluate(double[] v, double[] act, double[] der, int n) {
      if (der == null) {
        for (int k = 0; k < n; k++) act[k] = value(v[k]);
        return;
      }
      for (int k = 0; k < n; k++) {
        double z = v[k];
        double u = logistic(sharpness * z);
        act[k] = z * u;
        der[k] = u + sharpness * z * u * (1.0 - u);
      }
    }

    public boolean smooth() {
      return true;
    }

    public String spec() {
      return "swish:" + sharpness;
    }
  }

  /** tanh; σ′ = 1 − tanh². */
  record Tanh() implements Activation {
    public double value(double z) {
      return Math.tanh(z);
    }

    public double derivative(double z) {
      double t = Math.tanh(z);
      return 1.0 - t * t;
    }

    @Override
    public void evaluate(double[] v, double[] act, double[] der, int n) {
      for (int k = 0; k < n; k++) {
        double t = Math.tanh(v[k]);
        act[k] = t;
        if (der != null) der[k] = 1.0 - t * t;
      }
    }

    public boolean smooth() {
      return true;
    }

    public String spec() {
      return "tanh";
    }
  }

  /** 1/(1 + e^{−z}); σ′ = σ(1 − σ). */
  record Sigmoid() implements Activation {
    public double value(double z) {
      return logistic(z);
    }

    public double derivative(double z) {
      double u = logistic(z);
      return u * (1.0 - u);
    }

    @Override
    public void evaluate(double[] v, double[] act, double[] der, int n) {
      for (int k = 0; k < n; k++) {
        double u = logistic(v[k]);
        act[k] = u;
        if (der != null) der[k] = u * (1.0 - u);
      }
    }

    public boolean smooth() {
      return true;
    }

    public String spec() {
      return "sigmoid";
    }
  }

  /** 1/(1 + e^{−t}) without overflow for large |t|. */
  static double logistic(double t) {
    if (t >= 0) return 1.0 / (1.0 + Math.exp(-t));
    double e = Math.exp(t);
    return e / (1.0 + e);
  }
}
