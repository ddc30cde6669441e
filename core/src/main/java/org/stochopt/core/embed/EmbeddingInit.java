package org.stochopt.core.embed;

import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/** Initial rows: node i's row is drawn from the stream (seed, INIT, i), wherever the row lives. */
public final class EmbeddingInit {
  static final long INIT = 0x1417L;

  private EmbeddingInit() {}

  public static void row(Manifold m, long seed, int node, double scale, double[] out, int offset, int width) {
    m.init(new SplittableRandom(Seeds.child(seed, INIT, node)), scale, out, offset, width);
  }

  /** The whole n × width table (driver-held modes). */
  public static double[] table(Manifold m, long seed, int nodes, int width, double scale) {
    double[] t = new double[nodes * width];
    for (int i = 0; i < nodes; i++) row(m, seed, i, scale, t, i * width, width);
    return t;
  }
}
