package org.stochopt.core.embed;

import org.stochopt.core.optim.Training;
import org.stochopt.core.oracle.OracleStats;

/**
 * An embedding run as the one {@link org.stochopt.core.optim.TrainingLoop} drives it: the state is
 * {@link EmbeddingState}, a step is {@link PartitionedEmbedding#step}, and a measurement evaluates
 * the table with {@link EmbeddingMetrics}. A pass is one epoch over the training examples.
 */
public final class EmbeddingTraining implements Training<EmbeddingState, EmbeddingRecord> {
  /**
   * What to measure.
   *
   * @param ancestors closure out-neighbours for reconstruction (null: skip, as for ordinal runs)
   * @param heldOut held-out edges for link prediction, both ends seen in training (empty: skip)
   * @param candidates the nodes link-prediction negatives are drawn from (those seen in training)
   * @param full every edge of the graph (link-prediction negatives avoid them)
   * @param ordinalTest held-out comparisons (empty: skip)
   * @param evalNodes reconstruct from this many sampled nodes (0 = all)
   * @param linkDraws negatives per held-out edge
   */
  public record Evaluation(int[][] ancestors, int[] heldOut, int[] candidates, Adjacency full, int[] ordinalTest, int evalNodes, int linkDraws,
      long seed) {}

  private final PartitionedEmbedding embedding;
  private final Manifold manifold;
  private final Evaluation eval;
  private final int nodes;

  /** The sharded table's evaluation plan (null when the driver holds the table). */
  private final ShardedEvaluation.Plan plan;

  public EmbeddingTraining(PartitionedEmbedding embedding, Manifold manifold, int nodes, Evaluation eval) {
    this.embedding = embedding;
    this.manifold = manifold;
    this.nodes = nodes;
    this.eval = eval;
    this.plan = embedding.aggregation() != Aggregation.SHARDED ? null
        : new ShardedEvaluation.Plan(eval.ancestors(),
            eval.ancestors() == null ? new int[0] : EmbeddingMetrics.evaluatedNodes(eval.ancestors(), eval.evalNodes(), eval.seed()),
            EmbeddingMetrics.linkTriples(eval.heldOut(), eval.full(), eval.candidates(), eval.linkDraws(), eval.seed()), eval.ordinalTest());
  }

  @Override
  public String name() {
    return "rsgd-" + manifold.name();
  }

  @Override
  public EmbeddingState init() {
    return embedding.init();
  }

  @Override
  public void step(EmbeddingState state) {
    embedding.step(state);
  }

  @Override
  public OracleStats spent() {
    return embedding.spent();
  }

  @Override
  public double passesPerGradient() {
    return 1.0 / embedding.examples();
  }

  @Override
  public EmbeddingRecord measure(EmbeddingState state, long step, OracleStats spent, double seconds) {
    EmbeddingMetrics.Summary s = plan != null ? embedding.evaluateSharded(plan) : onDriver(embedding.table(state));
    long examples = spent.componentGradients();
    return new EmbeddingRecord(step, (double) examples / embedding.examples(), seconds, spent.rounds(), state.takeMeanLoss(),
        s.meanRank(), s.map(), s.linkError(), s.ordinalAccuracy(), s.maxRadius(), s.meanRadius(), seconds > 0 ? examples / seconds : Double.NaN);
  }

  /** The metrics of the table the driver holds. */
  private EmbeddingMetrics.Summary onDriver(double[] table) {
    int w = embedding.width();
    double rank = Double.NaN, map = Double.NaN;
    if (eval.ancestors() != null) {
      EmbeddingMetrics.Reconstruction r = EmbeddingMetrics.reconstruction(manifold, table, w, eval.ancestors(), eval.evalNodes(), eval.seed());
      rank = r.meanRank();
      map = r.map();
    }
    double link = EmbeddingMetrics.linkError(manifold, table, w, eval.heldOut(), eval.full(), eval.candidates(), eval.linkDraws(), eval.seed());
    double ordinal = EmbeddingMetrics.ordinalAccuracy(manifold, table, w, eval.ordinalTest());
    double[] radius = EmbeddingMetrics.radius(manifold, table, w);
    return new EmbeddingMetrics.Summary(rank, map, link, ordinal, radius[0], radius[1]);
  }
}
