package org.stochopt.core.resfgb;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stochopt.core.linalg.DenseRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.runtime.LocalPartitionRunner;
import org.stochopt.core.runtime.PartitionRunner;

/** Three classes on concentric rings in the first two of d coordinates (not linearly separable). */
final class Rings {
  private Rings() {}

  static List<RowBlock> partitions(int n, int d, int parts, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      double r = 0.5 + c + 0.15 * rng.nextGaussian();
      double a = 2 * Math.PI * rng.nextDouble();
      x[i * d] = r * Math.cos(a) / 2;
      x[i * d + 1] = r * Math.sin(a) / 2;
      for (int j = 2; j < d; j++) x[i * d + j] = 0.3 * rng.nextGaussian();
      y[i] = c;
    }
    List<RowBlock> out = new ArrayList<>();
    int per = (n + parts - 1) / parts;
    for (int p = 0; p < parts; p++) {
      int from = Math.min(n, p * per);
      int to = Math.min(n, from + per);
      double[] v = java.util.Arrays.copyOfRange(x, from * d, to * d);
      out.add(FeatureRows.withBias(new DenseRowBlock(d, v, java.util.Arrays.copyOfRange(y, from, to), from)));
    }
    return out;
  }

  static FeatureRows local(int n, int d, int parts, long seed) {
    List<RowBlock> blocks = partitions(n, d, parts, seed);
    return rows(new LocalPartitionRunner<>(blocks, 2), blocks, d);
  }

  static FeatureRows rows(PartitionRunner<RowBlock> runner, List<RowBlock> blocks, int d) {
    int[] sizes = new int[blocks.size()];
    for (int p = 0; p < sizes.length; p++) sizes[p] = blocks.get(p).rows();
    return new FeatureRows(runner, sizes, d);
  }

  static ResFgbConfig config(ResFgbConfig.Rule rule, int layers, long seed) {
    ResFgbConfig c = ResFgbConfig.defaults(rule, seed);
    return new ResFgbConfig(rule, layers, rule == ResFgbConfig.Rule.ADDITIVE ? 2.0 : 2.0, new int[] {16}, c.output(), 0.3,
        new BlockFitter.Settings(50, 10, Double.NaN, 0.9, 1e-5, seed), new HeadFitter.Settings("svrg", 8, 20, 5, 1e-3, seed), true, seed);
  }
}
