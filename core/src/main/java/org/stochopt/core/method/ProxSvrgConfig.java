package org.stochopt.core.method;

/**
 * Minibatch prox-SVRG settings.
 *
 * @param batchSize b, rows per inner step
 * @param eta constant step size η
 * @param epochLength m, inner steps between anchor refreshes (default ⌈n/b⌉: one pass of inner
 *     gradients per anchor gradient)
 * @param anchor which point becomes the next anchor
 */
public record ProxSvrgConfig(int batchSize, double eta, long epochLength, Anchor anchor) {
  /** LAST: the last inner iterate (the common practical choice); AVERAGE: the mean of the inner iterates (Xiao and Zhang's analysis). */
  public enum Anchor {
    LAST,
    AVERAGE;

    public static Anchor parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown anchor option '" + s + "' (expected last or average)");
      }
    }
  }

  public ProxSvrgConfig {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    if (!(eta > 0) || !Double.isFinite(eta)) throw new IllegalArgumentException("step size must be positive, got " + eta);
    if (epochLength <= 0) throw new IllegalArgumentException("epoch length must be positive, got " + epochLength);
    if (anchor == null) throw new IllegalArgumentException("anchor option is required");
  }
}
