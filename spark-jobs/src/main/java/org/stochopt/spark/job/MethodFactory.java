package org.stochopt.spark.job;

import org.stochopt.core.method.AccProxSvrg;
import org.stochopt.core.method.AccSvrgAppa;
import org.stochopt.core.method.AccSvrgAppaConfig;
import org.stochopt.core.method.Dasvrda;
import org.stochopt.core.method.DasvrdaConfig;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.method.LocalKatyusha;
import org.stochopt.core.method.LocalKatyushaConfig;
import org.stochopt.core.method.LocalSvrg;
import org.stochopt.core.method.LocalSvrgConfig;
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

  /**
   * The sampling a method's analysis assumes: b-nice (without replacement) for SGD and SVRG; b
   * independent draws with p_i ∝ L_i for Katyusha, DASVRDA and Acc-SVRG(+APPA), whose variance
   * then scales with L̄ instead of L_max.
   */
  public static SamplingScheme defaultSampling(String method) {
    if (method.equals("local-svrg")) return SamplingScheme.WITH_REPLACEMENT;
    return method.equals("sgd") || method.equals("svrg") ? SamplingScheme.WITHOUT_REPLACEMENT : SamplingScheme.IMPORTANCE;
  }

  /** As {@link #build(TrainConfig, ProblemConstants, int)} for a backend of one partition (local methods need the real count). */
  /** Whether a method runs many steps inside each partition per round (one round ≈ one pass). */
  public static boolean isLocal(String method) {
    return method.equals("local-svrg") || method.equals("local-katyusha");
  }

  public static Built build(TrainConfig c, ProblemConstants k) {
    return build(c, k, 1);
  }

  /**
   * @param partitions the oracle's partition count P: local-katyusha takes the theory parameters of
   *     its effective minibatch P·b
   */
  public static Built build(TrainConfig c, ProblemConstants k, int partitions) {
    int b = c.batchSize();
    SamplingScheme sampling = c.sampling() != null ? SamplingScheme.parse(c.sampling()) : defaultSampling(c.method());
    if (sampling == SamplingScheme.WITHOUT_REPLACEMENT && b > k.n()) {
      throw new IllegalArgumentException("--batch-size " + b + " exceeds the " + k.n() + " training rows");
    }
    MethodTuning tune = c.tuning();
    switch (c.method()) {
      case "sgd": {
        double eta = c.step() == null ? StepSizes.sgd(k, b, sampling) : c.step();
        StepSchedule.Kind kind = StepSchedule.parseKind(c.schedule());
        // t₀ = 1/(η₀μ) makes the 1/t schedule ~ 1/(μt) late on; without strong convexity decay after one epoch.
        double t0 = k.mu() > 0 ? 1.0 / (eta * k.mu()) : Math.max(1.0, (double) k.n() / b);
        ProxSgdConfig cfg = new ProxSgdConfig(b, new StepSchedule(kind, eta, t0), ProxSgdConfig.Averaging.parse(c.averaging()));
        return new Built(new ProxSgd(cfg), eta, sampling);
      }
      case "svrg": {
        double eta = c.step() == null ? StepSizes.svrg(k, b, sampling) : c.step();
        long m = c.epochLength() > 0 ? c.epochLength() : (k.n() + b - 1) / b;
        ProxSvrgConfig cfg = new ProxSvrgConfig(b, eta, m, ProxSvrgConfig.Anchor.parse(c.anchor()));
        return new Built(new ProxSvrg(cfg), eta, sampling);
      }
      case "katyusha": {
        KatyushaConfig cfg = KatyushaConfig.theory(k, b, sampling);
        if (c.step() != null) cfg = cfg.withStep(c.step());
        if (tune.tau1() != null || tune.tau2() != null) {
          cfg = cfg.withTaus(tune.tau1() == null ? cfg.tau1() : tune.tau1(), tune.tau2() == null ? cfg.tau2() : tune.tau2());
        }
        if (c.epochLength() > 0) cfg = new KatyushaConfig(b, cfg.tau1(), cfg.tau2(), cfg.step(), c.epochLength(), cfg.sigma());
        return new Built(new Katyusha(cfg), cfg.step(), sampling);
      }
      case "dasvrda": {
        DasvrdaConfig cfg = DasvrdaConfig.theory(k, b, sampling);
        if (c.step() != null) cfg = cfg.withEta(c.step());
        if (tune.restart() != null) cfg = cfg.withRestart(DasvrdaConfig.Restart.parse(tune.restart()));
        if (c.epochLength() > 0) cfg = new DasvrdaConfig(b, cfg.eta(), c.epochLength(), cfg.gamma(), cfg.restartPeriod(), cfg.restart());
        return new Built(new Dasvrda(cfg), cfg.eta(), sampling);
      }
      case "accsvrg":
      case "accsvrg-appa": {
        boolean appa = c.method().equals("accsvrg-appa");
        if (!appa && k.mu() == 0) {
          throw new IllegalArgumentException("--method accsvrg needs a strongly convex regularizer (l2 or elasticnet with α < 1); use accsvrg-appa");
        }
        AccSvrgAppaConfig cfg = AccSvrgAppaConfig.theory(k, b, sampling, appa);
        if (appa && tune.appaKappa() != null) {
          cfg = new AccSvrgAppaConfig(b, cfg.eta(), cfg.beta(), cfg.epochLength(), tune.appaKappa(), cfg.mu(), cfg.maxInnerEpochs());
        }
        if (c.step() != null) cfg = cfg.withEta(c.step());
        if (c.epochLength() > 0) {
          cfg = new AccSvrgAppaConfig(b, cfg.eta(), cfg.beta(), c.epochLength(), cfg.kappa(), cfg.mu(), cfg.maxInnerEpochs());
        }
        Method<?> m = appa ? new AccSvrgAppa(cfg) : new AccProxSvrg(cfg);
        return new Built(m, cfg.eta(), sampling);
      }
      case "local-svrg": {
        if (c.sampling() != null) {
          throw new IllegalArgumentException("--sampling does not apply to local-svrg: each partition draws its local rows uniformly with replacement");
        }
        LocalSvrgConfig cfg = LocalSvrgConfig.defaults(k, b);
        if (c.step() != null) cfg = cfg.withEta(c.step());
        if (c.epochLength() > 0) cfg = new LocalSvrgConfig(b, cfg.eta(), (int) Math.min(Integer.MAX_VALUE, c.epochLength()), cfg.anchorEvery());
        return new Built(new LocalSvrg(cfg), cfg.eta(), SamplingScheme.WITH_REPLACEMENT);
      }
      case "local-katyusha": {
        if (sampling == SamplingScheme.WITHOUT_REPLACEMENT && (long) b * partitions > k.n()) {
          throw new IllegalArgumentException("--batch-size " + b + " exceeds the rows of a partition");
        }
        LocalKatyushaConfig cfg = LocalKatyushaConfig.theory(k, b, partitions, sampling);
        if (c.step() != null) cfg = cfg.withStep(c.step());
        if (tune.tau1() != null || tune.tau2() != null) {
          cfg = cfg.withTaus(tune.tau1() == null ? cfg.tau1() : tune.tau1(), tune.tau2() == null ? cfg.tau2() : tune.tau2());
        }
        if (c.epochLength() > 0) cfg = cfg.withLocalSteps((int) Math.min(Integer.MAX_VALUE, c.epochLength()));
        return new Built(new LocalKatyusha(cfg), cfg.step(), sampling);
      }
      default:
        throw new IllegalArgumentException("unknown method " + c.method());
    }
  }
}
