package org.besuzkml.proof.gadget;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * Field helpers shared by the gadget provers and verifiers: validity masks {@code sel_T(z)}
 * (1.3), restriction of an output point to a broadcast input, stated values (section 8
 * {@code STATE}), signed integer constants in Fr.
 */
public final class WalkMath {
  private WalkMath() {}

  static final int L = Fr.LIMBS;
  /** Label of stated values. */
  public static final String VALS = "walk/vals";
  /** Label of a gadget's fresh point. */
  public static final String FRESH = "walk/z";

  /** sel_T(z) = prod_d LT_{n_d}(z^(d)), O(vars). */
  public static long[] sel(TensorInfo t, long[] z) {
    long[] acc = one();
    long[] lt = new long[L];
    int off = 0;
    for (int d = 0; d < t.rank(); d++) {
      int m = TensorInfo.log2Ceil(t.dim(d));
      Multilinear.lessThanEvaluate(lt, 0, z, off * L, m, t.dim(d));
      Fr.mul(acc, 0, acc, 0, lt, 0);
      off += m;
    }
    return acc;
  }

  public static long[] one() {
    long[] r = new long[L];
    Fr.setOne(r, 0);
    return r;
  }

  public static long[] fr(long v) {
    long[] r = new long[L];
    Fr.fromLong(r, 0, v);
    return r;
  }

  /**
   * The point of a broadcast input x (same rank as y, size-1 dims where y broadcasts) from a point
   * z of y: the blocks of broadcast dimensions are dropped. {@code factor[0]} receives the product of
   * {@code LT_{n_d}} over the dropped blocks (6.3).
   */
  public static long[] restrict(TensorInfo y, TensorInfo x, long[] z, long[] factor) {
    long[] out = new long[x.vars() * L];
    Fr.setOne(factor, 0);
    long[] lt = new long[L];
    int yo = 0;
    int xo = 0;
    for (int d = 0; d < y.rank(); d++) {
      int m = TensorInfo.log2Ceil(y.dim(d));
      if (x.dim(d) == y.dim(d)) {
        System.arraycopy(z, yo * L, out, xo * L, m * L);
        xo += m;
      } else {
        Multilinear.lessThanEvaluate(lt, 0, z, yo * L, m, y.dim(d));
        Fr.mul(factor, 0, factor, 0, lt, 0);
      }
      yo += m;
    }
    return out;
  }

  /** Prover: states values (one record) and returns them. */
  public static void state(long[] vals, int count, ProofSink out, Transcript t) {
    out.append(vals, 0, count);
    t.absorbFrs(VALS, vals, 0, count);
  }

  /** Verifier: reads count stated values (one record), or null when the proof is short. */
  public static long[] read(int count, FieldReader in, Transcript t) {
    long[] v = in.read(count);
    if (v == null) {
      return null;
    }
    t.absorbFrs(VALS, v, 0, count);
    return v;
  }

  /** Element i of a flat vector. */
  public static long[] at(long[] v, int i) {
    long[] r = new long[L];
    Fr.copy(r, 0, v, i * L);
    return r;
  }

  /** Prover: the MLE of a padded table at a point. */
  public static long[] evaluate(long[] table, int vars, long[] point) {
    long[] r = new long[L];
    Multilinear.evaluate(r, 0, table, 0, vars, point, 0);
    return r;
  }
}
