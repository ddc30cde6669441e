package org.stochopt.bench;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
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
 * Candidate: the dense pass through dev.ludovic.netlib BLAS instead of core's Java loops, same
 * row-major data and no loss. {@code blasDotAxpy}: per row ddot + daxpy through
 * {@link BLAS#getInstance()} (native libblas.so.3 through JNI when it loads, else the Java
 * implementations; the choice is printed at setup). {@code javaBlasDotAxpy}: the same with
 * netlib's pure-Java {@link JavaBLAS}. {@code blasGemv}: the whole block as two level-2 calls,
 * z = X·w then g += Xᵀ·c (dgemv on the row-major block read as its column-major transpose) — the
 * data are read twice, so its GB/s counts the bytes once, like the others. {@code coreDotAxpy} is
 * core's {@link Vec#dot(double[], int, double[], int)} + the axpy loop, for the comparison in the
 * same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NetlibBlasBench {

  @Param({"dense-20000x784"})
  public String shape;

  private int rows;
  private int dim;
  private double[] values;
  private double[] w;
  private double[] g;
  private double[] z;
  private BLAS blas;
  private BLAS javaBlas;

  @Setup(Level.Trial)
  public void generate() {
    KernelShape s = KernelShape.parse(shape);
    if (!s.dense()) throw new IllegalArgumentException("NetlibBlasBench needs a dense shape, got " + shape);
    rows = s.rows();
    dim = s.dim();
    SplittableRandom rnd = new SplittableRandom(42);
    values = new double[rows * dim];
    for (int i = 0; i < values.length; i++) values[i] = rnd.nextDouble();
    w = s.weights(7, 1.0 / Math.sqrt(dim));
    z = new double[rows];
    blas = BLAS.getInstance();
    javaBlas = JavaBLAS.getInstance();
    System.err.println("NetlibBlasBench: BLAS.getInstance() = " + blas.getClass().getName());
  }

  @Setup(Level.Iteration)
  public void resetGradient() {
    g = new double[dim];
  }

  @Benchmark
  public double coreDotAxpy() {
    double t = 0.0;
    for (int r = 0; r < rows; r++) {
      int off = r * dim;
      t += Vec.dot(values, off, w, dim);
      for (int j = 0; j < dim; j++) g[j] += 1e-3 * values[off + j];
    }
    return t;
  }

  @Benchmark
  public double blasDotAxpy() {
    return dotAxpy(blas);
  }

  @Benchmark
  public double javaBlasDotAxpy() {
    return dotAxpy(javaBlas);
  }

  private double dotAxpy(BLAS b) {
    double t = 0.0;
    for (int r = 0; r < rows; r++) {
      int off = r * dim;
      t += b.ddot(dim, values, off, 1, w, 0, 1);
      b.daxpy(dim, 1e-3, values, off, 1, g, 0, 1);
    }
    return t;
  }

  @Benchmark
  public double blasGemv() {
    // Row-major rows×dim is column-major dim×rows (lda = dim): "T" gives X·w, "N" gives Xᵀ·c.
    blas.dgemv("T", dim, rows, 1.0, values, 0, dim, w, 0, 1, 0.0, z, 0, 1);
    for (int r = 0; r < rows; r++) z[r] = 1e-3; // stands in for the loss derivative
    blas.dgemv("N", dim, rows, 1.0, values, 0, dim, z, 0, 1, 1.0, g, 0, 1);
    return g[0];
  }
}
