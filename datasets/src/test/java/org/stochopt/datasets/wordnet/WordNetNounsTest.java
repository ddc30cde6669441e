package org.stochopt.datasets.wordnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stochopt.core.embed.EmbeddingGraph;
import org.stochopt.datasets.io.DataFormatException;

/** The reader on a committed hand-made sample in the data.noun / index.noun format (never the system file). */
class WordNetNounsTest {
  static Path sample() throws Exception {
    return Path.of(WordNetNounsTest.class.getResource("/wordnet/data.noun").toURI());
  }

  static Set<String> pairs(EmbeddingGraph g, int[] edges) {
    Set<String> s = new HashSet<>();
    for (int e = 0; e < edges.length; e += 2) s.add(g.names()[edges[e]] + ">" + g.names()[edges[e + 1]]);
    return s;
  }

  @Test
  void namesFollowTheSenseOrderOfTheIndex() throws Exception {
    WordNetNouns wn = WordNetNouns.read(sample());
    assertEquals(8, wn.synsets());
    wn.id("mammal.n.02"); // offset 3 is the second sense of "mammal" in index.noun
    wn.id("mammal.n.01");
    wn.id("rex.n.01");
    assertThrows(IllegalArgumentException.class, () -> wn.id("cat.n.01"));
  }

  @Test
  void subtreeClosureFollowsHypernymAndInstancePointers() throws Exception {
    WordNetNouns wn = WordNetNouns.read(sample());
    EmbeddingGraph mammals = wn.subtree("mammal.n.02");
    assertEquals(Set.of("dog.n.01>mammal.n.02", "rex.n.01>dog.n.01", "rex.n.01>mammal.n.02"), pairs(mammals, mammals.closure()));
    assertEquals(3, mammals.nodes());
    EmbeddingGraph all = wn.subtree("entity.n.01");
    assertEquals(8, all.nodes());
    Set<String> c = pairs(all, all.closure());
    // dog has two parents (mammal, pet): its closure holds both lines up to the root, once each.
    assertTrue(c.containsAll(Set.of("dog.n.01>pet.n.01", "dog.n.01>entity.n.01", "rex.n.01>animal.n.01", "rex.n.01>pet.n.01")));
    assertEquals(1 + 2 + 2 + 1 + 4 + 5 + 1, all.closureEdges()); // animal 1, mammal.02 2, bird 2, pet 1, dog 4, rex 5, mammal.01 1
  }

  @Test
  void badFilesGiveOneLineMessages(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("data.noun");
    Files.writeString(bad, "00000001 03 n 01 entity 0 00x | broken\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> WordNetNouns.read(bad));
    assertTrue(e.getMessage().contains(":1:") && !e.getMessage().contains("\n"), e.getMessage());
    Files.writeString(bad, "  licence only\n");
    assertTrue(assertThrows(DataFormatException.class, () -> WordNetNouns.read(bad)).getMessage().contains("empty graph"));
    Files.writeString(bad, "00000001 03 n 01 entity 0 001 @ 00000001 n 0000 | self\n");
    assertTrue(assertThrows(DataFormatException.class, () -> WordNetNouns.read(bad)).getMessage().contains("own hypernym"));
    assertThrows(java.nio.file.NoSuchFileException.class, () -> WordNetNouns.read(dir.resolve("missing")));
  }
}
