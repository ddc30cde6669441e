package org.stochopt.core.influence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.optim.DivergenceException;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.optim.TrainingLoop;

/**
 * Putting the replayable SGD on the one {@link TrainingLoop} did not change its trajectory: the
 * hashes of every recorded iterate, of θ_T and of the SGD-influence estimate are the golden
 * numbers captured from the bare training loop of commit f9c5f3c (before the move), bit for bit.
 */
class GoldenReplayTrainingTest {
  static long hash(long h, double[] v) {
    for (double x : v) h = h * 1_000_003L + Double.doubleToLongBits(x);
    return h;
  }

  /** Runs on the loop, returns {iterate hash, influence hash, bits of θ_T[0]} and the trace. */
  private static long[] onLoop(RowModel model, RowSet train, RowSet val, SgdSettings s, int every, List<SgdTracePoint> trace) {
    ReplayableSgd sgd = new ReplayableSgd(model, train, s, ExcludedRows.NONE);
    IterateLog log = new IterateLog(every, s.steps());
    TrainingLoop.Result<ReplayableSgdTraining.State, SgdTracePoint> r = ReplayableSgdTraining.run(sgd, log, 10, trace::add);
    assertEquals(StoppingRules.Reason.MAX_STEPS, r.reason());
    assertEquals(s.steps(), r.steps());
    double[] theta = r.state().theta();
    assertArrayEquals(theta, log.last());
    assertArrayEquals(theta, sgd.train(), "the bare run and the loop's run are the same bits");
    long h = 17;
    for (long t = 0; t < s.steps(); t++) h = hash(h, log.segmentOf(t, sgd)[(int) (t % every)]);
    h = hash(h, theta);
    double[] u = new double[model.dimension()];
    val.meanLoss(model, theta, u);
    double[] est = SgdInfluence.estimate(sgd, log, u, 0).influence();
    return new long[] {h, hash(17, est), Double.doubleToLongBits(theta[0])};
  }

  @Test
  void logisticRunOnTheLoopKeepsItsGoldenIterates() {
    List<SgdTracePoint> trace = new ArrayList<>();
    long[] got = onLoop(new LinearRowModel(Losses.parse("logistic"), 5), TinyData.local(TinyData.binary(40, 5, 3, 51)),
        TinyData.local(TinyData.binary(20, 5, 2, 52)), new SgdSettings(0.3, true, 4, 47, 0.01, 7), 1, trace);
    assertArrayEquals(new long[] {-395409970851035729L, 6619071616676683748L, 4601019437543230052L}, got);
    // evaluations at 0, 10, 20, 30, 40 and the end (47); the objective starts at log 2 and falls
    assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 47L), trace.stream().map(SgdTracePoint::step).toList());
    assertEquals(Math.log(2), trace.get(0).objective(), 1e-15);
    assertTrue(trace.get(trace.size() - 1).objective() < trace.get(0).objective());
    assertEquals(47 * 4 / 40.0, trace.get(trace.size() - 1).epochs(), 1e-12);
  }

  @Test
  void multinomialCheckpointedRunOnTheLoopKeepsItsGoldenIterates() {
    long[] got = onLoop(new MultinomialRowModel(4, 3), TinyData.local(TinyData.multiclass(30, 4, 3, 3, 53)),
        TinyData.local(TinyData.multiclass(20, 4, 3, 2, 54)), new SgdSettings(0.2, false, 5, 33, 0.001, 9), 5, new ArrayList<>());
    assertArrayEquals(new long[] {-2294186957994648450L, 4300530228329996551L, 4600596448876341845L}, got);
  }

  /** A step far too long blows the objective up: the loop stops it with the divergence rule and the remedy. */
  @Test
  void divergingRunIsStoppedByTheLoop() {
    RowSet train = TinyData.local(TinyData.binary(40, 5, 3, 51));
    ReplayableSgd sgd = new ReplayableSgd(new LinearRowModel(Losses.parse("squared"), 5), train,
        new SgdSettings(50, false, 4, 200, 0.0, 7), ExcludedRows.NONE);
    DivergenceException e = assertThrows(DivergenceException.class, () -> ReplayableSgdTraining.run(sgd, null, 5, p -> {}));
    assertTrue(e.getMessage().contains("reduce --step"), e.getMessage());
  }
}
