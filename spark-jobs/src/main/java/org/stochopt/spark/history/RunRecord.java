package org.stochopt.spark.history;

import java.time.Instant;

/**
 * One cell of one sweep run as the history stores it: run-level columns (provenance,
 * recommendation, fitted latency) repeated on every cell row, so that the dataset is one flat
 * table any Spark SQL query can read. NaN where a figure does not exist (no recommendation, a cell
 * that did not reach ε).
 */
public record RunRecord(
    String runId, String sweepName, Instant started, Instant ended, String gitCommit, String sparkVersion, String master,
    int cores, String executorMemory, String data, String dataFingerprint, long n, int d, int partitions, double target,
    String recMethod, int recBatchSize, double recMultiplier, double recRounds, double recModeledSeconds,
    double recMeasuredSeconds, double latencyRoundMs, double latencyGradientUs, int latencyCells,
    String cellId, String method, int batchSize, double stepMultiplier, long seed, boolean reached, double roundsToTarget,
    double gradientsToTarget, double secondsToTarget, double meanRoundMs, double cellSeconds, String stopReason) {}
