package org.stochopt.spark.meanfield;

import java.io.IOException;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.meanfield.InputScaling;
import org.stochopt.datasets.Dataset;
import org.stochopt.datasets.FashionMnist;
import org.stochopt.datasets.synth.MeanFieldTeacher;

/**
 * The data of a mean-field run, dense and on the driver: {@code teacher:...} (teacher–student
 * regression, with the teacher's directions and noise floor) or {@code fmnist:AvB} (two
 * Fashion-MNIST classes, ±1, pixels in [0, 1]; by default centred and scaled to unit rows, see
 * {@link InputScaling}).
 *
 * @param teacherDirections w*_k for teacher data, else null
 * @param noiseFloor σ²/2 for teacher data, else NaN
 * @param naturalLoss squared for teacher data, logistic for class pairs
 */
public record MeanFieldData(String name, DataMatrix train, DataMatrix test, double[][] teacherDirections,
    double noiseFloor, String naturalLoss) {

  /** The default input scaling of a mean-field run on this data: centred unit rows for Fashion-MNIST, else raw. */
  public static InputScaling defaultScaling(String spec) {
    return spec != null && spec.strip().toLowerCase(java.util.Locale.ROOT).startsWith("fmnist:") ? InputScaling.CENTER_UNIT : InputScaling.RAW;
  }

  /**
   * @param scaling how rows are scaled ({@code --input-scaling}, fitted on the training rows); null =
   *     {@link #defaultScaling}. Scaling teacher rows changes the task (the teacher saw the raw x), so the
   *     teacher directions are then not reported.
   */
  public static MeanFieldData load(String spec, InputScaling scaling) {
    InputScaling how = scaling == null ? defaultScaling(spec) : scaling;
    if (MeanFieldTeacher.isSpec(spec)) {
      MeanFieldTeacher t = MeanFieldTeacher.parse(spec);
      InputScaling.Scaled s = how.apply(DataMatrix.of(t.train().block()), t.test() == 0 ? null : DataMatrix.of(t.heldOut().block()));
      return new MeanFieldData(t.toSpec(), s.train(), s.test(), how == InputScaling.RAW ? t.directions() : null,
          t.noiseFloor(), "squared");
    }
    if (FashionMnist.isAllClasses(spec)) {
      throw new IllegalArgumentException("mean-field models are binary here: use a pair of classes such as fmnist:7v9, not " + spec.strip());
    }
    if (spec.strip().toLowerCase(java.util.Locale.ROOT).startsWith("fmnist:")) {
      try {
        Dataset tr = FashionMnist.load(spec, FashionMnist.Split.TRAIN);
        Dataset te = FashionMnist.load(spec, FashionMnist.Split.TEST);
        InputScaling.Scaled s = how.apply(DataMatrix.of(tr.block()), DataMatrix.of(te.block()));
        return new MeanFieldData(tr.name(), s.train(), s.test(), null, Double.NaN, "logistic");
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + spec + ": " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException("--model meanfield reads teacher:n=..,d=..,m=..,noise=..,scale=..,test=..,seed=.. "
        + "or fmnist:AvB, got '" + spec + "'");
  }
}
