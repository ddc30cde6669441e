package org.stochopt.spark.ntk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.ntk.Activation;
import org.stochopt.core.ntk.AveragedSgd;
import org.stochopt.core.ntk.NeuronBlock;
import org.stochopt.core.ntk.NtkNetwork;
import org.stochopt.core.ntk.NtkShape;
import org.stochopt.core.ntk.TeacherTarget;
import org.stochopt.core.ntk.TrainedLayers;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.runtime.PartitionRunner;
import org.stochopt.spark.SparkTestSession;
import org.stochopt.spark.runtime.SparkPartitionRunner;

/**
 * In-process and Spark (local[2], neurons in 3 partitions, a local checkpoint every 4 steps) give
 * the same trajectory bit for bit: every neuron's current and averaged parameters, and the
 * averaged model's predictions. Plus a width of 10⁶ neurons running on local[2].
 */
class NtkBackendAgreementTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkTestSession.start();
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  private static DataMatrix data(int n, int d, long seed) {
    return NtkData.draw(new TeacherTarget(d, 3, 1), n, d, 0.1, seed);
  }

  private record Run(List<NeuronBlock> blocks, double[] predictions, double progressive) {}

  private static Run run(PartitionRunner<NeuronBlock> runner, NtkShape s, DataMatrix train, DataMatrix test, int steps) {
    try (NtkNetwork net = new NtkNetwork(s, runner, train)) {
      AveragedSgd sgd = new AveragedSgd(new AveragedSgd.Config(0.04, 0.01, 3), new SquaredLoss(), net, train, 7);
      sgd.start();
      for (int t = 0; t < steps; t++) sgd.step();
      return new Run(net.collect(), net.predict(net.share(test), true), sgd.progressiveLoss());
    }
  }

  @Test
  void sparkAndInProcessGiveTheSameTrajectory() {
    int d = 4;
    DataMatrix train = data(200, d, 3);
    DataMatrix test = data(25, d, 4);
    for (TrainedLayers layers : TrainedLayers.values()) {
      NtkShape s = new NtkShape(30, d, 1.0, 0.5, new Activation.Swish(10), layers);
      Run local = run(LocalPartitionRunner.generate(3, NtkNetwork.source(s, 3, 11), 2), s, train, test, 20);
      Run spark = run(SparkPartitionRunner.generate(sc, 3, NtkNetwork.source(s, 3, 11), 4), s, train, test, 20);
      assertEquals(local.progressive(), spark.progressive(), 0.0, layers + " progressive loss");
      assertArrayEquals(local.predictions(), spark.predictions(), 0.0, layers + " predictions of the average");
      for (int p = 0; p < 3; p++) {
        NeuronBlock a = local.blocks().get(p);
        NeuronBlock b = spark.blocks().get(p);
        assertEquals(a.first(), b.first());
        assertEquals(21, b.terms());
        for (int j = 0; j < a.count(); j++) {
          assertArrayEquals(a.neuron(j, false), b.neuron(j, false), 0.0, layers + " neuron " + (a.first() + j));
          assertArrayEquals(a.neuron(j, true), b.neuron(j, true), 0.0, layers + " averaged neuron " + (a.first() + j));
        }
      }
      assertTrue(Math.abs(local.predictions()[0]) > 1e-4);
    }
  }

  @Test
  void aMillionNeuronsRunOnLocal2() {
    int d = 5;
    DataMatrix train = data(40, d, 5);
    DataMatrix test = data(10, d, 6);
    NtkShape s = new NtkShape(1_000_000, d, 1.0, 1.0, new Activation.Swish(10), TrainedLayers.BOTH);
    Run r = run(SparkPartitionRunner.generate(sc, 2, NtkNetwork.source(s, 2, 1), 50), s, train, test, 5);
    assertEquals(2, r.blocks().size());
    assertEquals(1_000_000, r.blocks().get(0).count() + r.blocks().get(1).count());
    assertTrue(Double.isFinite(r.progressive()));
    for (double v : r.predictions()) assertTrue(Double.isFinite(v) && v != 0.0);
  }
}
