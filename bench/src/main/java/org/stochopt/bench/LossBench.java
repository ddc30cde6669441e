package org.stochopt.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.Numerics;

/**
 * The logistic loss per row, without any data: one op evaluates {@link #ROWS} (margin, label)
 * pairs held in L1. {@code valueThenDerivativeBefore} is what a pass paid before this branch (two
 * exponentials and a native log1p), {@code derivativeWithValue} the shared-exponential call the
 * passes use now, {@code derivative} the minibatch-difference path (no value), and {@code exp},
 * {@code log1p} (native on JDK 17) and {@code log1pJava} (core's transcription) alone, to see where
 * the time goes. Each evaluation depends only on its own inputs, so this is throughput; inside a
 * pass the loss also adds latency (the axpy waits for it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LossBench {
  /** Evaluations per op. */
  public static final int ROWS = 4096;

  private final Loss loss = new LogisticLoss();
  private final double[] margins = new double[ROWS];
  private final double[] labels = new double[ROWS];
  private final double[] value = new double[1];

  @Setup
  public void generate() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < ROWS; i++) {
      margins[i] = 4.0 * (2.0 * rnd.nextDouble() - 1.0); // |yz| ≤ 4: the unsaturated range of a fit
      labels[i] = rnd.nextBoolean() ? 1.0 : -1.0;
    }
  }

  /** What a pass paid before this branch: value and derivative separately, native Math.log1p (inlined copy). */
  @Benchmark
  public double valueThenDerivativeBefore() {
    double s = 0.0;
    for (int i = 0; i < ROWS; i++) {
      double x = -labels[i] * margins[i];
      double value = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
      double sigmoid;
      if (x >= 0) {
        sigmoid = 1.0 / (1.0 + Math.exp(-x));
      } else {
        double e = Math.exp(x);
        sigmoid = e / (1.0 + e);
      }
      s += value - labels[i] * sigmoid;
    }
    return s;
  }

  /** Value and derivative as two calls, today's code (two exponentials, core's Java log1p). */
  @Benchmark
  public double valueThenDerivative() {
    double s = 0.0;
    for (int i = 0; i < ROWS; i++) s += loss.value(margins[i], labels[i]) + loss.derivative(margins[i], labels[i]);
    return s;
  }

  @Benchmark
  public double derivativeWithValue() {
    double s = 0.0;
    for (int i = 0; i < ROWS; i++) s += loss.derivativeWithValue(margins[i], labels[i], value) + value[0];
    return s;
  }

  /**
   * Candidate: the shared-exponential call with log1p(e) computed as log(u)·e/(u − 1), u = 1 + e
   * (Goldberg's trick: Math.log is a JIT intrinsic, Math.log1p a native call on JDK 17); accurate
   * to a few ulps, not bit-identical to Math.log1p.
   */
  @Benchmark
  public double derivativeWithValueLogTrick() {
    double s = 0.0;
    for (int i = 0; i < ROWS; i++) {
      double t = -labels[i] * margins[i];
      double e = Math.exp(-Math.abs(t));
      double u = 1.0 + e;
      double l = u == 1.0 ? e : Math.log(u) * (e / (u - 1.0));
      double v = t > 0 ? t + l : l;
      s += v - labels[i] * (t >= 0 ? 1.0 / u : e / u);
    }
    return s;
  }

  @Benchmark
  public double derivative() {
    double s = 0.0;
    for (int i = 0; i < ROWS; i++) s += loss.derivative(margins[i], labels[i]);
    return s;
  }

  @Benchmark
  public double exp() {
    double s = 0.0;
    for (int i = 0; i < ROWS; i++) s += Math.exp(-Math.abs(margins[i]));
    return s;
  }

  @Benchmark
  public double log1p() {
    double s = 0.0;
    for (int i = 0; i < ROWS; i++) s += Math.log1p(Math.abs(margins[i]) * 0.25);
    return s;
  }

  /** core's Java transcription of fdlibm log1p (bit-identical to Math.log1p), same arguments. */
  @Benchmark
  public double log1pJava() {
    double s = 0.0;
    for (int i = 0; i < ROWS; i++) s += Numerics.log1p(Math.abs(margins[i]) * 0.25);
    return s;
  }
}
