package org.stochopt.cli;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.stochopt.core.method.DasvrdaConfig;
import org.stochopt.core.method.MethodKind;
import org.stochopt.core.method.MethodSettings;
import org.stochopt.core.method.MethodTuning;
import org.stochopt.core.method.ProxSgdConfig;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.sampling.SamplingScheme;
import picocli.CommandLine.Option;

/**
 * The linear methods' own settings. Each applies to the methods the registry
 * ({@link MethodKind}) says read it; given to any other method it is refused. Absent means the
 * theory value.
 */
public final class MethodTuningOptions {
  @Option(names = "--schedule", description = "sgd step schedule: constant, 1/t, 1/sqrt(t) (default 1/t)")
  String schedule;

  @Option(names = "--averaging", description = "sgd iterate averaging: none, uniform, linear (default linear)")
  String averaging;

  @Option(names = "--epoch-length", converter = Flags.PositiveLong.class,
      description = "steps per anchor for svrg, katyusha, dasvrda, accsvrg(-appa) (default ⌈n/b⌉); local-svrg and local-katyusha: "
          + "local steps per partition per round (default one local pass)")
  Long epochLength;

  @Option(names = "--anchor", description = "svrg anchor: last or average (default last)")
  String anchor;

  @Option(names = "--sampling",
      description = "with-replacement, without-replacement, or importance (p_i ∝ L_i, weighted 1/(n p_i)); default: without for "
          + "sgd/svrg, importance for katyusha, dasvrda, accsvrg(-appa), local-katyusha")
  String sampling;

  @Option(names = "--tau1", converter = Flags.OpenUnitDouble.class, description = "katyusha / local-katyusha τ₁ in (0, 1) (default: theory); α = step/τ₁")
  Double tau1;

  @Option(names = "--tau2", converter = Flags.UpToHalfDouble.class, description = "katyusha / local-katyusha τ₂ in [0, 1/2], the Katyusha momentum (default: theory)")
  Double tau2;

  @Option(names = "--restart", description = "dasvrda restart: periodic (theory period) or adaptive")
  String restart;

  @Option(names = "--appa-kappa", converter = Flags.NonNegativeDouble.class, description = "accsvrg-appa proximal weight κ ≥ 0 (default: theory, inner condition number ≈ n); cocoa: κ of its "
      + "accelerated outer loop (default 2λ₂ on ≥ 2 partitions; 0 = plain CoCoA+)")
  Double appaKappa;

  /**
   * The typed settings of {@code kind}; parsing and the registry's applicability check both happen
   * here, before any data is read.
   */
  MethodSettings settings(MethodKind kind, Integer batchSize, Double step, org.stochopt.core.precond.PreconditionerConfig precondition) {
    MethodTuning tuning = new MethodTuning(opt(tau1, "--tau1"), opt(tau2, "--tau2"),
        parsed("--restart", restart, DasvrdaConfig.Restart::parse), opt(appaKappa, "--appa-kappa"));
    return new MethodSettings(kind, batchSize, opt(step, "--step"),
        parsed("--schedule", schedule, StepSchedule::parseKind),
        parsed("--averaging", averaging, ProxSgdConfig.Averaging::parse),
        epochLength == null ? OptionalLong.empty() : OptionalLong.of(epochLength),
        parsed("--anchor", anchor, ProxSvrgConfig.Anchor::parse),
        parsed("--sampling", sampling, SamplingScheme::parse), tuning, precondition);
  }

  /**
   * The value of {@code flag} parsed (null when not given), an error naming the flag. Every given
   * value is parsed, also for a method that does not read it (which is then refused by the registry).
   */
  static <T> T parsed(String flag, String value, java.util.function.Function<String, T> parse) {
    if (value == null) return null;
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }

  /** A given number must be a number: NaN is refused here, never read as "not given". */
  static OptionalDouble opt(Double v, String flag) {
    if (v == null) return OptionalDouble.empty();
    if (Double.isNaN(v)) throw new IllegalArgumentException(flag + " must be a number, got NaN");
    return OptionalDouble.of(v);
  }
}
