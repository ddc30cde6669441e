package org.stochopt.core.meanfield;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * One neuron h(θ, x) of a mean-field network, written through its pre-activation z = ⟨w, x⟩
 * where w = θ[inputOffset .. inputOffset + d) are the input weights. Particles live in a slab
 * (several particles per {@code double[]}), so every method takes the particle's offset.
 *
 * <p>The mean-field theory (Nitanda–Wu–Suzuki 2022, Chizat 2022) needs a bounded, smooth unit:
 * |h| ≤ {@link #bound()}. Implementations are stateless and serializable (they run on executors).
 */
public interface NeuronUnit extends Serializable {
  /** Number of parameters p of one particle for inputs of dimension d. */
  int parameterDim(int inputDim);

  /** Where the input weights w start inside θ. */
  int inputOffset();

  /** h(θ, x) given z = ⟨w, x⟩. */
  double value(double[] theta, int off, double z);

  /**
   * Adds {@code coef · ∂h/∂θ_k} to {@code grad[goff + k]} for the parameters k that are not input
   * weights, and returns {@code coef · ∂h/∂z}: the caller adds that multiple of x to the
   * input-weight part of the gradient (∂h/∂w = ∂h/∂z · x).
   */
  double addOuterGradient(double[] theta, int off, double z, double coef, double[] grad, int goff);

  /**
   * Turns pre-activations into whatever {@link #addValues} and {@link #outerGradients} read, in
   * place over v[0 .. n): for the tanh units t = tanh(z), so that a prediction and the gradient on
   * the same rows share one tanh per (particle, row). The default keeps z.
   */
  default void activate(double[] v, int n) {}

  /**
   * out[k] += Σ_{j &lt; count} h(θ_j, x_k) for k &lt; b, particles θ_j at theta[off + j·p], from
   * {@link #activate activated} values act[aOff + j·b + k] (particle-major); particles summed in
   * order for every k (the order the backends' bit-for-bit agreement relies on).
   */
  default void addValues(double[] theta, int off, int p, int count, double[] act, int aOff, int b, double[] out) {
    for (int j = 0; j < count; j++) {
      int row = aOff + j * b;
      for (int k = 0; k < b; k++) out[k] += value(theta, off + j * p, act[row + k]);
    }
  }

  /**
   * For every particle j &lt; count and row k &lt; b with coefficient coef[k]: adds coef[k]·∂h/∂θ
   * of the parameters that are not input weights to grad[j·p ..] (rows in order), and writes
   * dz[j·b + k] = coef[k]·∂h/∂z (the input-weight gradient is then Σ_k dz·x_k, one dgemm), from
   * {@link #activate activated} values act[aOff + j·b + k].
   */
  default void outerGradients(double[] theta, int off, int p, int count, double[] act, int aOff, double[] coef, int b,
      double[] dz, double[] grad) {
    for (int j = 0; j < count; j++) {
      for (int k = 0; k < b; k++) {
        dz[j * b + k] = addOuterGradient(theta, off + j * p, act[aOff + j * b + k], coef[k], grad, j * p);
      }
    }
  }

  /** sup |h| (the constant C of the mean-field analyses). */
  double bound();

  /** Draws an initial particle into θ[off .. off + p). */
  void initialize(SplittableRandom rng, double[] theta, int off, int inputDim);

  /** Command-line name, e.g. {@code tanh} or {@code bounded-tanh:2.0}. */
  String spec();

  /** Parses {@code tanh} or {@code bounded-tanh[:R]}. */
  static NeuronUnit parse(String spec) {
    String s = spec == null ? "" : spec.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("tanh")) return new TanhUnit();
    if (s.equals("bounded-tanh")) return new BoundedTanhUnit(BoundedTanhUnit.DEFAULT_SCALE);
    if (s.startsWith("bounded-tanh:")) {
      String r = s.substring("bounded-tanh:".length());
      double scale;
      try {
        scale = Double.parseDouble(r);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bounded-tanh output scale must be a number, got '" + r + "'");
      }
      return new BoundedTanhUnit(scale);
    }
    throw new IllegalArgumentException("unknown unit '" + spec + "' (expected tanh or bounded-tanh[:R])");
  }
}
