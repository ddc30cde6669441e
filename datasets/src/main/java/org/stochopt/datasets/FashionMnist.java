package org.stochopt.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.datasets.io.DataFormatException;
import org.stochopt.datasets.io.IdxReader;

/**
 * Fashion-MNIST as binary classification problems: two of the ten classes, the first labelled
 * +1 and the second −1 ({@code fmnist:AvB}); or all ten classes with their class labels 0..9
 * ({@code fmnist:all}, for the multi-class losses).
 *
 * <p>Binary pairs are used because the methods under study are analysed for binary logistic
 * regression; pairs such as 7 (sneaker) vs 9 (ankle boot) are hard enough that the optimum is not
 * separable, yet small (12000 × 784 dense) enough for the exact reference solver. The data is the
 * real dataset shipped by the Debian package {@code dataset-fashion-mnist}, read from local IDX
 * files, so experiments never download anything.
 */
public final class FashionMnist {
  /** Environment variable that overrides {@link #DEBIAN_DIRECTORY}. */
  public static final String DIRECTORY_ENV = "STOCHOPT_FMNIST_DIR";
  /** Where the Debian package installs the files. */
  public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
  public static final int CLASSES = 10;
  public static final int SIDE = 28;
  public static final int DIM = SIDE * SIDE;
  /** Class names by label, as published with the dataset. */
  public static final List<String> CLASS_NAMES =
      List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private static final String SPEC_PREFIX = "fmnist:";
  /** The spec of the ten-class problem. */
  public static final String ALL_CLASSES_SPEC = SPEC_PREFIX + "all";
  private static final String INSTALL_HINT =
      "install it with `apt-get install dataset-fashion-mnist`, or set " + DIRECTORY_ENV
          + " to a directory holding the four IDX files";

  private FashionMnist() {}

  /** Which of the two published files to read. */
  public enum Split {
    TRAIN("train"),
    TEST("t10k");

    private final String filePrefix;

    Split(String filePrefix) {
      this.filePrefix = filePrefix;
    }

    /** File-name prefix in the published naming, e.g. {@code t10k} for the test split. */
    public String filePrefix() {
      return filePrefix;
    }
  }

  /** Two distinct classes in 0..9: {@code positive} becomes +1, {@code negative} −1. */
  public record ClassPair(int positive, int negative) {
    public ClassPair {
      checkClass(positive);
      checkClass(negative);
      if (positive == negative) {
        throw new IllegalArgumentException("the two classes must differ, got " + positive + " twice");
      }
    }

    /** The spec form, e.g. {@code fmnist:7v9}. */
    public String spec() {
      return SPEC_PREFIX + positive + "v" + negative;
    }

    private static void checkClass(int c) {
      if (c < 0 || c >= CLASSES) {
        throw new IllegalArgumentException("Fashion-MNIST classes are 0..9, got " + c);
      }
    }
  }

  /** {@value #DIRECTORY_ENV} if set and non-empty, else {@link #DEBIAN_DIRECTORY}. */
  public static Path defaultDirectory() {
    return defaultDirectory(System.getenv());
  }

  static Path defaultDirectory(Map<String, String> environment) {
    String dir = environment.get(DIRECTORY_ENV);
    return dir == null || dir.isBlank() ? DEBIAN_DIRECTORY : Path.of(dir);
  }

  /**
   * Parses {@code fmnist:<a>v<b>}, e.g. {@code fmnist:7v9}.
   *
   * @throws IllegalArgumentException for other syntax, classes outside 0..9, or a repeated class
   */
  public static ClassPair parseSpec(String spec) {
    String s = spec == null ? "" : spec.strip();
    String usage = " (expected fmnist:<a>v<b> with two different classes 0..9, e.g. fmnist:7v9, or fmnist:all for the ten classes)";
    if (!s.startsWith(SPEC_PREFIX)) {
      throw new IllegalArgumentException("not a Fashion-MNIST spec: '" + spec + "'" + usage);
    }
    String body = s.substring(SPEC_PREFIX.length());
    int v = body.indexOf('v');
    if (v <= 0 || v == body.length() - 1 || !isDigits(body.substring(0, v)) || !isDigits(body.substring(v + 1))) {
      throw new IllegalArgumentException("bad Fashion-MNIST spec '" + spec + "'" + usage);
    }
    try {
      return new ClassPair(Integer.parseInt(body.substring(0, v)), Integer.parseInt(body.substring(v + 1)));
    } catch (NumberFormatException e) { // digits only, so only overflow can land here
      throw new IllegalArgumentException("bad Fashion-MNIST spec '" + spec + "'" + usage);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad Fashion-MNIST spec '" + spec + "': " + e.getMessage());
    }
  }

  /** True for {@code fmnist:all}, the ten-class problem (labels 0..9). */
  public static boolean isAllClasses(String spec) {
    return spec != null && spec.strip().equalsIgnoreCase(ALL_CLASSES_SPEC);
  }

  /** Loads a spec such as {@code fmnist:7v9}, or {@code fmnist:all}, from {@link #defaultDirectory()}. */
  public static Dataset load(String spec, Split split) throws IOException {
    if (isAllClasses(spec)) return allClasses(defaultDirectory(), split);
    ClassPair pair = parseSpec(spec);
    return pair(defaultDirectory(), pair.positive(), pair.negative(), split);
  }

  /**
   * The examples of classes {@code classA} (+1) and {@code classB} (−1) in file order, pixels
   * scaled to [0, 1] by /255, dimension 784, first row id 0. Named e.g. {@code fmnist:7v9/train}.
   *
   * @throws IllegalArgumentException if the directory or a file is missing (with an install hint)
   * @throws DataFormatException if a file is not valid IDX or the two files disagree
   */
  public static Dataset pair(Path dir, int classA, int classB, Split split) throws IOException {
    ClassPair pair = new ClassPair(classA, classB);
    String name = pair.spec() + "/" + split.name().toLowerCase(Locale.ROOT);
    return new Dataset(name, read(dir, split, c -> c == pair.positive() ? 1.0 : c == pair.negative() ? -1.0 : Double.NaN));
  }

  /**
   * All examples in file order with their class labels 0..9 as the label, pixels scaled to [0, 1]
   * by /255, dimension 784, first row id 0. Named {@code fmnist:all/train} or {@code fmnist:all/test}.
   */
  public static Dataset allClasses(Path dir, Split split) throws IOException {
    String name = ALL_CLASSES_SPEC + "/" + split.name().toLowerCase(Locale.ROOT);
    return new Dataset(name, read(dir, split, c -> c));
  }

  /** Reads one split; {@code labelOf} maps a class to the row label, NaN leaves the example out. */
  private static RowBlock read(Path dir, Split split, java.util.function.IntToDoubleFunction labelOf) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Fashion-MNIST directory " + dir + " does not exist; " + INSTALL_HINT);
    }
    Path imagesFile = locate(dir, split.filePrefix() + "-images-idx3-ubyte");
    Path labelsFile = locate(dir, split.filePrefix() + "-labels-idx1-ubyte");
    byte[] labels = IdxReader.readLabels(labelsFile);
    IdxReader.Images images = IdxReader.readImages(imagesFile);
    if (images.rows() != SIDE || images.cols() != SIDE) {
      throw new DataFormatException(
          imagesFile.toString(), "expected 28×28 images, got " + images.rows() + "×" + images.cols());
    }
    if (images.count() != labels.length) {
      throw new DataFormatException(
          imagesFile.toString(),
          "holds " + images.count() + " images but " + labelsFile + " holds " + labels.length + " labels");
    }
    return select(images, labels, labelOf, labelsFile);
  }

  private static RowBlock select(
      IdxReader.Images images, byte[] labels, java.util.function.IntToDoubleFunction labelOf, Path labelsFile) {
    double[] scale = new double[256];
    for (int v = 0; v < 256; v++) scale[v] = v / 255.0;
    int[] idx = new int[DIM];
    double[] val = new double[DIM];
    byte[] pixels = images.pixels();
    RowBlockBuilder builder = new RowBlockBuilder();
    for (int i = 0; i < labels.length; i++) {
      int c = labels[i] & 0xff;
      if (c >= CLASSES) {
        throw new DataFormatException(
            labelsFile.toString(), "label " + c + " of item " + i + " is outside 0.." + (CLASSES - 1));
      }
      double y = labelOf.applyAsDouble(c);
      if (Double.isNaN(y)) continue;
      int count = 0;
      for (int p = 0, off = i * DIM; p < DIM; p++) {
        int v = pixels[off + p] & 0xff;
        if (v != 0) {
          idx[count] = p;
          val[count++] = scale[v];
        }
      }
      builder.addRow(y, idx, val, count);
    }
    return builder.build(DIM, 0);
  }

  /** The compressed file if present, else the uncompressed one. */
  private static Path locate(Path dir, String baseName) {
    Path gz = dir.resolve(baseName + ".gz");
    if (Files.isRegularFile(gz)) return gz;
    Path plain = dir.resolve(baseName);
    if (Files.isRegularFile(plain)) return plain;
    throw new IllegalArgumentException(
        "Fashion-MNIST file " + baseName + ".gz (or " + baseName + ") not found in " + dir + "; " + INSTALL_HINT);
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    }
    return true;
  }
}
