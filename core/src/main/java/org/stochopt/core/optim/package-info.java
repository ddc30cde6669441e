/**
 * The one training loop ({@link org.stochopt.core.optim.TrainingLoop}) and its protocol:
 * {@link org.stochopt.core.optim.Training} (init, step, costs, measure, target),
 * {@link org.stochopt.core.optim.TracePoint} and {@link org.stochopt.core.optim.LoopBudget}; the
 * linear-model adapter ({@link org.stochopt.core.optim.Runner},
 * {@link org.stochopt.core.optim.LinearTraining}), the evaluator, stopping rules, step sizes,
 * problem constants (n, d, L, L̄, L_max, μ) and checkpoints. Evaluation is never counted as rounds
 * and never charged to the method's seconds.
 */
package org.stochopt.core.optim;
