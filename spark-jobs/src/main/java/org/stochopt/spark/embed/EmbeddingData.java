package org.stochopt.spark.embed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stochopt.core.embed.EmbeddingGraph;
import org.stochopt.datasets.io.DataFormatException;
import org.stochopt.datasets.wordnet.WordNetNouns;

/**
 * {@code --data} for embeddings: {@code wordnet:ROOT[,file=PATH]} (the closure of the WordNet noun
 * subtree below ROOT, e.g. mammal.n.01; {@code wordnet:nouns} is entity.n.01, all nouns; file
 * defaults to /usr/share/wordnet/data.noun), {@code tree:branching=B,depth=H}, {@code grid:side=S}
 * (the S × S lattice, {@link EmbeddingGraph#grid}), or
 * {@code edges:PATH} (tab-separated child and parent names per line, # comments).
 */
public final class EmbeddingData {
  public static final String WORDNET_FILE = "/usr/share/wordnet/data.noun";

  private EmbeddingData() {}

  public static EmbeddingGraph load(String spec) throws IOException {
    if (spec.startsWith("wordnet:")) {
      String[] parts = spec.substring(8).split(",");
      String root = parts[0].equals("nouns") ? "entity.n.01" : parts[0];
      String file = WORDNET_FILE;
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].startsWith("file=")) file = parts[i].substring(5);
        else throw new IllegalArgumentException("wordnet: unknown option '" + parts[i] + "' (file=PATH)");
      }
      return WordNetNouns.read(Path.of(file)).subtree(root);
    }
    if (spec.startsWith("tree:")) {
      Map<String, String> kv = keyValues(spec.substring(5), "tree");
      return EmbeddingGraph.tree(intOf(kv, "branching", "tree"), intOf(kv, "depth", "tree"));
    }
    if (spec.startsWith("grid:")) return EmbeddingGraph.grid(intOf(keyValues(spec.substring(5), "grid"), "side", "grid"));
    if (spec.startsWith("edges:")) return edges(Path.of(spec.substring(6)));
    throw new IllegalArgumentException("embedding --data must be wordnet:ROOT, tree:branching=..,depth=.., grid:side=.. or edges:PATH, got '" + spec + "'");
  }

  static Map<String, String> keyValues(String s, String what) {
    Map<String, String> kv = new HashMap<>();
    for (String p : s.split(",")) {
      int eq = p.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException(what + ": expected key=value, got '" + p + "'");
      kv.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    return kv;
  }

  static int intOf(Map<String, String> kv, String key, String what) {
    String v = kv.get(key);
    if (v == null) throw new IllegalArgumentException(what + ": missing " + key + "=");
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": " + key + " must be an integer, got '" + v + "'");
    }
  }

  /** An edge list of names: each line "child TAB parent". */
  public static EmbeddingGraph edges(Path file) throws IOException {
    if (!Files.exists(file)) throw new java.nio.file.NoSuchFileException(file.toString());
    Map<String, Integer> ids = new HashMap<>();
    List<String> names = new ArrayList<>();
    List<Integer> edges = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t");
      if (f.length != 2) throw new DataFormatException(file.toString(), lineNo, "expected 'child<TAB>parent'");
      if (f[0].equals(f[1])) throw new DataFormatException(file.toString(), lineNo, "self-loop on '" + f[0] + "'");
      for (String name : f) {
        Integer id = ids.get(name);
        if (id == null) {
          ids.put(name, names.size());
          names.add(name);
        }
      }
      edges.add(ids.get(f[0]));
      edges.add(ids.get(f[1]));
    }
    if (edges.isEmpty()) throw new DataFormatException(file.toString(), "no edges (empty graph)");
    return EmbeddingGraph.fromDirect(file.getFileName().toString(), names.toArray(new String[0]),
        edges.stream().mapToInt(Integer::intValue).toArray());
  }
}
