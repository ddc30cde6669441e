package org.stochopt.cli;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.stochopt.core.linalg.NeuronKernels;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.NeuronBlock;
import org.stochopt.core.ntk.NtkNetwork;
import org.stochopt.core.ntk.NtkShape;
import org.stochopt.core.ntk.TrainedLayers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stochopt ntk-bench}: the arithmetic bound of one NTK step and how close a neuron block
 * gets to it, in one process: (1) the two BLAS products alone (Z = WᵀX and G += X Dᵀ, 2·M·b·d
 * multiply-adds), which sets the machine's attainable rate and so the bound; (2) a full block
 * step (activations, update, pull, average, next batch's pre-activations) on the same shapes.
 */
@Command(name = "ntk-bench", mixinStandardHelpOptions = true,
    description = "Time of the NTK step's two BLAS products (the 2·M·b·d bound at this machine's rate) against a full neuron-block step.")
public final class NtkBenchCommand implements Callable<Integer> {
  @Option(names = "--width", defaultValue = "100000", description = "neurons M (one block) (default ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--batch-size", defaultValue = "100", description = "b (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--d", defaultValue = "10", description = "input dimension (default ${DEFAULT-VALUE})")
  int d;

  @Option(names = "--repeats", defaultValue = "10", description = "timed repetitions of each, alternating, after 3 warm-ups; medians reported (default ${DEFAULT-VALUE})")
  int repeats;

  @Override
  public Integer call() {
    if (width < 2 || width % 2 != 0) throw new IllegalArgumentException("--width must be even and at least 2, got " + width);
    if (batch < 1 || d < 1 || repeats < 1) throw new IllegalArgumentException("--batch-size, --d and --repeats must be positive");
    SplittableRandom rng = new SplittableRandom(1);
    double[] w = new double[width * d];
    double[] x = new double[batch * d];
    double[] dz = new double[width * batch];
    for (int i = 0; i < w.length; i++) w[i] = rng.nextGaussian();
    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
    for (int i = 0; i < dz.length; i++) dz[i] = rng.nextGaussian();
    double[] z = new double[width * batch];
    double[] g = new double[width * d];
    Runnable products = () -> {
      NeuronKernels.preActivations(w, 0, d, width, x, batch, d, z);
      NeuronKernels.addInputGradient(x, batch, d, dz, width, 1e-9, g, 0, d);
    };
    NtkShape shape = new NtkShape(width, d, 1.0, 1.0, new Activation.Swish(10), TrainedLayers.BOTH);
    NeuronBlock block = NtkNetwork.source(shape, 1, 1).create(0).prepare(x);
    double[] coef = new double[batch];
    for (int i = 0; i < batch; i++) coef[i] = 1e-3 * rng.nextGaussian();
    Runnable fullStep = () -> block.step(coef, 1e-3, 1e-3).prepare(x).preparedSums();
    double[][] t = interleaved(products, fullStep);
    double kernel = t[0][repeats / 2];
    double step = t[1][repeats / 2];
    double macs = 2.0 * width * batch * d;
    System.out.printf(Locale.ROOT, "M=%d b=%d d=%d, BLAS %s: 2·M·b·d = %.3g multiply-adds%n", width, batch, d, NeuronKernels.implementation(), macs);
    System.out.printf(Locale.ROOT, "  the two BLAS products alone: %.2f ms (%.2f G multiply-adds/s) = the bound at this rate%n", kernel * 1e3, macs / kernel / 1e9);
    System.out.printf(Locale.ROOT, "  one full block step:          %.2f ms = %.2f× the bound%n", step * 1e3, step / kernel);
    return 0;
  }

  /**
   * Seconds of each of {@code a} and {@code b} over {@code repeats} alternating runs after 3
   * warm-ups, each sorted: alternating exposes both to the same load (this machine is shared).
   */
  private double[][] interleaved(Runnable a, Runnable b) {
    for (int i = 0; i < 3; i++) {
      a.run();
      b.run();
    }
    double[][] t = new double[2][repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      a.run();
      long t1 = System.nanoTime();
      b.run();
      long t2 = System.nanoTime();
      t[0][i] = (t1 - t0) / 1e9;
      t[1][i] = (t2 - t1) / 1e9;
    }
    java.util.Arrays.sort(t[0]);
    java.util.Arrays.sort(t[1]);
    return t;
  }
}
