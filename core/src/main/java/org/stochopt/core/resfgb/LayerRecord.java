package org.stochopt.core.resfgb;


/**
 * One row of the ResFGB trace: the network after {@code layer} blocks (layer 0 is the linear
 * model on the raw features) with its freshly refitted head. Times are wall seconds of this
 * layer, split into the block fit, the feature update (all partitions of train, validation and
 * test) and the head refit; {@code seconds} is the cumulative training time (evaluation excluded).
 * Validation and test columns are NaN without those rows. {@code step} is the layer's
 * functional-gradient step: η (fixed or found by the line search) or the Frank–Wolfe γ_t.
 */
public record LayerRecord(int layer, double seconds, double blockSeconds, double updateSeconds, double headSeconds,
    double blockLoss, double headPasses, double trainLoss, double trainAccuracy, double validationLoss,
    double validationAccuracy, double testLoss, double testAccuracy, double step) implements org.stochopt.core.optim.TracePoint {

  public static final String CSV_HEADER = "layer,seconds,block_seconds,update_seconds,head_seconds,block_loss,head_passes,"
      + "train_loss,train_accuracy,validation_loss,validation_accuracy,test_loss,test_accuracy,step";

  public String csv() {
    return String.join(",", Integer.toString(layer), n(seconds), n(blockSeconds), n(updateSeconds), n(headSeconds), n(blockLoss),
        n(headPasses), n(trainLoss), n(trainAccuracy), n(validationLoss), n(validationAccuracy), n(testLoss), n(testAccuracy), n(step));
  }

  /** What divergence checks watch: the training loss. */
  @Override
  public double divergenceMeasure() {
    return trainLoss;
  }

  private static String n(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
