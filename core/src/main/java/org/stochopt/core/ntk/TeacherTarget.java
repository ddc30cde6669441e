package org.stochopt.core.ntk;

import java.util.SplittableRandom;
import org.stochopt.core.rng.Seeds;

/**
 * A teacher network g_ρ(x) = sqrt(2d/m) Σ_{k=1..m} v_k·relu(w_kᵀx) with w_k ~ Unif(S^{d−1}) and
 * v_k = ±1 alternating: a finite ReLU network, so g_ρ lies in the RKHS of the output-layer NTK
 * k_a (r ≥ 1/2), with E g_ρ² ≈ 1 on the sphere (E relu(wᵀx)² = 1/(2d)).
 */
public final class TeacherTarget implements Target {
  private static final long serialVersionUID = 1L;
  private static final long TEACHER_STREAM = 0x54454143L;
  private final int d;
  private final int m;
  private final double[] w;
  private final double scale;

  public TeacherTarget(int d, int neurons, long seed) {
    if (neurons < 1) throw new IllegalArgumentException("the teacher needs at least one neuron, got " + neurons);
    this.d = d;
    this.m = neurons;
    this.w = new double[neurons * d];
    SplittableRandom rng = new SplittableRandom(Seeds.child(seed, TEACHER_STREAM));
    for (int k = 0; k < neurons; k++) NeuronBlock.unitDirection(rng, w, k * d, d);
    this.scale = Math.sqrt(2.0 * d / neurons);
  }

  @Override
  public double value(double[] values, int off) {
    double s = 0.0;
    for (int k = 0; k < m; k++) {
      double z = 0.0;
      for (int j = 0; j < d; j++) z += w[k * d + j] * values[off + j];
      s += (k % 2 == 0 ? 1.0 : -1.0) * Math.max(z, 0.0);
    }
    return scale * s;
  }

  @Override
  public String describe() {
    return "ReLU teacher network with " + m + " neurons on S^" + (d - 1);
  }
}
