package org.stochopt.core.runtime;

import java.io.Serializable;
import java.util.List;

/**
 * The receiving side of {@link PartitionRunner#exchange}: partition q's new block from its old
 * block and its inbox, {@code inbox.get(p)} being the message partition p addressed to q
 * ({@code null} when p sent none). The inbox is indexed by sender, never in arrival order, so a
 * fold over it gives the same bits on every backend.
 */
@FunctionalInterface
public interface ReceiveTask<B, M, C> extends Serializable {
  C apply(int partition, B block, List<M> inbox);
}
