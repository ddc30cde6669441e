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

  /** Langevin steps applied to each particle so far. */
  long langevinSteps();
}
