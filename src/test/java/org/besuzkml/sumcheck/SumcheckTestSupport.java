package org.besuzkml.sumcheck;

import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;

/** Random tables and brute-force references for the sumcheck tests. */
final class SumcheckTestSupport {
  private SumcheckTestSupport() {}

  static final int L = Fr.LIMBS;

  static long[] random(SplittableRandom rnd, int elements) {
    long[] out = new long[elements * L];
    for (int i = 0; i < elements; i++) {
      Fr.random(out, i * L, rnd);
    }
    return out;
  }

  static long[] element(long v) {
    long[] out = new long[L];
    Fr.fromLong(out, 0, v);
    return out;
  }

  static long[] mle(long[] table, int k, long[] point) {
    long[] out = new long[L];
    Multilinear.evaluate(out, 0, table, 0, k, point, 0);
    return out;
  }

  /** sum_x Q(tables(x)) by brute force. */
  static long[] bruteForce(Composition q, int k, long[]... tables) {
    long[] acc = new long[L];
    long[] v = new long[tables.length * L];
    long[] out = new long[L];
    long[] scratch = new long[q.scratchElements() * L];
    for (int x = 0; x < (1 << k); x++) {
      for (int j = 0; j < tables.length; j++) {
        Fr.copy(v, j * L, tables[j], x * L);
      }
      q.evaluate(out, 0, v, 0, scratch);
      Fr.add(acc, 0, acc, 0, out, 0);
    }
    return acc;
  }

  /** P(a, b, c) = a b + 3 c + a: degree 2, not a plain product. */
  static Composition sampleP() {
    long[] three = element(3);
    return new Composition() {
      @Override
      public int arity() {
        return 3;
      }

      @Override
      public int degree() {
        return 2;
      }

      @Override
      public int scratchElements() {
        return 1;
      }

      @Override
      public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] t) {
        Fr.mul(out, outOff, v, vOff, v, vOff + L);
        Fr.mul(t, 0, v, vOff + 2 * L, three, 0);
        Fr.add(out, outOff, out, outOff, t, 0);
        Fr.add(out, outOff, out, outOff, v, vOff);
      }
    };
  }
}
