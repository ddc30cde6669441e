package org.stochopt.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.stochopt.spark.influence.CleanseJob;
import org.stochopt.spark.influence.CleanseSeeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stochopt cleanse}: remove the k most harmful rows, retrain with the same batches, report test error. */
@Command(name = "cleanse", mixinStandardHelpOptions = true,
    description = "Ranks the training rows by SGD-influence, removes the k most harmful for each k of --remove, retrains with "
        + "the same batch order and reports test error against k (also for Koh & Liang with --kl, and random removal): "
        + "cleanse.csv, cleanse.png, influence.csv, histogram.png, summary.json.")
public final class CleanseCommand implements Callable<Integer> {
  @Mixin InfluenceOptions options;

  @Option(names = "--remove", split = ",", required = true, description = "numbers of rows to remove, e.g. 0,10,30,100,300")
  List<Integer> remove;

  @Option(names = "--random-repeats", defaultValue = "3", description = "random-removal draws averaged per k (default ${DEFAULT-VALUE})")
  int randomRepeats;

  @Option(names = "--harmful-only",
      description = "remove at most the rows whose estimate is negative (harmful), however large k; random removal then removes as many")
  boolean harmfulOnly;

  @Option(names = "--seeds", split = ",",
      description = "run once per seed (out/seed-S) and report mean ± sd over them: cleanse-seeds.csv, cleanse-seeds.png; replaces --seed")
  List<Long> seeds;

  @Override
  public Integer call() throws Exception {
    if (seeds != null) {
      new CleanseSeeds(System.err).run(options.toConfig(remove, randomRepeats, harmfulOnly), seeds);
      return 0;
    }
    new CleanseJob(System.err).run(options.toConfig(remove, randomRepeats, harmfulOnly));
    return 0;
  }
}
