package org.stochopt.core.sampling;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.stochopt.core.linalg.RowBlock;

/**
 * Per-block alias tables over the row weights ‖x_i‖², built once per block and process. Keyed
 * weakly by block identity: on Spark the cached partition object lives as long as the cache, so
 * each executor builds each table once; nothing is shipped.
 */
final class ImportanceTables {
  private static final Map<RowBlock, AliasTable> TABLES = Collections.synchronizedMap(new WeakHashMap<>());

  private ImportanceTables() {}

  static AliasTable of(RowBlock block) {
    return TABLES.computeIfAbsent(block, b -> {
      double[] w = new double[b.rows()];
      for (int r = 0; r < w.length; r++) w[r] = b.squaredNorm(r);
      return new AliasTable(w);
    });
  }
}
