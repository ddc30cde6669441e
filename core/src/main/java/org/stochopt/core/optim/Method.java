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

  S init(double[] w0, ProblemContext ctx);

  void step(S state, ProblemContext ctx);
}
