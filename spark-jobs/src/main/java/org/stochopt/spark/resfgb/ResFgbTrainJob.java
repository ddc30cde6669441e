package org.stochopt.spark.resfgb;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.stochopt.core.optim.LoopBudget;
import org.stochopt.core.optim.TrainingLoop;
import org.stochopt.core.oracle.OracleStats;
import org.stochopt.core.resfgb.LayerRecord;
import org.stochopt.core.resfgb.ResFgbLoop;
import org.stochopt.core.resfgb.ResFgbModel;
import org.stochopt.core.resfgb.ResFgbModelFile;
import org.stochopt.core.resfgb.ResFgbTraining;
import org.stochopt.spark.SparkSessions;
import org.stochopt.spark.report.RunWriter;

/**
 * {@code train --model resfgb}: rows → partitions holding their features (in-process or cached
 * RDD blocks) → one layer per step of {@link ResFgbTraining} → {@code trace.csv},
 * {@code summary.json}, {@code layers.png}, {@code model.bin}. After every finished layer the
 * state (the model so far, nothing row-sized) is saved to {@code resfgb-state.bin}; {@code --resume}
 * re-applies its blocks to the rows and goes on from there.
 */
public final class ResFgbTrainJob {
  static final String STATE_FILE = "resfgb-state.bin";
  private final PrintStream log;

  public ResFgbTrainJob(PrintStream log) {
    this.log = log;
  }

  /** What a run produced. */
  public record Outcome(ResFgbModel model, List<LayerRecord> trace, int bestDepth, Map<String, Object> summary) {}

  public Outcome run(ResFgbJobConfig c) throws IOException {
    ResFgbData data = ResFgbData.load(c.data(), c.testData(), c.trainRows(), c.validationFraction(), c.algorithm().seed());
    if (c.inProcess()) return train(c, data, null);
    SparkSession spark = SparkSessions.create(c.master(), "stochopt train resfgb");
    try {
      return train(c, data, JavaSparkContext.fromSparkContext(spark.sparkContext()));
    } finally {
      spark.stop();
    }
  }

  /** Runs on loaded data; {@code sc} null means in-process (also the entry point for tests and benches). */
  public Outcome train(ResFgbJobConfig c, ResFgbData data, JavaSparkContext sc) throws IOException {
    int partitions = c.partitions() > 0 ? c.partitions() : sc == null ? 4 : Math.max(4, sc.defaultParallelism());
    Files.createDirectories(c.out());
    resetPeakHeap();
    log.printf(Locale.ROOT, "data %s: n=%d d=%d K=%d validation=%d test=%d, %d partitions, %s%n", data.name(), data.train().rows(),
        data.train().d(), data.classes(), data.validation() == null ? 0 : data.validation().rows(),
        data.test() == null ? 0 : data.test().rows(), partitions, sc == null ? "in-process" : "Spark " + sc.master());
    log.println("resfgb: " + c.algorithm());
    long t0 = System.nanoTime();
    try (ResFgbRows.Held train = ResFgbRows.place(data.train(), partitions, sc);
         ResFgbRows.Held val = data.validation() == null ? null : ResFgbRows.place(data.validation(), partitions, sc);
         ResFgbRows.Held test = data.test() == null ? null : ResFgbRows.place(data.test(), partitions, sc)) {
      log.printf(Locale.ROOT, "rows placed in %.2fs%n", (System.nanoTime() - t0) / 1e9);
      ResFgbTraining training = new ResFgbTraining(c.algorithm(), train.rows(), val == null ? null : val.rows(),
          test == null ? null : test.rows(), data.classes());
      String key = runKey(c, data, partitions);
      Path statePath = c.out().resolve(STATE_FILE);
      // The one training loop: a step is a layer; evaluate (and save) after every layer.
      TrainingLoop loop = new TrainingLoop(new LoopBudget(c.algorithm().layers(), 0, 0, c.maxSeconds(), 0, 0, 1, false),
          new TrainingLoop.Safety(1e6, "lower --fg-eta or --block-step", Integer.MAX_VALUE));
      ResFgbLoop steps = new ResFgbLoop(training);
      TrainingLoop.Position<ResFgbTraining.State> from = null;
      if (c.resume()) {
        ResFgbTraining.State saved = readState(statePath, key);
        training.resume(saved);
        log.printf(Locale.ROOT, "resumed after layer %d (%.1fs of training so far)%n", saved.depth(), saved.seconds());
        for (LayerRecord r : saved.trace()) log.println(line(r));
        from = new TrainingLoop.Position<>(saved, saved.depth(), new OracleStats(saved.depth(), 0, 0, 0),
            Math.round(saved.seconds() * 1e9), 0, 0, Math.max(1.0, Math.abs(saved.trace().get(0).trainLoss())), saved.trace());
      }
      TrainingLoop.Saver<ResFgbTraining.State> saver = new TrainingLoop.Saver<>() {
        @Override
        public boolean due(OracleStats spent, long step) {
          return true; // after every finished layer: a resume restarts from the last one
        }

        @Override
        public void save(TrainingLoop.Position<ResFgbTraining.State> p) {
          try {
            writeState(statePath, key, p.state());
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      };
      ResFgbTraining.State state;
      String stop = "layers";
      if (from != null ? training.done(from.state()) : c.algorithm().layers() == 0) {
        // Nothing to grow (no layers asked for, or a resumed run that already has them all): the loop never steps.
        state = from != null ? from.state() : training.init();
        if (from == null) log.println(line(state.trace().get(0)));
      } else {
        TrainingLoop.Result<ResFgbTraining.State, LayerRecord> result = loop.run(steps, r -> log.println(line(r)), from, saver);
        state = result.state();
        stop = switch (result.reason()) {
          case LOSS_ROSE -> "train-loss-rose";
          case MAX_SECONDS -> "max-seconds";
          default -> "layers";
        };
        if (result.reason() == org.stochopt.core.optim.StoppingRules.Reason.LOSS_ROSE) {
          List<LayerRecord> t = state.trace();
          log.printf(Locale.ROOT, "stopping: the training loss rose from %.6g to %.6g at layer %d (lower --fg-eta or --block-step)%n",
              t.get(t.size() - 2).trainLoss(), t.get(t.size() - 1).trainLoss(), t.get(t.size() - 1).layer());
        }
      }
      writeState(statePath, key, state);
      ResFgbModel model = training.model(state);
      List<LayerRecord> trace = state.trace();
      ResFgbModelFile.write(model, c.out().resolve("model.bin"));
      ResFgbReport.writeTrace(trace, c.out().resolve("trace.csv"));
      ResFgbReport.plot(trace, "ResFGB " + c.algorithm().rule().spec() + " on " + data.name(), state.bestDepth(), c.out().resolve("layers.png"));
      Map<String, Object> summary = summary(c, data, partitions, sc, state, model, stop);
      RunWriter.writeJson(summary, c.out().resolve("summary.json"));
      LayerRecord chosen = trace.get(model.depth());
      log.printf(Locale.ROOT, "model: %d blocks (%s), %d parameters; test accuracy %.4f (linear head alone %.4f); %.1fs; stop: %s%n",
          model.depth(), c.algorithm().useBestIter() ? "best validation depth" : "last layer", model.parameterCount(),
          chosen.testAccuracy(), trace.get(0).testAccuracy(), state.seconds(), stop);
      log.println("wrote " + c.out().resolve("summary.json") + ", trace.csv, layers.png, model.bin");
      return new Outcome(model, trace, state.bestDepth(), summary);
    }
  }

  static String line(LayerRecord r) {
    return String.format(Locale.ROOT,
        "  layer %3d  %8.2fs (block %.2fs, update %.2fs, head %.2fs)  train %.5f acc %.4f  val %.5f acc %.4f  test acc %.4f%s",
        r.layer(), r.seconds(), r.blockSeconds(), r.updateSeconds(), r.headSeconds(), r.trainLoss(), r.trainAccuracy(), r.validationLoss(),
        r.validationAccuracy(), r.testAccuracy(), Double.isNaN(r.blockLoss()) ? ""
            : String.format(Locale.ROOT, "  block loss %.4g  step %.3g", r.blockLoss(), r.step()));
  }

  /** What must match for a saved state to be continued: the algorithm, the rows and their layout. */
  static String runKey(ResFgbJobConfig c, ResFgbData data, int partitions) {
    return "resfgb|" + c.algorithm() + "|" + data.name() + "|" + c.testData() + "|val=" + c.validationFraction() + "|P=" + partitions
        + "|n=" + data.train().rows() + "|d=" + data.train().d();
  }

  /**
   * The run key without the number of layers asked for: a saved state may be grown further with a
   * larger --layers (the layer count only says when to stop; every layer before it is the same).
   */
  static String withoutLayerCount(String key) {
    return key.replaceFirst(", layers=\\d+,", ",");
  }

  private static void writeState(Path file, String key, ResFgbTraining.State state) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream os = Files.newOutputStream(tmp); ObjectOutputStream out = new ObjectOutputStream(os)) {
      out.writeUTF(key);
      out.writeObject(state);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static ResFgbTraining.State readState(Path file, String key) throws IOException {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--resume: no saved layers at " + file);
    try (InputStream is = Files.newInputStream(file); ObjectInputStream in = new ObjectInputStream(is)) {
      String saved = in.readUTF();
      if (!withoutLayerCount(saved).equals(withoutLayerCount(key))) {
        throw new IllegalArgumentException("--resume: " + file + " belongs to another run (other flags or data); start without --resume");
      }
      return (ResFgbTraining.State) in.readObject();
    } catch (ClassNotFoundException | java.io.InvalidClassException | java.io.StreamCorruptedException e) {
      throw new IllegalArgumentException("--resume: " + file + " was written by another build (" + e.getMessage() + ")");
    }
  }

  /**
   * Σ over the heap pools of their peak use since the JVM started (MB): the memory the run needed
   * in this JVM (with Spark local[N] that includes the executors' cached blocks).
   */
  /** Starts the peak-heap count afresh, so that a second run in the same JVM reports its own peak (after a GC, roughly). */
  static void resetPeakHeap() {
    System.gc();
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) pool.resetPeakUsage();
    }
  }

  static double peakHeapMb() {
    double bytes = 0;
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) bytes += pool.getPeakUsage().getUsed();
    }
    return bytes / (1 << 20);
  }

  private static Map<String, Object> summary(ResFgbJobConfig c, ResFgbData data, int partitions, JavaSparkContext sc,
      ResFgbTraining.State state, ResFgbModel model, String stop) {
    List<LayerRecord> trace = state.trace();
    LayerRecord chosen = trace.get(model.depth());
    LayerRecord last = trace.get(trace.size() - 1);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", "resfgb");
    m.put("rule", c.algorithm().rule().spec());
    m.put("data", data.name());
    m.put("n", data.train().rows());
    m.put("validation_rows", data.validation() == null ? 0 : data.validation().rows());
    m.put("test_rows", data.test() == null ? 0 : data.test().rows());
    m.put("d", data.train().d());
    m.put("classes", data.classes());
    m.put("partitions", partitions);
    m.put("master", sc == null ? ResFgbJobConfig.IN_PROCESS : sc.master());
    m.put("layers_trained", state.depth());
    m.put("depth", model.depth());
    m.put("best_validation_depth", state.bestDepth());
    m.put("parameters", model.parameterCount());
    m.put("fg_eta", c.algorithm().fgEta());
    m.put("block_shape", java.util.Arrays.toString(c.algorithm().shape(data.train().d(), data.classes()).sizes()));
    m.put("block_step", state.blockStep());
    m.put("seconds", state.seconds());
    double block = 0;
    double update = 0;
    double head = 0;
    for (LayerRecord r : trace) {
      block += r.blockSeconds();
      update += r.updateSeconds();
      head += r.headSeconds();
    }
    m.put("block_seconds", block);
    m.put("update_seconds", update);
    m.put("head_seconds", head);
    m.put("linear_test_accuracy", trace.get(0).testAccuracy());
    m.put("test_accuracy", chosen.testAccuracy());
    m.put("validation_accuracy", chosen.validationAccuracy());
    m.put("train_accuracy", chosen.trainAccuracy());
    m.put("last_layer_test_accuracy", last.testAccuracy());
    m.put("stop_reason", stop);
    m.put("peak_heap_mb", peakHeapMb());
    m.put("seed", c.algorithm().seed());
    return m;
  }
}
