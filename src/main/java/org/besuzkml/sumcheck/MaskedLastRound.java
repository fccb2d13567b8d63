package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.poly.Univariate;

/**
 * A composite instance whose masked factors are replaced by their masked extensions in the last
 * variable (zk-design 4.2): {@code A'(x) = A~(x) + x_k (1 - x_k) s} with {@code s} the factor's
 * mask slot. On the summation domain {@code x_k} is Boolean, so the claim is unchanged and every
 * round but the last is the unmasked one; the last round's polynomial gains degree (a masked factor
 * is quadratic in {@code x_k}), and the stated values are the masked ones,
 * {@code A~(r) + r_k (1 - r_k) s}. Every round reports {@link #degree()} + 1 evaluations (earlier
 * rounds extrapolated) so that {@link ZkSumcheckProver} can read them at one width. Prover side.
 *
 * <p>A factor may carry a multilinear <em>weight</em> {@code W} on its mask,
 * {@code A'(x) = A~(x) + x_k (1 - x_k) s W(x)}: a broadcast input {@code Bcast(X) = X~ D} (D the
 * product of LT factors of the broadcast blocks) is masked as {@code (X~ + x_k (1 - x_k) s) D}, so
 * that its stated value stays {@code X~ + kappa s} whether or not X depends on {@code x_k}. The
 * weight is bound with the tables; in the last round the factor is cubic in {@code x_k} when W
 * depends on it.
 */
public final class MaskedLastRound implements SumcheckInstance {
  private static final int L = Fr.LIMBS;

  private final CompositeInstance inner;
  private final long[][] slots;
  private final long[][] weights;
  private boolean weightsCopied;
  private final int lastDegree;
  private final int degree;
  private final long[] kappa = new long[L];

  /**
   * @param slots per factor its mask value, or null for an unmasked factor (length = the arity)
   * @param lastDegree the last round's degree (the vk's), at least the composition's
   */
  public MaskedLastRound(CompositeInstance inner, long[][] slots, int lastDegree) {
    this(inner, slots, new long[slots.length][], lastDegree);
  }

  /**
   * @param weights per factor the table of {@code 2^k} entries of its mask weight W, or null for
   *     {@code W = 1}; the caller's tables are not modified
   */
  public MaskedLastRound(CompositeInstance inner, long[][] slots, long[][] weights, int lastDegree) {
    if (slots.length != inner.composition().arity() || weights.length != slots.length
        || lastDegree < inner.degree() || inner.numVars() < 1) {
      throw new IllegalArgumentException("one slot (or null) and one weight (or null) per factor, a last degree "
          + ">= the composition's, and at least one variable");
    }
    for (long[] w : weights) {
      if (w != null && w.length < (L << inner.numVars())) {
        throw new IllegalArgumentException("weight table shorter than 2^" + inner.numVars() + " elements");
      }
    }
    this.inner = inner;
    this.slots = slots.clone();
    this.weights = weights.clone();
    this.lastDegree = lastDegree;
    this.degree = Math.max(inner.degree(), lastDegree);
  }

  @Override
  public int numVars() {
    return inner.numVars();
  }

  @Override
  public int degree() {
    return degree;
  }

  @Override
  public long[] claim() {
    return inner.claim();
  }

  @Override
  public long[] roundEvaluations() {
    if (inner.remainingVars() > 1) {
      return extend(inner.roundEvaluations(), inner.degree());
    }
    int a = slots.length;
    long[] ends = new long[2 * a * L];
    inner.lastEntries(ends);
    long[] val = new long[a * L];
    long[] t = new long[L];
    long[] u = new long[L];
    long[] one = new long[L];
    Fr.setOne(one, 0);
    long[] w = new long[L];
    long[] evals = new long[(degree + 1) * L];
    Composition q = inner.composition();
    long[] scratch = new long[q.scratchElements() * L];
    for (int s = 0; s <= degree; s++) {
      Fr.fromLong(t, 0, s);
      for (int j = 0; j < a; j++) {
        // (1 - t) a0 + t a1 = a0 + t (a1 - a0), plus t (1 - t) slot
        Fr.sub(u, 0, ends, (2 * j + 1) * L, ends, 2 * j * L);
        Fr.mul(u, 0, u, 0, t, 0);
        Fr.add(val, j * L, ends, 2 * j * L, u, 0);
        if (slots[j] != null) {
          Fr.sub(u, 0, one, 0, t, 0);
          Fr.mul(u, 0, u, 0, t, 0);
          Fr.mul(u, 0, u, 0, slots[j], 0);
          if (weights[j] != null) {
            weightAt(w, j, t);
            Fr.mul(u, 0, u, 0, w, 0);
          }
          Fr.add(val, j * L, val, j * L, u, 0);
        }
      }
      q.evaluate(evals, s * L, val, 0, scratch);
    }
    return evals;
  }

  /** {@code out = W_j(t) = W_j(0) + t (W_j(1) - W_j(0))}, with one variable left. */
  private void weightAt(long[] out, int j, long[] t) {
    Fr.sub(out, 0, weights[j], L, weights[j], 0);
    Fr.mul(out, 0, out, 0, t, 0);
    Fr.add(out, 0, out, 0, weights[j], 0);
  }

  /** The values at 0..degree of the polynomial given by its values at 0..d. */
  private long[] extend(long[] evals, int d) {
    if (d == degree) {
      return evals;
    }
    long[] coeffs = Univariate.coefficientsFromEvaluations(evals, 0, d + 1);
    long[] out = new long[(degree + 1) * L];
    System.arraycopy(evals, 0, out, 0, (d + 1) * L);
    long[] x = new long[L];
    for (int s = d + 1; s <= degree; s++) {
      Fr.fromLong(x, 0, s);
      Univariate.evaluate(out, s * L, coeffs, 0, d + 1, x, 0);
    }
    return out;
  }

  @Override
  public void bind(long[] r, int rOff) {
    if (inner.remainingVars() == 1) {
      long[] one = new long[L];
      Fr.setOne(one, 0);
      Fr.sub(kappa, 0, one, 0, r, rOff);
      Fr.mul(kappa, 0, kappa, 0, r, rOff);
    }
    int vars = inner.remainingVars();
    for (int j = 0; j < weights.length; j++) {
      if (weights[j] != null) {
        long[] dst = weightsCopied ? weights[j] : new long[L << (vars - 1)];
        Multilinear.fixFirstVariable(dst, 0, weights[j], 0, vars, r, rOff);
        weights[j] = dst;
      }
    }
    weightsCopied = true;
    inner.bind(r, rOff);
  }

  /** The masked factors' values {@code A~(r) + r_k (1 - r_k) s W(r)}; the others unmasked. */
  @Override
  public long[] finalValues() {
    long[] v = inner.finalValues();
    long[] t = new long[L];
    for (int j = 0; j < slots.length; j++) {
      if (slots[j] != null) {
        Fr.mul(t, 0, kappa, 0, slots[j], 0);
        if (weights[j] != null) {
          Fr.mul(t, 0, t, 0, weights[j], 0);
        }
        Fr.add(v, j * L, v, j * L, t, 0);
      }
    }
    return v;
  }

  /** The last round's degree. */
  public int lastDegree() {
    return lastDegree;
  }
}
