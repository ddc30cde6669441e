package org.stochopt.core.meanfield;

/**
 * A particle-distribution optimizer driven by {@link MeanFieldRunner}: {@link #start} once, then
 * {@link #step} repeatedly (one MFLD step, or one PDA outer iteration). The method talks to the
 * particles only through the {@link ParticleEnsemble} seam.
 */
public interface ParticleMethod {
  String name();

  void start(ParticleEnsemble ensemble);

  void step();

  /**
   * The method's own state between steps — what the ensemble's blocks do not hold (step counter,
   * current batch and its prediction sums, dual sums) — for a checkpoint.
   */
  java.io.Serializable saveState();

  /**
   * Continues from a {@link #saveState} value instead of {@link #start}; {@code e} holds the blocks
   * saved with it. The next {@link #step} is then the one the uninterrupted run would have taken.
   */
  void resume(ParticleEnsemble e, java.io.Serializable saved);

  /** Langevin steps applied to each particle so far. */
  long langevinSteps();
}
