package org.stochopt.core.meanfield;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.NeuronKernels;
import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * A contiguous slab of particles: global particles [first, first + count), each θ ∈ ℝ^p stored at
 * {@code theta[j·p .. (j+1)·p)}. The unit of sharding: one block per Spark partition (or per
 * in-process shard). Blocks are never mutated after construction, because Spark caches them;
 * {@link #langevin} returns a new block.
 *
 * <p><b>Randomness.</b> Particle g is initialized from {@code Seeds.child(seed, INIT, g)} and
 * its noise at Langevin step s comes from {@code Seeds.child(seed, NOISE, s, g)}. Streams are keyed by
 * the global particle index, so a block's draws depend only on (seed, step, the particles it owns) and
 * the trajectory does not depend on how particles are split into blocks.
 *
 * <p><b>Kernels.</b> Particles are processed in chunks of C (C·b ≤ {@value #CHUNK_VALUES}
 * values of scratch): per chunk the pre-activations are one dgemm Z = Xᵀ W (particle-major), the unit's
 * activation and outer gradients one pass over Z, and the input-weight gradients one dgemm X D
 * ({@link NeuronKernels}), 2·C·b·d multiply-adds per Langevin step. With the reference BLAS these
 * are the same sums in the same order as a loop over particles and rows, so trajectories keep
 * their bits.
 *
 * <p><b>Prepared rows.</b> {@link #prepare} keeps the activated pre-activations of the next
 * minibatch (tanh(z) for the tanh units): the predictions read them, and the next Langevin step on
 * the same rows reuses them for its first step instead of a second dgemm and tanh pass. They
 * belong to this block's θ, so the block stays a value.
 */
public final class ParticleBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  static final long INIT_STREAM = 0x494E4954L;
  static final long NOISE_STREAM = 0x4E4F4953L;
  /** Scratch values per chunk (particles × rows): 512 KB, so a chunk's Z and ∂/∂z stay in cache. */
  static final int CHUNK_VALUES = 1 << 16;
  /** Largest count × rows a block keeps prepared (above it the next step recomputes): 128 MB. */
  static final int PREPARED_LIMIT = 1 << 24;

  private final int first;
  private final int count;
  private final int p;
  private final double[] theta;
  /**
   * Rows of the prepared minibatch and act[j·b + k] = activate(⟨w_j, x_rows[k]⟩); null when
   * none. Transient: a block that was serialized (spilled, collected) recomputes them, to the same bits.
   */
  private final transient int[] preparedRows;
  private final transient double[] prepared;

  public ParticleBlock(int first, int count, int p, double[] theta) {
    this(first, count, p, theta, null, null);
  }

  private ParticleBlock(int first, int count, int p, double[] theta, int[] preparedRows, double[] prepared) {
    if (first < 0 || count < 0 || p <= 0 || theta.length != (long) count * p) {
      throw new IllegalArgumentException("bad particle block: first=" + first + " count=" + count + " p=" + p
          + " values=" + theta.length);
    }
    this.first = first;
    this.count = count;
    this.p = p;
    this.theta = theta;
    this.preparedRows = preparedRows;
    this.prepared = prepared;
  }

  /** Fresh particles [first, first + count) drawn from the unit's initial law. */
  public static ParticleBlock initialize(NeuronUnit unit, int inputDim, int first, int count, long seed) {
    int p = unit.parameterDim(inputDim);
    double[] theta = new double[Math.multiplyExact(count, p)];
    for (int j = 0; j < count; j++) {
      unit.initialize(new SplittableRandom(Seeds.child(seed, INIT_STREAM, first + j)), theta, j * p, inputDim);
    }
    return new ParticleBlock(first, count, p, theta);
  }

  /** First global particle of block b when M particles are split into P contiguous blocks. */
  public static int blockStart(int particles, int blocks, int b) {
    return (int) ((long) particles * b / blocks);
  }

  public int first() {
    return first;
  }

  public int count() {
    return count;
  }

  public int parameterDim() {
    return p;
  }

  /** θ of local particle j, copied into out[ooff .. ooff + p). */
  public void copyParticle(int j, double[] out, int ooff) {
    System.arraycopy(theta, j * p, out, ooff, p);
  }

  /** Σ_j ‖θ_j‖² over this block. */
  public double sumSquaredNorms() {
    double s = 0.0;
    for (double v : theta) s += v * v;
    return s;
  }

  /** Particles per chunk for b rows. */
  private int chunk(int b) {
    return Math.max(1, Math.min(count, CHUNK_VALUES / Math.max(1, b)));
  }

  /** The b × d rows the update reads: the data itself (rows null) or the gathered rows. */
  private static double[] rowsOf(DataMatrix data, int[] rows) {
    if (rows == null) return data.x();
    int d = data.dim();
    double[] out = new double[rows.length * d];
    for (int k = 0; k < rows.length; k++) System.arraycopy(data.x(), rows[k] * d, out, k * d, d);
    return out;
  }

  /**
   * out[k] += Σ_{j in block} h(θ_j, x_{rows[k]}) (rows null: every row, out has n entries).
   * Particles in order, then rows: the same order in every backend, so sums agree bit for bit.
   */
  public void addPredictionSums(NeuronUnit unit, DataMatrix data, int[] rows, double[] out) {
    int b = rows == null ? data.rows() : rows.length;
    if (count == 0 || b == 0) return;
    if (isPrepared(rows)) {
      unit.addValues(theta, 0, p, count, prepared, 0, b, out);
      return;
    }
    double[] x = rowsOf(data, rows);
    int d = data.dim();
    int w = unit.inputOffset();
    int c = chunk(b);
    double[] z = new double[c * b];
    // Chunks in particle order, each adding its particles in order: the same sequence per row.
    for (int j0 = 0; j0 < count; j0 += c) {
      int len = Math.min(c, count - j0);
      NeuronKernels.preActivationsByNeuron(theta, j0 * p + w, p, len, x, b, d, false, z);
      unit.activate(z, len * b);
      unit.addValues(theta, j0 * p, p, len, z, 0, b, out);
    }
  }

  /**
   * This block with the activated pre-activations of the given rows kept for the next call of
   * {@link #addPredictionSums} and {@link #langevin} on those rows (the same block, unprepared, when
   * rows is null or count × rows exceeds {@value #PREPARED_LIMIT}).
   */
  public ParticleBlock prepare(NeuronUnit unit, DataMatrix data, int[] rows) {
    if (rows == null || (long) count * rows.length > PREPARED_LIMIT || count == 0 || rows.length == 0) return this;
    double[] act = new double[count * rows.length];
    NeuronKernels.preActivationsByNeuron(theta, unit.inputOffset(), p, count, rowsOf(data, rows), rows.length, data.dim(), false,
        act);
    unit.activate(act, act.length);
    return new ParticleBlock(first, count, p, theta, rows.clone(), act);
  }

  private boolean isPrepared(int[] rows) {
    return prepared != null && rows != null && Arrays.equals(rows, preparedRows);
  }

  /**
   * Applies {@code u.steps()} Langevin steps (see {@link LangevinUpdate}) to every particle and
   * returns the new block; this block is left unchanged. Particles do not interact within the
   * update (the coefficients are fixed), so each chunk of particles runs all its steps in turn;
   * a chunk's first step reuses the prepared activations when the rows are the prepared ones.
   */
  public ParticleBlock langevin(NeuronUnit unit, DataMatrix data, LangevinUpdate u) {
    double[] next = theta.clone();
    int w = unit.inputOffset();
    int d = data.dim();
    int b = u.rows() == null ? data.rows() : u.rows().length;
    double[] c = u.coefficients();
    if (c.length != b) throw new IllegalArgumentException(b + " rows but " + c.length + " coefficients");
    if (count == 0) return new ParticleBlock(first, count, p, next);
    double noiseScale = Math.sqrt(2.0 * u.lambda2() * u.eta());
    double shrink = 2.0 * u.lambda1();
    double eta = u.eta();
    double[] x = rowsOf(data, u.rows());
    boolean reuse = isPrepared(u.rows());
    int chunk = chunk(b);
    double[] z = new double[chunk * b];
    double[] dz = new double[chunk * b];
    double[] grad = new double[chunk * p];
    double[] noise = new double[p];
    for (int j0 = 0; j0 < count; j0 += chunk) {
      int len = Math.min(chunk, count - j0);
      for (int s = 0; s < u.steps(); s++) {
        double[] act = z;
        int aOff = 0;
        if (s == 0 && reuse) {
          act = prepared;
          aOff = j0 * b;
        } else {
          NeuronKernels.preActivationsByNeuron(next, j0 * p + w, p, len, x, b, d, false, z);
          unit.activate(z, len * b);
        }
        Arrays.fill(grad, 0, len * p, 0.0);
        unit.outerGradients(next, j0 * p, p, len, act, aOff, c, b, dz, grad);
        NeuronKernels.addInputGradientByNeuron(x, b, d, dz, len, 1.0, grad, w, p);
        for (int j = 0; j < len; j++) {
          int off = (j0 + j) * p;
          int go = j * p;
          if (noiseScale > 0) {
            long g = first + j0 + j;
            GaussianDraws.fill(new SplittableRandom(Seeds.child(u.seed(), NOISE_STREAM, u.firstNoiseStep() + s, g)), noise, 0, p);
          }
          for (int k = 0; k < p; k++) {
            next[off + k] += -eta * (grad[go + k] + shrink * next[off + k]) + noiseScale * noise[k];
          }
        }
      }
    }
    return new ParticleBlock(first, count, p, next);
  }
}
