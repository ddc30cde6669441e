package org.stochopt.datasets.synth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.stochopt.core.linalg.RowBlock;
import org.stochopt.core.linalg.RowBlockBuilder;
import org.stochopt.core.rng.GaussianDraws;
import org.stochopt.core.rng.Seeds;

/**
 * Hashed bag-of-words rows, the d ≫ n regime of text and click logs: a token stream with Zipf
 * frequencies is counted per document and hashed into d buckets with a random sign (the "hashing
 * trick", Weinberger et al. 2009, as scikit-learn's HashingVectorizer with alternate signs), then
 * every row is L2-normalised.
 *
 * <p><b>Tokens.</b> A vocabulary of V tokens; token of rank r (1-based) has probability ∝ r^(−alpha),
 * drawn by inverting the continuous power law on [1, V+1) (X = (1 + u((V+1)^(1−a) − 1))^(1/(1−a)),
 * X = (V+1)^u for a = 1) and flooring — O(1) per draw and no table, so V may exceed d (V = 4d by
 * default). A document has k distinct tokens, k uniform on [nnzmin, nnzmax]; tokens are drawn until k
 * are distinct, and a token seen tf times has count value 1 + ln tf (sublinear tf). Unlike
 * {@link SparseTextData} there is no idf: the frequent tokens ("stop words") appear in nearly every
 * row with the largest values, which makes the Gram matrix's top eigenvalue, and so L, much larger
 * than L_max/n — the conditioning real hashed text has.
 *
 * <p><b>Hashing.</b> Token t goes to bucket h(t) = mix(seed, t) mod d with sign s(t) = ±1 from another
 * bit of the same hash; tokens of one row that collide are summed. So a row has at most k nonzeros.
 *
 * <p><b>Labels.</b> A logistic teacher on the buckets: w*_j = scale · N(0, 1), each entry a pure
 * function of (seed, j) (nothing of length d is stored), and y = +1 with probability σ(⟨w*, x⟩).
 *
 * <p><b>Reproducibility.</b> Row r is a pure function of (seed, r): every partitioning gives
 * bit-identical rows (only {@code StrictMath} and {@link GaussianDraws}).
 *
 * @param n rows (documents)
 * @param d hash buckets (features)
 * @param vocab V, the number of distinct tokens
 * @param nnzMin fewest distinct tokens per row
 * @param nnzMax most distinct tokens per row
 * @param alpha Zipf exponent of token frequencies (text: ≈ 1.1)
 * @param scale std of a teacher weight (the margin's std, rows having unit norm)
 * @param seed master seed
 */
public record HashedTextData(long n, int d, long vocab, int nnzMin, int nnzMax, double alpha, double scale, long seed)
    implements java.io.Serializable {
  public static final String PREFIX = "hashtext";
  public static final HashedTextData DEFAULTS = new HashedTextData(5_000, 1 << 18, 4L << 18, 50, 300, 1.1, 5.0, 1);
  private static final List<String> KEYS = List.of("n", "d", "vocab", "nnzmin", "nnzmax", "alpha", "scale", "seed");
  private static final long TEACHER_STREAM = 1;
  private static final long ROW_STREAM = 2;
  private static final long HASH_STREAM = 3;
  /** Draws per row before giving up on reaching k distinct tokens (only a tiny vocabulary gets near it). */
  private static final int MAX_DRAWS_PER_TOKEN = 200;

  public HashedTextData {
    if (n <= 0) throw new IllegalArgumentException("n (number of rows) must be positive, got " + n);
    if (d <= 1) throw new IllegalArgumentException("d (number of hash buckets) must be at least 2, got " + d);
    if (nnzMin <= 0 || nnzMax < nnzMin) {
      throw new IllegalArgumentException("need 0 < nnzmin <= nnzmax, got nnzmin=" + nnzMin + ", nnzmax=" + nnzMax);
    }
    if (vocab < 2L * nnzMax) {
      throw new IllegalArgumentException("vocab must be at least 2·nnzmax (= " + 2L * nnzMax + "), got " + vocab);
    }
    if (nnzMax > 100_000) throw new IllegalArgumentException("nnzmax must be at most 100000, got " + nnzMax);
    if (!(alpha > 0 && alpha < 10)) throw new IllegalArgumentException("alpha must be in (0, 10), got " + alpha);
    if (!(scale >= 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("scale must be finite and >= 0, got " + scale);
  }

  public static boolean isSpec(String spec) {
    String s = spec.strip().toLowerCase(Locale.ROOT);
    return s.equals(PREFIX) || s.startsWith(PREFIX + ":");
  }

  /** Parses {@code hashtext:n=5000,d=262144,vocab=..,nnzmin=50,nnzmax=300,alpha=1.1,scale=5,seed=1}; keys optional. */
  public static HashedTextData parse(String spec) {
    if (spec == null || !isSpec(spec)) {
      throw new IllegalArgumentException("not a hashtext spec: '" + spec + "' (expected hashtext:n=..,d=..,nnzmin=..,nnzmax=..)");
    }
    try {
      SpecValues v = SpecValues.parse(spec, PREFIX, KEYS);
      double d = v.integer("d", DEFAULTS.d);
      if (d > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("key 'd' is too large: " + v.text("d"));
      double nnzMax = v.integer("nnzmax", DEFAULTS.nnzMax);
      double nnzMin = v.integer("nnzmin", Math.min(DEFAULTS.nnzMin, nnzMax));
      return new HashedTextData(
          (long) v.integer("n", DEFAULTS.n),
          (int) d,
          (long) v.integer("vocab", 4 * d),
          (int) Math.min(nnzMin, Integer.MAX_VALUE),
          (int) Math.min(nnzMax, Integer.MAX_VALUE),
          v.number("alpha", DEFAULTS.alpha),
          v.number("scale", DEFAULTS.scale),
          (long) v.integer("seed", DEFAULTS.seed));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hashtext spec '" + spec + "': " + e.getMessage(), e);
    }
  }

  /** The canonical spec; {@code parse(toSpec())} equals this. */
  public String toSpec() {
    return PREFIX + ":n=" + n + ",d=" + d + ",vocab=" + vocab + ",nnzmin=" + nnzMin + ",nnzmax=" + nnzMax
        + ",alpha=" + alpha + ",scale=" + scale + ",seed=" + seed;
  }

  /** Teacher weight of bucket j (a pure function of (seed, j)). */
  public double teacherWeight(int j) {
    return scale * new GaussianDraws(Seeds.child(seed, TEACHER_STREAM, j)).normal();
  }

  /** 0-based token rank for a uniform u in [0, 1): the floored inverse of the continuous power law. */
  long token(double u) {
    return token(u, tokenScale(), 1.0 / (1.0 - alpha));
  }

  /** (V+1)^(1−a) − 1, or ln(V+1) for a = 1: the constant of the inverse power law. */
  private double tokenScale() {
    double top = vocab + 1.0;
    return Math.abs(alpha - 1.0) < 1e-12 ? StrictMath.log(top) : StrictMath.pow(top, 1.0 - alpha) - 1.0;
  }

  /** X = exp(ln(1 + u·C)/(1−a)), or exp(u ln(V+1)) for a = 1: one log1p and one exp per draw, no pow. */
  private long token(double u, double zipfScale, double inverseExponent) {
    double x = Math.abs(alpha - 1.0) < 1e-12 ? StrictMath.exp(u * zipfScale)
        : StrictMath.exp(StrictMath.log1p(u * zipfScale) * inverseExponent);
    return Math.min(vocab - 1, Math.max(0L, (long) Math.floor(x) - 1));
  }

  /** Rows [fromRow, toRow) as one CSR block whose first row id is fromRow. */
  public RowBlock generate(long fromRow, long toRow) {
    if (fromRow < 0 || fromRow > toRow || toRow > n) {
      throw new IllegalArgumentException("row range [" + fromRow + ", " + toRow + ") is not within [0, " + n + ")");
    }
    int tableSize = Integer.highestOneBit(4 * nnzMax - 1) << 1; // open addressing, load ≤ 1/4
    long[] tokens = new long[tableSize];
    int[] counts = new int[tableSize];
    int[] used = new int[nnzMax];
    long[] keyed = new long[nnzMax];
    double[] signed = new double[nnzMax];
    int[] idx = new int[nnzMax];
    double[] val = new double[nnzMax];
    long hashSeed = Seeds.child(seed, HASH_STREAM);
    double zipfScale = tokenScale();
    double inverseExponent = 1.0 / (1.0 - alpha);
    RowBlockBuilder b = new RowBlockBuilder();
    for (long r = fromRow; r < toRow; r++) {
      GaussianDraws g = new GaussianDraws(Seeds.child(seed, ROW_STREAM, r));
      int k = nnzMin + (int) (g.uniform() * (nnzMax - nnzMin + 1));
      k = Math.min(k, nnzMax);
      Arrays.fill(tokens, -1L);
      int distinct = 0;
      for (long draws = 0; distinct < k && draws < (long) MAX_DRAWS_PER_TOKEN * k; draws++) {
        long t = token(g.uniform(), zipfScale, inverseExponent);
        int slot = (int) (Seeds.mix(t) & (tableSize - 1));
        while (tokens[slot] != -1L && tokens[slot] != t) slot = (slot + 1) & (tableSize - 1);
        if (tokens[slot] == -1L) {
          tokens[slot] = t;
          counts[slot] = 0;
          used[distinct++] = slot;
        }
        counts[slot]++;
      }
      // Hash each distinct token: bucket in the high bits' residue, sign from bit 0 (independent bits of one mix).
      for (int q = 0; q < distinct; q++) {
        long t = tokens[used[q]];
        long h = Seeds.mix(hashSeed ^ Seeds.mix(t + 0x632BE59BD9B4E019L));
        int bucket = (int) Long.remainderUnsigned(h >>> 1, d);
        double value = 1.0 + StrictMath.log(counts[used[q]]);
        keyed[q] = ((long) bucket << 32) | q;
        signed[q] = (h & 1L) == 0 ? value : -value;
      }
      Arrays.sort(keyed, 0, distinct); // by bucket, ties in draw order: collisions summed in a fixed order
      int count = 0;
      for (int q = 0; q < distinct; q++) {
        int bucket = (int) (keyed[q] >>> 32);
        double v = signed[(int) keyed[q]];
        if (count > 0 && idx[count - 1] == bucket) {
          val[count - 1] += v;
        } else {
          idx[count] = bucket;
          val[count++] = v;
        }
      }
      int kept = 0; // a collision may cancel to exactly 0: drop it
      for (int q = 0; q < count; q++) {
        if (val[q] != 0.0) {
          idx[kept] = idx[q];
          val[kept++] = val[q];
        }
      }
      double norm2 = 0;
      for (int q = 0; q < kept; q++) norm2 += val[q] * val[q];
      double inv = kept > 0 ? 1.0 / Math.sqrt(norm2) : 0.0;
      double margin = 0;
      for (int q = 0; q < kept; q++) {
        val[q] *= inv;
        margin += teacherWeight(idx[q]) * val[q];
      }
      double p = 1.0 / (1.0 + StrictMath.exp(-margin));
      b.addRow(g.uniform() < p ? 1.0 : -1.0, idx, val, kept);
    }
    return b.buildSparse(d, fromRow);
  }
}
