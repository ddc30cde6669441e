package org.stochopt.spark.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Where the wall time of a Spark round goes, from the driver's listener events. The round's caller
 * tags its job with a local property ({@link #begin}/{@link #end}); Spark's events then give, per
 * round (epoch milliseconds, so single rounds are coarse but means over hundreds are not):
 *
 * <pre>
 *   call ─ submit ─▶ JobStart ─ launch ─▶ first task launched ─ tasks ─▶ last task finished ─ finish ─▶ JobEnd ─ return ─▶ call returns
 * </pre>
 *
 * <ul>
 *   <li><b>submit</b>: driver work before the DAGScheduler starts the job (building the task
 *       function, RDD bookkeeping, the hand-off to the scheduler's event loop);
 *   <li><b>launch</b>: stage creation, serializing the task binary (RDD lineage + function) and
 *       broadcasting it, cache-location lookup, the resource offer and serializing each task;
 *   <li><b>tasks</b>: first launch to last result handled on the driver; each task's share is
 *       split by its own metrics into deserialization CPU (task + task binary), run CPU (which
 *       includes reading the cached block and our compute) and the rest (thread hand-offs,
 *       result serialization and transfer, the result-getter thread);
 *   <li><b>finish</b>: the DAGScheduler marking the job done; <b>return</b>: waking the caller.
 * </ul>
 */
final class RoundTimeline extends SparkListener {
  static final String ROUND_PROPERTY = "stochopt.latency.round";

  private static final class Job {
    volatile long round = -1;
    volatile long start;
    volatile long end;
    final List<TaskInfo> tasks = new ArrayList<>();
    final List<TaskMetrics> metrics = new ArrayList<>();
  }

  private final SparkContext sc;
  private final Map<Integer, Job> jobs = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
  /** Per round: the call's start and end, System.nanoTime(). */
  private final Map<Long, long[]> calls = new ConcurrentHashMap<>();
  /**
   * epoch ms = nanoTime / 1e6 + offset, calibrated on a millisecond tick at the start and again when
   * the phases are read (the wall clock may be slewed against nanoTime by ~0.1 ms over a block);
   * offsets in between are interpolated linearly.
   */
  private final long startNanos;
  private final double startOffset;

  RoundTimeline(SparkContext sc) {
    this.sc = sc;
    double[] cal = calibrate();
    this.startNanos = (long) cal[0];
    this.startOffset = cal[1];
    sc.addSparkListener(this);
  }

  /** {nanoTime, epoch ms − nanoTime/1e6} at the moment the millisecond clock ticks. */
  private static double[] calibrate() {
    long m0 = System.currentTimeMillis();
    long m1;
    long n1;
    do {
      n1 = System.nanoTime();
      m1 = System.currentTimeMillis();
    } while (m1 == m0);
    return new double[] {n1, m1 - n1 / 1e6};
  }

  /** Tags the jobs the calling thread submits until {@link #end} with this round number. */
  void begin(long round) {
    sc.setLocalProperty(ROUND_PROPERTY, Long.toString(round));
  }

  void end(long round, long callStartNanos, long callEndNanos) {
    sc.setLocalProperty(ROUND_PROPERTY, null);
    calls.put(round, new long[] {callStartNanos, callEndNanos});
  }

  void close() {
    sc.removeSparkListener(this);
  }

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    String r = e.properties() == null ? null : e.properties().getProperty(ROUND_PROPERTY);
    if (r == null) return;
    Job job = jobs.computeIfAbsent(e.jobId(), k -> new Job());
    job.round = Long.parseLong(r);
    job.start = e.time();
    scala.collection.Iterator<Object> stages = e.stageIds().iterator();
    while (stages.hasNext()) jobOfStage.put((Integer) stages.next(), e.jobId());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    Integer id = jobOfStage.get(e.stageId());
    if (id == null) return;
    Job job = jobs.get(id);
    synchronized (job) {
      job.tasks.add(e.taskInfo());
      job.metrics.add(e.taskMetrics());
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd e) {
    Job job = jobs.get(e.jobId());
    if (job != null) job.end = e.time();
  }

  /** Phase means over the tagged rounds whose events have all arrived (waits up to 10 s for the listener bus). */
  Phases phases(int expectedRounds) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (complete() < expectedRounds && System.currentTimeMillis() < deadline) Thread.sleep(20);
    double[] cal = calibrate();
    double drift = (cal[1] - startOffset) / Math.max(1.0, cal[0] - startNanos); // ms of offset per ns
    double[] sum = new double[Phases.COUNT];
    int n = 0;
    for (Job job : jobs.values()) {
      long[] ns = calls.get(job.round);
      if (ns == null || job.end == 0) continue;
      double[] call = new double[2];
      for (int i = 0; i < 2; i++) call[i] = ns[i] / 1e6 + startOffset + drift * (ns[i] - startNanos);
      synchronized (job) {
        if (job.tasks.isEmpty()) continue;
        double firstLaunch = Double.MAX_VALUE;
        double lastFinish = 0;
        double deser = 0;
        double run = 0;
        double taskWall = 0;
        for (int i = 0; i < job.tasks.size(); i++) {
          TaskInfo t = job.tasks.get(i);
          TaskMetrics m = job.metrics.get(i);
          firstLaunch = Math.min(firstLaunch, t.launchTime());
          lastFinish = Math.max(lastFinish, t.finishTime());
          taskWall += t.finishTime() - t.launchTime();
          if (m != null) {
            deser += m.executorDeserializeCpuTime() / 1e6;
            run += m.executorCpuTime() / 1e6;
          }
        }
        int k = job.tasks.size();
        // Spark's event times are whole milliseconds (truncated): +0.5 ms is their expected true value
        // when compared with the nanosecond call times; differences between two event times need no correction.
        double[] p = {
          job.start + 0.5 - call[0], firstLaunch - job.start, lastFinish - firstLaunch, job.end - lastFinish, call[1] - (job.end + 0.5),
          call[1] - call[0], taskWall / k, deser / k, run / k, k};
        for (int i = 0; i < sum.length; i++) sum[i] += p[i];
        n++;
      }
    }
    for (int i = 0; i < sum.length; i++) sum[i] /= Math.max(n, 1);
    return new Phases(n, sum);
  }

  private int complete() {
    int c = 0;
    for (Job job : jobs.values()) if (job.end != 0 && calls.containsKey(job.round)) c++;
    return c;
  }

  /** Mean milliseconds per round of each phase (see the class comment). */
  record Phases(int rounds, double[] ms) {
    static final int COUNT = 10;
    static final String[] NAMES = {
      "submit", "launch", "tasks", "finish", "return", "total", "task wall (mean)", "task deserialize CPU", "task run CPU", "tasks per round"};
  }
}
