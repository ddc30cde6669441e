package org.stochopt.core.optim;

import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.sampling.SamplingPlan;

/**
 * Everything a method may use: the oracle for f, the regularizer R (applied on the driver
 * through its prox), the run's sampling plan and the problem constants.
 */
public record ProblemContext(
    GradientOracle oracle, Regularizer regularizer, SamplingPlan sampling, ProblemConstants constants) {}
