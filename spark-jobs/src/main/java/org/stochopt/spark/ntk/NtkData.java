package org.stochopt.spark.ntk;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.stochopt.core.meanfield.DataMatrix;
import org.stochopt.core.meanfield.InputScaling;
import org.stochopt.core.ntk.EigenfunctionTarget;
import org.stochopt.core.ntk.Target;
import org.stochopt.core.ntk.TeacherTarget;
import org.stochopt.core.ntk.TrainedLayers;
import org.stochopt.core.rng.Seeds;
import org.stochopt.spark.meanfield.MeanFieldData;

/**
 * The data of an NTK run, dense on the driver.
 * <ul>
 *   <li>{@code ntk-sphere:d=5,target=eigen|teacher,kernel=both|output|input,noise=0.1,n=..,test=1000,ref=1000,neurons=4,seed=1}:
 *       x uniform on S^{d−1}, y = g_ρ(x) + noise·N(0,1) with g_ρ the mean of NTK eigenfunctions 3–12
 *       of the given layers' ReLU NTK (R and γ of the network) or a ReLU teacher network; n defaults
 *       to steps × batch, one pass. The test rows carry g_ρ, so the excess risk is measured.</li>
 *   <li>{@code fmnist:AvB}: two Fashion-MNIST classes, ±1; by default each row has the mean training
 *       row subtracted and is then scaled to unit norm (the theory's ‖x‖ ≤ 1; see {@link InputScaling}
 *       for why the centring).</li>
 *   <li>{@code teacher:...}: the mean-field model's teacher data, as that model reads it.</li>
 * </ul>
 *
 * @param targetValues g_ρ at the test rows, or null
 */
public record NtkData(String name, DataMatrix train, DataMatrix test, double[] targetValues, String naturalLoss, String target) {
  private static final long TRAIN_STREAM = 0x5452414EL;
  private static final long TEST_STREAM = 0x54455354L;

  /** The default input scaling for NTK runs on this data: centred unit rows for Fashion-MNIST, else raw. */
  public static InputScaling defaultScaling(String spec) {
    String s = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
    return s.startsWith("fmnist:") ? InputScaling.CENTER_UNIT : InputScaling.RAW;
  }

  /**
   * @param scaling how rows are scaled ({@code --input-scaling}); null = {@link #defaultScaling}. Refused for
   *     {@code ntk-sphere:} data, whose points are on the sphere already and whose g_ρ is defined there.
   */
  public static NtkData load(String spec, long defaultRows, double outputScale, double biasScale, InputScaling scaling) {
    String s = spec == null ? "" : spec.strip();
    if (s.toLowerCase(Locale.ROOT).startsWith("ntk-sphere:") || s.equalsIgnoreCase("ntk-sphere")) {
      if (scaling != null) throw new IllegalArgumentException("--input-scaling does not apply to ntk-sphere: data (its points are on the sphere, where g_ρ is defined)");
      return sphere(s, defaultRows, outputScale, biasScale);
    }
    MeanFieldData m = MeanFieldData.load(s, InputScaling.RAW);
    if (m.test() == null) throw new IllegalArgumentException("--data " + s + " has no test rows (give test=...)");
    InputScaling.Scaled scaled = (scaling == null ? defaultScaling(s) : scaling).apply(m.train(), m.test());
    return new NtkData(m.name(), scaled.train(), scaled.test(), null, m.naturalLoss(), null);
  }

  private static NtkData sphere(String spec, long defaultRows, double outputScale, double biasScale) {
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("d", "5");
    kv.put("target", "eigen");
    kv.put("kernel", "both");
    kv.put("noise", "0.1");
    kv.put("n", Long.toString(defaultRows));
    kv.put("test", "1000");
    kv.put("ref", "1000");
    kv.put("neurons", "4");
    kv.put("seed", "1");
    int colon = spec.indexOf(':');
    if (colon >= 0 && colon + 1 < spec.length()) {
      for (String part : spec.substring(colon + 1).split(",")) {
        String[] p = part.split("=", 2);
        if (p.length != 2 || !kv.containsKey(p[0].strip())) {
          throw new IllegalArgumentException("--data ntk-sphere: expected key=value with keys " + kv.keySet() + ", got '" + part + "'");
        }
        kv.put(p[0].strip(), p[1].strip());
      }
    }
    int d = intOf(kv, "d");
    long n = Long.parseLong(kv.get("n"));
    int test = intOf(kv, "test");
    double noise = Double.parseDouble(kv.get("noise"));
    long seed = Long.parseLong(kv.get("seed"));
    if (d < 2) throw new IllegalArgumentException("--data ntk-sphere: d must be at least 2, got " + d);
    if (n < 1 || n > Integer.MAX_VALUE / d) throw new IllegalArgumentException("--data ntk-sphere: n must be in 1.." + Integer.MAX_VALUE / d + ", got " + n);
    if (test < 1) throw new IllegalArgumentException("--data ntk-sphere: test must be positive, got " + test);
    if (!(noise >= 0)) throw new IllegalArgumentException("--data ntk-sphere: noise must be ≥ 0, got " + noise);
    Target target = switch (kv.get("target")) {
      case "eigen" -> new EigenfunctionTarget(d, intOf(kv, "ref"), outputScale, biasScale, TrainedLayers.parse(kv.get("kernel")), seed);
      case "teacher" -> new TeacherTarget(d, intOf(kv, "neurons"), seed);
      default -> throw new IllegalArgumentException("--data ntk-sphere: target must be eigen or teacher, got '" + kv.get("target") + "'");
    };
    DataMatrix train = draw(target, (int) n, d, noise, Seeds.child(seed, TRAIN_STREAM));
    DataMatrix testRows = draw(target, test, d, 0.0, Seeds.child(seed, TEST_STREAM));
    String name = "ntk-sphere:d=" + d + ",target=" + kv.get("target") + (kv.get("target").equals("eigen") ? ",kernel=" + kv.get("kernel") : "")
        + ",noise=" + noise + ",n=" + n + ",test=" + test + ",seed=" + seed;
    return new NtkData(name, train, testRows, testRows.y().clone(), "squared", target.describe());
  }

  private static int intOf(Map<String, String> kv, String key) {
    try {
      return Integer.parseInt(kv.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--data ntk-sphere: " + key + " must be an integer, got '" + kv.get(key) + "'");
    }
  }

  /** n points on the sphere with y = g_ρ(x) + noise·N(0, 1) (noise 0: y = g_ρ, the test rows). */
  static DataMatrix draw(Target target, int n, int d, double noise, long seed) {
    double[] x = EigenfunctionTarget.spherePoints(n, d, seed);
    double[] y = new double[n];
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, 1));
    for (int i = 0; i < n; i++) y[i] = target.value(x, i * d) + (noise == 0 ? 0 : noise * org.stochopt.core.rng.GaussianDraws.next(rng));
    return new DataMatrix(x, y, d);
  }
}
