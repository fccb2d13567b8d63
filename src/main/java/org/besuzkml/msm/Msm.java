package org.besuzkml.msm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.Straus;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;

/**
 * Multi-scalar multiplication {@code sum_i k_i * P_i} over BN254 G1 (Pippenger's bucket method with
 * signed digits, batch-affine bucket accumulation, optional GLV split, multi-threaded). See the
 * package documentation for the algorithm and its cost model.
 *
 * <p>Bases are affine points (8 longs each, infinity = (0, 0)) in a flat array. Results are
 * Jacobian points (12 longs). Prover-side code: not constant time.
 */
public final class Msm {
  private Msm() {}

  private static final int L = Fq.LIMBS;
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Below this many points the work runs on the calling thread only. */
  private static final int PARALLEL_THRESHOLD = 256;
  private static final int MAX_WINDOW = 17;
  /** At most this many points per bucket task, which bounds a worker's buffer (64 bytes a point). */
  private static final int MAX_SLICE = 1 << 20;
  /** Bit width the GLV halves are modelled with (|k1|, |k2| < 2^127 for BN254's basis). */
  private static final int GLV_BITS = 127;

  /** Cost model, in field multiplications: one batch-affine bucket addition. */
  static final double COST_ADD = 7.5;
  /** One bucket of the running-sum reduction (a mixed and a full Jacobian addition). */
  static final double COST_BUCKET = 31;
  /** One field inversion (one per accumulation round). */
  static final double COST_INV = 380;
  /**
   * Grid reduction, per bucket filled or not: scanning the rows and columns and the worker's buffers
   * sized by the bucket count (calibrated: without it 2^14 16-bit scalars picked c = 17 and ran 40%
   * slower than with c = 9).
   */
  static final double COST_GRID_BUCKET = 1;
  /** Jacobian bucket path: one mixed addition per point, one bucket of its reduction. */
  static final double COST_ADD_JACOBIAN = 12;
  static final double COST_BUCKET_JACOBIAN = 36;
  /** Per point, preparing the GLV split (the endomorphism and the split arithmetic). */
  static final double COST_GLV_PREP = 3;

  /** GLV modes: decide from the cost model, never, always (the last two for tests). */
  static final int GLV_AUTO = 0, GLV_OFF = 1, GLV_ON = 2;

  private static final ForkJoinPool POOL = new ForkJoinPool(THREADS);

  /**
   * {@code sum_{i<n} k_i * P_i} for Fr scalars k_i in Montgomery form (4 limbs each at
   * scalars[4i..]) and affine bases P_i at bases[8 * (baseOffsetPoints + i)..]. Scalars are read
   * as signed values in {@code (-r/2, r/2)}, so the cost follows the largest magnitude: small
   * (possibly negative) scalars stored as Fr elements take the fast path automatically.
   */
  private static long countedPoints;

  /** Points passed to {@link #msm(long[], int, long[], int)} while {@link Fr#COUNTING}; tests reset it. */
  public static long countedPoints() {
    return countedPoints;
  }

  public static void resetCounts() {
    countedPoints = 0;
  }

  public static long[] msm(long[] basesAffine, int baseOffsetPoints, long[] scalarsMontgomeryFr, int n) {
    if (Fr.COUNTING) {
      countedPoints += n; // cost tests (protocol.md 10.4); removed by the JIT when counting is off
    }
    return msm(basesAffine, baseOffsetPoints, scalarsMontgomeryFr, n, THREADS, GLV_AUTO, 0);
  }

  /** Affine form of {@link #msm}. */
  public static long[] msmAffine(long[] basesAffine, int baseOffsetPoints, long[] scalarsMontgomeryFr, int n) {
    long[] j = msm(basesAffine, baseOffsetPoints, scalarsMontgomeryFr, n);
    long[] a = new long[G1.AFFINE];
    G1.toAffine(a, 0, j, 0);
    return a;
  }

  /** {@link #msm} on a given number of threads and GLV mode. */
  static long[] msm(long[] bases, int baseOffsetPoints, long[] scalars, int n, int maxThreads, int glv) {
    return msm(bases, baseOffsetPoints, scalars, n, maxThreads, glv, 0);
  }

  /** {@link #msm} with a forced window width (0: from the cost model), for tuning. */
  static long[] msm(long[] bases, int baseOffsetPoints, long[] scalars, int n, int maxThreads, int glv,
      int window) {
    int threads = n < PARALLEL_THRESHOLD ? 1 : maxThreads;
    int baseOff = baseOffsetPoints * G1.AFFINE;
    long[] mag = new long[n * L];
    boolean[] negative = new boolean[n];
    int bits = parallelOr(threads, n, (lo, hi, or) -> Scalars.signedMagnitudes(scalars, lo, hi, mag, negative, or));
    if (window == 0 && glv == GLV_AUTO && (naivePays(n, bits, threads) || strausPays(n, bits))) {
      return interleaved(bases, baseOff, mag, L, negative, n);
    }
    if (glv == GLV_ON || (glv == GLV_AUTO && glvPays(n, bits, threads))) {
      long[] bases2 = new long[2 * n * G1.AFFINE];
      long[] mag2 = new long[2 * n * L];
      boolean[] negative2 = new boolean[2 * n];
      int bits2 = parallelOr(threads, n,
          (lo, hi, or) -> Scalars.glvSplit(bases, baseOff, mag, negative, n, lo, hi, bases2, mag2, negative2, or));
      return run(bases2, 0, mag2, L, negative2, 2 * n, bits2, threads, window);
    }
    return run(bases, baseOff, mag, L, negative, n, bits, threads, window);
  }

  /**
   * Modelled cost of one scalar multiplication of the given width by {@link G1#mulLimbs} (table of
   * odd multiples, then per bit of the longer GLV half one doubling and 1/6 of an addition, times
   * two halves' additions).
   */
  static double scalarMulCost(int bits) {
    return 150 + Math.min(bits, GLV_BITS) * 9.7;
  }

  /** Most points for which Straus beats the bucket method on full-width scalars (SmallNSweep). */
  static final int STRAUS_MAX = 64;

  /**
   * Whether Straus's interleaving beats the bucket method although one scalar multiplication per
   * point does not: full-width scalars, at most {@link #STRAUS_MAX} points. Measured by
   * SmallNSweep (best of 200, one core): n = 16 590 us against 811 us, 32 1,187 against 1,375,
   * 64 2,262 against 2,264, 96 3,399 against 3,179.
   */
  static boolean strausPays(int n, int bits) {
    return n <= STRAUS_MAX && bits > GLV_BITS;
  }

  /** Whether one scalar multiplication per point beats every bucket variant (tiny MSMs). */
  static boolean naivePays(int n, int bits, int threads) {
    if (n > 64) {
      return false;
    }
    double naive = n * scalarMulCost(bits);
    double plain = modelCost(n, bits, chooseWindow(n, bits, threads), threads);
    double split = bits > GLV_BITS ? modelCost(2 * n, GLV_BITS, chooseWindow(2 * n, GLV_BITS, threads), threads)
        : Double.MAX_VALUE;
    return naive < Math.min(plain, split);
  }

  /**
   * sum_i (+-mag_i) P_i for tiny MSMs: Straus's interleaving ({@link Straus}), whose cost is below
   * the modelled one GLV scalar multiplication per point.
   */
  private static long[] interleaved(long[] bases, int baseOff, long[] mag, int stride, boolean[] negative, int n) {
    if (stride >= L) {
      return Straus.msm(bases, baseOff, mag, stride, negative, n);
    }
    long[] wide = new long[n * L];
    for (int i = 0; i < n; i++) {
      System.arraycopy(mag, i * stride, wide, i * L, stride);
    }
    return Straus.msm(bases, baseOff, wide, L, negative, n);
  }

  /** Whether splitting with GLV (2n points of half the width) is modelled as cheaper. */
  static boolean glvPays(int n, int bits, int threads) {
    if (bits <= 128) {
      return false;
    }
    double plain = modelCost(n, bits, chooseWindow(n, bits, threads), threads);
    double split = modelCost(2 * n, GLV_BITS, chooseWindow(2 * n, GLV_BITS, threads), threads)
        + COST_GLV_PREP * n / threads;
    return split < plain;
  }

  /**
   * {@code sum_{i<n} s_i * P_i} for signed 64-bit scalars (e.g. quantized activations). The cost
   * follows the bit width of the largest |s_i|, so 16-bit activations cost about 1/16 of full
   * scalars. Bases start at point 0 of basesAffine.
   */
  public static long[] msmSmall(long[] basesAffine, long[] signedScalars, int n) {
    return msmSmall(basesAffine, 0, signedScalars, 0, n, THREADS);
  }

  /**
   * {@link #msmSmall(long[], long[], int)} over bases from point baseOffsetPoints and scalars from
   * index scalarOffset.
   */
  public static long[] msmSmall(long[] basesAffine, int baseOffsetPoints, long[] signedScalars, int scalarOffset,
      int n) {
    return msmSmall(basesAffine, baseOffsetPoints, signedScalars, scalarOffset, n, THREADS);
  }

  /** {@link #msmSmall} on a given number of threads (tests use it to force point slicing). */
  static long[] msmSmall(long[] basesAffine, int baseOffsetPoints, long[] signedScalars, int scalarOffset, int n,
      int maxThreads) {
    long[] mag = new long[n];
    boolean[] negative = new boolean[n];
    long or = 0;
    for (int i = 0; i < n; i++) {
      long v = signedScalars[scalarOffset + i];
      negative[i] = v < 0;
      mag[i] = v < 0 ? -v : v; // -Long.MIN_VALUE = 2^63 read unsigned, which is right
      or |= mag[i];
    }
    int threads = n < PARALLEL_THRESHOLD ? 1 : maxThreads;
    int bits = 64 - Long.numberOfLeadingZeros(or);
    if (naivePays(n, bits, threads)) {
      return interleaved(basesAffine, baseOffsetPoints * G1.AFFINE, mag, 1, negative, n);
    }
    return run(basesAffine, baseOffsetPoints * G1.AFFINE, mag, 1, negative, n, bits, threads, 0);
  }

  /** Window width c minimising the modelled parallel cost for n points of the given bit width. */
  static int chooseWindow(int n, int bits, int threads) {
    int best = 2;
    double bestCost = Double.MAX_VALUE;
    for (int c = 2; c <= MAX_WINDOW; c++) {
      double cost = modelCost(n, bits, c, threads);
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    }
    return best;
  }

  /** Modelled wall time, in field multiplications, of one MSM with window c on the given threads. */
  static double modelCost(int n, int bits, int c, int threads) {
    int windows = windows(bits, c);
    return sliceCost(n, windows, c, threads, slices(n, windows, c, threads));
  }

  /** Modelled wall time when each window's points are cut into the given number of slices. */
  private static double sliceCost(int n, int windows, int c, int threads, int slices) {
    int tasks = windows * slices;
    int buckets = 1 << (c - 1);
    double perSlice = (double) n / slices;
    double rounds = 2 + Math.log(Math.max(1.0, perSlice / buckets)) / Math.log(2);
    double taskCost = Math.min(batchAffineTaskCost(perSlice, c, rounds), jacobianTaskCost(perSlice, buckets));
    int waves = (tasks + threads - 1) / threads;
    return waves * taskCost;
  }

  /**
   * Modelled cost of reducing the 2^(c-1) buckets of one batch-affine task: Jacobian running sums,
   * or, from {@link BucketWorker#GRID_MIN_BUCKETS} buckets, about two batch-affine additions per
   * bucket (row and column sums), their rounds' inversions, and running sums over rows + columns.
   */
  static double reductionCost(int c, double filled) {
    int buckets = 1 << (c - 1);
    if (buckets < BucketWorker.GRID_MIN_BUCKETS) {
      return buckets * COST_BUCKET;
    }
    int colBits = c / 2;
    int lines = (1 << colBits) + (buckets >> colBits);
    return filled * 2 * COST_ADD + lines * COST_BUCKET + colBits * COST_INV + buckets * COST_GRID_BUCKET;
  }

  /**
   * Modelled cost of one batch-affine task over the given number of points: a point costs an
   * addition unless it is the first of its bucket, and about {@code B (1 - e^(-points/B))} of the B
   * buckets are filled (uniform digits), which is what makes wide windows pay.
   */
  static double batchAffineTaskCost(double points, int c, double rounds) {
    int buckets = 1 << (c - 1);
    double filled = buckets * (1 - StrictMath.exp(-points / buckets));
    return (points - filled) * COST_ADD + reductionCost(c, filled) + rounds * COST_INV;
  }

  /** Modelled cost of one task on the Jacobian bucket path. */
  private static double jacobianTaskCost(double points, int buckets) {
    return points * COST_ADD_JACOBIAN + buckets * COST_BUCKET_JACOBIAN;
  }

  /** Whether the batch-affine path is modelled cheaper than Jacobian buckets for such a task. */
  static boolean batchAffinePays(double points, int c) {
    int buckets = 1 << (c - 1);
    double rounds = 2 + Math.log(Math.max(1.0, points / buckets)) / Math.log(2);
    return batchAffineTaskCost(points, c, rounds) < jacobianTaskCost(points, buckets);
  }

  /** Signed-digit windows for magnitudes below 2^bits: the top digit absorbs the last carry. */
  static int windows(int bits, int c) {
    return Math.max(1, (bits + 1 + c - 1) / c);
  }

  /**
   * Slices per window: enough to keep a worker's buffer below MAX_SLICE points, and more when that
   * balances the tasks over the threads better (e.g. 3 windows on 2 threads), as the model says.
   */
  static int slices(int n, int windows, int c, int threads) {
    int min = Math.max(1, (n + MAX_SLICE - 1) / MAX_SLICE);
    if (n < PARALLEL_THRESHOLD || threads == 1) {
      return min;
    }
    int best = min;
    double bestCost = sliceCost(n, windows, c, threads, min);
    for (int s = min + 1; s <= min + threads; s++) {
      double cost = sliceCost(n, windows, c, threads, s);
      if (cost < bestCost) {
        bestCost = cost;
        best = s;
      }
    }
    return best;
  }

  private static long[] run(long[] bases, int baseOff, long[] mag, int stride, boolean[] negative, int n, int bits,
      int threads, int window) {
    long[] result = new long[G1.JACOBIAN];
    G1.setInfinity(result, 0);
    if (n == 0 || bits == 0) {
      return result;
    }
    int c = window > 0 ? window : chooseWindow(n, bits, threads);
    int windows = windows(bits, c);
    int[] digits = new int[windows * n];
    parallelOr(threads, n,
        (lo, hi, or) -> SignedDigits.recode(bases, baseOff, mag, stride, negative, n, c, windows, digits, lo, hi));
    long[] negY = new long[n * L];
    parallelOr(threads, n, (lo, hi, or) -> {
      for (int i = lo; i < hi; i++) {
        Fq.neg(negY, i * L, bases, baseOff + i * G1.AFFINE + L);
      }
    });
    int slices = slices(n, windows, c, threads);
    int tasks = windows * slices;
    long[] partial = new long[tasks * G1.JACOBIAN];
    boolean batchAffine = batchAffinePays((double) n / slices, c);
    AtomicInteger next = new AtomicInteger();
    runOn(threads, () -> {
      BucketWorker worker = new BucketWorker(c);
      int task;
      while ((task = next.getAndIncrement()) < tasks) {
        int w = task / slices, sl = task % slices;
        int lo = (int) ((long) n * sl / slices), hi = (int) ((long) n * (sl + 1) / slices);
        if (batchAffine) {
          worker.windowSum(bases, baseOff, negY, digits, w * n, lo, hi, partial, task * G1.JACOBIAN);
        } else {
          worker.windowSumJacobian(bases, baseOff, negY, digits, w * n, lo, hi, partial, task * G1.JACOBIAN);
        }
      }
    });
    // Horner over windows, top first: acc = acc * 2^c + window sum
    long[] s = new long[G1.SCRATCH];
    for (int w = windows - 1; w >= 0; w--) {
      if (w != windows - 1) {
        for (int i = 0; i < c; i++) {
          G1.dbl(result, 0, result, 0, s);
        }
      }
      for (int sl = 0; sl < slices; sl++) {
        G1.add(result, 0, result, 0, partial, (w * slices + sl) * G1.JACOBIAN, s);
      }
    }
    return result;
  }

  /** Work on an index range [lo, hi) that ORs the limbs of what it produced into or[0..4). */
  interface RangeJob {
    void run(int lo, int hi, long[] or);
  }

  /** Runs job over [0, n) in chunks on the threads; returns the bit width of the OR of all chunks. */
  private static int parallelOr(int threads, int n, RangeJob job) {
    int chunks = threads == 1 ? 1 : 4 * threads;
    long[] ors = new long[chunks * L];
    AtomicInteger next = new AtomicInteger();
    runOn(threads, () -> {
      long[] or = new long[L];
      int ch;
      while ((ch = next.getAndIncrement()) < chunks) {
        java.util.Arrays.fill(or, 0L);
        job.run((int) ((long) n * ch / chunks), (int) ((long) n * (ch + 1) / chunks), or);
        System.arraycopy(or, 0, ors, ch * L, L);
      }
    });
    long[] all = new long[L];
    for (int ch = 0; ch < chunks; ch++) {
      for (int i = 0; i < L; i++) {
        all[i] |= ors[ch * L + i];
      }
    }
    return Scalars.bitWidth(all);
  }

  private static void runOn(int threads, Runnable work) {
    if (threads == 1) {
      work.run();
      return;
    }
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      jobs.add(() -> {
        work.run();
        return null;
      });
    }
    try {
      for (Future<Void> f : POOL.invokeAll(jobs)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("MSM interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) {
        throw err; // out of memory in a worker is out of memory, so callers can say what to do
      }
      throw new IllegalStateException("MSM worker failed", e.getCause());
    }
  }
}
