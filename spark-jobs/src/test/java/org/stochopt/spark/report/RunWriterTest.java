package org.stochopt.spark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.trace.TraceRecord;

/**
 * The weights file written in parallel chunks is the file the line-by-line writer produced
 * ({@code (j + 1) + "," + w[j]} per kept row, {@link Double#toString}), and the figure written on
 * a background thread reports its failure to the caller.
 */
class RunWriterTest {
  @TempDir Path tmp;

  private static boolean sparse(double[] w) {
    return java.util.Arrays.stream(w).filter(x -> x != 0.0).count() <= w.length / 2;
  }

  /** The format as the original writer wrote it, one String per line. */
  private static String lineByLine(double[] w) {
    boolean sparse = sparse(w);
    StringBuilder sb = new StringBuilder("feature,weight\n");
    for (int j = 0; j < w.length; j++) {
      if (!sparse || w[j] != 0.0 || j == w.length - 1) sb.append((j + 1) + "," + w[j] + "\n");
    }
    return sb.toString();
  }

  private static double[] weights(int d, double nonZeroFraction, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      if (rng.nextDouble() < nonZeroFraction) w[j] = rng.nextGaussian() * Math.pow(10, rng.nextInt(-12, 8));
    }
    w[0] = -0.0; // a negative zero is a zero: dropped when sparse, "-0.0" when dense
    w[1] = Double.MIN_VALUE;
    return w;
  }

  @Test
  void chunkedWeightsAreTheLineByLineFileDenseAndSparse() throws IOException {
    int[] dims = {1, 3, RunWriter.WEIGHTS_PER_CHUNK - 1, RunWriter.WEIGHTS_PER_CHUNK, 3 * RunWriter.WEIGHTS_PER_CHUNK + 17};
    for (int d : dims) {
      for (double fraction : new double[] {0.0, 0.3, 0.9}) {
        double[] w = d == 1 ? new double[] {fraction} : weights(d, fraction, d);
        Path file = tmp.resolve("w-" + d + "-" + fraction + ".csv");
        RunWriter.writeWeights(w, file);
        assertEquals(lineByLine(w), Files.readString(file), "d = " + d + ", nonzero fraction " + fraction);
        double[] expected = w.clone();
        if (sparse(w)) expected[0] = Math.abs(expected[0]); // a dropped −0.0 reads back as 0.0
        assertArrayEquals(expected, RunWriter.readWeights(file), "round trip, d = " + d);
      }
    }
  }

  @Test
  void aFigureWrittenInTheBackgroundReportsItsFailure() throws IOException {
    List<TraceRecord> trace = List.of(
        new TraceRecord(0, 0, 0, 0, 0, 1.0, Double.NaN, Double.NaN, 1.0, Double.NaN, 0),
        new TraceRecord(1, 1, 10, 1, 0.1, 0.5, Double.NaN, Double.NaN, 0.1, Double.NaN, 3));
    Path png = tmp.resolve("ok/convergence.png");
    TracePlot.writeInBackground(trace, "test", png).await();
    assertTrue(Files.size(png) > 0);
    Path notAFolder = tmp.resolve("file");
    Files.writeString(notAFolder, "x");
    TracePlot.Pending failing = TracePlot.writeInBackground(trace, "test", notAFolder.resolve("convergence.png"));
    assertThrows(IOException.class, failing::await);
  }
}
