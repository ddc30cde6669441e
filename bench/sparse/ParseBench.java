import java.io.*;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.datasets.io.*;

/**
 * Before/after of the LIBSVM reader in one JVM (docs/performance.md, "Sparse, d ≫ n"): the line
 * reader it replaced (BufferedReader lines through LibsvmLineParser) against LibsvmReader (bytes),
 * alternately, four times each, in thread CPU time and wall time. The first pair shows the cold
 * cost a short `train` run pays. Run from the repository root after `mvn package`:
 * {@code java -cp core/target/stochopt-core-0.1.0-SNAPSHOT.jar:datasets/target/stochopt-datasets-0.1.0-SNAPSHOT.jar
 * bench/sparse/ParseBench.java FILE [old|new]} (which goes first).
 */
public class ParseBench {
  static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
  static int old(Path p) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new BufferedInputStream(Files.newInputStream(p), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
      RowBlockBuilder b = new RowBlockBuilder(); ParsedRow row = new ParsedRow(64); long n = 0;
      LabelTracker labels = LabelPolicy.BINARY.newTracker("x");
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++; LibsvmLineParser.parseInto(line, "x", n, null, row); row.addTo(b, labels.accept(row.label(), n)); }
      return b.build(b.maxIndex() + 1, 0).rows();
    }
  }
  static int neu(Path p) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
      return LibsvmReader.read(in, "x", LibsvmOptions.defaults()).block().rows();
    }
  }
  public static void main(String[] a) throws Exception {
    Path p = Path.of(a[0]);
    boolean oldFirst = a.length > 1 && a[1].equals("old");
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 2; k++) {
        boolean useOld = (k == 0) == oldFirst;
        long t0 = cpu(), w0 = System.nanoTime();
        int rows = useOld ? old(p) : neu(p);
        System.out.printf("%s iter %d: %.3f s CPU %.3f s wall (%d rows)%n", useOld ? "old" : "new", i, (cpu() - t0) / 1e9, (System.nanoTime() - w0) / 1e9, rows);
      }
    }
  }
}
