package org.besuzkml.pcs;

import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.msm.Msm;
import org.besuzkml.pcs.srs.Srs;

/**
 * The sparse opening mask {@code M} of zk-design.md 2.4: uniform entries on the support {@code T =
 * {0} U {2^i : i < l} U {3 2^i : i <= l - 2}} ({@code |T| = 2l}; {@code T = {0, 1}} for l = 1),
 * zero elsewhere, committed with a degree-2 shadow {@code mu(X) = mu_0 + mu_1 X + mu_2 X^2}:
 * {@code C_M = sum_(j in T) M[j] [tau^j]_1 + sum_c mu_c [beta tau^c]_1}, a {@code 2l + 3}-point
 * MSM. Added to the opened polynomial with a fresh challenge {@code rho_M}, it makes the revealed
 * evaluations uniform on their affine subspace ({@code ZkOpeningMaskRankTest} shows {@code rank
 * Phi|_T = 2l}). Values are given, not drawn: the caller samples them (zk-design.md 7). Prover side.
 */
public final class OpeningMask {
  private static final int L = Fr.LIMBS;
  private final int numVars;
  private final long[] values;
  private final long[] mu;

  /**
   * A mask for {@code numVars} variables from its {@code 2 numVars} entries on {@link #support}
   * (Fr Montgomery, in support order) and its shadow {@code mu} (3 Fr); both copied.
   */
  public OpeningMask(int numVars, long[] values, long[] mu) {
    if (numVars < 1 || numVars > HyperKzgProof.MAX_VARS || values.length != 2 * numVars * L
        || mu.length != Srs.BETA_POWERS * L) {
      throw new IllegalArgumentException("an opening mask for l = " + numVars + " has 2l values and 3 shadow coefficients");
    }
    this.numVars = numVars;
    this.values = values.clone();
    this.mu = mu.clone();
  }

  /** The support T in a fixed order: 0, then 2^i (i < l), then 3 2^i (i <= l - 2). */
  public static int[] support(int numVars) {
    int[] t = new int[2 * numVars];
    int k = 1; // t[0] = 0
    for (int i = 0; i < numVars; i++) {
      t[k++] = 1 << i;
    }
    for (int i = 0; i + 2 <= numVars; i++) {
      t[k++] = 3 << i;
    }
    return t;
  }

  public int numVars() {
    return numVars;
  }

  /** A copy of the shadow's 3 coefficients. */
  public long[] shadow() {
    return mu.clone();
  }

  /** {@code C_M} (affine). */
  public long[] commit(Srs srs) {
    int[] t = support(numVars);
    long[] bases = new long[(t.length + Srs.BETA_POWERS) * G1.AFFINE];
    long[] g1 = srs.g1Powers();
    for (int i = 0; i < t.length; i++) {
      System.arraycopy(g1, t[i] * G1.AFFINE, bases, i * G1.AFFINE, G1.AFFINE);
    }
    System.arraycopy(srs.betaG1(), 0, bases, t.length * G1.AFFINE, Srs.BETA_POWERS * G1.AFFINE);
    long[] scalars = new long[(t.length + Srs.BETA_POWERS) * L];
    System.arraycopy(values, 0, scalars, 0, values.length);
    System.arraycopy(mu, 0, scalars, values.length, mu.length);
    return Msm.msmAffine(bases, 0, scalars, t.length + Srs.BETA_POWERS);
  }

  /** {@code m = M~(point)}: {@code sum_(j in T) M[j] eq(bits(j), point)}, first variable = top bit. */
  public long[] evaluate(long[] point) {
    int[] t = support(numVars);
    long[] out = new long[L], e = new long[L], one = new long[L], f = new long[L];
    Fr.setOne(one, 0);
    for (int i = 0; i < t.length; i++) {
      Fr.copy(e, 0, values, i * L);
      for (int v = 0; v < numVars; v++) { // variable v+1 is index bit numVars-1-v
        if (((t[i] >>> (numVars - 1 - v)) & 1) == 1) {
          Fr.mul(e, 0, e, 0, point, v * L);
        } else {
          Fr.sub(f, 0, one, 0, point, v * L);
          Fr.mul(e, 0, e, 0, f, 0);
        }
      }
      Fr.add(out, 0, out, 0, e, 0);
    }
    return out;
  }

  /** {@code p[j] += scale M[j]} for j in T (p holds 2^l Fr entries). */
  void addTo(long[] p, long[] scale) {
    int[] t = support(numVars);
    long[] tmp = new long[L];
    for (int i = 0; i < t.length; i++) {
      Fr.mul(tmp, 0, values, i * L, scale, 0);
      Fr.add(p, t[i] * L, p, t[i] * L, tmp, 0);
    }
  }

  /** The dense evaluation vector (2^l Fr), for tests. */
  long[] dense() {
    long[] p = new long[(1 << numVars) * L];
    long[] one = new long[L];
    Fr.setOne(one, 0);
    addTo(p, one);
    return p;
  }
}
