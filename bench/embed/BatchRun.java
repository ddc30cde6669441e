import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stochopt.cli.StochoptMain;

/**
 * Runs many `stochopt` command lines (one per stdin line, whitespace-separated arguments) in one
 * JVM: on a loaded machine a short embedding run costs ~1 s of work and ~5–20 s of JVM start-up.
 * A line whose --out already holds summary.json (or a "diverged" marker) is skipped; a non-zero
 * exit writes OUT/diverged with the error. Launched as a single-file program:
 *   java $(cat spark-jobs/target/jvm.options) -cp "$jar:$(cat spark-jobs/target/launcher.classpath)" bench/embed/BatchRun.java < lines
 */
public final class BatchRun {
  public static void main(String[] ignored) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    for (String line; (line = in.readLine()) != null;) {
      if (line.isBlank()) continue;
      String[] args = line.trim().split("\\s+");
      Path out = null;
      for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--out")) out = Path.of(args[i + 1]);
      if (out == null) throw new IllegalArgumentException("no --out in: " + line);
      if (Files.exists(out.resolve("summary.json")) || Files.exists(out.resolve("diverged"))) continue;
      Files.createDirectories(out);
      StringWriter err = new StringWriter();
      int code = StochoptMain.execute(new PrintWriter(err, true), args);
      if (code != 0) {
        Files.writeString(out.resolve("diverged"), "exit " + code + ": " + err);
        System.out.println(out + ": exit " + code + " " + err.toString().trim());
      }
    }
  }
}
