package org.stochopt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line, shared by {@code scripts/stochopt} (local) and {@code spark-submit} (cluster
 * jar main class). User errors exit with status 2 and one line on stderr, divergence with 3.
 */
@Command(
    name = "stochopt",
    mixinStandardHelpOptions = true,
    version = "stochopt 0.1.0",
    description = "Distributed stochastic optimization for regularized linear models on Apache Spark.")
public final class StochoptMain implements Runnable {
  public static final int USER_ERROR = 2;
  public static final int DIVERGED = 3;

  /** The subcommands, in the order {@code --help} lists them. */
  static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(SweepCommand.class, SweepHistoryCommand.class,
      TrainCommand.class, PredictCommand.class, ResFgbCompareCommand.class, EmbedEvalCommand.class, ExportCommand.class,
      ResFgbKernelStudyCommand.class, ResFgbTimeAccuracyCommand.class,
      LowNoiseCommand.class, BenchCommand.class, LatencyCommand.class, InfluenceCommand.class, CleanseCommand.class,
      PreconditionStudyCommand.class, NtkSpectrumCommand.class, NtkRateCommand.class, NtkBenchCommand.class,
      CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: sweep, train or export");
  }

  public static void main(String[] args) {
    org.stochopt.spark.job.PhaseTimes.mark("main");
    int status = execute(args);
    org.stochopt.spark.job.PhaseTimes.mark("exit");
    System.exit(status);
  }

  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs the command line with user-facing errors written to {@code err}. */
  public static int execute(java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new StochoptMain());
    // Picocli builds a subcommand's whole model (reflection over every option, mixin and group)
    // when it is added: all 18 cost ≈ 0.1 s of CPU per process (measured on `train --help`). When the first argument names a
    // subcommand, only that one is added; otherwise (help, a typo, no command) all are, so the
    // usage and the "did you mean" messages are unchanged.
    Class<?> named = args.length == 0 ? null : subcommandNamed(args[0]);
    // The output writers' classes (Jackson, JFreeChart, ImageIO) load on the second core while
    // picocli builds the command's model on this one; the data loading that follows uses both
    // cores itself (LibsvmReader reads large files in parts).
    if (named == TrainCommand.class) org.stochopt.spark.report.ReportWarmUp.start();
    for (Class<?> c : SUBCOMMANDS) {
      if (named == null || c == named) cli.addSubcommand(c);
    }
    cli.setErr(err);
    // A bad flag is one line too, like every other user error (picocli would add the whole usage):
    // the flag and the problem, then where to look.
    cli.setParameterExceptionHandler((ex, a) -> {
      CommandLine cmd = ex.getCommandLine();
      String name = cmd.getCommandSpec().qualifiedName();
      cmd.getErr().println("stochopt: error: " + ex.getMessage().lines().findFirst().orElse("").strip()
          + " (see '" + name + " --help')");
      return USER_ERROR;
    });
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      Throwable root = userError(ex);
      if (root instanceof org.stochopt.core.optim.DivergenceException) {
        cmd.getErr().println("stochopt: " + root.getMessage());
        return DIVERGED;
      }
      if (root != null) {
        cmd.getErr().println("stochopt: error: " + root.getMessage());
        return USER_ERROR;
      }
      throw ex;
    });
    return cli.execute(args);
  }

  /**
   * The subcommand class whose {@code @Command} name (or alias) is {@code arg}, or null; null for
   * {@code help}, which needs its siblings.
   */
  static Class<?> subcommandNamed(String arg) {
    for (Class<?> c : SUBCOMMANDS) {
      if (c == CommandLine.HelpCommand.class) continue;
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(arg) || java.util.Arrays.asList(command.aliases()).contains(arg)) return c;
    }
    return null;
  }

  /** The user-facing cause (bad input, bad value, divergence), or null for an internal failure. */
  static Throwable userError(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException || t instanceof org.stochopt.core.optim.DivergenceException
          || t instanceof java.nio.file.NoSuchFileException) {
        return t;
      }
    }
    return null;
  }
}
