package org.stochopt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the kernel and bandwidth benchmarks with short, fixed JMH settings (1 fork, 2 warm-up and 3
 * measured iterations of 1 s each) and writes {@code jmh.json} (JMH's raw results) plus
 * {@link KernelReport}'s CSV, Markdown table and PNG into the output directory.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.stochopt.bench.KernelBench [--out DIR] [--include REGEX]
 *     [--iterations N] [--heap 3g]
 * </pre>
 */
public final class KernelBench {
  private KernelBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("out/bench-kernels");
    String include = "org\\.stochopt\\.bench\\..*";
    int iterations = 3;
    String heap = "3g";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.println("usage: KernelBench [--out DIR] [--include REGEX] [--iterations N] [--heap SIZE]");
        return;
      }
      if (i + 1 >= args.length) fail("option " + a + " needs a value");
      String v = args[++i];
      switch (a) {
        case "--out" -> out = Path.of(v);
        case "--include" -> include = v;
        case "--iterations" -> {
          try {
            iterations = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            iterations = 0;
          }
          if (iterations < 1) fail("--iterations must be a positive integer, got '" + v + "'");
        }
        case "--heap" -> heap = v;
        default -> fail("unknown option " + a + " (see --help)");
      }
    }
    Files.createDirectories(out);
    Options options = new OptionsBuilder()
        .include(include)
        .forks(1)
        .warmupIterations(2)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .jvmArgsAppend("-Xms" + heap, "-Xmx" + heap)
        .resultFormat(ResultFormatType.JSON)
        .result(out.resolve("jmh.json").toString())
        .build();
    Collection<RunResult> results;
    try {
      results = new Runner(options).run();
    } catch (RunnerException e) {
      fail("JMH failed: " + e.getMessage());
      return;
    }
    List<KernelMeasurement> rows = new ArrayList<>();
    // Bandwidth first: the table and the figure read top-down from the bound to the kernels.
    for (RunResult r : results) if (KernelMeasurement.of(r).bandwidth()) rows.add(KernelMeasurement.of(r));
    for (RunResult r : results) if (!KernelMeasurement.of(r).bandwidth()) rows.add(KernelMeasurement.of(r));
    KernelReport report = new KernelReport(rows);
    report.write(out);
    System.out.println();
    System.out.print(Files.readString(out.resolve("kernels.md")));
    System.out.println("wrote " + out.resolve("kernels.csv") + ", kernels.md, kernels.png, jmh.json");
  }

  private static void fail(String message) {
    System.err.println("bench-kernels: error: " + message);
    System.exit(2);
  }
}
