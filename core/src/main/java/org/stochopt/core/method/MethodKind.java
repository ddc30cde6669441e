package org.stochopt.core.method;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stochopt.core.sampling.SamplingScheme;

/**
 * The registry of the linear-model methods: one entry per method with its name, whether it runs
 * steps inside the partitions (local), the sampling its analysis assumes, and the flags it reads.
 * {@link #AUTO} is "let stochopt choose" and is resolved by {@link MethodAdvisor} once the backend
 * and the problem constants are known. Everything that used to compare method names as strings
 * asks the kind instead.
 */
public enum MethodKind {
  AUTO("auto", false, null, EnumSet.noneOf(MethodFlag.class)),
  /** Full-batch (preconditioned) gradient descent; built with the rows at hand (P needs Σ_X), not by {@link Methods}. */
  GD("gd", false, SamplingScheme.WITHOUT_REPLACEMENT, EnumSet.of(MethodFlag.STEP, MethodFlag.PRECONDITION)),
  SGD("sgd", false, SamplingScheme.WITHOUT_REPLACEMENT,
      EnumSet.of(MethodFlag.STEP, MethodFlag.SCHEDULE, MethodFlag.AVERAGING, MethodFlag.SAMPLING, MethodFlag.PRECONDITION)),
  SVRG("svrg", false, SamplingScheme.WITHOUT_REPLACEMENT,
      EnumSet.of(MethodFlag.STEP, MethodFlag.EPOCH_LENGTH, MethodFlag.ANCHOR, MethodFlag.SAMPLING)),
  KATYUSHA("katyusha", false, SamplingScheme.IMPORTANCE,
      EnumSet.of(MethodFlag.STEP, MethodFlag.EPOCH_LENGTH, MethodFlag.SAMPLING, MethodFlag.TAU1, MethodFlag.TAU2)),
  DASVRDA("dasvrda", false, SamplingScheme.IMPORTANCE,
      EnumSet.of(MethodFlag.STEP, MethodFlag.EPOCH_LENGTH, MethodFlag.SAMPLING, MethodFlag.RESTART)),
  ACCSVRG("accsvrg", false, SamplingScheme.IMPORTANCE,
      EnumSet.of(MethodFlag.STEP, MethodFlag.EPOCH_LENGTH, MethodFlag.SAMPLING)),
  ACCSVRG_APPA("accsvrg-appa", false, SamplingScheme.IMPORTANCE,
      EnumSet.of(MethodFlag.STEP, MethodFlag.EPOCH_LENGTH, MethodFlag.SAMPLING, MethodFlag.APPA_KAPPA)),
  /** Each partition draws its local rows uniformly with replacement: --sampling does not apply. */
  LOCAL_SVRG("local-svrg", true, SamplingScheme.WITH_REPLACEMENT, EnumSet.of(MethodFlag.STEP, MethodFlag.EPOCH_LENGTH)),
  LOCAL_KATYUSHA("local-katyusha", true, SamplingScheme.IMPORTANCE,
      EnumSet.of(MethodFlag.STEP, MethodFlag.EPOCH_LENGTH, MethodFlag.SAMPLING, MethodFlag.TAU1, MethodFlag.TAU2)),
  /**
   * CoCoA+ with SDCA inside the partitions (core.cocoa): no step size and no minibatch; --epoch-length
   * is H, the local coordinate steps per partition per round (default one pass); --appa-kappa is κ of its
   * accelerated outer loop (core.cocoa.CatalystCocoa; default 2λ₂ on ≥ 2 partitions, 0 = plain CoCoA+).
   * Its sampling entry is unused.
   */
  COCOA("cocoa", true, SamplingScheme.WITHOUT_REPLACEMENT, EnumSet.of(MethodFlag.EPOCH_LENGTH, MethodFlag.APPA_KAPPA)),
  /**
   * ProxCoCoA+, the primal feature-partitioned CoCoA+ (core.cocoa.ProxCocoaPlus): the columns and w are
   * partitioned, v = Aw is shared; proximal coordinate descent inside each partition, no step size and no
   * minibatch; --epoch-length is H, coordinate steps per partition per round (default one pass). Its
   * sampling entry is unused.
   */
  PROXCOCOA("proxcocoa", true, SamplingScheme.WITHOUT_REPLACEMENT, EnumSet.of(MethodFlag.EPOCH_LENGTH));

  private final String cliName;
  private final boolean local;
  private final SamplingScheme defaultSampling;
  private final Set<MethodFlag> flags;

  MethodKind(String cliName, boolean local, SamplingScheme defaultSampling, Set<MethodFlag> flags) {
    this.cliName = cliName;
    this.local = local;
    this.defaultSampling = defaultSampling;
    this.flags = flags;
  }

  /** The name on the command line, in configs, traces and summaries. */
  public String cliName() {
    return cliName;
  }

  @Override
  public String toString() {
    return cliName;
  }

  /** Whether a round runs many steps inside each partition (one round ≈ one local pass). */
  public boolean local() {
    return local;
  }

  /**
   * The sampling the method's analysis assumes: b-nice (without replacement) for SGD and SVRG; b
   * independent draws with p_i ∝ L_i for Katyusha, DASVRDA and Acc-SVRG(+APPA), whose variance then
   * scales with L̄ instead of L_max; uniform with replacement inside a partition for local-svrg.
   */
  public SamplingScheme defaultSampling() {
    if (this == AUTO) throw new IllegalStateException("resolve --method auto first");
    return defaultSampling;
  }

  /** Whether the method certifies its points with a duality gap every round (CoCoA+ and ProxCoCoA+). */
  public boolean certifies() {
    return this == COCOA || this == PROXCOCOA;
  }

  /**
   * Whether the method takes minibatches (--batch-size): gd reads every row each round and CoCoA+'s
   * local solver steps one dual coordinate at a time, so for them a batch size would be silently ignored.
   */
  public boolean usesMinibatches() {
    return this != COCOA && this != PROXCOCOA && this != GD;
  }

  /** The flags this method reads. */
  public Set<MethodFlag> flags() {
    return java.util.Collections.unmodifiableSet(flags);
  }

  /** Refuses the first given flag this method does not read, naming it and the methods that do. */
  public void refuseInapplicable(Collection<MethodFlag> given) {
    for (MethodFlag f : given) {
      if (flags.contains(f)) continue;
      if (this == AUTO) {
        throw new IllegalArgumentException(f.flag() + " tunes a particular method: give --method too (one of "
            + String.join(", ", readers(f)) + ")");
      }
      throw new IllegalArgumentException(f.flag() + " does not apply to --method " + cliName + " (it applies to: "
          + String.join(", ", readers(f)) + ")");
    }
  }

  /** The methods that read {@code flag}. */
  public static List<String> readers(MethodFlag flag) {
    List<String> out = new ArrayList<>();
    for (MethodKind k : values()) if (k.flags.contains(flag)) out.add(k.cliName);
    return out;
  }

  /** Every name {@code --method} accepts. */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    for (MethodKind k : values()) out.add(k.cliName);
    return out;
  }

  public static MethodKind parse(String s) {
    String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    for (MethodKind k : values()) if (k.cliName.equals(t)) return k;
    throw new IllegalArgumentException("unknown --method '" + s + "' (expected one of " + String.join(", ", names()) + ")");
  }
}
