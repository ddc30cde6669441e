package org.stochopt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link CpuTimeKernels} result lines into {@link KernelReport}'s CSV, table and figure, so a
 * run on a shared machine gets the same report as a JMH run. Input lines (one per kernel and run):
 * {@code label,time,load,"Class.method k=v ...",median,min,max,samples}; only lines whose label
 * equals {@code --label} are used. A kernel measured in several runs is reported with the median of
 * the run medians, and ± half the range of all samples' min and max.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.stochopt.bench.CpuTimeReport results.csv --label new --out DIR
 * </pre>
 */
public final class CpuTimeReport {
  private CpuTimeReport() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5 || !args[1].equals("--label") || !args[3].equals("--out")) {
      System.err.println("usage: CpuTimeReport RESULTS.csv --label LABEL --out DIR");
      System.exit(2);
    }
    Map<String, List<double[]>> byKernel = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      int q1 = line.indexOf('"');
      int q2 = line.lastIndexOf('"');
      if (q1 < 0 || q2 <= q1 || !line.startsWith(args[2] + ",")) continue;
      String[] num = line.substring(q2 + 2).split(",");
      byKernel.computeIfAbsent(line.substring(q1 + 1, q2), k -> new ArrayList<>())
          .add(new double[] {Double.parseDouble(num[0]), Double.parseDouble(num[1]), Double.parseDouble(num[2])});
    }
    List<KernelMeasurement> bandwidth = new ArrayList<>();
    List<KernelMeasurement> kernels = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> e : byKernel.entrySet()) {
      String[] part = e.getKey().split(" ");
      Map<String, String> params = new HashMap<>();
      for (int i = 1; i < part.length; i++) {
        String[] kv = part[i].split("=", 2);
        params.put(kv[0], kv[1]);
      }
      List<double[]> runs = e.getValue();
      double[] medians = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
      double median = medians.length % 2 == 1 ? medians[medians.length / 2]
          : 0.5 * (medians[medians.length / 2 - 1] + medians[medians.length / 2]);
      double lo = runs.stream().mapToDouble(r -> r[1]).min().orElse(median);
      double hi = runs.stream().mapToDouble(r -> r[2]).max().orElse(median);
      KernelMeasurement m = KernelMeasurement.of(part[0], params::get, 1, median, 0.5 * (hi - lo));
      (m.bandwidth() ? bandwidth : kernels).add(m);
    }
    bandwidth.addAll(kernels);
    Path out = Path.of(args[4]);
    new KernelReport(bandwidth, "ops per CPU-s (± ½ range)").write(out);
    System.out.print(Files.readString(out.resolve("kernels.md")));
  }
}
