package org.stochopt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.loss.LogisticLoss;
import org.stochopt.core.loss.SquaredLoss;
import org.stochopt.core.meanfield.LocalParticleEnsemble;
import org.stochopt.core.meanfield.MeanFieldEvaluator;
import org.stochopt.core.meanfield.MeanFieldObjective;
import org.stochopt.core.meanfield.MeanFieldRecord;
import org.stochopt.core.meanfield.MeanFieldRunner;
import org.stochopt.core.meanfield.Mfld;
import org.stochopt.core.meanfield.MfldConfig;
import org.stochopt.core.meanfield.ParticleDualAveraging;
import org.stochopt.core.meanfield.ParticleMethod;
import org.stochopt.core.meanfield.PdaConfig;
import org.stochopt.core.meanfield.TanhUnit;
import org.stochopt.core.meanfield.TinyTeacher;
import org.stochopt.core.method.AccProxSvrg;
import org.stochopt.core.method.AccSvrgAppa;
import org.stochopt.core.method.AccSvrgAppaConfig;
import org.stochopt.core.method.Dasvrda;
import org.stochopt.core.method.DasvrdaConfig;
import org.stochopt.core.method.Katyusha;
import org.stochopt.core.method.KatyushaConfig;
import org.stochopt.core.method.LocalKatyusha;
import org.stochopt.core.method.LocalKatyushaConfig;
import org.stochopt.core.method.LocalSvrg;
import org.stochopt.core.method.LocalSvrgConfig;
import org.stochopt.core.method.ProxSgd;
import org.stochopt.core.method.ProxSgdConfig;
import org.stochopt.core.method.ProxSvrg;
import org.stochopt.core.method.ProxSvrgConfig;
import org.stochopt.core.objective.LinearObjective;
import org.stochopt.core.optim.Evaluator;
import org.stochopt.core.optim.Method;
import org.stochopt.core.optim.ProblemConstants;
import org.stochopt.core.optim.ProblemContext;
import org.stochopt.core.optim.RunResult;
import org.stochopt.core.optim.Runner;
import org.stochopt.core.optim.StepSchedule;
import org.stochopt.core.optim.StepSizes;
import org.stochopt.core.optim.StoppingRules;
import org.stochopt.core.oracle.InMemoryOracle;
import org.stochopt.core.reg.Regularizer;
import org.stochopt.core.reg.Regularizers;
import org.stochopt.core.sampling.SamplingScheme;
import org.stochopt.core.trace.TraceRecord;

/**
 * One checked-in trace per method (src/test/resources/golden/*.csv), compared bit for bit: every
 * evaluated point's counters, objective, gradient-mapping norm and nonzeros (not the seconds). A
 * refactoring that changes any method's arithmetic, sampling, evaluation schedule or counting fails
 * here. The files were first written by the code before the partitioned runtime and the generic
 * loop existed (commit 901b01c), so passing proves those changes left every trace unchanged.
 * Methods are built from their config records directly, so the same test ran on that code.
 *
 * <p>Regenerate deliberately with {@code -Dstochopt.golden.update=true} and review the diff.
 */
class GoldenTraceTest {
  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("stochopt.golden.update");
  private static final int P = 3;
  private static final int B = 8;

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "svrg", "katyusha", "dasvrda", "accsvrg", "accsvrg-appa", "local-svrg", "local-katyusha"})
  void linearMethodTraceIsUnchanged(String method) throws IOException {
    RowBlock all = TestData.builder(600, 20, 0.5, true, 11).build(20, 0);
    InMemoryOracle oracle = new InMemoryOracle(new LinearObjective(new LogisticLoss(), 20), TestData.split(all, P), 2);
    Regularizer reg = Regularizers.parse(method.equals("dasvrda") ? "elasticnet:1e-3,0.5" : "l2:1e-3");
    ProblemConstants k = ProblemConstants.estimate(oracle, new LogisticLoss().curvatureBound(), reg, 7);
    SamplingScheme nice = SamplingScheme.WITHOUT_REPLACEMENT;
    SamplingScheme imp = SamplingScheme.IMPORTANCE;
    Method<?> m;
    SamplingScheme s;
    switch (method) {
      case "sgd" -> {
        s = nice;
        double eta = StepSizes.sgd(k, B, s);
        m = new ProxSgd(new ProxSgdConfig(B, new StepSchedule(StepSchedule.Kind.INVERSE_T, eta, 1.0 / (eta * k.mu())),
            ProxSgdConfig.Averaging.LINEAR));
      }
      case "svrg" -> {
        s = nice;
        m = new ProxSvrg(new ProxSvrgConfig(B, StepSizes.svrg(k, B, s), 600 / B, ProxSvrgConfig.Anchor.LAST));
      }
      case "katyusha" -> m = new Katyusha(KatyushaConfig.theory(k, B, s = imp));
      case "dasvrda" -> m = new Dasvrda(DasvrdaConfig.theory(k, B, s = imp));
      case "accsvrg" -> m = new AccProxSvrg(AccSvrgAppaConfig.theory(k, B, s = imp, false));
      case "accsvrg-appa" -> m = new AccSvrgAppa(AccSvrgAppaConfig.theory(k, B, s = imp, true));
      case "local-svrg" -> {
        s = SamplingScheme.WITH_REPLACEMENT; // each partition draws its local rows uniformly with replacement
        m = new LocalSvrg(LocalSvrgConfig.defaults(k, B));
      }
      case "local-katyusha" -> m = new LocalKatyusha(LocalKatyushaConfig.theory(k, B, P, s = imp));
      default -> throw new IllegalArgumentException(method);
    }
    boolean local = method.startsWith("local-");
    ProblemContext ctx = new ProblemContext(oracle, reg, oracle.samplingPlan(5, s), k);
    StoppingRules rules = new StoppingRules(local ? 12 : 150, 0, 0, 0, 0);
    RunResult r = new Runner(new Runner.Options(1e9, local ? 2 : 15, 1e6, "reduce --step"))
        .run(m, ctx, new double[k.d()], rules, new Evaluator(oracle, reg, k.globalL(), Double.NaN, null), t -> {});
    compare(method, "step,rounds,gradient_evaluations,objective,gradient_mapping_norm,nonzeros", r.trace(),
        (TraceRecord t) -> t.step() + "," + t.rounds() + "," + t.gradientEvaluations() + "," + t.objective() + ","
            + t.gradientMappingNorm() + "," + t.nonZeros());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mfld", "pda"})
  void meanFieldMethodTraceIsUnchanged(String method) throws IOException {
    TinyTeacher data = new TinyTeacher(120, 3, 2, 0.05, 21);
    MeanFieldObjective obj = new MeanFieldObjective(new SquaredLoss(), 1e-3, 1e-3);
    ParticleMethod m = method.equals("mfld") ? new Mfld(new MfldConfig(0.5, 30, 3), obj, data.train)
        : new ParticleDualAveraging(new PdaConfig(0.5, 4, 3), obj, data.train);
    MeanFieldRunner.Run r;
    try (LocalParticleEnsemble e = new LocalParticleEnsemble(new TanhUnit(), data.train, null, 90, 3, 4)) {
      r = MeanFieldRunner.run(m, e, new MeanFieldEvaluator(obj, data.train, null, new MeanFieldEvaluator.Settings(90, 16, null, 1)),
          new MeanFieldRunner.Budget(method.equals("mfld") ? 60 : 12, 5, false, 0), x -> {});
    }
    compare(method, "step,langevin_steps,rounds,objective,train_loss,entropy,dual", r.trace(),
        (MeanFieldRecord t) -> t.step() + "," + t.langevinSteps() + "," + t.rounds() + "," + t.objective() + ","
            + t.trainLoss() + "," + t.entropy() + "," + t.dual());
  }

  private static <R> void compare(String name, String header, List<R> trace, Function<R, String> row) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(header);
    for (R t : trace) lines.add(row.apply(t));
    Path file = DIR.resolve(name + ".csv");
    if (UPDATE) {
      Files.createDirectories(DIR);
      Files.write(file, lines, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(file), "no golden trace " + file + " (create it with -Dstochopt.golden.update=true)");
    List<String> golden = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(golden.size(), lines.size(), name + ": number of evaluated points");
    for (int i = 0; i < golden.size(); i++) assertEquals(golden.get(i), lines.get(i), name + ": line " + (i + 1));
  }
}
