package org.stochopt.core.resfgb;

import java.util.Arrays;

/**
 * A validated ResFGB run (Nitanda &amp; Suzuki, ICML 2018 and AISTATS 2020; reference: shared
 * algorithms-meanfield-ntk.md §10–11).
 *
 * @param rule ADDITIVE (z ← z − ι(z)W, W = η·ι(Z)ᵀG), LINE_SEARCH (the same with η_t chosen per layer by
 *     a line search on the training loss, scaled by fgEta) or FRANK_WOLFE (z ← (1−γ_l)z + γ_l·ι(z)A)
 * @param layers max_iters: blocks added at most
 * @param fgEta the additive rule's η, or the Frank–Wolfe rule's offset in γ_l = 2/(fgEta + l); the
 *     latter needs fgEta ≥ 2 (γ₀ ≤ 1): the ICML values 0.01–1 would give γ₀ &gt; 1, a step outside
 *     the convex hull, and are refused
 * @param hidden the block's hidden widths (the block is d → hidden… → d)
 * @param output the block's output activation (ReLU in the ICML code, tanh in the Frank–Wolfe code)
 * @param initScale block weights start U(±initScale) (0.05 in the code), biases 0
 * @param useBestIter truncate to the depth with the best validation accuracy (needs validation rows)
 * @param headSpan the block has K outputs and is fitted to the gradient's coordinates in an
 *     orthonormal basis of the head's span ({@link HeadSpan}; our change, not in the code), instead
 *     of d outputs fitted to the gradient itself (the code's)
 */
public record ResFgbConfig(Rule rule, int layers, double fgEta, int[] hidden, MlpBlock.Output output, double initScale,
    BlockFitter.Settings block, HeadFitter.Settings head, boolean useBestIter, long seed, boolean headSpan) {

  /** The code's block target (d outputs). */
  public ResFgbConfig(Rule rule, int layers, double fgEta, int[] hidden, MlpBlock.Output output, double initScale,
      BlockFitter.Settings block, HeadFitter.Settings head, boolean useBestIter, long seed) {
    this(rule, layers, fgEta, hidden, output, initScale, block, head, useBestIter, seed, false);
  }

  /** The boosting rule. */
  public enum Rule {
    ADDITIVE, LINE_SEARCH, FRANK_WOLFE;

    public static Rule parse(String s) {
      return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "additive", "icml" -> ADDITIVE;
        case "additive-ls", "line-search" -> LINE_SEARCH;
        case "frank-wolfe", "fw" -> FRANK_WOLFE;
        default -> throw new IllegalArgumentException("--resfgb-rule must be additive, additive-ls or frank-wolfe, got '" + s + "'");
      };
    }

    public String spec() {
      return switch (this) {
        case ADDITIVE -> "additive";
        case LINE_SEARCH -> "additive-ls";
        case FRANK_WOLFE -> "frank-wolfe";
      };
    }
  }

  public ResFgbConfig {
    if (layers < 0) throw new IllegalArgumentException("--layers must be ≥ 0, got " + layers);
    if (!(fgEta > 0) || !Double.isFinite(fgEta)) throw new IllegalArgumentException("--fg-eta must be positive and finite, got " + fgEta);
    if (rule == Rule.FRANK_WOLFE && fgEta < 2) {
      throw new IllegalArgumentException("--fg-eta " + fgEta + " gives the Frank–Wolfe step γ₀ = 2/" + fgEta + " > 1; the rule "
          + "γ_l = 2/(fg-eta + l) needs fg-eta ≥ 2 (the ICML step sizes do not carry over)");
    }
    hidden = hidden.clone();
    for (int h : hidden) if (h < 1) throw new IllegalArgumentException("--block-hidden widths must be positive, got " + Arrays.toString(hidden));
    if (!(initScale > 0)) throw new IllegalArgumentException("block init scale must be positive, got " + initScale);
  }

  /** ICML defaults of the code for everything but the sizes (shrunk for 2 cores, see docs/resfgb.md). */
  public static ResFgbConfig defaults(Rule rule, long seed) {
    return new ResFgbConfig(rule, 10, defaultFgEta(rule), new int[] {100, 100},
        MlpBlock.Output.TANH, 0.05,
        new BlockFitter.Settings(100, 5, Double.NaN, 0.9, 1e-5, seed), new HeadFitter.Settings("svrg", 16, 10, 3, 1e-4, seed), true, seed);
  }

  /** fgEta when none is given: the ICML code's 0.1, the full line-search step 1, the classic 2/(l + 2). */
  public static double defaultFgEta(Rule rule) {
    return switch (rule) {
      case ADDITIVE -> 0.1;
      case LINE_SEARCH -> 1.0;
      case FRANK_WOLFE -> 2.0;
    };
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** The block objective each rule fits ι to. */
  public BlockObjective blockObjective() {
    return rule == Rule.FRANK_WOLFE ? BlockObjective.INNER_PRODUCT : BlockObjective.REGRESSION;
  }

  /** The block shape d → hidden… → d (the code's target). */
  public MlpBlock shape(int d) {
    return shape(d, d);
  }

  /** The block shape d → hidden… → d, or → K with {@link #headSpan}. */
  public MlpBlock shape(int d, int classes) {
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = d;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = headSpan ? classes : d;
    return new MlpBlock(sizes, output);
  }

  /** γ_l = 2/(fgEta + l) of the Frank–Wolfe rule for layer l = 0, 1, …. */
  public double frankWolfeStep(int layer) {
    return 2.0 / (fgEta + layer);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResFgbConfig c && c.rule == rule && c.layers == layers && c.fgEta == fgEta && Arrays.equals(c.hidden, hidden)
        && c.output == output && c.initScale == initScale && c.block.equals(block) && c.head.equals(head) && c.useBestIter == useBestIter
        && c.seed == seed && c.headSpan == headSpan;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hidden) * 31 + java.util.Objects.hash(rule, layers, fgEta, output, initScale, block, head, useBestIter, seed, headSpan);
  }

  @Override
  public String toString() {
    return "ResFgbConfig[rule=" + rule.spec() + ", layers=" + layers + ", fgEta=" + fgEta + ", hidden=" + Arrays.toString(hidden)
        + ", output=" + output + ", initScale=" + initScale + ", block=" + block + ", head=" + head + ", useBestIter=" + useBestIter
        + ", seed=" + seed + ", headSpan=" + headSpan + "]";
  }
}
