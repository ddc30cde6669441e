package org.stochopt.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The geometry checked against independent computations: Euclidean gradients of the distance
 * against central differences; the Riemannian gradient against differences along manifold curves
 * (straight lines in the ball, geodesics on the hyperboloid) in the manifold's own metric; the
 * step's first-order decrease; steps staying on the manifold; and Poincaré and Lorentz distances
 * agreeing through the isometry.
 */
class ManifoldGeometryTest {
  private static final Manifold[] ALL = {new EuclideanSpace(false), new EuclideanSpace(true), new PoincareBall(), new LorentzModel()};

  static double[] point(Manifold m, SplittableRandom rng, int d, double spread) {
    int n = m.ambientDim(d);
    double[] x = new double[n];
    if (m instanceof LorentzModel) {
      double[] p = ballPoint(rng, d, spread);
      return LorentzModel.fromBall(p);
    }
    if (m instanceof PoincareBall) return ballPoint(rng, d, spread);
    for (int i = 0; i < n; i++) x[i] = spread * rng.nextGaussian();
    return x;
  }

  /** A point of the open unit ball with norm up to {@code maxNorm}. */
  static double[] ballPoint(SplittableRandom rng, int d, double maxNorm) {
    double[] p = new double[d];
    double sq = 0;
    for (int i = 0; i < d; i++) {
      p[i] = rng.nextGaussian();
      sq += p[i] * p[i];
    }
    double r = maxNorm * Math.pow(rng.nextDouble(), 1.0 / d) / Math.sqrt(sq);
    for (int i = 0; i < d; i++) p[i] *= r;
    return p;
  }

  @Test
  void distanceAndScoreGradientsMatchCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(7);
    for (Manifold m : ALL) {
      for (int trial = 0; trial < 20; trial++) {
        int d = 1 + rng.nextInt(5), n = m.ambientDim(d);
        double[] a = point(m, rng, d, 0.9), b = point(m, rng, d, 0.9);
        for (boolean score : new boolean[] {false, true}) {
          if (!score && m instanceof EuclideanSpace e && e.dotScore()) continue;
          double[] ga = new double[n], gb = new double[n];
          if (score) m.addScoreGradient(a, 0, b, 0, n, 1.0, ga, 0, gb, 0);
          else m.addDistanceGradient(a, 0, b, 0, n, 1.0, ga, 0, gb, 0);
          for (int i = 0; i < n; i++) {
            double h = 1e-6;
            double fdA = (f(m, score, shifted(a, i, h), b) - f(m, score, shifted(a, i, -h), b)) / (2 * h);
            double fdB = (f(m, score, a, shifted(b, i, h)) - f(m, score, a, shifted(b, i, -h))) / (2 * h);
            assertEquals(fdA, ga[i], 1e-5 * Math.max(1, Math.abs(fdA)), m.name() + " ∂/∂a_" + i + (score ? " score" : " distance"));
            assertEquals(fdB, gb[i], 1e-5 * Math.max(1, Math.abs(fdB)), m.name() + " ∂/∂b_" + i + (score ? " score" : " distance"));
          }
        }
      }
    }
  }

  private static double f(Manifold m, boolean score, double[] a, double[] b) {
    return score ? m.score(a, 0, b, 0, a.length) : m.distance(a, 0, b, 0, a.length);
  }

  private static double[] shifted(double[] x, int i, double h) {
    double[] y = x.clone();
    y[i] += h;
    return y;
  }

  /**
   * Poincaré: along x + tξ the derivative of f = d(·, b) is ⟨grad f, ξ⟩_g with g = (2/(1−‖x‖²))²·I
   * and grad f the rescaled Euclidean gradient that {@link PoincareBall#step} uses; and a small step
   * lowers f by lr·‖grad f‖²_g to first order.
   */
  @Test
  void poincareRiemannianGradientMatchesDifferencesInTheMetric() {
    SplittableRandom rng = new SplittableRandom(11);
    PoincareBall m = new PoincareBall();
    for (int trial = 0; trial < 30; trial++) {
      int d = 2 + rng.nextInt(4);
      double[] x = ballPoint(rng, d, 0.9), b = ballPoint(rng, d, 0.9), xi = ballPoint(rng, d, 1.0);
      double[] g = new double[d];
      m.addDistanceGradient(x, 0, b, 0, d, 1.0, g, 0, new double[d], 0);
      double sq = dot(x, x), lambda = 2 / (1 - sq), k = (1 - sq) * (1 - sq) / 4;
      double[] rgrad = new double[d];
      for (int i = 0; i < d; i++) rgrad[i] = k * g[i];
      double h = 1e-6;
      double fd = (m.distance(plus(x, xi, h), 0, b, 0, d) - m.distance(plus(x, xi, -h), 0, b, 0, d)) / (2 * h);
      assertEquals(fd, lambda * lambda * dot(rgrad, xi), 1e-6 * Math.max(1, Math.abs(fd)));
      double lr = 1e-6, before = m.distance(x, 0, b, 0, d);
      double[] y = x.clone();
      m.step(y, 0, g, 0, d, lr);
      double expected = -lr * lambda * lambda * dot(rgrad, rgrad);
      assertEquals(expected, m.distance(y, 0, b, 0, d) - before, 1e-4 * Math.abs(expected) + 1e-13);
    }
  }

  /**
   * Lorentz: along the geodesic Exp_x(tξ), ξ tangent at x, the derivative of f = d(·, b) is
   * ⟨grad f, ξ⟩_L with grad f = P_x(diag(−1, 1, …)∇_E) as {@link LorentzModel#step} computes it;
   * a small step lowers f by lr·⟨grad f, grad f⟩_L.
   */
  @Test
  void lorentzRiemannianGradientMatchesDifferencesAlongGeodesics() {
    SplittableRandom rng = new SplittableRandom(13);
    LorentzModel m = new LorentzModel();
    for (int trial = 0; trial < 30; trial++) {
      int d = 2 + rng.nextInt(4), n = d + 1;
      double[] x = LorentzModel.fromBall(ballPoint(rng, d, 0.8)), b = LorentzModel.fromBall(ballPoint(rng, d, 0.8));
      double[] v = new double[n];
      for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
      double[] xi = tangent(x, v);
      double[] g = new double[n];
      m.addDistanceGradient(x, 0, b, 0, n, 1.0, g, 0, new double[n], 0);
      double[] flipped = g.clone();
      flipped[0] = -flipped[0];
      double[] rgrad = tangent(x, flipped);
      double h = 1e-6;
      double fd = (m.distance(geodesic(x, xi, h), 0, b, 0, n) - m.distance(geodesic(x, xi, -h), 0, b, 0, n)) / (2 * h);
      assertEquals(fd, LorentzModel.minkowski(rgrad, 0, xi, 0, n), 1e-6 * Math.max(1, Math.abs(fd)));
      double lr = 1e-6, before = m.distance(x, 0, b, 0, n);
      double[] y = x.clone();
      m.step(y, 0, g, 0, n, lr);
      double expected = -lr * LorentzModel.minkowski(rgrad, 0, rgrad, 0, n);
      assertEquals(expected, m.distance(y, 0, b, 0, n) - before, 1e-4 * Math.abs(expected) + 1e-13);
    }
  }

  private static double[] tangent(double[] x, double[] v) {
    double k = LorentzModel.minkowski(x, 0, v, 0, x.length);
    double[] t = v.clone();
    for (int i = 0; i < t.length; i++) t[i] += k * x[i];
    return t;
  }

  private static double[] geodesic(double[] x, double[] xi, double t) {
    double norm = Math.sqrt(LorentzModel.minkowski(xi, 0, xi, 0, xi.length));
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) y[i] = Math.cosh(t * norm) * x[i] + Math.sinh(t * norm) * xi[i] / norm;
    return y;
  }

  @Test
  void stepsAndBoundsKeepRowsOnTheManifold() {
    SplittableRandom rng = new SplittableRandom(17);
    for (Manifold m : new Manifold[] {new PoincareBall(), new LorentzModel()}) {
      int d = 3, n = m.ambientDim(d);
      double[] x = new double[n];
      m.init(rng, 1e-3, x, 0, n);
      assertTrue(m.contains(x, 0, n, 1e-12), m.name() + " init");
      for (int s = 0; s < 2000; s++) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = 50 * rng.nextGaussian();
        m.step(x, 0, g, 0, n, 0.5 + rng.nextDouble());
        assertTrue(m.contains(x, 0, n, 1e-9), m.name() + " left the manifold at step " + s);
        if (s % 3 == 0) {
          m.boundRadius(x, 0, n, 4.0);
          assertTrue(m.radius(x, 0, n) <= 4.0 + 1e-9, m.name() + " radius bound");
          assertTrue(m.contains(x, 0, n, 1e-9));
        }
      }
      if (m instanceof PoincareBall) assertTrue(Math.sqrt(dot(x, x)) <= 1 - PoincareBall.EPS + 1e-15);
    }
    EuclideanSpace e = new EuclideanSpace(false);
    double[] y = {3, 4};
    e.boundRadius(y, 0, 2, 1.0);
    assertEquals(1.0, e.radius(y, 0, 2), 1e-15);
  }

  @Test
  void poincareAndLorentzDistancesAgreeThroughTheIsometry() {
    SplittableRandom rng = new SplittableRandom(19);
    PoincareBall ball = new PoincareBall();
    LorentzModel hyp = new LorentzModel();
    for (int trial = 0; trial < 200; trial++) {
      int d = 1 + rng.nextInt(6);
      double[] p = ballPoint(rng, d, 0.95), q = ballPoint(rng, d, 0.95);
      double[] x = LorentzModel.fromBall(p), y = LorentzModel.fromBall(q);
      assertTrue(hyp.contains(x, 0, d + 1, 1e-9));
      double dp = ball.distance(p, 0, q, 0, d), dl = hyp.distance(x, 0, y, 0, d + 1);
      assertEquals(dp, dl, 1e-9 * Math.max(1, dp), "d=" + d);
      assertEquals(ball.radius(p, 0, d), hyp.radius(x, 0, d + 1), 1e-9 * Math.max(1, dp));
      double[] back = hyp.toBall(x, 0, d + 1);
      for (int i = 0; i < d; i++) assertEquals(p[i], back[i], 1e-12);
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static double[] plus(double[] x, double[] v, double t) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) y[i] += t * v[i];
    return y;
  }
}
