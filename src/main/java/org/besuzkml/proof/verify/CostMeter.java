package org.besuzkml.proof.verify;

import org.besuzkml.proof.gadget.TensorInfo;

/**
 * The running totals of {@link VerifierCost} (protocol.md 10.1), in saturating arithmetic so that
 * a crafted vk can make them huge but never wrap around below a limit. Each method is one kind of
 * verifier step, priced in Fr multiplications (mul + sqr, including the Montgomery conversions of
 * decoding, challenges and absorption), bytes allocated, WALK elements read and challenges drawn.
 */
final class CostMeter {
  /** Far above every limit, and adding two of them cannot overflow. */
  static final long CAP = Long.MAX_VALUE / 4;
  /** Bytes of one Fr element in a long[] (4 limbs). */
  static final long ELEM = 32;
  /** Bytes of a small per-step array (long[4] and its header), several per multiplication. */
  static final long SMALL = 48;

  long muls;
  long alloc;
  long reads;
  long challengeElements;
  long challenges;

  static long add(long a, long b) {
    long s = a + b;
    return s > CAP || s < 0 ? CAP : s;
  }

  static long mul(long a, long b) {
    if (a <= 0 || b <= 0) {
      return 0;
    }
    return a > CAP / b ? CAP : Math.min(CAP, a * b);
  }

  /** 2^m, capped. */
  static long pow2(int m) {
    return m >= 61 ? CAP : 1L << Math.max(0, m);
  }

  void muls(long n) {
    muls = add(muls, n);
    // every multiplication step allocates about one small array (Fr helpers return fresh ones)
    alloc = add(alloc, mul(n, SMALL));
  }

  void alloc(long bytes) {
    alloc = add(alloc, bytes);
  }

  /** A table of 2^m elements built (eqTable) or folded (Multilinear.evaluate): 2^m mults, 1.5 2^m elements. */
  void table(int m) {
    muls(pow2(m));
    alloc(mul(pow2(m), ELEM * 2));
  }

  /** eq(a, b) over m variables: 2 mults per variable. */
  void eq(int m) {
    muls(2L * m + 1);
  }

  /** sel_T(z) = prod_d LT(z^(d)): at most 2 mults per variable and one per dimension. */
  void sel(TensorInfo t) {
    muls(2L * t.vars() + t.rank() + 1);
  }

  /** n stated elements read from the WALK (decoded once, absorbed once). */
  void read(long n) {
    reads = add(reads, n);
    muls(mul(n, 2));
  }

  /** One squeeze of n elements: about 1.3 candidates each (rejection sampling), 2 allowed. */
  void challenge(long n) {
    challenges = add(challenges, 1);
    challengeElements = add(challengeElements, n);
    muls(add(mul(n, 2), 1));
    alloc(mul(n, ELEM));
  }

  /** A sumcheck of k rounds of degree d (4.1): read d, absorb d, draw 1, Horner d per round. */
  void sumcheck(int k, int d) {
    read(mul(k, d));
    for (int i = 0; i < 2 && k > 0; i++) {
      alloc(mul(k, ELEM * (d + 2)));
    }
    challengesOf(k);
    muls(mul(k, d + 1));
  }

  private void challengesOf(long k) {
    challenges = add(challenges, k);
    challengeElements = add(challengeElements, k);
    muls(mul(k, 2));
  }
}
