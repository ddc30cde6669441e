package org.stochopt.core.influence;

import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.ntk.NeuronBlock;
import org.stochopt.core.ntk.NtkShape;
import org.stochopt.core.ntk.TrainedLayers;

/**
 * The two-layer network of the NTK experiments, g(x) = s·Σ_r a_r σ(z_r), z_r = ⟨b_r, x⟩ + γc_r,
 * s = 1/√M ({@link NtkShape}), under a margin loss ℓ_i = φ(g(x_i); y_i), with all its
 * parameters in one vector the replay can hold: θ = [a_1..a_M | c_1..c_M | b_1 | … | b_M]
 * (M(d + 2) numbers; the b_r rows last, so ⟨b_r, x⟩ is a row dot product at offset 2M + rd).
 * θ₀ is the NTK's symmetric initialisation ({@link NeuronBlock#initial}, same seed, same bits),
 * so g₀ ≡ 0.
 *
 * <p><b>Gradient</b> (∂g): ∂_{a_r} = sσ(z_r), ∂_{c_r} = s a_r σ′(z_r) γ, ∂_{b_r} = s a_r σ′(z_r) x;
 * ∇ℓ = φ′(g)·∂g.
 *
 * <p><b>Exact Hessian–vector product</b>, forward-over-reverse written by hand. For a direction
 * u = (u_a, u_c, u_b) the forward pass gives dz_r = ⟨u_{b_r}, x⟩ + γu_{c_r} and
 * Jv = ⟨∂g, u⟩ = s·Σ_r (u_{a_r} σ(z_r) + a_r σ′(z_r) dz_r); differentiating the gradient along u,
 * <pre>
 *   ∇²ℓ·u = φ''(g)·Jv·∂g + φ′(g)·(∂²g·u),
 *   (∂²g·u)_{a_r} = s σ′(z_r) dz_r,
 *   (∂²g·u)_{c_r} = s (u_{a_r} σ′(z_r) + a_r σ''(z_r) dz_r)·γ,   (∂²g·u)_{b_r} = the same coefficient · x.
 * </pre>
 * One pass over the row, O(Md) like the gradient; tested against central differences of the
 * gradient. The Hessian is indefinite (no convexity is assumed, nor needed by SGD-influence).
 */
public final class TwoLayerRowModel implements RowModel {
  private static final long serialVersionUID = 1L;

  private final NtkShape shape;
  private final Loss loss;
  private final long seed;
  private final int m;
  private final int d;

  /** @param shape width, input dimension, R, γ, σ; every layer is trained, so layers must be BOTH */
  public TwoLayerRowModel(NtkShape shape, Loss loss, long seed) {
    MarginCurvature.check(loss);
    ActivationCurvature.check(shape.activation());
    if (shape.layers() != TrainedLayers.BOTH) {
      throw new IllegalArgumentException("the influence replay trains every layer of the network; --train-layers must be both");
    }
    Math.multiplyExact(shape.width(), shape.parametersPerNeuron());
    this.shape = shape;
    this.loss = loss;
    this.seed = seed;
    this.m = shape.width();
    this.d = shape.inputDim();
  }

  public NtkShape shape() {
    return shape;
  }

  @Override
  public int dimension() {
    return m * (d + 2);
  }

  @Override
  public int featureDimension() {
    return d;
  }

  @Override
  public double[] initialParameters() {
    NeuronBlock b = NeuronBlock.initial(shape, 0, m, seed);
    double[] theta = new double[dimension()];
    for (int r = 0; r < m; r++) {
      double[] n = b.neuron(r, false); // [a, b_1..b_d, c]
      theta[r] = n[0];
      theta[m + r] = n[d + 1];
      System.arraycopy(n, 1, theta, 2 * m + r * d, d);
    }
    return theta;
  }

  /** z_r into {@code z}; returns g(x). */
  private double forward(double[] theta, RowBlock block, int row, double[] z) {
    double gamma = shape.biasScale();
    double g = 0.0;
    for (int r = 0; r < m; r++) {
      z[r] = block.dot(row, theta, 2 * m + r * d) + gamma * theta[m + r];
      g += theta[r] * shape.activation().value(z[r]);
    }
    return shape.outputFactor() * g;
  }

  @Override
  public double addGradient(double[] theta, RowBlock block, int row, double weight, double[] g) {
    double[] z = new double[m];
    double out = forward(theta, block, row, z);
    double y = block.label(row);
    if (g != null) {
      double e = weight * loss.derivative(out, y) * shape.outputFactor();
      double gamma = shape.biasScale();
      for (int r = 0; r < m; r++) {
        double back = e * theta[r] * shape.activation().derivative(z[r]);
        g[r] += e * shape.activation().value(z[r]);
        g[m + r] += back * gamma;
        block.axpy(row, back, g, 2 * m + r * d);
      }
    }
    return loss.value(out, y);
  }

  @Override
  public double replayRow(double[] theta, double[] u, RowBlock block, int row, double weight, double[] hu) {
    double[] z = new double[m];
    double out = forward(theta, block, row, z);
    double y = block.label(row);
    double s = shape.outputFactor();
    double gamma = shape.biasScale();
    double[] dz = new double[m];
    double jv = 0.0;
    for (int r = 0; r < m; r++) {
      dz[r] = block.dot(row, u, 2 * m + r * d) + gamma * u[m + r];
      jv += u[r] * shape.activation().value(z[r]) + theta[r] * shape.activation().derivative(z[r]) * dz[r];
    }
    jv *= s;
    double phi1 = loss.derivative(out, y);
    if (hu != null) {
      double phi2 = MarginCurvature.of(loss, out, y);
      for (int r = 0; r < m; r++) {
        double sig = shape.activation().value(z[r]);
        double sig1 = shape.activation().derivative(z[r]);
        double sig2 = ActivationCurvature.of(shape.activation(), z[r]);
        hu[r] += weight * s * (phi2 * jv * sig + phi1 * sig1 * dz[r]);
        double coef = weight * s * (phi2 * jv * theta[r] * sig1 + phi1 * (u[r] * sig1 + theta[r] * sig2 * dz[r]));
        hu[m + r] += coef * gamma;
        block.axpy(row, coef, hu, 2 * m + r * d);
      }
    }
    return phi1 * jv;
  }

  @Override
  public boolean misclassified(double[] theta, RowBlock block, int row) {
    if (!loss.isClassification()) return false;
    return forward(theta, block, row, new double[m]) * block.label(row) <= 0;
  }

  @Override
  public String name() {
    return "two-layer-" + shape.activation().spec() + "-M" + m + "-" + loss.name();
  }
}
