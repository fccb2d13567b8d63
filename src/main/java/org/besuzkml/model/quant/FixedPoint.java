package org.besuzkml.model.quant;

/**
 * The fixed-point arithmetic contract with the prover (see docs/fixed-point.md).
 *
 * <p>A value v is held as the integer q with v ~ q / 2^s for the tensor's scale exponent s. Every
 * rounding in the integer model is <b>round half up</b>: {@code floor(x / d + 1/2)}.
 */
public final class FixedPoint {
  private FixedPoint() {}

  /** Activations lie in [-MAX_ACT, MAX_ACT]: 32-bit signed magnitudes, range-checkable in two 16-bit limbs. */
  public static final int ACT_BITS = 32;

  public static final long MAX_ACT = (1L << (ACT_BITS - 1)) - 1;

  /** Largest scale exponent: rescale remainders of one step then fit one 2^16 range table. */
  public static final int MAX_SCALE = 16;

  /** Most entries a lookup table may have. */
  public static final int MAX_TABLE_SIZE = 1 << 16;

  /**
   * Divides by 2^k with round half up: floor((x + 2^(k-1)) / 2^k) for k > 0; multiplies exactly by
   * 2^-k for k < 0. The prover checks x + 2^(k-1) = q * 2^k + r with 0 <= r < 2^k.
   */
  public static long rescale(long x, int k) {
    if (k > 0) {
      if (k >= 63) {
        return 0;
      }
      return Math.addExact(x, 1L << (k - 1)) >> k;
    }
    if (k < 0) {
      if (k <= -63) {
        if (x == 0) {
          return 0;
        }
        throw new ArithmeticException("shift by " + -k + " bits overflows");
      }
      return Math.multiplyExact(x, 1L << -k);
    }
    return x;
  }

  /** Moves a value from scale {@code from} to scale {@code to}. */
  public static long align(long x, int from, int to) {
    return rescale(x, from - to);
  }

  /**
   * Round half up of a / b for a public or witnessed divisor b != 0: floor((2a + b) / (2b)) when b
   * > 0, and -divRound(-a... ) symmetric for b < 0; 0 when b == 0. The prover checks 2a + b = q * 2b
   * + r with 0 <= r < 2b.
   */
  public static long divRound(long a, long b) {
    if (b == 0) {
      return 0;
    }
    if (b < 0) {
      a = Math.negateExact(a);
      b = -b;
    }
    return Math.floorDiv(Math.addExact(Math.multiplyExact(2, a), b), Math.multiplyExact(2, b));
  }

  /** Quantizes v at scale s: floor(v * 2^s + 1/2), saturated to [-MAX_ACT, MAX_ACT] (infinities too). */
  public static long quantize(double v, int s) {
    if (Double.isNaN(v)) {
      return 0;
    }
    double x = Math.floor(Math.scalb(v, s) + 0.5);
    if (x >= MAX_ACT) {
      return MAX_ACT;
    }
    if (x <= -MAX_ACT) {
      return -MAX_ACT;
    }
    return (long) x;
  }

  /** Largest magnitude of a quantized parameter (weights, biases at product scale). */
  public static final long MAX_PARAM = 1L << 62;

  /** Like {@link #quantize} but saturating at {@link #MAX_PARAM}: for weights and biases. */
  public static long quantizeParam(double v, int s) {
    if (Double.isNaN(v)) {
      return 0;
    }
    double x = Math.floor(Math.scalb(v, s) + 0.5);
    if (x >= MAX_PARAM) {
      return MAX_PARAM;
    }
    if (x <= -MAX_PARAM) {
      return -MAX_PARAM;
    }
    return (long) x;
  }

  public static double dequantize(long q, int s) {
    return Math.scalb((double) q, -s);
  }

  /** Throws when an activation leaves the bound: the prover could not range-check it. */
  public static long checkAct(long q) {
    if (q > MAX_ACT || q < -MAX_ACT) {
      throw new ActivationOverflowException(q);
    }
    return q;
  }

  /** An activation that does not fit {@link #ACT_BITS}; calibration treats it as a failed scale. */
  public static final class ActivationOverflowException extends ArithmeticException {
    public ActivationOverflowException(long q) {
      super("activation " + q + " exceeds " + ACT_BITS + "-bit bound");
    }
  }
}
