package org.stochopt.core.meanfield;

import org.stochopt.core.rng.GaussianDraws;

import java.io.Serializable;
import java.util.SplittableRandom;
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
 */
public final class ParticleBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  static final long INIT_STREAM = 0x494E4954L;
  static final long NOISE_STREAM = 0x4E4F4953L;

  private final int first;
  private final int count;
  private final int p;
  private final double[] theta;

  public ParticleBlock(int first, int count, int p, double[] theta) {
    if (first < 0 || count < 0 || p <= 0 || theta.length != (long) count * p) {
      throw new IllegalArgumentException("bad particle block: first=" + first + " count=" + count + " p=" + p
          + " values=" + theta.length);
    }
    this.first = first;
    this.count = count;
    this.p = p;
    this.theta = theta;
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

  /**
   * out[k] += Σ_{j in block} h(θ_j, x_{rows[k]}) (rows null: every row, out has n entries).
   * Particles in order, then rows: the same order in every backend, so sums agree bit for bit.
   */
  public void addPredictionSums(NeuronUnit unit, DataMatrix data, int[] rows, double[] out) {
    int w = unit.inputOffset();
    int b = rows == null ? data.rows() : rows.length;
    for (int j = 0; j < count; j++) {
      int off = j * p;
      for (int k = 0; k < b; k++) {
        int i = rows == null ? k : rows[k];
        out[k] += unit.value(theta, off, data.dot(i, theta, off + w));
      }
    }
  }

  /**
   * Applies {@code u.steps()} Langevin steps (see {@link LangevinUpdate}) to every particle and
   * returns the new block; this block is left unchanged. Particles do not interact within the
   * update (the coefficients are fixed), so each particle runs all its steps in turn.
   */
  public ParticleBlock langevin(NeuronUnit unit, DataMatrix data, LangevinUpdate u) {
    double[] next = theta.clone();
    double[] grad = new double[p];
    double[] noise = new double[p];
    int w = unit.inputOffset();
    int b = u.rows() == null ? data.rows() : u.rows().length;
    double[] c = u.coefficients();
    if (c.length != b) throw new IllegalArgumentException(b + " rows but " + c.length + " coefficients");
    double noiseScale = Math.sqrt(2.0 * u.lambda2() * u.eta());
    double shrink = 2.0 * u.lambda1();
    for (int j = 0; j < count; j++) {
      int off = j * p;
      long g = first + j;
      for (int s = 0; s < u.steps(); s++) {
        java.util.Arrays.fill(grad, 0.0);
        for (int k = 0; k < b; k++) {
          if (c[k] == 0.0) continue;
          int i = u.rows() == null ? k : u.rows()[k];
          double z = data.dot(i, next, off + w);
          double dz = unit.addOuterGradient(next, off, z, c[k], grad, 0);
          data.axpy(i, dz, grad, w);
        }
        if (noiseScale > 0) {
          GaussianDraws.fill(new SplittableRandom(Seeds.child(u.seed(), NOISE_STREAM, u.firstNoiseStep() + s, g)), noise, 0, p);
        }
        for (int k = 0; k < p; k++) {
          next[off + k] += -u.eta() * (grad[k] + shrink * next[off + k]) + noiseScale * noise[k];
        }
      }
    }
    return new ParticleBlock(first, count, p, next);
  }
}
