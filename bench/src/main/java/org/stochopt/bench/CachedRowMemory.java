package org.stochopt.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stochopt.core.linalg.CsrRowBlock;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.datasets.FashionMnist;
import org.stochopt.datasets.synth.SparseTextData;

/**
 * Memory per cached row: what one row of a {@link RowBlock} occupies on the heap, which is what a
 * Spark executor holds per row (partitions are cached deserialized, MEMORY_AND_DISK) and what the
 * in-process oracle holds. Two numbers per source: the array bytes the layout implies (dense:
 * 8·d + 8 for the label; CSR: 12 per nonzero + 4 row pointer + 8 label, array headers amortized)
 * and the heap growth measured while the block is built and held (used heap after full GCs, before
 * and after), so the formula is checked against the JVM rather than assumed.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.stochopt.bench.CachedRowMemory
 * </pre>
 */
public final class CachedRowMemory {
  private CachedRowMemory() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("| source | layout | rows | stored entries/row | formula bytes/row | measured heap bytes/row |");
    lines.add("|---|---|---|---|---|---|");
    if (java.nio.file.Files.isDirectory(FashionMnist.defaultDirectory())) {
      lines.add(row("fmnist:7v9 train (real pixels)",
          () -> FashionMnist.load("fmnist:7v9", FashionMnist.Split.TRAIN).block()));
    }
    lines.add(row("dense-20000x784 (FMNIST-shaped, bench)", () -> KernelShape.parse("dense-20000x784").generate(42)));
    SparseTextData sparse = new SparseTextData(200_000, SparseTextData.DEFAULTS.d(), SparseTextData.DEFAULTS.nnz(),
        SparseTextData.DEFAULTS.alpha(), 1);
    lines.add(row(sparse.toSpec() + " (sparse generator)", () -> sparse.generate(0, sparse.n())));
    lines.add(row("csr-1000000x100000x20 (bench)", () -> KernelShape.parse("csr-1000000x100000x20").generate(42)));
    lines.forEach(System.out::println);
  }

  private static String row(String name, ThrowingSupplier<RowBlock> make) throws Exception {
    long before = usedAfterGc();
    RowBlock block = make.get();
    long after = usedAfterGc();
    boolean csr = block instanceof CsrRowBlock;
    double entries = (double) block.storedEntries() / block.rows();
    double formula = csr
        ? (12.0 * block.storedEntries() + 4.0 * (block.rows() + 1) + 8.0 * block.rows()) / block.rows()
        : (8.0 * block.storedEntries() + 8.0 * block.rows()) / block.rows();
    String line = String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f |", name, csr ? "CSR" : "dense",
        block.rows(), entries, formula, (double) (after - before) / block.rows());
    block = null; // released before the next source is measured
    return line;
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  @FunctionalInterface
  private interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
