package org.stochopt.core.meanfield;

import java.util.List;
import java.util.function.Consumer;
import org.stochopt.core.optim.LoopBudget;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.optim.Training;
import org.stochopt.core.optim.TrainingLoop;
import org.stochopt.core.oracle.OracleStats;

/**
 * Particle methods under the one {@link TrainingLoop}: evaluate at step 0, every
 * {@code evalEvery} steps, at log-spaced steps (ratio 1.25, for log–log plots) when asked, and at
 * the end; stop after {@code steps} steps or {@code maxSeconds} of method time; a training loss
 * that blows up stops the run as diverged.
 */
public final class MeanFieldRunner {
  /**
   * @param steps method steps (MFLD steps, or PDA outer iterations)
   * @param evalEvery evaluate every this many steps
   * @param logSpaced also evaluate at ⌊1.25^k⌋
   * @param maxSeconds method wall-time budget, 0 = none
   */
  public record Budget(long steps, long evalEvery, boolean logSpaced, double maxSeconds) {
    public Budget {
      if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
      if (evalEvery < 1) throw new IllegalArgumentException("--eval-every-steps must be at least 1, got " + evalEvery);
      if (!(maxSeconds >= 0)) throw new IllegalArgumentException("--max-seconds must be ≥ 0, got " + maxSeconds);
    }
  }

  /** The trace, the method's seconds, the stop reason and the mean time per step in ms. */
  public record Run(List<MeanFieldRecord> trace, double seconds, long steps, String stopReason, double meanStepMillis) {
    public MeanFieldRecord last() {
      return trace.get(trace.size() - 1);
    }
  }

  /**
   * The driver's part of a checkpoint (the particles are saved from the blocks): the method's own
   * state, the ensemble's round count, the method's set-up seconds and the loop's position.
   */
  public record Checkpoint(java.io.Serializable method, long rounds, double startSeconds, TrainingLoop.Position<?> position)
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The step after which it was taken. */
    public long step() {
      return position.step();
    }
  }

  /** Where checkpoints go: it saves the blocks (from where they live) and then this driver state. */
  public interface CheckpointSink {
    void save(Checkpoint c);
  }

  private MeanFieldRunner() {}

  /** Runs {@code method} on {@code ensemble} under the one {@link TrainingLoop}. */
  public static Run run(ParticleMethod method, ParticleEnsemble ensemble, MeanFieldEvaluator evaluator, Budget budget,
      Consumer<MeanFieldRecord> progress) {
    return run(method, ensemble, evaluator, budget, progress, null, 0, null);
  }

  /**
   * Runs {@code method}, from {@code from} when given ({@code ensemble} then holds the blocks saved
   * with it), handing a checkpoint to {@code sink} after every {@code everySteps} steps (0: never).
   */
  @SuppressWarnings("unchecked")
  public static Run run(ParticleMethod method, ParticleEnsemble ensemble, MeanFieldEvaluator evaluator, Budget budget,
      Consumer<MeanFieldRecord> progress, Checkpoint from, long everySteps, CheckpointSink sink) {
    TrainingLoop loop = new TrainingLoop(
        new LoopBudget(budget.steps(), 0, 0, budget.maxSeconds(), 0, 0, budget.evalEvery(), budget.logSpaced()),
        new TrainingLoop.Safety(1e6, "reduce --step"));
    ParticleTraining training = new ParticleTraining(method, ensemble, evaluator);
    TrainingLoop.Position<ParticleTraining.Started> position = null;
    if (from != null) {
      ensemble.continueCounting(from.rounds());
      method.resume(ensemble, from.method());
      training.startSeconds = from.startSeconds();
      position = (TrainingLoop.Position<ParticleTraining.Started>) from.position();
    }
    TrainingLoop.Saver<ParticleTraining.Started> saver = everySteps <= 0 ? null : new TrainingLoop.Saver<>() {
      @Override
      public boolean due(OracleStats spent, long step) {
        return step % everySteps == 0;
      }

      @Override
      public void save(TrainingLoop.Position<ParticleTraining.Started> p) {
        sink.save(new Checkpoint(method.saveState(), ensemble.rounds(), training.startSeconds, p));
      }
    };
    TrainingLoop.Result<ParticleTraining.Started, MeanFieldRecord> r = loop.run(training, progress, position, saver);
    String reason = r.reason() == StoppingRules.Reason.MAX_SECONDS ? "max_seconds" : "steps";
    return new Run(r.trace(), r.initSeconds() + r.seconds(), r.steps(), reason,
        r.steps() == 0 ? Double.NaN : r.seconds() * 1e3 / r.steps());
  }

  /** A particle method as the loop drives it: the particles live in the ensemble, so the loop's state is only a marker. */
  private static final class ParticleTraining implements Training<ParticleTraining.Started, MeanFieldRecord> {
    /** The loop's state: the method has started (its particles are in the ensemble). */
    static final class Started implements java.io.Serializable {
      private static final long serialVersionUID = 1L;
    }

    private final ParticleMethod method;
    private final ParticleEnsemble ensemble;
    private final MeanFieldEvaluator evaluator;
    private double startSeconds;

    ParticleTraining(ParticleMethod method, ParticleEnsemble ensemble, MeanFieldEvaluator evaluator) {
      this.method = method;
      this.ensemble = ensemble;
      this.evaluator = evaluator;
    }

    @Override
    public String name() {
      return method.name();
    }

    @Override
    public Started init() {
      long t0 = System.nanoTime();
      method.start(ensemble);
      startSeconds = (System.nanoTime() - t0) / 1e9;
      return new Started();
    }

    @Override
    public void step(Started state) {
      method.step();
    }

    @Override
    public OracleStats spent() {
      return new OracleStats(ensemble.rounds(), 0, 0, 0);
    }

    @Override
    public double passesPerGradient() {
      return 0; // particle steps are counted in steps and rounds, not passes
    }

    @Override
    public MeanFieldRecord measure(Started state, long step, OracleStats spent, double seconds) {
      // Seconds include the start (the method's own setup), as the records always have.
      return evaluator.evaluate(ensemble, step, method.langevinSteps(), ensemble.rounds(), startSeconds + seconds);
    }
  }
}
