package org.besuzkml.poly;

import org.besuzkml.field.Fr;

/**
 * Number-theoretic transform over Fr, in place on a flat {@code long[]} of {@code n = 2^logN}
 * elements (4 Montgomery limbs each, starting at a limb offset), natural order in and out.
 *
 * <p>{@link #forward} maps coefficients {@code a_0..a_{n-1}} to evaluations {@code A_k = sum_i a_i
 * w^(ik)} at the powers of {@code w = }{@link #rootOfUnity(int) rootOfUnity(logN)}; {@link #inverse}
 * maps evaluations back to coefficients. The coset variants evaluate on {@code g*H} instead of the
 * subgroup {@code H = <w>}, with {@code g = }{@link #COSET_GENERATOR} (see the package doc for why 5).
 *
 * <p>Algorithm: bit-reversal permutation, then radix-2 decimation-in-time butterflies. The first
 * {@link #BLOCK_LOG} stages only mix elements inside aligned blocks of {@code 2^BLOCK_LOG} elements,
 * so each block runs all of them while it sits in cache; every later stage streams over the array
 * once, its butterflies split evenly between threads. Twiddles come from one cached table of
 * {@code w_L^j} for the largest size {@code 2^L} used so far (capped at {@link #TABLE_MAX_LOG});
 * stage s of any size reads it with stride {@code 2^(L-s)}, and the in-block stages read a
 * contiguous 1023-entry extract of it. (Measured: gathering each late stage's strided twiddles into
 * a contiguous array changed nothing; a butterfly costs about 1.1 Fr multiplications at every size
 * from 2^10 to 2^20, so the transform is bound by the multiplication, not by memory.) Stages beyond
 * the cap compute their
 * twiddles incrementally (one extra multiplication per distinct twiddle). The inverse is the
 * forward transform followed by the index reversal {@code k -> n-k} and a scaling by {@code 1/n}.
 *
 * <p>Results do not depend on the thread count. Bad arguments (a size above 2^28, an array too
 * short) throw {@link IllegalArgumentException}: this is prover-side code.
 */
public final class Ntt {
  private Ntt() {}

  /** Largest supported logN: the 2-adicity of Fr. */
  public static final int MAX_LOG_SIZE = Fr.TWO_ADICITY;
  /** The coset shift g as an integer: 5 generates the whole multiplicative group Fr^*. */
  public static final long COSET_GENERATOR = 5;
  /** Stages 1..BLOCK_LOG run block by block: 2^10 elements = 32 KiB, the size of an L1 cache. */
  static final int BLOCK_LOG = 10;
  /** Smallest twiddle table built, so that small transforms do not rebuild it again and again. */
  static final int TABLE_MIN_LOG = 12;
  /** Largest twiddle table: 2^21 entries, 64 MiB, serving transforms up to 2^22 at full speed. */
  static final int TABLE_MAX_LOG = 22;
  /** Below this size one thread does the whole transform (forking costs more than it saves). */
  static final int PARALLEL_MIN_LOG = 12;

  private static final int L = Fr.LIMBS;
  private static final long[] SHIFT = new long[L];
  private static final long[] SHIFT_INV = new long[L];
  private static volatile Twiddles cache;

  static {
    Fr.fromLong(SHIFT, 0, COSET_GENERATOR);
    Fr.inv(SHIFT_INV, 0, SHIFT, 0);
  }

  /**
   * {@code w} holds {@code w_L^j} for {@code j < 2^(L-1)}, w_L a primitive 2^L-th root of unity.
   * {@code early} holds the twiddles of stages 1..BLOCK_LOG contiguously, stage s ({@code w_(2^s)^j},
   * {@code j < 2^(s-1)}) from element {@code 2^(s-1) - 1}: 1023 elements that stay in cache.
   */
  private static final class Twiddles {
    final int log;
    final long[] w;
    final long[] early;

    Twiddles(int log, long[] w) {
      this.log = log;
      this.w = w;
      this.early = new long[((1 << BLOCK_LOG) - 1) * L];
      for (int s = 1; s <= BLOCK_LOG; s++) {
        int base = (1 << (s - 1)) - 1;
        for (int j = 0; j < (1 << (s - 1)); j++) {
          Fr.copy(early, (base + j) << 2, w, (j << (log - s)) << 2);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // public API

  /** Coefficients to evaluations on H, in place, using every core for large sizes. */
  public static void forward(long[] a, int off, int logN) {
    forward(a, off, logN, Parallel.defaultThreads());
  }

  /** Coefficients to evaluations on H, in place, with at most the given number of threads. */
  public static void forward(long[] a, int off, int logN, int threads) {
    checkArgs(a, off, logN);
    transform(a, off, logN, threadsFor(logN, threads), TABLE_MAX_LOG);
  }

  /** Forward transform whose table-driven stages stop at tableLimit (tests the computed path). */
  static void forwardWithTableLimit(long[] a, int off, int logN, int threads, int tableLimit) {
    checkArgs(a, off, logN);
    transform(a, off, logN, threadsFor(logN, threads), tableLimit);
  }

  /** Evaluations on H to coefficients, in place. */
  public static void inverse(long[] a, int off, int logN) {
    inverse(a, off, logN, Parallel.defaultThreads());
  }

  public static void inverse(long[] a, int off, int logN, int threads) {
    checkArgs(a, off, logN);
    int th = threadsFor(logN, threads);
    transform(a, off, logN, th, TABLE_MAX_LOG);
    reverseTail(a, off, logN, th);
    long[] nInv = sizeInverse(logN);
    scalePowers(a, off, 1 << logN, nInv, null, th);
  }

  /** Coefficients to evaluations on the coset g*H: {@code A_k = p(g w^k)}. */
  public static void forwardCoset(long[] a, int off, int logN) {
    forwardCoset(a, off, logN, Parallel.defaultThreads());
  }

  public static void forwardCoset(long[] a, int off, int logN, int threads) {
    checkArgs(a, off, logN);
    int th = threadsFor(logN, threads);
    scalePowers(a, off, 1 << logN, null, SHIFT, th);
    transform(a, off, logN, th, TABLE_MAX_LOG);
  }

  /** Evaluations on the coset g*H to coefficients. */
  public static void inverseCoset(long[] a, int off, int logN) {
    inverseCoset(a, off, logN, Parallel.defaultThreads());
  }

  public static void inverseCoset(long[] a, int off, int logN, int threads) {
    checkArgs(a, off, logN);
    int th = threadsFor(logN, threads);
    transform(a, off, logN, th, TABLE_MAX_LOG);
    reverseTail(a, off, logN, th);
    scalePowers(a, off, 1 << logN, sizeInverse(logN), SHIFT_INV, th);
  }

  /** The coset shift g = 5 in Montgomery form (fresh copy). */
  public static long[] cosetGenerator() {
    return SHIFT.clone();
  }

  /** The primitive 2^logN-th root of unity the transform of that size uses (fresh copy). */
  public static long[] rootOfUnity(int logN) {
    if (logN < 0 || logN > MAX_LOG_SIZE) {
      throw new IllegalArgumentException("logN out of range: " + logN);
    }
    long[] w = Fr.rootOfUnity();
    for (int i = logN; i < MAX_LOG_SIZE; i++) {
      Fr.sqr(w, 0, w, 0);
    }
    return w;
  }

  /** Permutes the n elements so that index i moves to the bit reversal of i (logN bits). */
  public static void bitReverse(long[] a, int off, int logN) {
    checkArgs(a, off, logN);
    bitReverse(a, off, logN, threadsFor(logN, Parallel.defaultThreads()));
  }

  /** Drops the cached twiddle table (it is rebuilt on next use). */
  public static void releaseTables() {
    synchronized (Ntt.class) {
      cache = null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the transform

  private static void transform(long[] a, int off, int logN, int threads, int tableLimit) {
    if (logN == 0) {
      return;
    }
    bitReverse(a, off, logN, threads);
    Twiddles tw = twiddles(logN);
    int n = 1 << logN;
    int tableStages = Math.min(tw.log, tableLimit);
    int blockLog = Math.min(Math.min(logN, BLOCK_LOG), tableStages);
    int blocks = n >>> blockLog;
    int blockPieces = Parallel.pieces(threads, blocks, 1);
    Parallel.run(blockPieces, p -> {
      long[] t = new long[L];
      int lo = Parallel.start(p, blockPieces, blocks);
      int hi = Parallel.start(p + 1, blockPieces, blocks);
      int halfBlock = 1 << (blockLog - 1);
      for (int blk = lo; blk < hi; blk++) {
        for (int s = 1; s <= blockLog; s++) {
          butterflies(a, off, s, blk * halfBlock, (blk + 1) * halfBlock, tw.early, ((1 << (s - 1)) - 1) << 2, 0, t);
        }
      }
    });
    int half = n >>> 1;
    for (int s = blockLog + 1; s <= logN; s++) {
      final int stage = s;
      if (s <= tableStages) {
        int shift = tw.log - s;
        int pieces = Parallel.pieces(threads, half, 1 << 10);
        Parallel.run(pieces, p -> butterflies(a, off, stage,
            Parallel.start(p, pieces, half), Parallel.start(p + 1, pieces, half), tw.w, 0, shift, new long[L]));
      } else {
        int h = 1 << (s - 1);
        int pieces = Parallel.pieces(threads, h, 1 << 6);
        Parallel.run(pieces, p -> butterfliesComputedTwiddles(a, off, logN, stage,
            Parallel.start(p, pieces, h), Parallel.start(p + 1, pieces, h)));
      }
    }
  }

  /**
   * Butterflies number bLo..bHi-1 of stage s (half-length h = 2^(s-1)): butterfly b joins positions
   * {@code blk*2h + j} and {@code blk*2h + j + h} with {@code blk = b / h}, {@code j = b mod h}, and
   * twiddle {@code w_(2h)^j}, read from w at limb offset {@code wBase + 4 (j << shift)}.
   */
  private static void butterflies(long[] a, int off, int s, int bLo, int bHi, long[] w, int wBase, int shift,
      long[] t) {
    int h = 1 << (s - 1);
    int b = bLo;
    while (b < bHi) {
      int j = b & (h - 1);
      int jEnd = Math.min(h, j + (bHi - b));
      int p = off + ((((b >>> (s - 1)) << s) + j) << 2);
      int q = p + (h << 2);
      int jj = j;
      if (jj == 0) { // twiddle 1: no multiplication
        Fr.copy(t, 0, a, q);
        Fr.sub(a, q, a, p, t, 0);
        Fr.add(a, p, a, p, t, 0);
        jj = 1;
        p += L;
        q += L;
      }
      for (; jj < jEnd; jj++, p += L, q += L) {
        Fr.mul(t, 0, w, wBase + ((jj << shift) << 2), a, q);
        Fr.sub(a, q, a, p, t, 0);
        Fr.add(a, p, a, p, t, 0);
      }
      b += jEnd - j;
    }
  }

  /** Stage s beyond the table: twiddles w_(2h)^j for j in [jLo, jHi), each applied to all blocks. */
  private static void butterfliesComputedTwiddles(long[] a, int off, int logN, int s, int jLo, int jHi) {
    int n = 1 << logN;
    int m = 1 << s;
    int h = m >>> 1;
    long[] wm = rootOfUnity(s);
    long[] w = new long[L];
    Fr.pow(w, 0, wm, 0, new long[] {jLo, 0, 0, 0});
    long[] t = new long[L];
    for (int j = jLo; j < jHi; j++) {
      for (int start = 0; start < n; start += m) {
        int p = off + ((start + j) << 2);
        int q = p + (h << 2);
        Fr.mul(t, 0, w, 0, a, q);
        Fr.sub(a, q, a, p, t, 0);
        Fr.add(a, p, a, p, t, 0);
      }
      Fr.mul(w, 0, w, 0, wm, 0);
    }
  }

  private static void bitReverse(long[] a, int off, int logN, int threads) {
    if (logN == 0) {
      return;
    }
    int n = 1 << logN;
    int shift = 32 - logN;
    int pieces = Parallel.pieces(threads, n, 1 << 12);
    Parallel.run(pieces, p -> {
      int hi = Parallel.start(p + 1, pieces, n);
      for (int i = Parallel.start(p, pieces, n); i < hi; i++) {
        int j = Integer.reverse(i) >>> shift;
        if (i < j) {
          swap(a, off + (i << 2), off + (j << 2));
        }
      }
    });
  }

  /** Swaps elements k and n-k for 0 < k < n/2: turns sums with w^(ik) into sums with w^(-ik). */
  private static void reverseTail(long[] a, int off, int logN, int threads) {
    int n = 1 << logN;
    int half = n >>> 1;
    int pieces = Parallel.pieces(threads, half, 1 << 12);
    Parallel.run(pieces, p -> {
      int hi = Parallel.start(p + 1, pieces, half);
      for (int k = Math.max(1, Parallel.start(p, pieces, half)); k < hi; k++) {
        swap(a, off + (k << 2), off + ((n - k) << 2));
      }
    });
  }

  /** a_i *= c * x^i for i < n; a null c stands for 1, a null x for 1. */
  private static void scalePowers(long[] a, int off, int n, long[] c, long[] x, int threads) {
    int pieces = Parallel.pieces(threads, n, 1 << 12);
    Parallel.run(pieces, p -> {
      int lo = Parallel.start(p, pieces, n);
      int hi = Parallel.start(p + 1, pieces, n);
      long[] v = new long[L];
      if (x == null) {
        Fr.copy(v, 0, c, 0);
        for (int i = lo; i < hi; i++) {
          Fr.mul(a, off + (i << 2), a, off + (i << 2), v, 0);
        }
        return;
      }
      Fr.pow(v, 0, x, 0, new long[] {lo, 0, 0, 0});
      if (c != null) {
        Fr.mul(v, 0, v, 0, c, 0);
      }
      for (int i = lo; i < hi; i++) {
        Fr.mul(a, off + (i << 2), a, off + (i << 2), v, 0);
        Fr.mul(v, 0, v, 0, x, 0);
      }
    });
  }

  private static void swap(long[] a, int i, int j) {
    long t0 = a[i], t1 = a[i + 1], t2 = a[i + 2], t3 = a[i + 3];
    a[i] = a[j];
    a[i + 1] = a[j + 1];
    a[i + 2] = a[j + 2];
    a[i + 3] = a[j + 3];
    a[j] = t0;
    a[j + 1] = t1;
    a[j + 2] = t2;
    a[j + 3] = t3;
  }

  private static long[] sizeInverse(int logN) {
    long[] r = new long[L];
    Fr.fromLong(r, 0, 1L << logN);
    Fr.inv(r, 0, r, 0);
    return r;
  }

  // ---------------------------------------------------------------------------------------------
  // twiddle table

  /** The cached table, grown (never shrunk) to serve size 2^logN, up to TABLE_MAX_LOG. */
  private static Twiddles twiddles(int logN) {
    int want = Math.min(Math.max(logN, TABLE_MIN_LOG), TABLE_MAX_LOG);
    Twiddles t = cache;
    if (t != null && t.log >= want) {
      return t;
    }
    synchronized (Ntt.class) {
      t = cache;
      if (t == null || t.log < want) {
        t = buildTable(want);
        cache = t;
      }
      return t;
    }
  }

  private static Twiddles buildTable(int log) {
    int count = 1 << (log - 1);
    long[] w = new long[count * L];
    long[] root = rootOfUnity(log);
    int pieces = Parallel.pieces(Parallel.defaultThreads(), count, 1 << 14);
    Parallel.run(pieces, p -> {
      int lo = Parallel.start(p, pieces, count);
      int hi = Parallel.start(p + 1, pieces, count);
      long[] v = new long[L];
      Fr.pow(v, 0, root, 0, new long[] {lo, 0, 0, 0});
      for (int i = lo; i < hi; i++) {
        Fr.copy(w, i << 2, v, 0);
        Fr.mul(v, 0, v, 0, root, 0);
      }
    });
    return new Twiddles(log, w);
  }

  // ---------------------------------------------------------------------------------------------

  private static int threadsFor(int logN, int threads) {
    return logN < PARALLEL_MIN_LOG ? 1 : Math.max(1, threads);
  }

  private static void checkArgs(long[] a, int off, int logN) {
    if (logN < 0 || logN > MAX_LOG_SIZE) {
      throw new IllegalArgumentException("logN must be in [0, " + MAX_LOG_SIZE + "]: " + logN);
    }
    if (a == null || off < 0 || off + ((long) L << logN) > a.length) {
      throw new IllegalArgumentException("array too short for 2^" + logN + " elements at offset " + off);
    }
  }
}
