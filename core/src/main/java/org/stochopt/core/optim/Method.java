package org.stochopt.core.optim;

/**
 * An optimization method over an explicit state. {@code step} performs one minibatch update
 * (plus any anchor refresh due at that step); the single {@link Runner} loop drives every
 * method, so no method owns a private loop.
 *
 * <p><b>Rules every method follows</b> (they are what makes checkpoint/resume bit-identical):
 * <ul>
 *   <li>All mutable state lives in {@code S}, which is {@link java.io.Serializable} (through
 *       {@link MethodState}); the method object itself holds only its immutable configuration.
 *   <li>Randomness comes only from {@code ctx.sampling()}, a pure function of (seed, step,
 *       partition), indexed by the step counter kept in the state — never from a generator
 *       whose position would have to be saved.
 * </ul>
 * A new method that follows these rules is checkpointed and resumed by the Runner with no
 * further code.
 */
public interface Method<S extends MethodState> {
  String name();

  /**
   * Whether the method rejects and damps its own bad rounds (the local methods' round safeguard):
   * then the loop stops it only for a non-finite or exploding objective, and leaves the recovery
   * from a too-large step to the method, which has its own give-up rule.
   */
  default boolean dampsItself() {
    return false;
  }

  /**
   * Whether the point this method reports after its first step is still w₀, with that step's own
   * full pass over the rows at w₀ left on the oracle for the evaluation (CoCoA+: the reported point
   * is the start of the last round, and the round reads every row there for its certificate). The
   * loop then takes the first step before it measures w₀, which then reads no rows: the one full
   * pass a run would otherwise spend on its starting point alone.
   */
  default boolean reportsStartAfterFirstStep() {
    return false;
  }

  S init(double[] w0, ProblemContext ctx);

  void step(S state, ProblemContext ctx);
}
