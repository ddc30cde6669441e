package org.stochopt.cli;

import org.stochopt.core.precond.PreconditionerConfig;
import org.stochopt.core.precond.PreconditionerSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The preconditioner flags of {@code train} (linear model, methods gd and sgd), in one place.
 * The damping and the dense limit mean nothing without {@code --precondition} and are refused then.
 */
public final class PreconditionOptions {
  @Option(names = "--precondition",
      description = "gd and sgd: none, diag, fisher[:α] (P = (Σ_X+εI)^−α; fisher = natural gradient) or additive:α "
          + "(P = (α(Σ_X+εI) + (1−α)·tr(Σ_X)/d·I)⁻¹); α in [0, 1]. Σ_X from one pass over the training rows (default none)")
  String precondition;

  @Option(names = "--precondition-damping",
      description = "relative damping δ: ε = δ·tr(Σ_X)/d (default " + PreconditionerConfig.DEFAULT_DAMPING + ")")
  Double damping;

  @Option(names = "--precondition-dense-limit",
      description = "largest d for the full d × d Σ_X; above it fisher/additive use the diagonal of Σ_X and say so (default "
          + PreconditionerConfig.DEFAULT_DENSE_LIMIT + ")")
  Integer denseLimit;

  /** The validated request, or null when {@code --precondition} was not given. */
  PreconditionerConfig toConfig(ParseResult parsed) {
    if (precondition == null) {
      for (String flag : new String[] {"--precondition-damping", "--precondition-dense-limit"}) {
        if (parsed.hasMatchedOption(flag)) throw new IllegalArgumentException(flag + " applies only with --precondition");
      }
      return null;
    }
    return new PreconditionerConfig(PreconditionerSpec.parse(precondition),
        damping == null ? PreconditionerConfig.DEFAULT_DAMPING : damping,
        denseLimit == null ? PreconditionerConfig.DEFAULT_DENSE_LIMIT : denseLimit);
  }
}
