package org.stochopt.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Spark standalone cluster on 127.0.0.1 for integration tests: one Master and N Workers,
 * each its own {@code java -cp} process, built from the project's Maven-resolved Spark jars (a
 * temporary SPARK_HOME whose {@code jars/} links to them). Applications are submitted through
 * {@code org.apache.spark.deploy.SparkSubmit} with the shaded cluster jar, so the driver and the
 * executors are separate JVMs that see our classes only through the jar, as on a real cluster.
 *
 * <p>Every process is started here and stopped here by its own {@link Process} handle (and the
 * executors, which Workers fork, by the handles of the Workers' descendants), on {@link #close()}
 * and from a shutdown hook if the test JVM exits early. Ports are picked free on 127.0.0.1.
 *
 * <p>Inputs, from the failsafe configuration: system properties {@code stochopt.cluster.jar} (the
 * shaded jar), {@code stochopt.launcher.classpath} (the file with the Maven-resolved classpath)
 * and {@code spark.java.opens} (the Java 17 flags).
 *
 * <p>To run any stochopt command there: {@code cluster.runStochopt(timeout, "sweep", ...)}.
 */
public final class StandaloneCluster implements AutoCloseable {
  /** The Spark runtime only: our own code must reach executors through the cluster jar. */
  private static final List<String> NOT_SPARK = List.of("stochopt-", "picocli-", "jfreechart-", "/classes");

  /**
   * @param workers number of Worker processes
   * @param coresPerWorker cores each Worker offers
   * @param workerMemory memory each Worker offers to executors (e.g. 1g)
   * @param executorMemory heap of each executor (e.g. 512m)
   * @param startTimeout how long the Master and the Workers may take to come up
   */
  public record Settings(int workers, int coresPerWorker, String workerMemory, String executorMemory, Duration startTimeout) {
    public static Settings small() {
      return new Settings(2, 1, "1g", "512m", Duration.ofSeconds(90));
    }
  }

  /** A finished submission: exit code and the driver's combined stdout/stderr. */
  public record Result(int exitCode, String log) {}

  private final Path dir;
  private final Settings settings;
  private final List<String> runtimeClasspath = new ArrayList<>();
  private final List<String> opens;
  private final Path clusterJar;
  private final int masterPort;
  private final List<Started> processes = new CopyOnWriteArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll, "stop-standalone-cluster");

  private record Started(String name, Process process, Path log) {}

  private StandaloneCluster(Path dir, Settings settings) throws IOException {
    this.dir = dir;
    this.settings = settings;
    this.clusterJar = Path.of(required("stochopt.cluster.jar"));
    if (!Files.isRegularFile(clusterJar)) {
      throw new IllegalStateException("cluster jar " + clusterJar + " is missing: run mvn package first");
    }
    this.opens = Arrays.stream(required("spark.java.opens").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
    String cp = Files.readString(Path.of(required("stochopt.launcher.classpath")), StandardCharsets.UTF_8).trim();
    for (String entry : cp.split(java.io.File.pathSeparator)) {
      if (entry.isBlank() || NOT_SPARK.stream().anyMatch(entry::contains)) continue;
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) Files.createSymbolicLink(link, jar);
      runtimeClasspath.add(link.toString());
    }
    this.masterPort = freePort();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a Master and the Workers and waits until every Worker has registered. */
  public static StandaloneCluster start(Path dir, Settings settings) throws IOException {
    StandaloneCluster c = new StandaloneCluster(dir, settings);
    try {
      c.startMaster();
      for (int i = 0; i < settings.workers(); i++) c.startWorker(i);
      return c;
    } catch (RuntimeException | IOException e) {
      c.close();
      throw e;
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  public Path sparkHome() {
    return dir.resolve("spark-home");
  }

  private void startMaster() throws IOException {
    Started m = launch("master", List.of("-Xmx256m"), "org.apache.spark.deploy.master.Master",
        List.of("--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort())),
        Map.of());
    awaitLog(m, s -> s.contains("I have been elected leader"), "the Master to become ALIVE");
  }

  private void startWorker(int i) throws IOException {
    Path work = Files.createDirectories(dir.resolve("worker-" + i));
    Path local = Files.createDirectories(dir.resolve("worker-" + i + "-local"));
    Started w = launch("worker-" + i, List.of("-Xmx256m"), "org.apache.spark.deploy.worker.Worker",
        List.of("--host", "127.0.0.1", "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
            "--cores", Integer.toString(settings.coresPerWorker()), "--memory", settings.workerMemory(),
            "--work-dir", work.toString(), masterUrl()),
        Map.of("SPARK_LOCAL_DIRS", local.toString()));
    awaitLog(w, s -> s.contains("Successfully registered with master"), "worker-" + i + " to register with the Master");
  }

  /**
   * Submits the cluster jar with {@code SparkSubmit} (client mode: the driver is a new JVM here)
   * and returns at once; {@code conf} holds extra {@code key=value} Spark settings.
   */
  public Process submit(String name, List<String> conf, String... appArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client",
        "--class", "org.stochopt.cli.StochoptMain",
        "--conf", "spark.executor.memory=" + settings.executorMemory(),
        "--conf", "spark.executor.cores=1",
        "--conf", "spark.cores.max=" + settings.workers() * settings.coresPerWorker(),
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.local.dir=" + Files.createDirectories(dir.resolve(name + "-driver-local")),
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", opens)));
    for (String c : conf) {
      args.add("--conf");
      args.add(c);
    }
    args.add(clusterJar.toString());
    args.addAll(List.of(appArgs));
    return launch(name, List.of("-Xmx512m"), "org.apache.spark.deploy.SparkSubmit", args, Map.of()).process();
  }

  /** Submits {@code stochopt <args>} and waits for it; fails with the logs if it does not end in time. */
  public Result runStochopt(Duration timeout, List<String> conf, String... args) throws IOException, InterruptedException {
    String name = "submit-" + processes.size();
    Process p = submit(name, conf, args);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      String logs = diagnostics();
      stop(p);
      throw new AssertionError("stochopt " + String.join(" ", args) + " did not finish within " + timeout + "\n" + logs);
    }
    return new Result(p.exitValue(), logOf(p));
  }

  /** The driver log of a process started by {@link #submit}. */
  public String logOf(Process p) {
    for (Started s : processes) {
      if (s.process() == p) return read(s.log());
    }
    throw new IllegalArgumentException("not a process of this cluster");
  }

  /** The executor JVMs the Workers have forked (found among the Workers' own descendants). */
  public List<ProcessHandle> executors() {
    List<ProcessHandle> out = new ArrayList<>();
    for (Started s : processes) {
      if (!s.name().startsWith("worker-")) continue;
      s.process().descendants()
          .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
          .forEach(out::add);
    }
    return out;
  }

  /** The last lines of every log (Master, Workers, drivers, executors), for failure messages. */
  public String diagnostics() {
    StringBuilder b = new StringBuilder();
    for (Started s : processes) {
      b.append("---- ").append(s.name()).append(s.process().isAlive() ? " (running)" : " (exit " + s.process().exitValue() + ")")
          .append(", ").append(s.log()).append('\n').append(tail(read(s.log()), 40));
    }
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().equals("stderr") && f.toString().contains("worker-")).toList()) {
        b.append("---- executor ").append(f).append('\n').append(tail(read(f), 20));
      }
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // diagnostics only: an executor's folder may vanish while it is walked (Spark cleans up after a killed executor)
    }
    return b.toString();
  }

  private Started launch(String name, List<String> jvm, String mainClass, List<String> args, Map<String, String> env)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.addAll(opens);
    cmd.add("-cp");
    cmd.add(String.join(java.io.File.pathSeparator, runtimeClasspath));
    cmd.add(mainClass);
    cmd.addAll(args);
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> e = pb.environment();
    e.put("SPARK_HOME", sparkHome().toString());
    e.put("SPARK_SCALA_VERSION", "2.13");
    e.put("SPARK_LOCAL_IP", "127.0.0.1");
    e.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
    e.put("JAVA_HOME", System.getProperty("java.home"));
    e.remove("SPARK_CONF_DIR");
    e.putAll(env);
    Started s = new Started(name, pb.start(), log);
    processes.add(s);
    return s;
  }

  private void awaitLog(Started s, Predicate<String> ready, String what) {
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      if (ready.test(read(s.log()))) return;
      if (!s.process().isAlive()) break;
      sleep(200);
    }
    String state = s.process().isAlive() ? "still running" : "exited with " + s.process().exitValue();
    throw new IllegalStateException("standalone cluster did not come up: timed out waiting for " + what + " ("
        + s.name() + " " + state + ")\n" + diagnostics());
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // already shutting down: the hook is running stopAll
    }
  }

  /** Drivers first, then Workers (and the executors they forked), then the Master. */
  private void stopAll() {
    List<Started> order = new ArrayList<>(processes);
    order.sort(java.util.Comparator.comparingInt(s -> s.name().equals("master") ? 2 : s.name().startsWith("worker-") ? 1 : 0));
    for (Started s : order) stop(s.process());
  }

  private static void stop(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    try {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    for (ProcessHandle c : children) {
      if (c.isAlive()) c.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set (run through mvn verify / failsafe)");
    }
    return v;
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? new String(Files.readAllBytes(f), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length)) + "\n";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
