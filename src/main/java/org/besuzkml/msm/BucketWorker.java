package org.besuzkml.msm;

import org.besuzkml.curve.G1;
import org.besuzkml.field.Fq;

/**
 * One thread's share of Pippenger: sums the points of one window (over a slice of the inputs) into
 * buckets, then reduces the buckets to {@code sum_b b * S_b}.
 *
 * <p>Bucket accumulation is batch-affine: the window's points are counting-sorted by bucket into one
 * buffer, then summed in rounds; each round pairs neighbouring points of every bucket (all pairs
 * are independent), computes every pair's denominator, inverts them all with one field inversion
 * (Montgomery's trick) and writes the affine sums back compactly. A round costs 6 field
 * multiplications per addition plus one inversion; rounds stop when every bucket holds at most one
 * point, after about {@code log2(max bucket load)} rounds. Equal points are doubled (denominator
 * 2y), opposite points cancel (the pair is dropped), so no case needs a fallback. From
 * {@link #GRID_MIN_BUCKETS} buckets the reduction {@code sum_b (b+1) S_b} also runs on these rounds
 * (row and column sums of a bucket grid, see {@link #reduceGrid}). Buffers are
 * allocated once per worker and reused across windows; one worker is never shared by two threads.
 */
final class BucketWorker {
  private static final int L = Fq.LIMBS;
  private static final int A = G1.AFFINE;
  private static final int J = G1.JACOBIAN;

  /** Smallest bucket count reduced by row and column sums (below it the inversions do not pay). */
  static final int GRID_MIN_BUCKETS = 512;

  private final int buckets;
  private final int[] start;
  private final int[] len;
  /** Bucket index bits of a grid column: bucket b sits in row b >> colBits, column b & (cols - 1). */
  private final int colBits;
  private final int rows;
  private final int cols;
  private final int[] gridStart;
  private final int[] gridLen;
  private long[] buf = new long[0];
  private long[] grid = new long[0];
  private long[] den = new long[0];
  private long[] pre = new long[0];
  /** Per pair of a round: ADD, DOUBLE or CANCEL. */
  private byte[] kind = new byte[0];
  private final long[] s = new long[G1.SCRATCH];
  private final long[] t = new long[4 * L];
  private final long[] running = new long[J];
  private final long[] colSum = new long[J];
  private final long[] point = new long[A];
  private long[] jacBuckets = new long[0];

  private static final byte ADD = 0, DOUBLE = 1, CANCEL = 2;

  BucketWorker(int windowBits) {
    this.buckets = 1 << (windowBits - 1);
    this.start = new int[buckets + 1];
    this.len = new int[buckets];
    this.colBits = windowBits / 2; // ceil((windowBits - 1) / 2)
    this.cols = 1 << colBits;
    this.rows = buckets >> colBits;
    this.gridStart = new int[rows + cols];
    this.gridLen = new int[rows + cols];
  }

  private void ensureCapacity(int points) {
    if (buf.length < points * A) {
      buf = new long[points * A];
    }
    ensurePairCapacity(points);
  }

  private void ensurePairCapacity(int points) {
    if (den.length < (points / 2 + 1) * L) {
      den = new long[(points / 2 + 1) * L];
      pre = new long[(points / 2 + 1) * L];
      kind = new byte[points / 2 + 1];
    }
  }

  /**
   * Writes into out[oo..] (Jacobian) the window sum {@code sum_i d_i * P_i} over i in [lo, hi), with
   * signed digits {@code d_i = digits[dOff + i]} in {@code [-buckets, buckets]} and affine bases P_i
   * at bases[baseOff + 8i], whose negated y coordinates are at negY[4i..] (computed once per MSM
   * rather than once per window). A base that is the point at infinity must have digit 0.
   */
  void windowSum(long[] bases, int baseOff, long[] negY, int[] digits, int dOff, int lo, int hi, long[] out,
      int oo) {
    java.util.Arrays.fill(len, 0);
    int m = 0;
    for (int i = lo; i < hi; i++) {
      int d = digits[dOff + i];
      if (d != 0) {
        len[(d < 0 ? -d : d) - 1]++;
        m++;
      }
    }
    ensureCapacity(m);
    int acc = 0;
    for (int b = 0; b < buckets; b++) {
      start[b] = acc;
      acc += len[b];
      len[b] = 0; // reused below as the fill cursor
    }
    long[] buf = this.buf;
    for (int i = lo; i < hi; i++) {
      int d = digits[dOff + i];
      if (d == 0) {
        continue;
      }
      int b = (d < 0 ? -d : d) - 1;
      int dst = (start[b] + len[b]++) * A;
      int src = baseOff + i * A;
      Fq.copy(buf, dst, bases, src);
      if (d > 0) {
        Fq.copy(buf, dst + L, bases, src + L);
      } else {
        Fq.copy(buf, dst + L, negY, i * L);
      }
    }
    while (pairRound(buf, start, len, buckets)) {
      // each round at least halves every bucket holding two or more points
    }
    if (buckets >= GRID_MIN_BUCKETS) {
      reduceGrid(out, oo);
    } else {
      reduce(out, oo);
    }
  }

  /**
   * One round of pairwise affine additions in every group g < groups (its points at
   * pts[8 start[g]..], len[g] of them); false when no group had a pair.
   */
  private boolean pairRound(long[] pts, int[] start, int[] len, int groups) {
    long[] den = this.den;
    byte[] kind = this.kind;
    int k = 0;
    for (int b = 0; b < groups; b++) {
      int n = len[b];
      if (n < 2) {
        continue;
      }
      int p = start[b] * A;
      for (int j = 0; j + 1 < n; j += 2, p += 2 * A) {
        int q = p + A, dk = k * L;
        Fq.sub(den, dk, pts, q, pts, p);
        if (!Fq.isZero(den, dk)) {
          kind[k] = ADD;
        } else if (Fq.equal(pts, p + L, pts, q + L)) {
          Fq.dbl(den, dk, pts, p + L); // doubling: lambda = 3x^2 / 2y (y != 0: r is odd)
          kind[k] = DOUBLE;
        } else {
          Fq.setOne(den, dk); // P + (-P): the pair cancels; any non-zero value keeps the trick simple
          kind[k] = CANCEL;
        }
        k++;
      }
    }
    if (k == 0) {
      return false;
    }
    invertAll(k);
    long[] t = this.t;
    final int lam = 0, x3 = L, y3 = 2 * L;
    k = 0;
    for (int b = 0; b < groups; b++) {
      int n = len[b];
      if (n < 2) {
        continue;
      }
      int p = start[b] * A;
      int w = p;
      for (int j = 0; j + 1 < n; j += 2, p += 2 * A) {
        int q = p + A, dk = k * L;
        byte kd = kind[k++];
        if (kd == ADD) {
          Fq.sub(t, lam, pts, q + L, pts, p + L);
          Fq.mul(t, lam, t, lam, den, dk);
        } else if (kd == DOUBLE) {
          Fq.sqr(t, lam, pts, p);
          Fq.mul(t, lam, t, lam, den, dk);
          Fq.dbl(t, x3, t, lam);
          Fq.add(t, lam, t, lam, t, x3); // 3x^2 / 2y
        } else {
          continue;
        }
        Fq.sqr(t, x3, t, lam);
        Fq.sub(t, x3, t, x3, pts, p);
        Fq.sub(t, x3, t, x3, pts, q);
        Fq.sub(t, y3, pts, p, t, x3);
        Fq.mul(t, y3, t, y3, t, lam);
        Fq.sub(pts, w + L, t, y3, pts, p + L);
        Fq.copy(pts, w, t, x3);
        w += A;
      }
      if ((n & 1) != 0) {
        System.arraycopy(pts, p, pts, w, A);
        w += A;
      }
      len[b] = (w - start[b] * A) / A;
    }
    return true;
  }

  /**
   * den[0..k) := 1/den[i], all entries non-zero (Montgomery's trick: one inversion and three
   * multiplications per entry; pre[i] holds the product of den[0..i]).
   */
  private void invertAll(int k) {
    long[] den = this.den, pre = this.pre, t = this.t;
    Fq.copy(pre, 0, den, 0);
    for (int i = 1; i < k; i++) {
      int di = i * L;
      Fq.mul(pre, di, pre, di - L, den, di);
    }
    Fq.inv(t, 0, pre, (k - 1) * L); // the inverse of the product of all entries
    for (int i = k - 1; i > 0; i--) {
      int di = i * L;
      Fq.mul(t, L, t, 0, pre, di - L); // 1/den[i] = (1/pre[i]) * pre[i-1]
      Fq.mul(t, 0, t, 0, den, di); // 1/pre[i-1]
      Fq.copy(den, di, t, L);
    }
    Fq.copy(den, 0, t, 0);
  }

  /**
   * out = sum_b (b+1) * bucket_b through a grid: with b = row * cols + col, the sum is
   * {@code sum_row (cols * row + 1) R_row + sum_col col C_col} for the row sums R and column sums C.
   * Both are plain sums of the (at most one) point left in each bucket, so they are computed
   * together by the batch-affine rounds (about 2 affine additions per bucket instead of the mixed
   * and full Jacobian additions of the running sums); only the rows + cols sums then go through
   * Jacobian running sums.
   */
  private void reduceGrid(long[] out, int oo) {
    int groups = rows + cols;
    if (grid.length < 2 * buckets * A) {
      grid = new long[2 * buckets * A];
    }
    ensurePairCapacity(2 * buckets);
    long[] grid = this.grid, buf = this.buf;
    int[] gs = gridStart, gl = gridLen;
    int at = 0;
    for (int r = 0; r < rows; r++) { // row r: buckets r*cols .. r*cols + cols - 1
      gs[r] = at;
      for (int b = r * cols, e = b + cols; b < e; b++) {
        if (len[b] != 0) {
          System.arraycopy(buf, start[b] * A, grid, at * A, A);
          at++;
        }
      }
      gl[r] = at - gs[r];
    }
    for (int c = 0; c < cols; c++) { // column c: buckets c, cols + c, 2 cols + c, ...
      gs[rows + c] = at;
      for (int b = c; b < buckets; b += cols) {
        if (len[b] != 0) {
          System.arraycopy(buf, start[b] * A, grid, at * A, A);
          at++;
        }
      }
      gl[rows + c] = at - gs[rows + c];
    }
    while (pairRound(grid, gs, gl, groups)) {
      // every row and column sum down to at most one point
    }
    // sum_row row * R_row and sum_row R_row by a running sum over the rows
    G1.setInfinity(running, 0);
    G1.setInfinity(out, oo);
    for (int r = rows - 1; r >= 0; r--) {
      if (gl[r] != 0) {
        G1.addMixed(running, 0, running, 0, grid, gs[r] * A, s);
      }
      if (r > 0) {
        G1.add(out, oo, out, oo, running, 0, s);
      }
    }
    for (int i = 0; i < colBits; i++) {
      G1.dbl(out, oo, out, oo, s);
    }
    G1.add(out, oo, out, oo, running, 0, s);
    // sum_col col * C_col
    G1.setInfinity(running, 0);
    G1.setInfinity(colSum, 0);
    for (int c = cols - 1; c > 0; c--) {
      if (gl[rows + c] != 0) {
        G1.addMixed(running, 0, running, 0, grid, gs[rows + c] * A, s);
      }
      G1.add(colSum, 0, colSum, 0, running, 0, s);
    }
    G1.add(out, oo, out, oo, colSum, 0, s);
  }

  /** out = sum_b (b+1) * bucket_b by running sums from the top bucket down. */
  /**
   * Same result as {@link #windowSum}, with Jacobian buckets and one mixed addition per point: no
   * inversion at all, so it wins when a task has too few points to amortise the inversions of the
   * batch-affine rounds (tiny MSMs, e.g. a verifier combining a handful of commitments).
   */
  void windowSumJacobian(long[] bases, int baseOff, long[] negY, int[] digits, int dOff, int lo, int hi,
      long[] out, int oo) {
    if (jacBuckets.length < buckets * J) {
      jacBuckets = new long[buckets * J];
    }
    long[] jb = jacBuckets;
    for (int b = 0; b < buckets; b++) {
      G1.setInfinity(jb, b * J);
    }
    long[] pt = this.point;
    for (int i = lo; i < hi; i++) {
      int d = digits[dOff + i];
      if (d == 0) {
        continue;
      }
      int src = baseOff + i * A;
      Fq.copy(pt, 0, bases, src);
      if (d > 0) {
        Fq.copy(pt, L, bases, src + L);
      } else {
        Fq.copy(pt, L, negY, i * L);
      }
      int b = ((d < 0 ? -d : d) - 1) * J;
      G1.addMixed(jb, b, jb, b, pt, 0, s);
    }
    G1.setInfinity(running, 0);
    G1.setInfinity(out, oo);
    for (int b = buckets - 1; b >= 0; b--) {
      G1.add(running, 0, running, 0, jb, b * J, s);
      G1.add(out, oo, out, oo, running, 0, s);
    }
  }

  private void reduce(long[] out, int oo) {
    G1.setInfinity(running, 0);
    G1.setInfinity(out, oo);
    for (int b = buckets - 1; b >= 0; b--) {
      if (len[b] != 0) {
        G1.addMixed(running, 0, running, 0, buf, start[b] * A, s);
      }
      G1.add(out, oo, out, oo, running, 0, s);
    }
  }
}
