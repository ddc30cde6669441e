package org.stochopt.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.stochopt.spark.influence.InfluenceJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stochopt influence}: SGD-influence of every training row (Hara, Nitanda & Maehara 2019). */
@Command(name = "influence", mixinStandardHelpOptions = true,
    description = "Trains by minibatch SGD, replays it backwards and ranks the training rows by their influence on the "
        + "validation loss: influence.csv (most harmful first), histogram.png, summary.json.")
public final class InfluenceCommand implements Callable<Integer> {
  @Mixin InfluenceOptions options;

  @Override
  public Integer call() throws Exception {
    new InfluenceJob(System.err).run(options.toConfig(List.of(), 1, false));
    return 0;
  }
}
