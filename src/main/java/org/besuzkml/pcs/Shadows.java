package org.besuzkml.pcs;

import org.besuzkml.field.Fr;

/**
 * The {@code beta}-parts of the hiding opening's Shplonk witnesses (zk-design.md 2.5), for the
 * shadow {@code beta_B(X) = b_0 + b_1 X + b_2 X^2} of {@code B = sum_i q^i P_i}. Every shadow
 * combines with its polynomial linearly, so each witness's shadow is the same formula applied to
 * {@code beta_B}: {@code h_b = sum_k d^k (beta_B(X) - beta_B(w_k))/(X - w_k)} (linear),
 * {@code sigma = sum_k g_k beta_B(w_k)}, and {@code L_b/(X - z)} (linear) with {@code L_b = sum_k
 * g_k (beta_B - beta_B(w_k)) - Z(z) h_b}, which vanishes at z because {@code g_k = d^k Z(z)/(z -
 * w_k)}. Prover side.
 */
final class Shadows {
  private Shadows() {}

  private static final int L = Fr.LIMBS;

  /**
   * {@code h_b = (h_0, h_1)}: since {@code (beta_B(X) - beta_B(w))/(X - w) = b_1 + b_2 (X + w)},
   * {@code h_0 = sum_k d^k (b_1 + b_2 w_k)} and {@code h_1 = b_2 sum_k d^k}.
   */
  static long[] witnessShadow(long[] shadowB, long[] w, long[] d) {
    long[] out = new long[2 * L];
    long[] dk = new long[L], dSum = new long[L], t = new long[L];
    Fr.setOne(dk, 0);
    for (int k = 0; k < 3; k++) {
      Fr.mul(t, 0, shadowB, 2 * L, w, k * L);
      Fr.add(t, 0, t, 0, shadowB, L);
      Fr.mul(t, 0, t, 0, dk, 0);
      Fr.add(out, 0, out, 0, t, 0);
      Fr.add(dSum, 0, dSum, 0, dk, 0);
      Fr.mul(dk, 0, dk, 0, d, 0);
    }
    Fr.mul(out, L, shadowB, 2 * L, dSum, 0);
    return out;
  }

  /** {@code sigma = sum_k g_k beta_B(w_k)}. */
  static long[] sigma(long[] shadowB, long[] w, long[] g) {
    long[] sigma = new long[L], v = new long[L];
    for (int k = 0; k < 3; k++) {
      // beta_B(w_k) by Horner
      Fr.mul(v, 0, shadowB, 2 * L, w, k * L);
      Fr.add(v, 0, v, 0, shadowB, L);
      Fr.mul(v, 0, v, 0, w, k * L);
      Fr.add(v, 0, v, 0, shadowB, 0);
      Fr.mul(v, 0, v, 0, g, k * L);
      Fr.add(sigma, 0, sigma, 0, v, 0);
    }
    return sigma;
  }

  /**
   * The two coefficients of {@code L_b/(X - z)}, with {@code L_b = gSum beta_B(X) - sigma - Z(z)
   * h_b(X)} (degree 2).
   *
   * @throws IllegalStateException if {@code L_b(z) != 0} (cannot happen for consistent inputs)
   */
  static long[] finalShadow(long[] shadowB, long[] hb, long[] sigma, long[] gSum, long[] zz, long[] z) {
    long[] l0 = new long[L], l1 = new long[L], l2 = new long[L], t = new long[L];
    Fr.mul(l0, 0, gSum, 0, shadowB, 0);
    Fr.sub(l0, 0, l0, 0, sigma, 0);
    Fr.mul(t, 0, zz, 0, hb, 0);
    Fr.sub(l0, 0, l0, 0, t, 0);
    Fr.mul(l1, 0, gSum, 0, shadowB, L);
    Fr.mul(t, 0, zz, 0, hb, L);
    Fr.sub(l1, 0, l1, 0, t, 0);
    Fr.mul(l2, 0, gSum, 0, shadowB, 2 * L);
    long[] out = new long[2 * L];
    Fr.copy(out, L, l2, 0); // q_1 = l_2
    Fr.mul(t, 0, z, 0, l2, 0);
    Fr.add(out, 0, l1, 0, t, 0); // q_0 = l_1 + z q_1
    Fr.mul(t, 0, z, 0, out, 0);
    Fr.add(t, 0, t, 0, l0, 0); // remainder l_0 + z q_0
    if (!Fr.isZero(t, 0)) {
      throw new IllegalStateException("blinding shadow of W_2 does not vanish at z");
    }
    return out;
  }
}
