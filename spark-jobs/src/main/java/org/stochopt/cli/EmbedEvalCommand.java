package org.stochopt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stochopt.core.embed.EmbeddingGraph;
import org.stochopt.core.embed.EmbeddingMetrics;
import org.stochopt.core.embed.Manifold;
import org.stochopt.datasets.io.DataFormatException;
import org.stochopt.spark.embed.EmbeddingData;
import org.stochopt.spark.embed.EmbeddingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stochopt embed-eval}: reconstruction mean rank and MAP (and a disk picture) of a saved embedding. */
@Command(name = "embed-eval", mixinStandardHelpOptions = true,
    description = "Evaluate a trained embedding (embedding.tsv) on a graph: reconstruction mean rank and MAP, radius; optional 2-D disk plot.")
public final class EmbedEvalCommand implements Callable<Integer> {
  @Option(names = "--embedding", required = true, description = "embedding.tsv written by train --model embedding")
  Path embedding;

  @Option(names = "--data", required = true, description = "the graph: wordnet:ROOT[,file=..], tree:branching=..,depth=.., edges:PATH")
  String data;

  @Option(names = "--geometry", required = true, description = "euclidean, poincare or lorentz (as trained)")
  String geometry;

  @Option(names = "--score", description = "euclidean: distance or dot (as trained)")
  String score;

  @Option(names = "--eval-nodes", defaultValue = "0", description = "reconstruct from this many sampled nodes; 0 = all")
  int evalNodes;

  @Option(names = "--plot", description = "write the 2-D disk picture here (d = 2 only)")
  Path plot;

  @Option(names = "--out", description = "write the metrics as JSON here")
  Path out;

  @Override
  public Integer call() throws IOException {
    Manifold m = Manifold.parse(geometry, score);
    if (evalNodes < 0) throw new IllegalArgumentException("--eval-nodes must be ≥ 0");
    EmbeddingGraph g = EmbeddingData.load(data);
    if (!Files.exists(embedding)) throw new java.nio.file.NoSuchFileException(embedding.toString());
    List<String> lines = Files.readAllLines(embedding, StandardCharsets.UTF_8);
    Map<String, double[]> rows = new HashMap<>();
    int width = -1, lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (line.isBlank()) continue;
      String[] f = line.split("\t");
      if (width < 0) width = f.length - 1;
      if (f.length - 1 != width || width < 1) throw new DataFormatException(embedding.toString(), lineNo, "expected a name and " + Math.max(width, 1) + " coordinates");
      double[] v = new double[width];
      try {
        for (int c = 0; c < width; c++) v[c] = Double.parseDouble(f[c + 1]);
      } catch (NumberFormatException e) {
        throw new DataFormatException(embedding.toString(), lineNo, "not a number");
      }
      rows.put(f[0], v);
    }
    if (rows.isEmpty()) throw new DataFormatException(embedding.toString(), "no rows");
    double[] table = new double[g.nodes() * width];
    for (int i = 0; i < g.nodes(); i++) {
      double[] v = rows.get(g.names()[i]);
      if (v == null) throw new IllegalArgumentException("node '" + g.names()[i] + "' of " + g.name() + " is unknown to " + embedding);
      if (!m.contains(v, 0, width, 1e-6)) throw new IllegalArgumentException("the row of '" + g.names()[i] + "' is not a point of " + m.name());
      System.arraycopy(v, 0, table, i * width, width);
    }
    EmbeddingMetrics.Reconstruction r = EmbeddingMetrics.reconstruction(m, table, width, g.ancestorLists(), evalNodes, 1);
    double[] radius = EmbeddingMetrics.radius(m, table, width);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("data", g.name());
    s.put("geometry", m.name());
    s.put("nodes", g.nodes());
    s.put("mean_rank", r.meanRank());
    s.put("map", r.map());
    s.put("nodes_evaluated", r.nodesEvaluated());
    s.put("max_radius", radius[0]);
    s.put("mean_radius", radius[1]);
    System.out.println(s);
    if (out != null) org.stochopt.spark.report.RunWriter.writeJson(s, out);
    if (plot != null) EmbeddingReport.diskPlot(g, m, table, width, g.name() + ", " + m.name(), plot);
    return 0;
  }
}
