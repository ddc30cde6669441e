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

/**
 * The logistic loss per row, without any data: one op evaluates {@link #ROWS} (margin, label)
 * pairs held in L1. {@code valueThenDerivative} is what a pass paid before (two exponentials and a
 * log1p), {@code derivativeWithValue} the shared-exponential call the passes use now,
 * {@code derivative} the minibatch-difference path (no value), and {@code exp} / {@code log1p} the
 * two library functions alone, to see where the time goes. Each evaluation depends only on its own
 * inputs, so this is throughput; inside a pass the loss also adds latency (the axpy waits for it).
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
}
