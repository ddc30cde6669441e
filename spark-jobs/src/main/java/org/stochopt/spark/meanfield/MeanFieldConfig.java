package org.stochopt.spark.meanfield;

import java.nio.file.Path;
import java.util.Locale;
import org.stochopt.core.meanfield.InputScaling;
import org.stochopt.spark.runtime.ShardedCheckpoint;

/**
 * A validated {@code train --model meanfield} run. Every check names the flag and the bad value.
 *
 * @param loss squared or logistic; null picks the data's natural loss (squared for teacher:, logistic for fmnist:)
 * @param step η; NaN picks the default {@link MeanFieldTrainJob#defaultStep}
 * @param batchSize MFLD rows per step, 0 = full batch
 * @param innerSteps PDA Langevin steps per outer iteration
 * @param steps MFLD steps or PDA outer iterations
 * @param blocks particle blocks (= Spark partitions); 0 picks 4, or Spark's parallelism if larger
 * @param checkpointEvery Spark: localCheckpoint the particle RDD every this many rounds
 * @param inputScaling how data rows are scaled; null = the data's default ({@link MeanFieldData#defaultScaling})
 * @param checkpoint when to save the particle blocks and the driver's state, and whether to resume
 * @param stepDecay MFLD: the fraction of the run's last steps over which η decays linearly to zero
 *     ({@link org.stochopt.core.meanfield.MfldConfig#withTailDecay}); 0 = constant step
 */
public record MeanFieldConfig(String data, String loss, String unit, String method, int particles, int blocks,
    double lambda1, double lambda2, double step, int batchSize, int innerSteps, long steps, long evalEvery,
    boolean logSpacedEval, int entropySample, int gapDraws, long seed, String master, Path out, double maxSeconds,
    int checkpointEvery, InputScaling inputScaling, double stepDecay, ShardedCheckpoint.Settings checkpoint) {
  public static final String IN_PROCESS = "in-process";

  public MeanFieldConfig {
    if (data == null || data.isBlank()) throw new IllegalArgumentException("--data is required");
    method = method.toLowerCase(Locale.ROOT);
    if (!method.equals("mfld") && !method.equals("pda")) {
      throw new IllegalArgumentException("--model meanfield needs --method mfld or pda, got '" + method + "'");
    }
    if (particles < 1) throw new IllegalArgumentException("--particles must be at least 1, got " + particles);
    if (blocks < 0 || blocks > particles) {
      throw new IllegalArgumentException("--partitions must be in 0.." + particles + " (one particle block each), got " + blocks);
    }
    if (!(lambda1 > 0 && Double.isFinite(lambda1))) throw new IllegalArgumentException("--lambda1 must be positive and finite, got " + lambda1);
    if (!(lambda2 >= 0 && Double.isFinite(lambda2))) throw new IllegalArgumentException("--lambda2 must be ≥ 0 and finite, got " + lambda2);
    if (!Double.isNaN(step) && !(step > 0 && Double.isFinite(step))) throw new IllegalArgumentException("--step must be positive and finite, got " + step);
    if (batchSize < 0) throw new IllegalArgumentException("--batch-size must be ≥ 0 (0 = full batch), got " + batchSize);
    if (innerSteps < 1) throw new IllegalArgumentException("--inner-steps must be at least 1, got " + innerSteps);
    if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
    if (evalEvery < 1) throw new IllegalArgumentException("--eval-every-steps must be at least 1, got " + evalEvery);
    if (entropySample < 2) throw new IllegalArgumentException("--entropy-sample must be at least 2, got " + entropySample);
    if (gapDraws < 0) throw new IllegalArgumentException("--gap-draws must be ≥ 0, got " + gapDraws);
    if (!(maxSeconds >= 0)) throw new IllegalArgumentException("--max-seconds must be ≥ 0, got " + maxSeconds);
    if (checkpointEvery < 1) throw new IllegalArgumentException("--lineage-every must be at least 1, got " + checkpointEvery);
    if (checkpoint == null) checkpoint = ShardedCheckpoint.Settings.none();
    if (!(stepDecay >= 0 && stepDecay <= 1)) throw new IllegalArgumentException("--step-decay must be in [0, 1], got " + stepDecay);
    if (method.equals("pda") && stepDecay > 0) throw new IllegalArgumentException("--step-decay applies to --method mfld, not pda");
    if (method.equals("pda") && batchSize > 0) {
      throw new IllegalArgumentException("--method pda uses the full-batch dual average; drop --batch-size (got " + batchSize + ")");
    }
  }

  public boolean inProcess() {
    return IN_PROCESS.equalsIgnoreCase(master);
  }
}
