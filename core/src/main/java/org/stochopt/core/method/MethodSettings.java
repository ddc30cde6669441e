package org.stochopt.core.method;

import java.util.EnumSet;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.precond.PreconditionerConfig;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * A method and the settings the user gave it, typed and validated; an absent (empty or null)
 * setting means the method's own default (the theory value). Every command builds one, and
 * {@link Methods#build} turns it into a configured method; a setting the method does not read is
 * refused here, at construction.
 *
 * @param kind the method, or {@link MethodKind#AUTO}
 * @param batchSize minibatch size b ≥ 1, or null for the method's choice (16; auto picks its own)
 * @param step step size η (η₀ of the SGD schedule; Katyusha's y-step)
 * @param schedule SGD step schedule, or null (1/t)
 * @param averaging SGD iterate averaging, or null (linear)
 * @param epochLength steps per anchor (local methods: local steps per partition per round), ≥ 1
 * @param anchor SVRG anchor, or null (last)
 * @param sampling minibatch sampling, or null (the method's {@link MethodKind#defaultSampling})
 * @param tuning Katyusha, DASVRDA and APPA overrides
 * @param precondition gd and sgd: the preconditioner P, or null (P = I)
 */
public record MethodSettings(MethodKind kind, Integer batchSize, OptionalDouble step, StepSchedule.Kind schedule,
    ProxSgdConfig.Averaging averaging, OptionalLong epochLength, ProxSvrgConfig.Anchor anchor, SamplingScheme sampling,
    MethodTuning tuning, PreconditionerConfig precondition) {

  /** The minibatch size of a method the user names without giving one. */
  public static final int DEFAULT_BATCH = 16;

  public MethodSettings {
    if (kind == null) throw new IllegalArgumentException("a method is required");
    if (batchSize != null && batchSize <= 0) throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
    if (step.isPresent() && !(step.getAsDouble() > 0 && Double.isFinite(step.getAsDouble()))) {
      throw new IllegalArgumentException("--step must be a positive number, got " + step.getAsDouble());
    }
    if (epochLength.isPresent() && epochLength.getAsLong() < 1) {
      throw new IllegalArgumentException("--epoch-length must be at least 1, got " + epochLength.getAsLong());
    }
    if (tuning == null) tuning = MethodTuning.THEORY;
    if (batchSize != null && !kind.usesMinibatches()) {
      throw new IllegalArgumentException("--batch-size does not apply to --method " + kind + " (it takes no minibatches"
          + (kind.certifies() ? "; --epoch-length sets its local steps per round)" : ": each round reads every row)"));
    }
    kind.refuseInapplicable(given(step, schedule, averaging, epochLength, anchor, sampling, tuning, precondition));
  }

  /** The method at its theory parameters. */
  public static MethodSettings of(MethodKind kind, Integer batchSize) {
    return new MethodSettings(kind, batchSize, OptionalDouble.empty(), null, null, OptionalLong.empty(), null, null, MethodTuning.THEORY,
        null);
  }

  /** The method at its theory parameters, or with the step {@code step} when it is present. */
  public static MethodSettings of(MethodKind kind, Integer batchSize, OptionalDouble step) {
    return new MethodSettings(kind, batchSize, step, null, null, OptionalLong.empty(), null, null, MethodTuning.THEORY, null);
  }

  /** The same settings for another method and batch size (what {@code auto} resolves to). */
  public MethodSettings resolved(MethodKind k, int b) {
    return new MethodSettings(k, k.usesMinibatches() ? b : null, step, schedule, averaging, epochLength, anchor, sampling, tuning, precondition);
  }

  /** b, or the default when the user gave none (never call on an unresolved {@link MethodKind#AUTO}). */
  public int b() {
    return batchSize != null ? batchSize : DEFAULT_BATCH;
  }

  /** Whether the method is built from the rows (gd always; sgd with a preconditioner other than P = I). */
  public boolean needsRows() {
    return kind == MethodKind.GD || (kind == MethodKind.SGD && precondition != null && precondition.spec().needsSecondMoment());
  }

  /** The sampling the run uses: the given one, or the method's default. */
  public SamplingScheme effectiveSampling() {
    return sampling != null ? sampling : kind.defaultSampling();
  }

  private static Set<MethodFlag> given(OptionalDouble step, StepSchedule.Kind schedule, ProxSgdConfig.Averaging averaging,
      OptionalLong epochLength, ProxSvrgConfig.Anchor anchor, SamplingScheme sampling, MethodTuning t, PreconditionerConfig p) {
    Set<MethodFlag> s = EnumSet.noneOf(MethodFlag.class);
    if (step.isPresent()) s.add(MethodFlag.STEP);
    if (schedule != null) s.add(MethodFlag.SCHEDULE);
    if (averaging != null) s.add(MethodFlag.AVERAGING);
    if (epochLength.isPresent()) s.add(MethodFlag.EPOCH_LENGTH);
    if (anchor != null) s.add(MethodFlag.ANCHOR);
    if (sampling != null) s.add(MethodFlag.SAMPLING);
    if (t.tau1().isPresent()) s.add(MethodFlag.TAU1);
    if (t.tau2().isPresent()) s.add(MethodFlag.TAU2);
    if (t.restart() != null) s.add(MethodFlag.RESTART);
    if (t.appaKappa().isPresent()) s.add(MethodFlag.APPA_KAPPA);
    if (p != null) s.add(MethodFlag.PRECONDITION);
    return s;
  }
}
