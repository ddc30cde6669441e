package org.stochopt.core.influence;

import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Loss;

/**
 * A linear model on margins (also on random features, which are rows too):
 * ℓ_i(θ) = φ(⟨θ, x_i⟩; y_i), ∇ℓ_i = φ'·x_i and, analytically,
 * ∇²ℓ_i·u = φ''(⟨θ, x_i⟩; y_i)·⟨x_i, u⟩·x_i. No intercept, as everywhere in stochopt.
 */
public final class LinearRowModel implements RowModel {
  private static final long serialVersionUID = 1L;

  private final Loss loss;
  private final int dim;

  public LinearRowModel(Loss loss, int dim) {
    MarginCurvature.check(loss);
    if (dim <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dim);
    this.loss = loss;
    this.dim = dim;
  }

  public Loss loss() {
    return loss;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public int featureDimension() {
    return dim;
  }

  @Override
  public double addGradient(double[] theta, RowBlock block, int row, double weight, double[] g) {
    double z = block.dot(row, theta);
    double y = block.label(row);
    if (g != null) block.axpy(row, weight * loss.derivative(z, y), g);
    return loss.value(z, y);
  }

  @Override
  public double replayRow(double[] theta, double[] u, RowBlock block, int row, double weight, double[] hu) {
    double[] zs = new double[2];
    block.dot2(row, theta, u, zs);
    double y = block.label(row);
    if (hu != null) block.axpy(row, weight * MarginCurvature.of(loss, zs[0], y) * zs[1], hu);
    return loss.derivative(zs[0], y) * zs[1];
  }

  @Override
  public boolean misclassified(double[] theta, RowBlock block, int row) {
    double z = block.dot(row, theta);
    return loss.isClassification() ? z * block.label(row) <= 0 : false;
  }

  @Override
  public String name() {
    return "linear-" + loss.name();
  }
}
