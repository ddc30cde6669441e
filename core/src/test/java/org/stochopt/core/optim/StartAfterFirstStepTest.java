package org.stochopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.oracle.OracleStats;

/**
 * The loop's two orders for the start: measured before the first step (every method), or after it
 * when the method still reports w₀ then and its first step read the rows there
 * ({@link Training#startMeasuredAfterFirstStep}, CoCoA+). The calls, the trace and the step count
 * are what each order promises.
 */
class StartAfterFirstStepTest {
  /** A point: the state's value when measured, and the step the loop said. */
  record Point(double value, long step, long rounds) implements TracePoint {
    @Override
    public double divergenceMeasure() {
      return value;
    }
  }

  /** The state counts steps; its reported value lags one step behind when {@code lagging}, as CoCoA+'s does. */
  static final class Fake implements Training<long[], Point> {
    final boolean lagging;
    final List<String> calls = new ArrayList<>();
    long rounds;
    long measureMillis; // how long a measurement takes (to check the loop's clocks)

    Fake(boolean lagging) {
      this.lagging = lagging;
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public long[] init() {
      calls.add("init");
      return new long[1];
    }

    @Override
    public void step(long[] s) {
      calls.add("step");
      s[0]++;
      rounds++;
    }

    @Override
    public OracleStats spent() {
      return new OracleStats(rounds, 10 * rounds, 0, 0);
    }

    @Override
    public double passesPerGradient() {
      return 0;
    }

    private double reported(long[] s) {
      return 100.0 - (lagging ? Math.max(0, s[0] - 1) : s[0]);
    }

    @Override
    public Point measure(long[] s, long step, OracleStats spent, double seconds) {
      calls.add("measure");
      pause(measureMillis);
      return new Point(reported(s), step, spent.rounds());
    }

    @Override
    public boolean startMeasuredAfterFirstStep() {
      return lagging;
    }

    @Override
    public Point measureStart(long[] s, OracleStats spent) {
      calls.add("measureStart");
      pause(measureMillis);
      return new Point(reported(s), 0, spent.rounds());
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TrainingLoop.Result<long[], Point> run(Fake t) {
    LoopBudget budget = new LoopBudget(3, 0, 0, 0, 0, 0, 1, false);
    return new TrainingLoop(budget, TrainingLoop.Safety.defaults()).run(t, p -> {});
  }

  @Test
  void theStartIsMeasuredBeforeTheFirstStepByDefault() {
    Fake t = new Fake(false);
    var r = run(t);
    assertEquals(List.of("init", "measure", "step", "measure", "step", "measure", "step", "measure"), t.calls);
    assertEquals(List.of(new Point(100, 0, 0), new Point(99, 1, 1), new Point(98, 2, 2), new Point(97, 3, 3)), r.trace());
    assertEquals(3, r.steps());
  }

  @Test
  void aLaggingMethodTakesItsFirstStepBeforeTheStartIsMeasuredAndTheTraceIsTheSame() {
    Fake t = new Fake(true);
    var r = run(t);
    // One step, then the start (at the costs before that step), then the first step's own point.
    assertEquals(List.of("init", "step", "measureStart", "measure", "step", "measure", "step", "measure"), t.calls);
    assertEquals(List.of(new Point(100, 0, 0), new Point(100, 1, 1), new Point(99, 2, 2), new Point(98, 3, 3)), r.trace());
    assertEquals(3, r.steps());
  }

  /** The measurements are timed apart from the steps: the start's on its own, the later ones summed (what bench charges). */
  @Test
  void measurementsAreTimedApartFromTheSteps() {
    for (boolean lagging : new boolean[] {false, true}) {
      Fake t = new Fake(lagging);
      t.measureMillis = 30;
      var r = run(t);
      assertTrue(r.firstEvaluationSeconds() >= 0.03, "start " + r.firstEvaluationSeconds());
      assertTrue(r.evaluationSeconds() >= 3 * 0.03, "later " + r.evaluationSeconds());
      assertTrue(r.seconds() < 0.03, "the steps' clock holds no measurement: " + r.seconds());
    }
  }
}
