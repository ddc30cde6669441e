package org.stochopt.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.reference.ReferenceCache;
import org.stochopt.core.reference.ReferenceOptimum;

/** Sealed files, the reference cache's use of them, atomic writes, and the output-folder lock. */
class StoredStateTest {
  @TempDir Path dir;

  @Test
  void aSealedFileRoundTripsAndRefusesAnotherKindOrATruncation() throws Exception {
    Path f = dir.resolve("x.sealed");
    byte[] body = "hello\nworld".getBytes(StandardCharsets.UTF_8);
    SealedFile.write(f, "greeting", body);
    assertArrayEquals(body, SealedFile.read(f, "greeting"));
    assertTrue(assertThrows(DamagedFileException.class, () -> SealedFile.read(f, "checkpoint")).getMessage().contains("greeting"));
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length - 1));
    assertThrows(DamagedFileException.class, () -> SealedFile.read(f, "greeting"));
    Files.writeString(f, "an old unsealed file\n");
    assertThrows(DamagedFileException.class, () -> SealedFile.read(f, "greeting"));
  }

  /** Fault injection: every 97th byte of a reference-cache entry flipped in turn; each is named, ignored and recomputed. */
  @Test
  void everyFlippedByteOfAReferenceCacheEntryIsDetected() throws Exception {
    double[] w = new double[40];
    for (int j = 0; j < w.length; j++) w[j] = Math.sin(j + 1) / 3;
    ReferenceOptimum opt = new ReferenceOptimum(0.3141592653589793, w, 17, 1e-13);
    List<String> warnings = new ArrayList<>();
    ReferenceCache cache = new ReferenceCache(dir, warnings::add);
    String key = "k";
    cache.getOrCompute(key, () -> opt);
    Path file = cache.file(key);
    byte[] good = Files.readAllBytes(file);
    AtomicInteger solves = new AtomicInteger();
    assertEquals(opt.objective(), cache.getOrCompute(key, () -> {
      solves.incrementAndGet();
      return opt;
    }).objective());
    assertEquals(0, solves.get(), "an intact entry is used");
    int flips = 0;
    for (int i = 0; i < good.length; i += 97) {
      byte[] bad = good.clone();
      bad[i] ^= (byte) (1 << (i % 8));
      Files.write(file, bad);
      warnings.clear();
      int before = solves.get();
      ReferenceOptimum got = cache.getOrCompute(key, () -> {
      solves.incrementAndGet();
      return opt;
    });
      assertEquals(before + 1, solves.get(), "flipped byte " + i + " of " + good.length + " was used");
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains(file.toString()), warnings.get(0));
      assertArrayEquals(w, got.solution());
      assertArrayEquals(good, Files.readAllBytes(file), "the entry is rewritten intact");
      flips++;
    }
    assertTrue(flips >= 10, flips + " flips");
  }

  @Test
  void aCacheEntryWhoseFStarDoesNotMatchItsSolutionIsRecomputed() {
    List<String> warnings = new ArrayList<>();
    ReferenceCache cache = new ReferenceCache(dir, warnings::add);
    cache.getOrCompute("k", () -> new ReferenceOptimum(1.0, new double[] {1, 2}, 1, 0));
    ReferenceOptimum right = new ReferenceOptimum(0.5, new double[] {1, 2}, 1, 0);
    ReferenceOptimum got = cache.getOrCompute("k", () -> right, ReferenceCache.objectiveCheck(x -> 0.5));
    assertEquals(0.5, got.objective());
    assertTrue(warnings.get(0).contains("F(w*)"), warnings.toString());
  }

  @Test
  void atomicWritesLeaveNoTemporaryFilesAndReplaceWhole() throws Exception {
    Path f = dir.resolve("sub/out.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    assertThrows(java.io.IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write('x');
      throw new java.io.IOException("disk full");
    }));
    assertEquals("two", Files.readString(f), "a failed write keeps the old file");
    try (var s = Files.list(f.getParent())) {
      assertEquals(List.of(f), s.toList(), "no temporary files left");
    }
  }

  @Test
  void anOutputFolderHasOneOwnerAtATime() {
    Path out = dir.resolve("out");
    try (OutputFolder first = OutputFolder.claim(out, "--out", "test one")) {
      OutputFolder.InUseException e = assertThrows(OutputFolder.InUseException.class,
          () -> OutputFolder.claim(out, "--out", "test two"));
      assertTrue(e.getMessage().contains("test one") && e.getMessage().contains("pid"), e.getMessage());
      assertTrue(first.contents().isEmpty(), "the lock file is not content");
    }
    try (OutputFolder again = OutputFolder.claim(out, "--out", "test three")) {
      assertEquals(out, again.path());
    }
  }

  /** Another process holds the lock (a real second JVM): the claim fails at once, naming it. */
  @Test
  void aFolderLockedByAnotherProcessIsRefused() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out2"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path src = dir.resolve("Hold.java");
    Files.writeString(src, """
        import java.nio.channels.FileChannel; import java.nio.file.*;
        public class Hold { public static void main(String[] a) throws Exception {
          FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          ch.lock(); ch.write(java.nio.ByteBuffer.wrap("other process".getBytes()));
          System.out.println("locked"); System.out.flush(); Thread.sleep(60000); } }
        """);
    Process p = new ProcessBuilder(java, src.toString(), out.resolve(OutputFolder.LOCK_FILE).toString()).start();
    try {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
      assertEquals("locked", line);
      OutputFolder.InUseException e = assertThrows(OutputFolder.InUseException.class, () -> OutputFolder.claim(out, "--out", "me"));
      assertTrue(e.getMessage().contains("other process"), e.getMessage());
    } finally {
      p.destroyForcibly().waitFor();
    }
    try (OutputFolder mine = OutputFolder.claim(out, "--out", "me")) {
      assertTrue(mine.contents().isEmpty()); // the dead owner's lock is gone with it
    }
  }
}
