package org.stochopt.core.meanfield;

import java.io.Serializable;
import java.util.List;

/**
 * What an evaluation needs from the particles: prediction sums on every train and test row,
 * Σ_r ‖θ_r‖² over all M particles, and an evenly strided sample of particles (global indices
 * ⌊k·M/S⌋, k &lt; S) for the entropy estimate, the proximal-Gibbs proposal and the teacher
 * alignment. A per-block snapshot is built where the block lives; {@link #merge} adds them in
 * block order.
 *
 * @param sample sampled particles, row-major (sampleCount × p)
 */
public record EnsembleSnapshot(double[] trainSums, double[] testSums, double sumSquaredNorms,
    double[] sample, int sampleCount, int parameterDim) implements Serializable {

  /** The snapshot of one block; {@code test} may be null. */
  public static EnsembleSnapshot ofBlock(ParticleBlock block, NeuronUnit unit, DataMatrix train, DataMatrix test,
      int particles, int sample) {
    double[] tr = new double[train.rows()];
    block.addPredictionSums(unit, train, null, tr);
    double[] te = test == null ? null : new double[test.rows()];
    if (test != null) block.addPredictionSums(unit, test, null, te);
    int p = block.parameterDim();
    int s = Math.min(sample, particles);
    // sampled global indices g_k = ⌊k·M/s⌋ that fall in [first, first + count)
    int kFrom = firstSampleAtOrAfter(block.first(), particles, s);
    int kTo = firstSampleAtOrAfter(block.first() + block.count(), particles, s);
    double[] mine = new double[(kTo - kFrom) * p];
    for (int k = kFrom; k < kTo; k++) {
      int g = (int) ((long) k * particles / s);
      block.copyParticle(g - block.first(), mine, (k - kFrom) * p);
    }
    return new EnsembleSnapshot(tr, te, block.sumSquaredNorms(), mine, kTo - kFrom, p);
  }

  /** Smallest k with ⌊k·M/s⌋ ≥ g. */
  private static int firstSampleAtOrAfter(int g, int particles, int s) {
    int k = (int) (((long) g * s + particles - 1) / particles);
    while (k > 0 && (long) (k - 1) * particles / s >= g) k--;
    while (k < s && (long) k * particles / s < g) k++;
    return Math.min(k, s);
  }

  /** Adds block snapshots in the given (block) order. */
  public static EnsembleSnapshot merge(List<EnsembleSnapshot> parts) {
    EnsembleSnapshot a = parts.get(0);
    double[] tr = new double[a.trainSums.length];
    double[] te = a.testSums == null ? null : new double[a.testSums.length];
    double sq = 0.0;
    int count = 0;
    for (EnsembleSnapshot s : parts) count += s.sampleCount;
    double[] sample = new double[count * a.parameterDim];
    int at = 0;
    for (EnsembleSnapshot s : parts) {
      for (int i = 0; i < tr.length; i++) tr[i] += s.trainSums[i];
      if (te != null) for (int i = 0; i < te.length; i++) te[i] += s.testSums[i];
      sq += s.sumSquaredNorms;
      System.arraycopy(s.sample, 0, sample, at, s.sample.length);
      at += s.sample.length;
    }
    return new EnsembleSnapshot(tr, te, sq, sample, count, a.parameterDim);
  }
}
