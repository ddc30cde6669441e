package org.stochopt.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.resfgb.ResFgbModel;
import org.stochopt.core.resfgb.ResFgbModelFile;
import org.stochopt.datasets.io.LabelPolicy;
import org.stochopt.spark.job.DataLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt predict}: a saved ResFGB model applied to new rows (through every block, then the head). */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Predict classes of new rows with a model written by train --model resfgb (model.bin); writes predictions.csv and prints the accuracy when the rows have labels.")
public final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model-file", required = true, description = "model.bin written by train --model resfgb")
  Path modelFile;

  @Option(names = "--data", required = true, description = "rows to predict: fmnist:all (its test split), or a LIBSVM/CSV path (labels optional)")
  String data;

  @Option(names = "--out", defaultValue = "out/predict", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    ResFgbModel model = ResFgbModelFile.read(modelFile);
    boolean fmnist = DataLoader.isFashionMnist(data);
    RowBlock rows = DataLoader.load(data, LabelPolicy.MULTICLASS, fmnist ? null : model.features(), fmnist).block();
    ResFgbModelFile.checkFeatures(model, rows.dim(), data);
    int n = rows.rows();
    int d = rows.dim();
    double[] x = new double[n * d];
    for (int r = 0; r < n; r++) {
      int base = r * d;
      rows.forEachEntry(r, (j, v) -> x[base + j] = v);
    }
    long t0 = System.nanoTime();
    int[] predicted = model.predict(x, n);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Files.createDirectories(out);
    int correct = 0;
    try (Writer w = Files.newBufferedWriter(out.resolve("predictions.csv"), StandardCharsets.UTF_8)) {
      w.write("row,label,prediction\n");
      for (int r = 0; r < n; r++) {
        double y = rows.label(r);
        if (y == predicted[r]) correct++;
        w.write(r + "," + y + "," + predicted[r] + "\n");
      }
    }
    System.err.printf(Locale.ROOT, "%d rows through %d blocks in %.2fs; accuracy against the file's labels %.4f; wrote %s%n", n,
        model.depth(), seconds, (double) correct / n, out.resolve("predictions.csv"));
    return 0;
  }
}
