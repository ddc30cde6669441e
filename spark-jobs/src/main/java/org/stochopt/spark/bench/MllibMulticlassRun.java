package org.stochopt.spark.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.classification.ClassificationModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.OneVsRestModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.stochopt.core.oracle.GradientOracle;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.spark.data.PartitionBlock;

/**
 * Spark MLlib on K-class data, on stochopt's cached rows, set to stochopt's multi-class objective
 * (no intercept, no standardization, regParam = λ₁ + λ₂, elasticNetParam = λ₁/(λ₁ + λ₂), as in
 * {@link MllibRun}); the weights come back as d·K class-major blocks.
 *
 * <ul>
 *   <li><b>multinomial</b>: {@code LogisticRegression} with family=multinomial minimizes
 *       (1/n)Σ [log Σ_k e^{⟨w_k,x_i⟩} − ⟨w_{y_i},x_i⟩] + regParam·(α‖W‖₁ + (1−α)/2‖W‖²): our F.
 *       Row k of its coefficientMatrix is block k. Its {@code objectiveHistory} is F per iteration,
 *       checked against F recomputed by stochopt at the returned weights.</li>
 *   <li><b>ovr-logistic</b>: {@code OneVsRest(LogisticRegression family=binomial)} fits model k on
 *       labels [y = k]: (1/n)Σ log(1 + e^{−s_ik⟨w_k,x_i⟩}) + regParam·(…)(w_k) = F_k, and
 *       F = Σ_k F_k. Each class's last history value is checked against F_k recomputed by stochopt
 *       (F at the weights with only block k kept, minus (K−1)·log 2 for the zero blocks). The K
 *       fits run one after another; the curve point at iteration t is F = Σ_k history_k[min(t, T_k)]
 *       — the F of an actual iterate — at time fit·Σ_k min(t, T_k)/Σ_k T_k, i.e. iterations of equal
 *       cost.</li>
 * </ul>
 */
public final class MllibMulticlassRun {
  private MllibMulticlassRun() {}

  public static MllibRun.Result run(SparkSession spark, JavaRDD<PartitionBlock> blocks, int d, int classes, boolean multinomial,
      GradientOracle evaluator, Regularizer reg, double referenceObjective, int maxIter, double tol, PrintStream log) {
    long t0 = System.nanoTime();
    Dataset<Row> frame = MllibRun.frame(spark, blocks, d, true);
    frame.persist(StorageLevel.MEMORY_AND_DISK());
    long rows = frame.count();
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    double lambda = reg.l1Weight() + reg.strongConvexity();
    double alpha = lambda == 0 ? 0 : reg.l1Weight() / lambda;
    LogisticRegression lr = new LogisticRegression().setFitIntercept(false).setStandardization(false)
        .setRegParam(lambda).setElasticNetParam(alpha).setMaxIter(maxIter).setTol(tol)
        .setFamily(multinomial ? "multinomial" : "binomial");
    OneVsRest ovr = new OneVsRest().setClassifier(lr);
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter = new SparkListener() {
      @Override
      public void onJobEnd(SparkListenerJobEnd jobEnd) {
        jobs.incrementAndGet();
      }
    };
    // Warm-up fit (class loading, JIT), as for the binary MLlib run.
    LogisticRegression warm = lr.copy(new ParamMap()).setMaxIter(2);
    if (multinomial) warm.fit(frame);
    else ovr.copy(new ParamMap()).setClassifier(warm).fit(frame);
    spark.sparkContext().addSparkListener(counter);
    double heapBefore = MemoryPeak.start();
    long f0 = System.nanoTime();
    double[][] histories;
    double[] w = new double[d * classes];
    try {
      if (multinomial) {
        LogisticRegressionModel model = lr.fit(frame);
        Matrix m = model.coefficientMatrix();
        if (m.numRows() != classes) {
          throw new IllegalStateException("MLlib fitted " + m.numRows() + " classes, stochopt " + classes);
        }
        for (int k = 0; k < classes; k++) for (int j = 0; j < d; j++) w[k * d + j] = m.apply(k, j);
        histories = new double[][] {model.summary().objectiveHistory()};
      } else {
        OneVsRestModel model = ovr.fit(frame);
        ClassificationModel<?, ?>[] models = model.models();
        if (models.length != classes) throw new IllegalStateException("MLlib fitted " + models.length + " classes, stochopt " + classes);
        histories = new double[classes][];
        for (int k = 0; k < classes; k++) {
          LogisticRegressionModel mk = (LogisticRegressionModel) models[k];
          double[] c = mk.coefficients().toArray();
          System.arraycopy(c, 0, w, k * d, d);
          histories[k] = mk.summary().objectiveHistory();
        }
      }
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    double fitSeconds = (System.nanoTime() - f0) / 1e9;
    double peak = MemoryPeak.peakMb();
    frame.unpersist(false);
    double fFinal = evaluator.evaluate(w, new double[w.length]) + reg.value(w);

    // Objective check: MLlib's own last objective value(s) against stochopt's F (or F_k).
    double check;
    List<Curve.Point> points = new ArrayList<>();
    int iterations;
    if (multinomial) {
      double[] h = histories[0];
      iterations = h.length - 1;
      check = Math.abs(fFinal - h[iterations]) / Math.abs(fFinal);
      for (int t = 0; t <= iterations; t++) {
        points.add(new Curve.Point(iterations == 0 ? fitSeconds : fitSeconds * t / iterations,
            (h[t] - referenceObjective) / Math.abs(referenceObjective), t, t * (double) jobs.get() / Math.max(1, iterations)));
      }
    } else {
      check = 0;
      int total = 0;
      int longest = 0;
      for (int k = 0; k < classes; k++) {
        double[] h = histories[k];
        total += h.length - 1;
        longest = Math.max(longest, h.length - 1);
        double[] only = new double[w.length];
        System.arraycopy(w, k * d, only, k * d, d);
        double fk = evaluator.evaluate(only, new double[w.length]) - (classes - 1) * Math.log(2) + reg.value(only);
        check = Math.max(check, Math.abs(fk - h[h.length - 1]) / Math.abs(fk));
      }
      iterations = total;
      for (int t = 0; t <= longest; t++) {
        double f = 0;
        int done = 0;
        for (double[] h : histories) {
          int at = Math.min(t, h.length - 1);
          f += h[at];
          done += at;
        }
        points.add(new Curve.Point(total == 0 ? fitSeconds : fitSeconds * done / total,
            (f - referenceObjective) / Math.abs(referenceObjective), t, done * (double) jobs.get() / Math.max(1, total)));
      }
    }
    String what = multinomial ? "multinomial LogisticRegression" : "OneVsRest(LogisticRegression)";
    log.printf(Locale.ROOT,
        "MLlib %s: %d rows, %d classes, %d iterations, %d Spark jobs, fit %.2fs; F(w_MLlib) = %.15g; its objective history vs stochopt's F%s: %.1e relative%n",
        what, rows, classes, iterations, jobs.get(), fitSeconds, fFinal, multinomial ? "" : "_k (worst class)", check);
    if (check > 1e-6) {
      log.printf(Locale.ROOT, "MLlib %s: WARNING its objective differs from stochopt's by %.1e: it may not solve the same problem%n", what, check);
    }
    String notes = String.format(Locale.ROOT,
        "%s, %s, maxIter=%d, tol=%s, after a 2-iteration warm-up fit; %d iterations%s, %d Spark jobs; %s; "
            + "objectiveHistory vs F recomputed by stochopt: %.1e relative%s; heap before fit %.0f MB",
        what, alpha > 0 ? "OWL-QN" : "L-BFGS", maxIter, Double.toString(tol), iterations, multinomial ? "" : " (all classes)", jobs.get(),
        multinomial ? "time of iteration t = fit·t/T" : "K sequential fits; point t = all classes after t iterations, at fit·(iterations done)/(all iterations)",
        check, multinomial ? "" : " (worst class, F_k)", heapBefore);
    Curve curve = new Curve("MLlib " + (multinomial ? "multinomial " : "OneVsRest ") + (alpha > 0 ? "OWL-QN" : "L-BFGS") + " (local Spark)",
        "fit time", points, loadSeconds, Double.NaN, peak, "JVM heap peak", notes);
    return new MllibRun.Result(curve, w, iterations, jobs.get(), fitSeconds, check);
  }
}
