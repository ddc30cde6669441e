package org.stochopt.spark.job;

import java.util.Locale;
import org.stochopt.core.loss.Loss;
import org.stochopt.core.loss.Losses;
import org.stochopt.core.loss.MulticlassLoss;
import org.stochopt.core.objective.FiniteSumObjective;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.objective.MulticlassLinearObjective;
import org.stochopt.datasets.io.LabelPolicy;

/**
 * What {@code --loss} names: a margin loss (logistic, squared, smoothed-hinge; one weight per
 * feature, ±1 or real labels) or a multi-class loss (multinomial, ovr-logistic; K class blocks of
 * d weights, labels 0..K−1). It decides the label policy of the loaders, the objective, and the
 * curvature constant c of L_i = c‖x_i‖².
 *
 * @param margin the margin loss, or null for a multi-class loss
 * @param multiclass the multi-class loss and its given K (0 = infer from the labels), or null
 */
public record ModelLoss(Loss margin, Losses.MulticlassSpec multiclass) {
  public ModelLoss {
    if ((margin == null) == (multiclass == null)) throw new IllegalArgumentException("exactly one of margin and multiclass");
  }

  public static ModelLoss parse(String spec) {
    return Losses.isMulticlass(spec) ? new ModelLoss(null, Losses.parseMulticlass(spec)) : new ModelLoss(Losses.parse(spec), null);
  }

  public static ModelLoss of(Loss margin) {
    return new ModelLoss(margin, null);
  }

  public boolean isMulticlass() {
    return multiclass != null;
  }

  /** The margin loss; a one-line error naming {@code what} for a multi-class loss. */
  public Loss marginLoss(String what) {
    if (margin == null) {
      throw new IllegalArgumentException(what + " is not available with the multi-class loss " + name()
          + "; use --loss logistic, squared or smoothed-hinge");
    }
    return margin;
  }

  /** The name in outputs and cache keys: the loss name; K shows in d·K. */
  public String name() {
    return margin != null ? margin.name() : multiclass.loss().name();
  }

  /** λ_max of the curvature bound: L_i = curvatureBound · ‖x_i‖². */
  public double curvatureBound() {
    return margin != null ? margin.curvatureBound() : multiclass.loss().curvatureBound();
  }

  public LabelPolicy labelPolicy() {
    if (multiclass != null) return LabelPolicy.MULTICLASS;
    return margin.isClassification() ? LabelPolicy.BINARY : LabelPolicy.REAL;
  }

  /** The objective on rows of dimension d; {@code classes} is K for a multi-class loss, ignored otherwise. */
  public FiniteSumObjective objective(int d, int classes) {
    if (margin != null) return new LinearObjective(margin, d);
    MulticlassLoss loss = multiclass.loss();
    return new MulticlassLinearObjective(loss, d, classes);
  }

  /**
   * K for data whose largest label is {@code maxLabel}: the given K, checked against the labels,
   * or maxLabel + 1. {@code source} names the data in the error.
   */
  public int classes(String source, double maxLabel) {
    int given = multiclass.classes();
    if (given > 0) {
      if (maxLabel >= given) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s has label %d but --loss %s:%d allows classes 0..%d; raise K or leave it out to infer it",
            source, (long) maxLabel, name(), given, given - 1));
      }
      return given;
    }
    if (maxLabel < 1) {
      throw new IllegalArgumentException(source + " has only class 0: a multi-class loss needs at least two classes");
    }
    return (int) maxLabel + 1;
  }
}
