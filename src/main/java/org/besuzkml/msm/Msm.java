package org.besuzkml.msm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;

/**
 * Multi-scalar multiplication {@code sum_i k_i * P_i} over BN254 G1 (Pippenger's bucket method with
 * signed digits, batch-affine bucket accumulation, multi-threaded). See the package documentation
 * for the algorithm and its cost model.
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
  private static final int MAX_WINDOW = 16;

  /** Cost model, in field multiplications: one batch-affine bucket addition. */
  static final double COST_ADD = 6.5;
  /** One bucket of the running-sum reduction (a mixed and a full Jacobian addition). */
  static final double COST_BUCKET = 27;
  /** One field inversion (one per accumulation round). */
  static final double COST_INV = 380;

  private static final ForkJoinPool POOL = new ForkJoinPool(THREADS);

  /** {@code (r - 1) / 2}: Fr scalars above it are treated as negative, {@code k - r}. */
  private static final long[] HALF_R = Fr.limbsOf(Fr.MODULUS.shiftRight(1));
  private static final long[] R = Fr.limbsOf(Fr.MODULUS);
  private static final long[] ONE_CANONICAL = {1, 0, 0, 0};

  /**
   * {@code sum_{i<n} k_i * P_i} for Fr scalars k_i in Montgomery form (4 limbs each at
   * scalars[4i..]) and affine bases P_i at bases[8 * (baseOffsetPoints + i)..]. Scalars are read
   * as signed values in {@code (-r/2, r/2)}, so the cost follows the largest magnitude: small
   * (possibly negative) scalars stored as Fr elements take the fast path automatically.
   */
  public static long[] msm(long[] basesAffine, int baseOffsetPoints, long[] scalarsMontgomeryFr, int n) {
    return msm(basesAffine, baseOffsetPoints, scalarsMontgomeryFr, n, THREADS);
  }

  /** {@link #msm} on a given number of threads. */
  static long[] msm(long[] basesAffine, int baseOffsetPoints, long[] scalarsMontgomeryFr, int n, int threads) {
    long[] mag = new long[n * L];
    boolean[] negative = new boolean[n];
    int bits = toSignedMagnitudes(scalarsMontgomeryFr, n, mag, negative);
    return run(basesAffine, baseOffsetPoints * G1.AFFINE, mag, L, negative, n, bits, threads);
  }

  /**
   * {@code sum_{i<n} s_i * P_i} for signed 64-bit scalars (e.g. quantized activations). The cost
   * follows the bit width of the largest |s_i|, so 16-bit activations cost about 1/16 of full
   * scalars. Bases start at point 0 of basesAffine.
   */
  public static long[] msmSmall(long[] basesAffine, long[] signedScalars, int n) {
    return msmSmall(basesAffine, signedScalars, n, THREADS);
  }

  /** {@link #msmSmall} on a given number of threads (tests use it to force point slicing). */
  static long[] msmSmall(long[] basesAffine, long[] signedScalars, int n, int threads) {
    long[] mag = new long[n];
    boolean[] negative = new boolean[n];
    long or = 0;
    for (int i = 0; i < n; i++) {
      long v = signedScalars[i];
      negative[i] = v < 0;
      mag[i] = v < 0 ? -v : v; // -Long.MIN_VALUE = 2^63 read unsigned, which is right
      or |= mag[i];
    }
    return run(basesAffine, 0, mag, 1, negative, n, 64 - Long.numberOfLeadingZeros(or), threads);
  }

  /** Affine form of {@link #msm}. */
  public static long[] msmAffine(long[] basesAffine, int baseOffsetPoints, long[] scalarsMontgomeryFr, int n) {
    long[] j = msm(basesAffine, baseOffsetPoints, scalarsMontgomeryFr, n);
    long[] a = new long[G1.AFFINE];
    G1.toAffine(a, 0, j, 0);
    return a;
  }

  /**
   * Writes |k_i| (canonical limbs) and the sign of every scalar, reading k in (-r/2, r/2); returns
   * the bit width of the largest magnitude.
   */
  private static int toSignedMagnitudes(long[] scalars, int n, long[] mag, boolean[] negative) {
    long or0 = 0, or1 = 0, or2 = 0, or3 = 0;
    for (int i = 0; i < n; i++) {
      int o = i * L;
      Fr.mul(mag, o, scalars, o, ONE_CANONICAL, 0); // leave Montgomery form
      if (greaterThan(mag, o, HALF_R)) {
        negative[i] = true;
        subFromR(mag, o);
      }
      or0 |= mag[o];
      or1 |= mag[o + 1];
      or2 |= mag[o + 2];
      or3 |= mag[o + 3];
    }
    if (or3 != 0) {
      return 192 + 64 - Long.numberOfLeadingZeros(or3);
    } else if (or2 != 0) {
      return 128 + 64 - Long.numberOfLeadingZeros(or2);
    } else if (or1 != 0) {
      return 64 + 64 - Long.numberOfLeadingZeros(or1);
    }
    return 64 - Long.numberOfLeadingZeros(or0);
  }

  private static boolean greaterThan(long[] a, int ao, long[] b) {
    for (int i = L - 1; i >= 0; i--) {
      int c = Long.compareUnsigned(a[ao + i], b[i]);
      if (c != 0) {
        return c > 0;
      }
    }
    return false;
  }

  /** a := r - a for canonical 0 < a < r. */
  private static void subFromR(long[] a, int ao) {
    long borrow = 0;
    for (int i = 0; i < L; i++) {
      long x = R[i], y = a[ao + i];
      long d = x - y - borrow;
      borrow = (Long.compareUnsigned(x, y) < 0 || (x == y && borrow != 0)) ? 1 : 0;
      a[ao + i] = d;
    }
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

  static double modelCost(int n, int bits, int c, int threads) {
    int windows = windows(bits, c);
    int slices = slices(windows, threads, n);
    int tasks = windows * slices;
    int buckets = 1 << (c - 1);
    double perSlice = (double) n / slices;
    double rounds = 2 + Math.log(Math.max(1.0, perSlice / buckets)) / Math.log(2);
    double taskCost = perSlice * COST_ADD + buckets * COST_BUCKET + rounds * COST_INV;
    int waves = (tasks + threads - 1) / threads;
    return waves * taskCost;
  }

  /** Signed-digit windows for magnitudes below 2^bits: the top digit absorbs the last carry. */
  static int windows(int bits, int c) {
    return Math.max(1, (bits + 1 + c - 1) / c);
  }

  private static int slices(int windows, int threads, int n) {
    if (n < PARALLEL_THRESHOLD || windows >= threads) {
      return 1;
    }
    return (threads + windows - 1) / windows;
  }

  private static long[] run(long[] bases, int baseOff, long[] mag, int stride, boolean[] negative, int n, int bits,
      int maxThreads) {
    long[] result = new long[G1.JACOBIAN];
    G1.setInfinity(result, 0);
    if (n == 0 || bits == 0) {
      return result;
    }
    int threads = n < PARALLEL_THRESHOLD ? 1 : maxThreads;
    int c = chooseWindow(n, bits, threads);
    int windows = windows(bits, c);
    int[] digits = SignedDigits.recode(bases, baseOff, mag, stride, negative, n, c, windows);
    int slices = slices(windows, threads, n);
    int tasks = windows * slices;
    long[] partial = new long[tasks * G1.JACOBIAN];
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      BucketWorker worker = new BucketWorker(c);
      int task;
      while ((task = next.getAndIncrement()) < tasks) {
        int w = task / slices, sl = task % slices;
        int lo = (int) ((long) n * sl / slices), hi = (int) ((long) n * (sl + 1) / slices);
        worker.windowSum(bases, baseOff, digits, w * n, lo, hi, partial, task * G1.JACOBIAN);
      }
    };
    runOn(threads, work);
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
      throw new IllegalStateException("MSM worker failed", e.getCause());
    }
  }
}
