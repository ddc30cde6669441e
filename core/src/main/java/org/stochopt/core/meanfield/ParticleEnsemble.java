package org.stochopt.core.meanfield;

/**
 * The M particles of a mean-field network, split into contiguous {@link ParticleBlock}s, and the
 * only operations the algorithms need. This is the seam between the algorithms and the backends:
 * {@link LocalParticleEnsemble} keeps the blocks in this JVM; the Spark ensemble keeps one block
 * per partition of a cached RDD. Both combine block results in block order, so with the same
 * number of blocks they give the same numbers bit for bit.
 *
 * <p>Per MFLD step only batch-length vectors cross the seam: the partial prediction sums come
 * back, the loss-derivative coefficients go out (inside a {@link LangevinUpdate}). Particles never
 * move, except a bounded sample in {@link #snapshot} for the (uncounted) evaluation.
 */
public interface ParticleEnsemble extends AutoCloseable {
  int particles();

  int inputDim();

  int blocks();

  NeuronUnit unit();

  /** s_k = Σ_r h(θ_r, x_{rows[k]}) over all M particles (rows null: all training rows). */
  double[] predictionSums(int[] rows);

  /**
   * Applies the update to every particle, then, when {@code predictAfter}, returns the
   * prediction sums of the updated particles on {@code nextRows} (null: all rows) in the same
   * pass; otherwise returns null. Fusing the two halves a sharded step to one round.
   */
  double[] update(LangevinUpdate u, int[] nextRows, boolean predictAfter);

  /** Prediction sums on all train and test rows, Σ‖θ‖², and about {@code sample} particles. */
  EnsembleSnapshot snapshot(int sample);

  /**
   * Keeps the activations of these rows in the blocks, as an {@link #update} that predicts on
   * them leaves behind (nothing for null rows): a resumed run's blocks come from a checkpoint,
   * which does not store them. Not counted as a round.
   */
  void prepare(int[] rows);

  /** Rounds (jobs on Spark) issued so far by predictionSums/update, not by snapshot. */
  long rounds();

  /** Continues the round count of a resumed run whose checkpoint was taken after {@code rounds} rounds. */
  void continueCounting(long rounds);

  @Override
  void close();
}
