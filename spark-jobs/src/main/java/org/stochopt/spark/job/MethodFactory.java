package org.stochopt.spark.job;

import org.stochopt.core.method.ProxSgd;
import org.stochopt.core.method.ProxSgdConfig;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.sampling.SamplingScheme;

/** Turns a {@link TrainConfig} and the estimated constants into a configured method. */
public final class MethodFactory {
  private MethodFactory() {}

  /** A method with the step it will use (for reports). */
  public record Built(Method<?> method, double step, SamplingScheme sampling) {}

  public static Built build(TrainConfig c, ProblemConstants k) {
    int b = c.batchSize();
    if (b > k.n()) {
      throw new IllegalArgumentException("--batch-size " + b + " exceeds the " + k.n() + " training rows");
    }
    SamplingScheme sampling = c.sampling() == null ? SamplingScheme.WITHOUT_REPLACEMENT : SamplingScheme.parse(c.sampling());
    switch (c.method()) {
      case "sgd": {
        double eta = Double.isNaN(c.step()) ? StepSizes.sgd(k, b) : c.step();
        StepSchedule.Kind kind = StepSchedule.parseKind(c.schedule());
        // t₀ = 1/(η₀μ) makes the 1/t schedule ~ 1/(μt) late on; without strong convexity decay after one epoch.
        double t0 = k.mu() > 0 ? 1.0 / (eta * k.mu()) : Math.max(1.0, (double) k.n() / b);
        ProxSgdConfig cfg = new ProxSgdConfig(b, new StepSchedule(kind, eta, t0), ProxSgdConfig.Averaging.parse(c.averaging()));
        return new Built(new ProxSgd(cfg), eta, sampling);
      }
      case "svrg": {
        double eta = Double.isNaN(c.step()) ? StepSizes.svrg(k, b) : c.step();
        long m = c.epochLength() > 0 ? c.epochLength() : (k.n() + b - 1) / b;
        ProxSvrgConfig cfg = new ProxSvrgConfig(b, eta, m, ProxSvrgConfig.Anchor.parse(c.anchor()));
        return new Built(new ProxSvrg(cfg), eta, sampling);
      }
      default:
        throw new IllegalArgumentException("unknown method " + c.method());
    }
  }
}
