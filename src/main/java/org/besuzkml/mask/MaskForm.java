package org.besuzkml.mask;

import java.util.Arrays;
import org.besuzkml.field.Fr;

/**
 * A sparse linear form {@code sum_j c_j Lambda[i_j]} over the mask column, with verifier-known
 * coefficients: the hidden offset of a masked claim (zk-design 4.2, {@code omega}) or the left side
 * of a Lambda-claim (4.5). An index may occur more than once; the form is the sum of its terms.
 * Mutable and growing, like a builder; {@link #copy} before sharing.
 */
public final class MaskForm {
  private static final int L = Fr.LIMBS;

  private int[] index;
  private long[] coeff;
  private int terms;

  public MaskForm() {
    this(4);
  }

  private MaskForm(int capacity) {
    index = new int[capacity];
    coeff = new long[capacity * L];
  }

  /** The form {@code c Lambda[i]}. */
  public static MaskForm single(int i, long[] c, int cOff) {
    MaskForm f = new MaskForm(1);
    f.add(i, c, cOff);
    return f;
  }

  /** Adds the term {@code c Lambda[i]}. */
  public MaskForm add(int i, long[] c, int cOff) {
    if (terms == index.length) {
      int cap = Math.max(4, terms * 2);
      index = Arrays.copyOf(index, cap);
      coeff = Arrays.copyOf(coeff, cap * L);
    }
    index[terms] = i;
    Fr.copy(coeff, terms * L, c, cOff);
    terms++;
    return this;
  }

  /** Adds {@code s} times every term of {@code other}. */
  public MaskForm addScaled(MaskForm other, long[] s, int sOff) {
    long[] t = new long[L];
    int n = other.terms;
    for (int j = 0; j < n; j++) {
      Fr.mul(t, 0, other.coeff, j * L, s, sOff);
      add(other.index[j], t, 0);
    }
    return this;
  }

  /** Multiplies every coefficient by {@code s}. */
  public MaskForm scale(long[] s, int sOff) {
    for (int j = 0; j < terms; j++) {
      Fr.mul(coeff, j * L, coeff, j * L, s, sOff);
    }
    return this;
  }

  public MaskForm copy() {
    MaskForm f = new MaskForm(Math.max(1, terms));
    f.addScaled(this, one(), 0);
    return f;
  }

  /** Number of terms (with repeats). */
  public int terms() {
    return terms;
  }

  public int index(int j) {
    return index[j];
  }

  /** Copies term j's coefficient to out at outOff. */
  public void coefficient(int j, long[] out, int outOff) {
    Fr.copy(out, outOff, coeff, j * L);
  }

  /**
   * {@code <form, lambda>} for the flat column {@code lambda} (prover side and tests); an index
   * outside the column counts as zero.
   */
  public long[] evaluate(long[] lambda) {
    long[] out = new long[L];
    long[] t = new long[L];
    int n = lambda.length / L;
    for (int j = 0; j < terms; j++) {
      if (index[j] >= 0 && index[j] < n) {
        Fr.mul(t, 0, coeff, j * L, lambda, index[j] * L);
        Fr.add(out, 0, out, 0, t, 0);
      }
    }
    return out;
  }

  private static long[] one() {
    long[] o = new long[L];
    Fr.setOne(o, 0);
    return o;
  }
}
