package org.stochopt.core.embed;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * A model space for embedding rows: its distance, the score a link model ranks by, the Euclidean
 * gradients of both, and the Riemannian SGD step. A row is {@link #ambientDim} consecutive doubles
 * of a flat array (d for Euclidean and Poincaré, d + 1 for the hyperboloid).
 *
 * <p>Gradient methods <em>add</em> {@code c·∂/∂a} and {@code c·∂/∂b} into the given gradient rows,
 * so a loss accumulates the contributions of many terms into one sparse row table.
 */
public interface Manifold extends Serializable {
  /** The geometry's name (euclidean, poincare, lorentz). */
  String name();

  /** Doubles per row for a d-dimensional embedding. */
  int ambientDim(int dim);

  /** The manifold distance d(a, b). */
  double distance(double[] a, int ao, double[] b, int bo, int n);

  /** Adds c·∂d/∂a to ga and c·∂d/∂b to gb (Euclidean partial derivatives in the ambient coordinates). */
  void addDistanceGradient(double[] a, int ao, double[] b, int bo, int n, double c, double[] ga, int gao, double[] gb, int gbo);

  /** The link score s(a, b) (larger = more likely an edge); −distance unless overridden. */
  default double score(double[] a, int ao, double[] b, int bo, int n) {
    return -distance(a, ao, b, bo, n);
  }

  /** Adds c·∂s/∂a and c·∂s/∂b. */
  default void addScoreGradient(double[] a, int ao, double[] b, int bo, int n, double c, double[] ga, int gao, double[] gb, int gbo) {
    addDistanceGradient(a, ao, b, bo, n, -c, ga, gao, gb, gbo);
  }

  /**
   * One Riemannian SGD step of row x (in place) against the Euclidean gradient g: convert g to the
   * Riemannian gradient, move by −lr times it along the manifold (or a retraction), and keep the
   * row on the manifold.
   */
  void step(double[] x, int xo, double[] g, int go, int n, double lr);

  /** Distance from the origin (the ‖x‖ of Euclidean space): the "radius" of the NeurIPS 2021 bound. */
  double radius(double[] x, int xo, int n);

  /** Moves x radially so that its {@link #radius} is at most r (no-op when already inside). */
  void boundRadius(double[] x, int xo, int n, double r);

  /** A point near the origin: coordinates uniform in [−scale, scale] (Nickel &amp; Kiela's initialisation). */
  void init(SplittableRandom rng, double scale, double[] x, int xo, int n);

  /** Whether x is a valid point (tests; tol is the allowed constraint violation). */
  boolean contains(double[] x, int xo, int n, double tol);

  /** Coordinates in the Poincaré ball / plane for plotting (the identity except for the hyperboloid). */
  default double[] toBall(double[] x, int xo, int n) {
    return java.util.Arrays.copyOfRange(x, xo, xo + n);
  }

  /** Parses euclidean[-dot], poincare, lorentz. */
  static Manifold parse(String geometry, String score) {
    String g = geometry.trim().toLowerCase(java.util.Locale.ROOT);
    String s = score == null ? "distance" : score.trim().toLowerCase(java.util.Locale.ROOT);
    if (!s.equals("distance") && !s.equals("dot")) throw new IllegalArgumentException("--score must be distance or dot, got '" + score + "'");
    if (s.equals("dot") && !g.equals("euclidean")) {
      throw new IllegalArgumentException("--score dot applies only to --geometry euclidean (hyperbolic scores are −distance)");
    }
    return switch (g) {
      case "euclidean" -> new EuclideanSpace(s.equals("dot"));
      case "poincare" -> new PoincareBall();
      case "lorentz" -> new LorentzModel();
      default -> throw new IllegalArgumentException("--geometry must be euclidean, poincare or lorentz, got '" + geometry + "'");
    };
  }
}
