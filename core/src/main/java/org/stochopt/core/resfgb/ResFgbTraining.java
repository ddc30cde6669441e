package org.stochopt.core.resfgb;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.stochopt.core.optim.DivergenceException;
import org.stochopt.core.rng.Seeds;

/**
 * ResFGB training, one layer per step (Nitanda &amp; Suzuki 2018, 2020). The state before step t
 * has features Z_t = φ_t(X) in the partitions and a head fitted on them; step t
 *
 * <ol>
 *   <li>fits the block embedding ι_t to the functional gradient of the head's loss at Z_t
 *       ({@link BlockFitter}, warm-started from ι_{t−1});
 *   <li>forms M = Σ_i ι_t(z_i)·∂ℓ_iᵀ in one pass and from it W_t: additive W = (η/n)·M,
 *       Frank–Wolfe W = γ_t·M/‖M‖_F with scale 1 − γ_t, γ_t = 2/(fg_eta + t);
 *   <li>transforms the features of every partition of train, validation and test:
 *       z ← c·z − W_tᵀι_t(z);
 *   <li>refits the head on the new features, warm-started ({@link HeadFitter}).
 * </ol>
 *
 * Step 0 (the {@link #init}) only fits the head: the linear model on raw features, the baseline
 * every layer is compared against. The state holds only the model (blocks, head, θ of the last
 * block, the best validation depth): it is what a checkpoint saves, and {@link #resume} rebuilds
 * the features from it by applying the saved blocks to fresh raw rows.
 */
public final class ResFgbTraining {
  private final ResFgbConfig cfg;
  private final FeatureRows train;
  private final FeatureRows validation;
  private final FeatureRows test;
  private final SoftmaxHead head;
  private final MlpBlock shape;

  /** The mutable run state (only model-sized values: it is saved as the checkpoint after each layer). */
  public static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    final List<ResidualBlock> blocks = new ArrayList<>();
    double[] w;
    double[] theta;
    /** Head and depth with the best validation accuracy so far (use_best_iter). */
    double[] bestW;
    int bestDepth;
    double bestValidation = Double.NEGATIVE_INFINITY;
    final List<LayerRecord> trace = new ArrayList<>();
    double seconds;
    /** The block step in use (tuned on the first block when the config says auto). */
    double blockStep = Double.NaN;

    public double blockStep() {
      return blockStep;
    }

    public int depth() {
      return blocks.size();
    }

    public List<LayerRecord> trace() {
      return List.copyOf(trace);
    }

    public int bestDepth() {
      return bestDepth;
    }

    public double seconds() {
      return seconds;
    }
  }

  /**
   * @param validation rows for use_best_iter, or null
   * @param test held-out rows reported per layer, or null
   */
  public ResFgbTraining(ResFgbConfig cfg, FeatureRows train, FeatureRows validation, FeatureRows test, int classes) {
    if (cfg.useBestIter() && validation == null) {
      throw new IllegalArgumentException("use_best_iter picks the depth on validation rows: give a validation split or turn it off");
    }
    this.cfg = cfg;
    this.train = train;
    this.validation = validation;
    this.test = test;
    this.head = new SoftmaxHead(train.features(), classes);
    this.shape = cfg.shape(train.features());
  }

  public String name() {
    return "resfgb-" + cfg.rule().spec();
  }

  public SoftmaxHead head() {
    return head;
  }

  /** Layer 0: the head on the raw features. */
  public State init() {
    State s = new State();
    long t0 = System.nanoTime();
    HeadFitter.Result h = HeadFitter.fit(train, head, new double[head.weightCount()], cfg.head(), 0);
    s.w = h.w();
    s.seconds = (System.nanoTime() - t0) / 1e9;
    record(s, 0, 0, s.seconds, Double.NaN, h.passes());
    return s;
  }

  /** Adds one block and refits the head. */
  public void step(State s) {
    int t = s.depth();
    long t0 = System.nanoTime();
    double scaleG = 1.0;
    if (cfg.blockObjective() == BlockObjective.INNER_PRODUCT) {
      double sum = train.gradientNormSum(head, s.w);
      scaleG = sum > 0 ? train.size() / sum : 1.0;
    }
    double[] theta0 = s.theta != null ? s.theta : shape.initialParameters(cfg.initScale(), Seeds.child(cfg.seed(), 0x494E4954L));
    if (Double.isNaN(s.blockStep)) {
      s.blockStep = cfg.block().autoStep()
          ? BlockFitter.tuneStep(train, shape, cfg.blockObjective(), head, s.w, scaleG, theta0, cfg.block(), 1e-3)
          : cfg.block().step();
    }
    BlockFitter.Result fit = BlockFitter.fit(train, shape, cfg.blockObjective(), head, s.w, scaleG, theta0,
        cfg.block().withStep(s.blockStep), t);
    double[] m = train.embeddingGradientProduct(shape, fit.theta(), head, s.w);
    double[] wBlock = new double[m.length];
    double c;
    if (cfg.rule() == ResFgbConfig.Rule.ADDITIVE) {
      double f = cfg.fgEta() / train.size();
      for (int k = 0; k < m.length; k++) wBlock[k] = f * m[k];
      c = 1.0;
    } else {
      double norm = 0;
      for (double v : m) norm += v * v;
      norm = Math.sqrt(norm);
      double gamma = cfg.frankWolfeStep(t);
      double f = norm > 0 ? gamma / norm : 0;
      for (int k = 0; k < m.length; k++) wBlock[k] = f * m[k];
      c = 1.0 - gamma;
    }
    long t1 = System.nanoTime();
    ResidualBlock block = new ResidualBlock(shape, fit.theta(), wBlock, c);
    train.apply(block);
    if (validation != null) validation.apply(block);
    if (test != null) test.apply(block);
    long t2 = System.nanoTime();
    HeadFitter.Result h = HeadFitter.fit(train, head, s.w, cfg.head(), t + 1);
    long t3 = System.nanoTime();
    s.blocks.add(block);
    s.theta = fit.theta();
    s.w = h.w();
    s.seconds += (t3 - t0) / 1e9;
    record(s, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, fit.lastEpochLoss(), h.passes());
  }

  /** Training is over: the model at the chosen depth (the best validation depth with use_best_iter). */
  public ResFgbModel model(State s) {
    if (cfg.useBestIter() && s.bestW != null) {
      return new ResFgbModel(train.features(), head.classes(), s.blocks.subList(0, s.bestDepth), s.bestW);
    }
    return new ResFgbModel(train.features(), head.classes(), s.blocks, s.w);
  }

  /** Re-creates the features of a saved state (its blocks applied in order to the raw rows held now). */
  public void resume(State saved) {
    for (ResidualBlock b : saved.blocks) {
      train.apply(b);
      if (validation != null) validation.apply(b);
      if (test != null) test.apply(b);
    }
  }

  public boolean done(State s) {
    return s.depth() >= cfg.layers();
  }

  private void record(State s, double blockSec, double updateSec, double headSec, double blockLoss, double headPasses) {
    FeatureRows.Fit tr = train.evaluate(head, s.w);
    FeatureRows.Fit va = validation == null ? new FeatureRows.Fit(Double.NaN, Double.NaN) : validation.evaluate(head, s.w);
    FeatureRows.Fit te = test == null ? new FeatureRows.Fit(Double.NaN, Double.NaN) : test.evaluate(head, s.w);
    if (!Double.isFinite(tr.loss())) {
      throw new DivergenceException(name() + " diverged at layer " + s.depth() + ": the training loss is " + tr.loss()
          + "; lower --fg-eta or --block-step");
    }
    LayerRecord r = new LayerRecord(s.depth(), s.seconds, blockSec, updateSec, headSec, blockLoss, headPasses, tr.loss(), tr.accuracy(),
        va.loss(), va.accuracy(), te.loss(), te.accuracy());
    s.trace.add(r);
    if (validation != null && va.accuracy() > s.bestValidation) {
      s.bestValidation = va.accuracy();
      s.bestDepth = s.depth();
      s.bestW = s.w.clone();
    }
  }
}
