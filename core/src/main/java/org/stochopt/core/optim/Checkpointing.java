package org.stochopt.core.optim;

import java.io.Serializable;

/**
 * The runner's checkpoint policy: save every {@code everyRounds} oracle rounds to {@code file},
 * and optionally start from a saved checkpoint instead of from w₀.
 *
 * <p>Checkpoints are taken between steps, never after the last one, so a run resumed from its
 * last checkpoint and given a larger budget follows exactly the uninterrupted run: same
 * minibatches, same iterates, same trace (except the wall-clock {@code seconds}).
 *
 * @param everyRounds save after the first step at which this many rounds have passed since the
 *     last save; 0 disables saving
 * @param file where checkpoints go (overwritten atomically); may be null when not saving
 * @param runKey identifies the run; a checkpoint with a different key is refused on resume
 * @param attachment caller data saved with every checkpoint (may be null)
 * @param resumeFrom the checkpoint to continue, or null to start fresh
 */
public record Checkpointing(
    long everyRounds, CheckpointFile file, String runKey, Serializable attachment, RunnerCheckpoint resumeFrom) {

  public Checkpointing {
    if (everyRounds < 0) throw new IllegalArgumentException("checkpoint interval must be non-negative, got " + everyRounds);
    if (everyRounds > 0 && file == null) throw new IllegalArgumentException("a checkpoint interval needs a checkpoint file");
    if (runKey == null) runKey = "";
    if (resumeFrom != null && !resumeFrom.runKey().equals(runKey)) {
      throw new IllegalArgumentException("the checkpoint belongs to a different run and cannot be resumed by this one ("
          + difference(resumeFrom.runKey(), runKey) + "); resume with the first run's flags, or start again with --overwrite");
    }
  }

  public static Checkpointing none() {
    return new Checkpointing(0, null, "", null, null);
  }

  public boolean saving() {
    return everyRounds > 0;
  }

  /** The key=value words in which two run keys differ, one line: "step=0.1 in the checkpoint, step=0.2 now". */
  public static String difference(String saved, String now) {
    java.util.List<String> a = java.util.List.of(saved.split(" "));
    java.util.List<String> b = java.util.List.of(now.split(" "));
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (String w : a) if (!b.contains(w)) parts.add(w + " in the checkpoint");
    for (String w : b) if (!a.contains(w)) parts.add(w + " now");
    return parts.isEmpty() ? "checkpoint: " + saved + "; this run: " + now : String.join(", ", parts);
  }
}
