package org.stochopt.core.resfgb;

import dev.ludovic.netlib.blas.BLAS;
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
    this.shape = cfg.shape(train.features(), classes);
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
    record(s, 0, 0, s.seconds, Double.NaN, h.passes(), Double.NaN);
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
    int d = train.features();
    int classes = head.classes();
    double[] hMat = new double[d * classes];
    for (int k = 0; k < classes; k++) System.arraycopy(s.w, k * (d + 1), hMat, k * d, d);
    double[] basis = cfg.headSpan() ? HeadSpan.orthonormalBasis(hMat, d, classes) : null;
    double[] theta0 = s.theta != null ? s.theta : shape.initialParameters(cfg.initScale(), Seeds.child(cfg.seed(), 0x494E4954L));
    if (Double.isNaN(s.blockStep)) {
      s.blockStep = cfg.block().autoStep()
          ? BlockFitter.tuneStep(train, shape, cfg.blockObjective(), head, s.w, scaleG, basis, theta0, cfg.block(), 1e-3)
          : cfg.block().step();
    }
    BlockFitter.Result fit = BlockFitter.fit(train, shape, cfg.blockObjective(), head, s.w, scaleG, basis, theta0,
        cfg.block().withStep(s.blockStep), t);
    // M = Σ_i ι(z_i)g_iᵀ = R·Hᵀ (rank ≤ K): the partitions return R, W is kept as its factors.
    // With the head-span target ι = Q·ι′ and the step Wᵀι(z) = H·Rᵀ·QᵀQ·ι′(z) = H·R′ᵀι′(z), R′ = Σ ι′(z_i)(p_i − e_{y_i})ᵀ:
    // the same formulas with the K-output block, Q drops out.
    double[] r = train.embeddingMarginProduct(shape, fit.theta(), head, s.w);
    int dOut = shape.outputDim();
    double[] hth = new double[classes * classes];
    BLAS.getInstance().dgemm("T", "N", classes, classes, d, 1.0, hMat, 0, d, hMat, 0, d, 0.0, hth, 0, classes);
    double f;
    double c;
    double eta = cfg.fgEta();
    if (cfg.rule() != ResFgbConfig.Rule.FRANK_WOLFE) {
      if (cfg.rule() == ResFgbConfig.Rule.LINE_SEARCH) eta *= lineSearch(shape, fit.theta(), r, hth, s.w);
      f = eta / train.size();
      c = 1.0;
    } else {
      // ‖M‖_F² = ‖R·Hᵀ‖_F² = tr(R·(HᵀH)·Rᵀ)
      double norm2 = 0;
      for (int k = 0; k < classes; k++) {
        for (int l = 0; l < classes; l++) {
          double g = hth[k + classes * l];
          for (int a = 0; a < dOut; a++) norm2 += r[a + dOut * k] * g * r[a + dOut * l];
        }
      }
      double norm = Math.sqrt(Math.max(norm2, 0));
      double gamma = cfg.frankWolfeStep(t);
      f = norm > 0 ? gamma / norm : 0;
      c = 1.0 - gamma;
    }
    double[] aFactor = new double[r.length];
    for (int k = 0; k < r.length; k++) aFactor[k] = f * r[k];
    long t1 = System.nanoTime();
    ResidualBlock block = ResidualBlock.factored(shape, fit.theta(), aFactor, hMat, classes, c);
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
    record(s, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, fit.lastEpochLoss(), h.passes(),
        cfg.rule() == ResFgbConfig.Rule.FRANK_WOLFE ? cfg.frankWolfeStep(t) : eta);
  }

  /** The grid of the line search: η = 10^(k/8), k = −32 … 32 (1e-4 … 1e4, 65 points). */
  static final double[] LINE_GRID = java.util.stream.IntStream.rangeClosed(-32, 32).mapToDouble(k -> Math.pow(10, k / 8.0)).toArray();

  /**
   * η* = argmin over {@link #LINE_GRID} of the training loss after z ← z − η·(M/n)ᵀι(z) with the
   * head held fixed (one pass, {@link FeatureRows#stepLosses}), or 0 when no grid point lowers it:
   * Friedman's line search of gradient boosting, applied to the functional-gradient step. It
   * replaces the fixed fg_eta, whose good value depends on ‖H‖² and on the size of ι and moved by
   * 10× between data sets in the official code (docs/resfgb.md: 1.0 diverged on FMNIST, 0.1 barely moved).
   */
  private double lineSearch(MlpBlock shape, double[] theta, double[] r, double[] hth, double[] w) {
    // the margins move by −η·Hᵀ(M/n)ᵀι(z) = −η·Pᵀι(z) with P = R·(HᵀH)/n (d′ × K)
    int dOut = shape.outputDim();
    int classes = head.classes();
    double[] p = new double[dOut * classes];
    BLAS.getInstance().dgemm("N", "N", dOut, classes, classes, 1.0 / train.size(), r, 0, dOut, hth, 0, classes, 0.0, p, 0, dOut);
    double[] etas = new double[LINE_GRID.length + 1];
    System.arraycopy(LINE_GRID, 0, etas, 1, LINE_GRID.length);
    double[] losses = train.stepLosses(shape, theta, p, head, w, etas);
    int best = 0;
    for (int k = 1; k < etas.length; k++) if (losses[k] < losses[best]) best = k;
    return etas[best];
  }

  /** Training is over: the model at the chosen depth (the best validation depth with use_best_iter). */
  public ResFgbModel model(State s) {
    if (cfg.useBestIter() && s.bestW != null) {
      return new ResFgbModel(train.features(), head.classes(), s.blocks.subList(0, s.bestDepth), s.bestW);
    }
    return new ResFgbModel(train.features(), head.classes(), s.blocks, s.w);
  }

  /** All blocks added so far with the current head, whatever the best validation depth (what a fixed-depth budget counts). */
  public ResFgbModel fullModel(State s) {
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

  private void record(State s, double blockSec, double updateSec, double headSec, double blockLoss, double headPasses, double step) {
    FeatureRows.Fit tr = train.evaluate(head, s.w);
    FeatureRows.Fit va = validation == null ? new FeatureRows.Fit(Double.NaN, Double.NaN) : validation.evaluate(head, s.w);
    FeatureRows.Fit te = test == null ? new FeatureRows.Fit(Double.NaN, Double.NaN) : test.evaluate(head, s.w);
    if (!Double.isFinite(tr.loss())) {
      throw new DivergenceException(name() + " diverged at layer " + s.depth() + ": the training loss is " + tr.loss()
          + "; lower --fg-eta or --block-step");
    }
    LayerRecord r = new LayerRecord(s.depth(), s.seconds, blockSec, updateSec, headSec, blockLoss, headPasses, tr.loss(), tr.accuracy(),
        va.loss(), va.accuracy(), te.loss(), te.accuracy(), step);
    s.trace.add(r);
    if (validation != null && va.accuracy() > s.bestValidation) {
      s.bestValidation = va.accuracy();
      s.bestDepth = s.depth();
      s.bestW = s.w.clone();
    }
  }
}
