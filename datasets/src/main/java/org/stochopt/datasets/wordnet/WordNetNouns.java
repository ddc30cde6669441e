package org.stochopt.datasets.wordnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stochopt.core.embed.EmbeddingGraph;
import org.stochopt.datasets.io.DataFormatException;

/**
 * The WordNet noun hierarchy read from the database files {@code data.noun} and (for names)
 * {@code index.noun} beside it, in the WordNet 3.0 format ({@code wndb(5WN)}).
 *
 * <p>A {@code data.noun} line is {@code offset lex_filenum ss_type w_cnt (word lex_id){w_cnt}
 * p_cnt (symbol offset pos source/target){p_cnt} | gloss}, w_cnt in hexadecimal, p_cnt in
 * decimal; lines starting with two spaces are the licence header. The hierarchy's edges are the
 * hypernym pointers {@code @} and the instance-hypernym pointers {@code @i} to nouns (child →
 * parent). A synset is named as NLTK names it, {@code lemma.n.NN}: its first word, lower-cased,
 * and the synset's 1-based position in that word's sense list in {@code index.noun}.
 */
public final class WordNetNouns {
  private final String[] names;
  private final int[] direct;
  private final Map<String, Integer> byName;

  private WordNetNouns(String[] names, int[] direct) {
    this.names = names;
    this.direct = direct;
    this.byName = new HashMap<>();
    for (int i = 0; i < names.length; i++) byName.put(names[i], i);
  }

  /** Reads {@code dataNoun} and the {@code index.noun} in the same folder. */
  public static WordNetNouns read(Path dataNoun) throws IOException {
    if (!Files.exists(dataNoun)) throw new NoSuchFileException(dataNoun + " (install Debian's wordnet-base, or pass file=)");
    Map<Long, Integer> index = new HashMap<>();
    List<String> words = new ArrayList<>();
    List<long[]> parents = new ArrayList<>();
    String source = dataNoun.toString();
    try (BufferedReader r = Files.newBufferedReader(dataNoun, StandardCharsets.ISO_8859_1)) {
      String line;
      long lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.startsWith("  ") || line.isBlank()) continue;
        int bar = line.indexOf(" | ");
        String[] f = (bar >= 0 ? line.substring(0, bar) : line).trim().split(" +");
        try {
          long offset = Long.parseLong(f[0]);
          if (!f[2].equals("n")) throw new DataFormatException(source, lineNo, "synset type '" + f[2] + "' is not a noun");
          int wCnt = Integer.parseInt(f[3], 16);
          int k = 4 + 2 * wCnt;
          int pCnt = Integer.parseInt(f[k]);
          if (f.length < k + 1 + 4 * pCnt) throw new DataFormatException(source, lineNo, "expected " + pCnt + " pointers");
          List<Long> ps = new ArrayList<>();
          for (int p = 0; p < pCnt; p++) {
            String sym = f[k + 1 + 4 * p];
            if ((sym.equals("@") || sym.equals("@i")) && f[k + 3 + 4 * p].equals("n")) ps.add(Long.parseLong(f[k + 2 + 4 * p]));
          }
          if (index.put(offset, words.size()) != null) throw new DataFormatException(source, lineNo, "synset " + offset + " appears twice");
          words.add(f[4].toLowerCase(Locale.ROOT));
          parents.add(ps.stream().mapToLong(Long::longValue).toArray());
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
          throw new DataFormatException(source, lineNo, "not a data.noun synset line");
        }
      }
    }
    if (words.isEmpty()) throw new DataFormatException(source, "no synsets (empty graph)");
    int n = words.size();
    int edges = 0;
    for (long[] p : parents) edges += p.length;
    int[] direct = new int[2 * edges];
    int e = 0;
    for (int i = 0; i < n; i++) {
      for (long off : parents.get(i)) {
        Integer j = index.get(off);
        if (j == null) throw new DataFormatException(source, "hypernym pointer to unknown synset " + off);
        if (j == i) throw new DataFormatException(source, "synset " + words.get(i) + " is its own hypernym");
        direct[e++] = i;
        direct[e++] = j;
      }
    }
    return new WordNetNouns(names(dataNoun.resolveSibling("index.noun"), index, words), direct);
  }

  /** lemma.n.NN names from index.noun, or lemma.n.OFFSET when index.noun is absent. */
  private static String[] names(Path indexNoun, Map<Long, Integer> index, List<String> words) throws IOException {
    String[] names = new String[words.size()];
    if (Files.exists(indexNoun)) {
      try (BufferedReader r = Files.newBufferedReader(indexNoun, StandardCharsets.ISO_8859_1)) {
        String line;
        long lineNo = 0;
        while ((line = r.readLine()) != null) {
          lineNo++;
          if (line.startsWith("  ") || line.isBlank()) continue;
          String[] f = line.trim().split(" +");
          try {
            int synsets = Integer.parseInt(f[2]), pCnt = Integer.parseInt(f[3]);
            int first = 4 + pCnt + 2;
            for (int s = 0; s < synsets; s++) {
              Integer i = index.get(Long.parseLong(f[first + s]));
              if (i != null && names[i] == null && words.get(i).equals(f[0])) names[i] = f[0] + ".n." + String.format(Locale.ROOT, "%02d", s + 1);
            }
          } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new DataFormatException(indexNoun.toString(), lineNo, "not an index.noun line");
          }
        }
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null) names[i] = words.get(i) + ".n.#" + i;
      if (seen.put(names[i], i) != null) names[i] = names[i] + "#" + i;
    }
    return names;
  }

  public int synsets() {
    return names.length;
  }

  /** The node id of a synset name such as {@code mammal.n.01}. */
  public int id(String name) {
    Integer i = byName.get(name);
    if (i == null) throw new IllegalArgumentException("unknown WordNet noun synset '" + name + "' (names look like mammal.n.01)");
    return i;
  }

  /**
   * The subtree below {@code root} (root included) with its transitive closure: every (node,
   * ancestor) pair with both ends in the subtree; {@code entity.n.01} gives all nouns.
   */
  public EmbeddingGraph subtree(String root) {
    int r = id(root);
    int n = names.length;
    int[] closure = EmbeddingGraph.closureOf(n, direct, "wordnet");
    boolean[] keep = new boolean[n];
    keep[r] = true;
    for (int e = 0; e < closure.length; e += 2) if (closure[e + 1] == r) keep[closure[e]] = true;
    int[] newId = new int[n];
    Arrays.fill(newId, -1);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        newId[i] = kept.size();
        kept.add(names[i]);
      }
    }
    return new EmbeddingGraph("wordnet:" + root, kept.toArray(new String[0]), filter(direct, newId), filter(closure, newId));
  }

  private static int[] filter(int[] edges, int[] newId) {
    int m = 0;
    int[] out = new int[edges.length];
    for (int e = 0; e < edges.length; e += 2) {
      int u = newId[edges[e]], v = newId[edges[e + 1]];
      if (u >= 0 && v >= 0) {
        out[m++] = u;
        out[m++] = v;
      }
    }
    return Arrays.copyOf(out, m);
  }
}
