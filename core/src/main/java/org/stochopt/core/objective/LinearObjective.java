package org.stochopt.core.objective;

import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.Loss;

/**
 * Linear models on margins: f_i(w) = φ(⟨w, x_i⟩; y_i), ∇f_i(w) = φ'(⟨w, x_i⟩; y_i) · x_i, and
 * L_i = sup φ'' · ‖x_i‖². No intercept: add a constant feature to the data if one is wanted.
 */
public final class LinearObjective implements FiniteSumObjective {
  private static final long serialVersionUID = 1L;

  private final Loss loss;
  private final int dim;

  public LinearObjective(Loss loss, int dim) {
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
  public void accumulate(double[] w, RowBlock block, GradientSum acc) {
    checkBlock(block);
    long t0 = System.nanoTime();
    double[] g = acc.gradient();
    double lossSum = 0.0;
    double[] value = new double[1];
    int rows = block.rows();
    for (int r = 0; r < rows; r++) {
      double d = loss.derivativeWithValue(block.dot(r, w), block.label(r), value);
      lossSum += value[0];
      block.axpy(r, d, g);
    }
    acc.addLoss(lossSum);
    acc.addCount(rows);
    acc.addComputeNanos(System.nanoTime() - t0);
  }

  @Override
  public void accumulateRows(double[] w, RowBlock block, int[] rows, double[] weights, GradientSum acc) {
    checkBlock(block);
    long t0 = System.nanoTime();
    double[] g = acc.gradient();
    double lossSum = 0.0;
    double count = 0.0;
    double[] value = new double[1];
    for (int k = 0; k < rows.length; k++) {
      int r = rows[k];
      double c = weights == null ? 1.0 : weights[k];
      double d = loss.derivativeWithValue(block.dot(r, w), block.label(r), value);
      lossSum += c * value[0];
      block.axpy(r, c * d, g);
      count += c;
    }
    acc.addLoss(lossSum);
    acc.addCount(count);
    acc.addComputeNanos(System.nanoTime() - t0);
  }

  @Override
  public void accumulateDifference(
      double[] w, double[] anchor, RowBlock block, int[] rows, double[] weights, GradientSum acc) {
    checkBlock(block);
    long t0 = System.nanoTime();
    double[] g = acc.gradient();
    double count = 0.0;
    double[] margins = new double[2];
    for (int k = 0; k < rows.length; k++) {
      int r = rows[k];
      double c = weights == null ? 1.0 : weights[k];
      double y = block.label(r);
      block.dot2(r, w, anchor, margins); // one read of the row for both margins
      double delta = loss.derivative(margins[0], y) - loss.derivative(margins[1], y);
      block.axpy(r, c * delta, g);
      count += c;
    }
    acc.addCount(count);
    acc.addComputeNanos(System.nanoTime() - t0);
  }

  @Override
  public double componentSmoothness(RowBlock block, int row) {
    return loss.curvatureBound() * block.squaredNorm(row);
  }

  @Override
  public void accumulateCurvatureProduct(double[] v, RowBlock block, GradientSum acc) {
    checkBlock(block);
    double c = loss.curvatureBound();
    double[] g = acc.gradient();
    for (int r = 0; r < block.rows(); r++) block.axpy(r, c * block.dot(r, v), g);
    acc.addCount(block.rows());
  }

  private void checkBlock(RowBlock block) {
    if (block.dim() != dim) {
      throw new IllegalArgumentException(
          "data has dimension " + block.dim() + " but the model has dimension " + dim);
    }
  }
}
