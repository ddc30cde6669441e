package org.stochopt.core.optim;

/**
 * An optimization method over an explicit state. {@code step} performs one minibatch update
 * (plus any anchor refresh due at that step); the single {@link Runner} loop drives every
 * method, so no method owns a private loop.
 */
public interface Method<S extends MethodState> {
  String name();

  S init(double[] w0, ProblemContext ctx);

  void step(S state, ProblemContext ctx);
}
