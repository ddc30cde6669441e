package org.stochopt.core.precond;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stochopt.core.TestData;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.LocalPartitionRunner;

class SecondMomentTest {
  @Test
  void fullMatrixIsTheMeanOuterProductOnDenseAndSparseRows() {
    for (double density : new double[] {1.0, 0.3}) {
      RowBlock all = TestData.builder(150, 9, density, false, 5).build(9, 0);
      double[][] x = PrecondTestData.dense(all);
      double[] expected = new double[81];
      for (double[] row : x) for (int j = 0; j < 9; j++) for (int k = 0; k < 9; k++) expected[j * 9 + k] += row[j] * row[k] / 150;
      SecondMoment m = SecondMoment.estimate(new LocalPartitionRunner<>(TestData.split(all, 3), 2), 9, true);
      assertEquals(150, m.count());
      assertArrayEquals(expected, m.matrix(), 1e-12, "density " + density);
      SecondMoment diag = SecondMoment.estimate(new LocalPartitionRunner<>(TestData.split(all, 3), 2), 9, false);
      double[] ed = new double[9];
      for (int j = 0; j < 9; j++) ed[j] = expected[j * 9 + j];
      assertArrayEquals(ed, diag.diagonal(), 1e-12);
    }
  }

  @Test
  void theSameRowsInOneOrManyPartitionsGiveTheSameMatrix() {
    RowBlock all = TestData.builder(200, 7, 0.6, false, 8).build(7, 0);
    double[] one = SecondMoment.estimate(new LocalPartitionRunner<>(List.of(all), 1), 7, true).matrix();
    double[] four = SecondMoment.estimate(new LocalPartitionRunner<>(TestData.split(all, 4), 2), 7, true).matrix();
    assertArrayEquals(one, four, 1e-13);
    // Seeded and ordered: the same partitioning gives the same bits, whatever the thread count.
    double[] again = SecondMoment.estimate(new LocalPartitionRunner<>(TestData.split(all, 4), 1), 7, true).matrix();
    assertArrayEquals(four, again, 0.0);
  }
}
