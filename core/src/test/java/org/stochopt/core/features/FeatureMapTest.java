package org.stochopt.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;

/** Determinism, range consistency, serialization, on-the-fly equivalence and the transform itself. */
class FeatureMapTest {

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  static int serializedSize(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.size();
  }

  private static double[] randomVector(int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[d];
    for (int i = 0; i < d; i++) x[i] = r.nextDouble() * 2 - 1;
    return x;
  }

  @ParameterizedTest
  @EnumSource(FeatureKind.class)
  void anyFeatureRangeGivesTheSameValuesAsTheFullMap(FeatureKind kind) {
    FeatureMap map = kind.create(13, 100, 1.3, 7);
    double[] x = randomVector(13, 1);
    double[] full = new double[100];
    map.map(x, full);
    for (int[] r : new int[][] {{0, 1}, {5, 37}, {15, 17}, {31, 100}, {64, 65}}) {
      double[] part = new double[r[1] - r[0]];
      map.mapRange(x, r[0], r[1], part);
      assertArrayEquals(java.util.Arrays.copyOfRange(full, r[0], r[1]), part, 0.0, kind + " range " + r[0] + ".." + r[1]);
    }
  }

  @ParameterizedTest
  @EnumSource(FeatureKind.class)
  void mapSerializesOnlyItsParametersAndRegeneratesIdenticalFeatures(FeatureKind kind) throws Exception {
    FeatureMap map = kind.create(200, 3000, 2.0, 42);
    double[] x = randomVector(200, 2);
    double[] z = new double[3000];
    map.map(x, z); // generate the frequencies first: they must still not be serialized
    assertTrue(serializedSize(map) < 1000, kind + " serialized to " + serializedSize(map) + " bytes");
    FeatureMap copy = roundTrip(map);
    assertEquals(map, copy);
    double[] z2 = new double[3000];
    copy.map(x, z2);
    assertArrayEquals(z, z2, 0.0);
    // A different seed gives a different map.
    kind.create(200, 3000, 2.0, 43).map(x, z2);
    assertTrue(Math.abs(z[0] - z2[0]) + Math.abs(z[1] - z2[1]) > 0);
  }

  @Test
  void featuresAreBoundedBySqrtTwoOverM() {
    FeatureMap map = new GaussianRff(5, 50, 1.0, 1);
    double[] z = new double[50];
    map.map(randomVector(5, 3), z);
    for (double v : z) assertTrue(Math.abs(v) <= Math.sqrt(2.0 / 50) + 1e-15);
  }

  @Test
  void walshHadamardIsOrthogonalAndMatchesSylvester() {
    int p = 8;
    double[] x = randomVector(p, 4);
    double[] y = x.clone();
    Fwht.transform(y, 0, p);
    for (int i = 0; i < p; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) s += (Integer.bitCount(i & j) % 2 == 0 ? 1 : -1) * x[j];
      assertEquals(s / Math.sqrt(p), y[i], 1e-14);
    }
    Fwht.transform(y, 0, p); // H is symmetric and orthogonal: H H = I
    assertArrayEquals(x, y, 1e-14);
    assertEquals(1024, Fwht.paddedSize(784));
    assertEquals(16, Fwht.paddedSize(16));
    assertThrows(IllegalArgumentException.class, () -> Fwht.transform(new double[6], 0, 6));
  }

  @Test
  void onTheFlyBlocksGiveExactlyThePrecomputedGradients() throws Exception {
    RowBlock all = TestData.builder(300, 8, 0.7, true, 5).build(8, 0);
    List<RowBlock> raw = TestData.split(all, 3);
    FeatureMap map = new GaussianRff(8, 40, 1.0, 3);
    LinearObjective obj = new LinearObjective(new LogisticLoss(), 40);
    InMemoryOracle pre = new InMemoryOracle(obj, RandomFeatures.featurize(raw, map, true));
    // Round-tripped blocks: what an executor deserializes (transient scratch must be rebuilt).
    List<RowBlock> fly = roundTrip(new java.util.ArrayList<>(RandomFeatures.featurize(raw, map, false)));
    InMemoryOracle onTheFly = new InMemoryOracle(obj, fly);
    double[] w = randomVector(40, 6);
    double[] g1 = new double[40];
    double[] g2 = new double[40];
    assertEquals(pre.evaluate(w, g1), onTheFly.evaluate(w, g2), 0.0);
    assertArrayEquals(g1, g2, 0.0);
    SamplingPlan plan = new SamplingPlan(9, pre.partitionSizes(), SamplingScheme.WITHOUT_REPLACEMENT);
    assertEquals(pre.batchGradient(w, plan.draw(4, 17), g1), onTheFly.batchGradient(w, plan.draw(4, 17), g2), 0.0);
    assertArrayEquals(g1, g2, 0.0);
    assertEquals(pre.summary().fingerprint(), onTheFly.summary().fingerprint());
    assertEquals(pre.summary().maxSquaredNorm(), onTheFly.summary().maxSquaredNorm(), 0.0);
  }

  @Test
  void inputDimensionMismatchIsReported() {
    RowBlock block = TestData.builder(10, 4, 1.0, true, 1).build(4, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianRff(5, 10, 1, 1).apply(block));
    assertTrue(e.getMessage().contains("dimension 5") && e.getMessage().contains("dimension 4"), e.getMessage());
  }
}
