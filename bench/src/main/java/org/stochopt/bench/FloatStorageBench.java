package org.stochopt.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.stochopt.core.linalg.Vec;

/**
 * Candidate: dense rows stored as {@code float} (4 bytes per entry instead of 8), arithmetic in
 * double (each entry widened on load, same four-sum dot as core). Halves the bytes a pass reads;
 * changes the data itself (values rounded to 24-bit mantissas), so it could only ever be an option.
 * {@code doubleDotAxpy} is core's double kernel on the same values, for the comparison in one run.
 * GB/s for the float kernel counts its own (halved) bytes; compare nonzeros/s between the two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FloatStorageBench {

  @Param({"dense-20000x784"})
  public String shape;

  private int rows;
  private int dim;
  private double[] values;
  private float[] floats;
  private double[] w;
  private double[] g;

  @Setup(Level.Trial)
  public void generate() {
    KernelShape s = KernelShape.parse(shape);
    if (!s.dense()) throw new IllegalArgumentException("FloatStorageBench needs a dense shape, got " + shape);
    rows = s.rows();
    dim = s.dim();
    SplittableRandom rnd = new SplittableRandom(42);
    values = new double[rows * dim];
    floats = new float[rows * dim];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) rnd.nextDouble();
      values[i] = floats[i];
    }
    w = s.weights(7, 1.0 / Math.sqrt(dim));
  }

  @Setup(Level.Iteration)
  public void resetGradient() {
    g = new double[dim];
  }

  @Benchmark
  public double doubleDotAxpy() {
    double t = 0.0;
    for (int r = 0; r < rows; r++) {
      int off = r * dim;
      t += Vec.dot(values, off, w, dim);
      for (int j = 0; j < dim; j++) g[j] += 1e-3 * values[off + j];
    }
    return t;
  }

  @Benchmark
  public double floatDotAxpy() {
    double t = 0.0;
    for (int r = 0; r < rows; r++) {
      int off = r * dim;
      double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
      int j = 0;
      for (; j + 3 < dim; j += 4) {
        s0 += floats[off + j] * w[j];
        s1 += floats[off + j + 1] * w[j + 1];
        s2 += floats[off + j + 2] * w[j + 2];
        s3 += floats[off + j + 3] * w[j + 3];
      }
      for (; j < dim; j++) s0 += floats[off + j] * w[j];
      t += (s0 + s1) + (s2 + s3);
      for (j = 0; j < dim; j++) g[j] += 1e-3 * floats[off + j];
    }
    return t;
  }
}
