package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stochopt.core.features.GaussianRff;
import org.stochopt.core.features.OnTheFlyFeatureBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.Numerics;
import org.stochopt.core.loss.SmoothedHingeLoss;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;

/**
 * The fast kernels against plain reference loops: the shared-exponential loss call, the one-read
 * two-margin dot and the software-pipelined passes must give the same bits as the straightforward
 * code they replace (so in-process and Spark, and stored and on-the-fly rows, keep agreeing), and
 * the multi-sum CSR dot must agree with a one-sum dot to rounding.
 */
class KernelAgreementTest {
  private static final List<Loss> LOSSES =
      List.of(new LogisticLoss(), new SquaredLoss(), new SmoothedHingeLoss(1.0), new SmoothedHingeLoss(0.3));

  @Test
  void derivativeWithValueIsBitIdenticalToValueAndDerivative() {
    double[] margins = {0.0, -0.0, 1e-300, -1e-300, 1e-9, 0.5, -0.5, 1.0, -1.0, 3.7, -3.7, 36.0, -36.0, 700, -700,
        745.2, -745.2, 1e5, -1e5, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN};
    SplittableRandom rnd = new SplittableRandom(1);
    double[] value = new double[1];
    for (Loss loss : LOSSES) {
      for (double y : new double[] {-1.0, 1.0}) {
        for (int i = 0; i < margins.length + 5000; i++) {
          double z = i < margins.length ? margins[i] : 20.0 * (2.0 * rnd.nextDouble() - 1.0);
          double d = loss.derivativeWithValue(z, y, value);
          String at = loss.name() + " at z=" + z + " y=" + y;
          assertEquals(Double.doubleToLongBits(loss.derivative(z, y)), Double.doubleToLongBits(d), at);
          assertEquals(Double.doubleToLongBits(loss.value(z, y)), Double.doubleToLongBits(value[0]), at);
        }
      }
    }
  }

  @Test
  void javaLog1pIsBitIdenticalToStrictMath() {
    double[] special = {0.0, -0.0, 1.0, -1.0, -0.5, 0.41421, 0.41422, 0.41423, -0.2929, -0.29289, -0.29291, 1e-300,
        -1e-300, Double.MIN_VALUE, 1e-17, 1e-9, 2.0, 1e10, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, -2.0, Double.NaN, Math.ulp(1.0), Math.sqrt(2) - 1};
    SplittableRandom rnd = new SplittableRandom(2);
    for (int i = 0; i < special.length + 400_000; i++) {
      double x;
      if (i < special.length) {
        x = special[i];
      } else if (i % 3 == 0) {
        x = Math.exp(-40.0 * rnd.nextDouble()); // the logistic loss's argument, exp(−|t|)
      } else if (i % 3 == 1) {
        x = 2.5 * rnd.nextDouble() - 1.0;
      } else {
        x = Math.scalb(1.0 + rnd.nextDouble(), rnd.nextInt(-1080, 1024)) * (rnd.nextBoolean() ? 1 : -1);
      }
      double expected = StrictMath.log1p(x);
      double actual = Numerics.log1p(x);
      if (Double.isNaN(expected)) {
        assertEquals(true, Double.isNaN(actual), "log1p(" + x + ")");
      } else {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), "log1p(" + x + ")");
      }
    }
  }

  @Test
  void dot2IsBitIdenticalToTwoDotsOnEveryLayout() {
    for (RowBlock block : blocks()) {
      double[] a = vector(block.dim(), 3);
      double[] b = vector(block.dim(), 4);
      double[] out = new double[2];
      for (int r = 0; r < block.rows(); r++) {
        block.dot2(r, a, b, out);
        assertEquals(Double.doubleToLongBits(block.dot(r, a)), Double.doubleToLongBits(out[0]), block + " row " + r);
        assertEquals(Double.doubleToLongBits(block.dot(r, b)), Double.doubleToLongBits(out[1]), block + " row " + r);
      }
    }
  }

  @Test
  void multiSumDotsAgreeWithOneSumDotsToRounding() {
    for (RowBlock block : blocks()) {
      double[] w = vector(block.dim(), 5);
      for (int r = 0; r < block.rows(); r++) {
        double[] s = {0.0, 0.0}; // one running sum, and Σ|x_j w_j| for the rounding scale
        block.forEachEntry(r, (j, v) -> {
          s[0] += v * w[j];
          s[1] += Math.abs(v * w[j]);
        });
        assertEquals(s[0], block.dot(r, w), 1e-14 * Math.max(s[1], 1e-300), block + " row " + r);
      }
    }
  }

  @Test
  void pipelinedPassesAreBitIdenticalToPlainLoops() {
    SplittableRandom rnd = new SplittableRandom(9);
    for (RowBlock block : blocks()) {
      for (Loss loss : LOSSES) {
        LinearObjective objective = new LinearObjective(loss, block.dim());
        double[] w = vector(block.dim(), 6);
        double[] anchor = vector(block.dim(), 7);
        int[] rows = new int[23]; // with repeats, out of order
        double[] weights = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
          rows[k] = rnd.nextInt(block.rows());
          weights[k] = 0.5 + rnd.nextDouble();
        }
        int[] all = new int[block.rows()];
        for (int r = 0; r < all.length; r++) all[r] = r;
        String at = loss.name() + " on " + block;

        GradientSum full = new GradientSum(block.dim());
        objective.accumulate(w, block, full);
        assertSame(plainRows(loss, w, block, all, null), full, at + " (full pass)");

        for (double[] c : new double[][] {null, weights}) {
          GradientSum batch = new GradientSum(block.dim());
          objective.accumulateRows(w, block, rows, c, batch);
          assertSame(plainRows(loss, w, block, rows, c), batch, at + " (rows)");

          GradientSum diff = new GradientSum(block.dim());
          objective.accumulateDifference(w, anchor, block, rows, c, diff);
          assertSame(plainDifference(loss, w, anchor, block, rows, c), diff, at + " (difference)");
        }
        GradientSum empty = new GradientSum(block.dim());
        objective.accumulateRows(w, block, new int[0], null, empty);
        objective.accumulateDifference(w, anchor, block, new int[0], null, empty);
        assertEquals(0.0, empty.count());
      }
    }
  }

  /** The loop accumulate/accumulateRows ran before: dot, value, derivative, axpy, row by row. */
  private static GradientSum plainRows(Loss loss, double[] w, RowBlock block, int[] rows, double[] weights) {
    GradientSum acc = new GradientSum(block.dim());
    double lossSum = 0.0;
    double count = 0.0;
    for (int k = 0; k < rows.length; k++) {
      int r = rows[k];
      double c = weights == null ? 1.0 : weights[k];
      double z = block.dot(r, w);
      lossSum += c * loss.value(z, block.label(r));
      block.axpy(r, c * loss.derivative(z, block.label(r)), acc.gradient());
      count += c;
    }
    acc.addLoss(lossSum);
    acc.addCount(count);
    return acc;
  }

  /** The loop accumulateDifference ran before: two separate dots per row. */
  private static GradientSum plainDifference(
      Loss loss, double[] w, double[] anchor, RowBlock block, int[] rows, double[] weights) {
    GradientSum acc = new GradientSum(block.dim());
    double count = 0.0;
    for (int k = 0; k < rows.length; k++) {
      int r = rows[k];
      double c = weights == null ? 1.0 : weights[k];
      double y = block.label(r);
      double delta = loss.derivative(block.dot(r, w), y) - loss.derivative(block.dot(r, anchor), y);
      block.axpy(r, c * delta, acc.gradient());
      count += c;
    }
    acc.addCount(count);
    return acc;
  }

  private static void assertSame(GradientSum expected, GradientSum actual, String at) {
    assertArrayEquals(expected.gradient(), actual.gradient(), 0.0, at + ": gradient");
    assertEquals(Double.doubleToLongBits(expected.loss()), Double.doubleToLongBits(actual.loss()), at + ": loss");
    assertEquals(expected.count(), actual.count(), 0.0, at + ": count");
  }

  /**
   * Dense, CSR (row lengths 0..9, so every remainder of the four-way unroll), on-the-fly features,
   * and dense rows long enough that the passes keep the plain order.
   */
  private static List<RowBlock> blocks() {
    RowBlock dense = TestData.builder(40, 11, 1.0, true, 21).buildDense(11, 0);
    SplittableRandom rnd = new SplittableRandom(22);
    RowBlockBuilder sparse = new RowBlockBuilder();
    int d = 50;
    for (int r = 0; r < 60; r++) {
      int count = r % 10;
      int[] idx = new int[count];
      double[] val = new double[count];
      int j = rnd.nextInt(5);
      for (int k = 0; k < count; k++) {
        idx[k] = j;
        val[k] = 2.0 * rnd.nextDouble() - 1.0;
        j += 1 + rnd.nextInt(4);
      }
      sparse.addRow(rnd.nextBoolean() ? 1.0 : -1.0, idx, val, count);
    }
    RowBlock csr = sparse.buildSparse(d, 0);
    RowBlock raw = TestData.builder(30, 5, 1.0, true, 23).buildDense(5, 0);
    RowBlock onTheFly = new OnTheFlyFeatureBlock(raw, new GaussianRff(5, 18, 1.0, 24));
    RowBlock longRows = TestData.builder(12, 80, 1.0, true, 25).buildDense(80, 0); // not pipelined (> 64 per row)
    return List.of(dense, csr, onTheFly, longRows);
  }

  private static double[] vector(int d, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[d];
    for (int j = 0; j < d; j++) v[j] = 2.0 * rnd.nextDouble() - 1.0;
    return v;
  }
}
