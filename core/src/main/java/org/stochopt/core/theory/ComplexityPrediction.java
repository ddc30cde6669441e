package org.stochopt.core.theory;

/**
 * The theory's prediction for one method at one minibatch size, up to the constant factor that the
 * bounds leave open (the sweep fits one scale per method to the measurements; see
 * docs/minibatch-theory.md).
 *
 * @param method method name as on the command line
 * @param batchSize b
 * @param rounds T(b): minibatch steps to ε (iteration complexity)
 * @param anchorRounds full-gradient rounds among them (variance-reduced methods; 0 for SGD)
 * @param componentGradients W(b): component gradients to ε (total complexity), including anchors
 */
public record ComplexityPrediction(
    String method, long batchSize, double rounds, double anchorRounds, double componentGradients) {

  /** Rounds a driver-aggregated run makes: minibatch steps plus anchor (full-gradient) rounds. */
  public double communicationRounds() {
    return rounds + anchorRounds;
  }
}
