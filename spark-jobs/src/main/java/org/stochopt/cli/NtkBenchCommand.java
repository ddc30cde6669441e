package org.stochopt.cli;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.stochopt.core.linalg.NeuronKernels;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.meanfield.LangevinUpdate;
import org.stochopt.core.meanfield.NeuronUnit;
import org.stochopt.core.meanfield.ParticleBlock;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.NeuronBlock;
import org.stochopt.core.ntk.NtkNetwork;
import org.stochopt.core.ntk.NtkShape;
import org.stochopt.core.ntk.TrainedLayers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stochopt ntk-bench}: the arithmetic bound of one step of a neuron-block model and how
 * close one block gets to it, in one process. The bound is what a step cannot avoid: (1) the two
 * BLAS products Z = XᵀW and G += X D on the step's shapes (neuron-major, as the blocks run them) (2·M·b·d multiply-adds), timed as
 * plain dgemm calls, which sets this machine's attainable rate; plus (2) one pass of the
 * activations over the M·b pre-activations (σ and σ′ together for the NTK, tanh for the
 * mean-field units). Against it: (3) a full block step — the NTK's averaged-SGD step, or the
 * mean-field model's Langevin step — with the next batch's pre-activations and partial sums, as a
 * training round runs it. The three are timed alternately so that all see the same load.
 */
@Command(name = "ntk-bench", mixinStandardHelpOptions = true,
    description = "Time of a neuron-block step (NTK or mean-field) against its arithmetic bound: the two BLAS products "
        + "(2·M·b·d multiply-adds at this machine's rate) plus one activation pass over the M·b pre-activations.")
public final class NtkBenchCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "ntk", description = "ntk or meanfield (default ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--unit", defaultValue = "tanh", description = "mean-field unit: tanh or bounded-tanh[:R] (default ${DEFAULT-VALUE})")
  String unitSpec;

  @Option(names = "--activation", defaultValue = "swish:10", description = "NTK activation (default ${DEFAULT-VALUE})")
  String activationSpec;

  @Option(names = "--width", defaultValue = "100000", description = "neurons or particles M (one block) (default ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--batch-size", defaultValue = "100", description = "b (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--d", defaultValue = "10", description = "input dimension (default ${DEFAULT-VALUE})")
  int d;

  @Option(names = "--repeats", defaultValue = "10", description = "timed repetitions of each, alternating, after 3 warm-ups; medians reported (default ${DEFAULT-VALUE})")
  int repeats;

  @Override
  public Integer call() {
    boolean ntk = switch (model) {
      case "ntk" -> true;
      case "meanfield" -> false;
      default -> throw new IllegalArgumentException("--model must be ntk or meanfield, got '" + model + "'");
    };
    if (width < 2 || width % 2 != 0) throw new IllegalArgumentException("--width must be even and at least 2, got " + width);
    if (batch < 1 || d < 1 || repeats < 1) throw new IllegalArgumentException("--batch-size, --d and --repeats must be positive");
    SplittableRandom rng = new SplittableRandom(1);
    double[] w = new double[width * d];
    double[] x = new double[batch * d];
    double[] dz = new double[width * batch];
    for (int i = 0; i < w.length; i++) w[i] = rng.nextGaussian() / Math.sqrt(d);
    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
    for (int i = 0; i < dz.length; i++) dz[i] = rng.nextGaussian();
    double[] z = new double[width * batch];
    double[] g = new double[width * d];
    Runnable products = () -> {
      NeuronKernels.preActivationsByNeuron(w, 0, d, width, x, batch, d, false, z);
      NeuronKernels.addInputGradientByNeuron(x, batch, d, dz, width, 1e-9, g, 0, d);
    };
    double[] coef = new double[batch];
    for (int i = 0; i < batch; i++) coef[i] = 1e-3 * rng.nextGaussian();
    Runnable activations;
    Runnable fullStep;
    String what;
    if (ntk) {
      Activation sigma = Activation.parse(activationSpec);
      double[] act = new double[z.length];
      double[] der = new double[z.length];
      activations = () -> sigma.evaluate(z, act, der, z.length);
      NtkShape shape = new NtkShape(width, d, 1.0, 1.0, sigma, TrainedLayers.BOTH);
      NeuronBlock block = NtkNetwork.source(shape, 1, 1).create(0).prepare(x);
      fullStep = () -> block.step(coef, 1e-3, 1e-3).prepare(x).preparedSums();
      what = "NTK, " + sigma.spec() + ", both layers";
    } else {
      NeuronUnit unit = NeuronUnit.parse(unitSpec);
      double[] act = new double[z.length];
      activations = () -> {
        System.arraycopy(z, 0, act, 0, z.length);
        unit.activate(act, act.length);
      };
      double[] y = new double[batch];
      DataMatrix data = new DataMatrix(x, y, d);
      int[] rows = new int[batch];
      for (int i = 0; i < batch; i++) rows[i] = i;
      ParticleBlock block = ParticleBlock.initialize(unit, d, 0, width, 1).prepare(unit, data, rows);
      LangevinUpdate u = new LangevinUpdate(rows, coef, 1e-3, 1e-3, 1e-4, 1, 0, 1);
      fullStep = () -> {
        ParticleBlock next = block.langevin(unit, data, u).prepare(unit, data, rows);
        next.addPredictionSums(unit, data, rows, new double[batch]);
      };
      what = "mean-field Langevin step, " + unit.spec();
    }
    double[][] t = interleaved(products, activations, fullStep);
    double kernel = t[0][repeats / 2];
    double pass = t[1][repeats / 2];
    double step = t[2][repeats / 2];
    double bound = kernel + pass;
    double macs = 2.0 * width * batch * d;
    System.out.printf(Locale.ROOT, "%s; M=%d b=%d d=%d, BLAS %s: 2·M·b·d = %.3g multiply-adds%n", what, width, batch, d,
        NeuronKernels.implementation(), macs);
    System.out.printf(Locale.ROOT, "  the two BLAS products alone:   %.2f ms (%.2f G multiply-adds/s)%n", kernel * 1e3, macs / kernel / 1e9);
    System.out.printf(Locale.ROOT, "  one activation pass over M·b:  %.2f ms%n", pass * 1e3);
    System.out.printf(Locale.ROOT, "  bound (products + activations): %.2f ms%n", bound * 1e3);
    System.out.printf(Locale.ROOT, "  one full block step:           %.2f ms = %.2f× the bound (%.2f× the products alone)%n", step * 1e3,
        step / bound, step / kernel);
    return 0;
  }

  /**
   * Seconds of each task over {@code repeats} alternating runs after 3 warm-ups, each sorted:
   * alternating exposes all of them to the same load (this machine is shared).
   */
  private double[][] interleaved(Runnable... tasks) {
    for (int i = 0; i < 3; i++) {
      for (Runnable r : tasks) r.run();
    }
    double[][] t = new double[tasks.length][repeats];
    for (int i = 0; i < repeats; i++) {
      for (int k = 0; k < tasks.length; k++) {
        long t0 = System.nanoTime();
        tasks[k].run();
        t[k][i] = (System.nanoTime() - t0) / 1e9;
      }
    }
    for (double[] row : t) java.util.Arrays.sort(row);
    return t;
  }
}
