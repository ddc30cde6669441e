import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.objective.GradientSum;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.oracle.SparseBatchRows;
import org.stochopt.core.sampling.Minibatch;
import org.stochopt.core.sampling.SamplingPlan;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.datasets.synth.HashedTextData;

/**
 * Bytes of one minibatch-difference round's messages (Java serialization, Spark's serializer in
 * stochopt), dense round against sparse round, averaged over 200 minibatches of the run's plan
 * (docs/performance.md, "O(nnz) steps for the one-step-per-round methods"):
 *
 * <pre>
 *   dense:  out  w (double[d]; the anchor is shared once per epoch, not counted)
 *           back one GradientSum(d) per partition with batch rows
 *   sparse: out  S_p and w and the anchor on it for every p (int[|S_p|] and double[|S_p|] twice per partition)
 *           back per partition: the gradient on S_p (double[|S_p|]) and S'_p, the next batch's support (int[])
 * </pre>
 *
 * The sparse messages are serialized as plain arrays of the sizes the round really uses (their
 * record wrappers add a few dozen bytes). Run from the repository root after {@code mvn package}:
 * {@code java -cp core/target/stochopt-core-0.1.0-SNAPSHOT.jar:datasets/target/stochopt-datasets-0.1.0-SNAPSHOT.jar
 * bench/sparse/RoundMessages.java hashtext:n=5000,d=262144,seed=1 16 4}.
 */
public class RoundMessages {
  static long bytes(Object o) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream s = new ObjectOutputStream(out)) {
      s.writeObject(o);
    }
    return out.size();
  }

  public static void main(String[] args) throws IOException {
    HashedTextData data = HashedTextData.parse(args[0]);
    int b = Integer.parseInt(args[1]);
    int parts = Integer.parseInt(args[2]);
    List<RowBlock> blocks = new ArrayList<>();
    for (int p = 0; p < parts; p++) blocks.add(data.generate(data.n() * p / parts, data.n() * (p + 1) / parts));
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), data.d()), blocks, 1);
    SparseBatchRows rows = oracle.sparseBatchRows();
    SamplingPlan plan = oracle.samplingPlan(1, SamplingScheme.WITHOUT_REPLACEMENT);
    int d = data.d();
    long denseOut = bytes(new double[d]);
    long denseSumBytes = bytes(new GradientSum(d));
    double dense = 0;
    double sparseOut = 0;
    double sparseBack = 0;
    int steps = 200;
    for (int t = 0; t < steps; t++) {
      Minibatch mb = plan.draw(t, b);
      Minibatch next = plan.draw(t + 1, b);
      int withRows = 0;
      for (int p = 0; p < parts; p++) if (mb.countFor(p) > 0) withRows++;
      dense += denseOut + (double) withRows * denseSumBytes;
      int[] s = supportSizes(rows.select(mb), parts);
      int[] sNext = supportSizes(rows.select(next), parts);
      for (int p = 0; p < parts; p++) {
        sparseOut += bytes(new int[s[p]]) + 2 * bytes(new double[s[p]]);
        sparseBack += bytes(new double[s[p]]) + bytes(new int[sNext[p]]);
      }
    }
    System.out.printf("round messages (difference round, b=%d, P=%d, d=%d, mean of %d minibatches):%n", b, parts, d, steps);
    System.out.printf("  dense : %.0f bytes (w out %d, %d bytes back per partition with batch rows)%n", dense / steps,
        denseOut, denseSumBytes);
    System.out.printf("  sparse: %.0f bytes (%.0f out, %.0f back)  = %.1fx fewer%n", (sparseOut + sparseBack) / steps,
        sparseOut / steps, sparseBack / steps, dense / (sparseOut + sparseBack));
  }

  /** |S_p| per partition, from the selection's per-partition support union (partition order). */
  static int[] supportSizes(SparseBatchRows.Selected sel, int parts) {
    return sel.partitionSupportSizes();
  }
}
