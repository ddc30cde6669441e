package org.stochopt.core.method;

import org.stochopt.core.cocoa.CocoaMethod;
import org.stochopt.core.cocoa.ProxCocoaMethod;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * Turns {@link MethodSettings} and the estimated constants into a configured method: the theory
 * parameters of each method's config record, overridden by what the user gave. The one place a
 * method is built, for {@code train}, {@code sweep}, {@code bench} and the Spark ML estimator.
 */
public final class Methods {
  private Methods() {}

  /** A method with the step it will use and its sampling (for reports). */
  public record Built(Method<?> method, double step, SamplingScheme sampling) {}

  /**
   * @param partitions the oracle's partition count P: local-katyusha takes the theory parameters of
   *     its effective minibatch P·b
   */
  public static Built build(MethodSettings s, ProblemConstants k, int partitions) {
    if (s.kind() == MethodKind.AUTO) throw new IllegalStateException("--method auto must be resolved before building");
    if (s.needsRows()) {
      throw new IllegalArgumentException("--method " + s.kind() + (s.precondition() != null ? " with --precondition" : "")
          + " is built from the training rows (train builds it); it cannot run here");
    }
    if (s.kind() == MethodKind.COCOA) {
      // No step size: the local dual steps are exact one-dimensional maximisations.
      return new Built(new CocoaMethod(s.epochLength().orElse(0), s.tuning().appaKappa().orElse(Double.NaN)), Double.NaN,
          SamplingScheme.WITHOUT_REPLACEMENT);
    }
    if (s.kind() == MethodKind.PROXCOCOA) {
      // No step size: closed-form proximal coordinate steps, and a line search on the driver.
      return new Built(new ProxCocoaMethod(s.epochLength().orElse(0)), Double.NaN, SamplingScheme.WITHOUT_REPLACEMENT);
    }
    int b = s.b();
    SamplingScheme sampling = s.effectiveSampling();
    // A minibatch larger than the data set is a mistake under any sampling (with replacement it would only repeat rows).
    if (b > k.n()) throw new IllegalArgumentException("--batch-size " + b + " exceeds the " + k.n() + " training rows");
    MethodTuning tune = s.tuning();
    boolean stepGiven = s.step().isPresent();
    double step = stepGiven ? s.step().getAsDouble() : Double.NaN;
    switch (s.kind()) {
      case SGD: {
        double eta = stepGiven ? step : StepSizes.sgd(k, b, sampling);
        StepSchedule.Kind kind = s.schedule() != null ? s.schedule() : StepSchedule.Kind.INVERSE_T;
        // t₀ = 1/(η₀μ) makes the 1/t schedule ~ 1/(μt) late on; without strong convexity decay after one epoch.
        double t0 = k.mu() > 0 ? 1.0 / (eta * k.mu()) : Math.max(1.0, (double) k.n() / b);
        ProxSgdConfig.Averaging averaging = s.averaging() != null ? s.averaging() : ProxSgdConfig.Averaging.LINEAR;
        return new Built(new ProxSgd(new ProxSgdConfig(b, new StepSchedule(kind, eta, t0), averaging)), eta, sampling);
      }
      case SVRG: {
        double eta = stepGiven ? step : StepSizes.svrg(k, b, sampling);
        long m = s.epochLength().orElse((k.n() + b - 1) / b);
        ProxSvrgConfig.Anchor anchor = s.anchor() != null ? s.anchor() : ProxSvrgConfig.Anchor.LAST;
        return new Built(new ProxSvrg(new ProxSvrgConfig(b, eta, m, anchor)), eta, sampling);
      }
      case KATYUSHA: {
        KatyushaConfig cfg = KatyushaConfig.theory(k, b, sampling);
        if (stepGiven) cfg = cfg.withStep(step);
        if (tune.tau1().isPresent() || tune.tau2().isPresent()) cfg = cfg.withTaus(tune.tau1().orElse(cfg.tau1()), tune.tau2().orElse(cfg.tau2()));
        if (s.epochLength().isPresent()) cfg = new KatyushaConfig(b, cfg.tau1(), cfg.tau2(), cfg.step(), s.epochLength().getAsLong(), cfg.sigma());
        return new Built(new Katyusha(cfg), cfg.step(), sampling);
      }
      case DASVRDA: {
        DasvrdaConfig cfg = DasvrdaConfig.theory(k, b, sampling);
        if (stepGiven) cfg = cfg.withEta(step);
        if (tune.restart() != null) cfg = cfg.withRestart(tune.restart());
        if (s.epochLength().isPresent()) {
          cfg = new DasvrdaConfig(b, cfg.eta(), s.epochLength().getAsLong(), cfg.gamma(), cfg.restartPeriod(), cfg.restart());
        }
        return new Built(new Dasvrda(cfg), cfg.eta(), sampling);
      }
      case ACCSVRG:
      case ACCSVRG_APPA: {
        boolean appa = s.kind() == MethodKind.ACCSVRG_APPA;
        if (!appa && k.mu() == 0) {
          throw new IllegalArgumentException("--method accsvrg needs a strongly convex regularizer (l2 or elasticnet with α < 1); use accsvrg-appa");
        }
        AccSvrgAppaConfig cfg = AccSvrgAppaConfig.theory(k, b, sampling, appa);
        if (appa && tune.appaKappa().isPresent()) {
          cfg = new AccSvrgAppaConfig(b, cfg.eta(), cfg.beta(), cfg.epochLength(), tune.appaKappa().getAsDouble(), cfg.mu(), cfg.maxInnerEpochs());
        }
        if (stepGiven) cfg = cfg.withEta(step);
        if (s.epochLength().isPresent()) {
          cfg = new AccSvrgAppaConfig(b, cfg.eta(), cfg.beta(), s.epochLength().getAsLong(), cfg.kappa(), cfg.mu(), cfg.maxInnerEpochs());
        }
        Method<?> m = appa ? new AccSvrgAppa(cfg) : new AccProxSvrg(cfg);
        return new Built(m, cfg.eta(), sampling);
      }
      case LOCAL_SVRG: {
        LocalSvrgConfig cfg = LocalSvrgConfig.defaults(k, b);
        if (stepGiven) cfg = cfg.withEta(step);
        if (s.epochLength().isPresent()) cfg = new LocalSvrgConfig(b, cfg.eta(), localSteps(s), cfg.anchorEvery());
        return new Built(new LocalSvrg(cfg), cfg.eta(), SamplingScheme.WITH_REPLACEMENT);
      }
      case LOCAL_KATYUSHA: {
        if (sampling == SamplingScheme.WITHOUT_REPLACEMENT && (long) b * partitions > k.n()) {
          throw new IllegalArgumentException("--batch-size " + b + " exceeds the rows of a partition (" + k.n() / partitions + ")");
        }
        LocalKatyushaConfig cfg = LocalKatyushaConfig.theory(k, b, partitions, sampling);
        if (stepGiven) cfg = cfg.withStep(step);
        if (tune.tau1().isPresent() || tune.tau2().isPresent()) cfg = cfg.withTaus(tune.tau1().orElse(cfg.tau1()), tune.tau2().orElse(cfg.tau2()));
        if (s.epochLength().isPresent()) cfg = cfg.withLocalSteps(localSteps(s));
        return new Built(new LocalKatyusha(cfg), cfg.step(), sampling);
      }
      default:
        throw new IllegalStateException("no builder for " + s.kind());
    }
  }

  private static int localSteps(MethodSettings s) {
    return (int) Math.min(Integer.MAX_VALUE, s.epochLength().getAsLong());
  }
}
