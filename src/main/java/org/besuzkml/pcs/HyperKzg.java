package org.besuzkml.pcs;

import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.msm.Msm;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.transcript.Transcript;

/**
 * HyperKZG with a Shplonk opening, prover side (protocol.md 3.2-3.4): commitments to multilinear
 * polynomials given by their evaluation vectors, and one evaluation argument for a random linear
 * combination of many polynomials at one point. The verifier is {@link HyperKzgVerifier}.
 *
 * <p>Polynomials are flat arrays of {@code 2^l} Fr elements in Montgomery form (index order of
 * protocol.md 1.3: the first variable is the most significant index bit). The univariate form
 * {@code U_f(X) = sum_i f[i] X^i} is committed against the monomial powers {@code [tau^i]_1}.
 *
 * <p>The opening absorbs only its own messages; the commitments, the point and the claimed values
 * must already be in the transcript (see {@link HyperKzgVerifier}).
 */
public final class HyperKzg {
  private HyperKzg() {}

  private static final int L = Fr.LIMBS;

  /** A proof and the value it proves: {@code y = sum_k eta^k f_k~(point)}. */
  public record Opening(HyperKzgProof proof, long[] value) {}

  /**
   * {@code C_f = sum_i f[i] [tau^i]_1} (affine, 8 longs) for {@code n} Fr elements (Montgomery) at
   * {@code f[0..4n)}; {@code n <= srs.size()}. Small values (also negative ones, read as {@code v -
   * r}) take the MSM's small-scalar path automatically.
   */
  public static long[] commit(Srs srs, long[] f, int n) {
    checkSize(srs, n);
    return Msm.msmAffine(srs.g1Powers(), 0, f, n);
  }

  /** {@code C_f} for signed 64-bit integer entries (limbs, remainders, bits, multiplicities). */
  public static long[] commitSmall(Srs srs, long[] values, int n) {
    checkSize(srs, n);
    long[] j = Msm.msmSmall(srs.g1Powers(), values, n);
    long[] a = new long[G1.AFFINE];
    G1.toAffine(a, 0, j, 0);
    return a;
  }

  /**
   * Opens one polynomial with {@code numVars} variables at {@code point} (numVars Fr elements),
   * absorbing the proof into the transcript (labels of protocol.md 8, phase 5).
   */
  public static Opening open(Srs srs, long[] poly, long[] point, int numVars, Transcript t) {
    return open(srs, new long[][] {poly}, null, point, numVars, t);
  }

  /**
   * Opens {@code P* = sum_k eta^k P_k} (k from 0) at {@code point}: the batched opening of
   * protocol.md 3.4 step 4, {@code eta} having been drawn by the caller ({@code "open/eta"}). With
   * one polynomial, eta may be null. Then runs 3.3, absorbing everything it sends.
   *
   * @throws IllegalStateException with probability 3/p, when a challenge is degenerate (the
   *     verifier would reject): the caller may retry with a fresh transcript.
   */
  public static Opening open(Srs srs, long[][] polys, long[] eta, long[] point, int numVars, Transcript t) {
    checkOpenArguments(srs, polys, point, numVars);
    if (polys.length > 1 && eta == null) {
      throw new IllegalArgumentException("point, polynomials or eta missing");
    }
    return openCombined(srs, combine(polys, eta, 1 << numVars), null, null, point, numVars, t);
  }

  /**
   * The hiding opening of zk-design.md 2.5 without the opening mask (package access: on its own its
   * evaluations leak; {@link HyperKzgZk} adds the mask). Opens {@code P* = sum_k scalars_k P_k},
   * whose commitment {@code sum_k scalars_k C_k} has the shadow {@code sum_k scalars_k s_k}
   * ({@code shadows[k]}: 1 to 3 Fr coefficients, or null for a public commitment), with fold
   * shadows {@code foldShadows} ({@code l - 1} Fr, uniform, pre-sampled). Sends sigma.
   */
  static Opening openHiding(Srs srs, long[][] polys, long[][] shadows, long[] scalars, long[] point, int numVars,
      long[] foldShadows, Transcript t) {
    long[][] c = combineHiding(srs, polys, shadows, scalars, point, numVars, foldShadows);
    return openCombined(srs, c[0], c[1], foldShadows, point, numVars, t);
  }

  /** {@code {P*, s*}} for {@link #openHiding}, after the argument checks. */
  static long[][] combineHiding(Srs srs, long[][] polys, long[][] shadows, long[] scalars, long[] point, int numVars,
      long[] foldShadows) {
    checkOpenArguments(srs, polys, point, numVars);
    int n = 1 << numVars;
    if (!srs.hasBeta()) {
      throw new IllegalArgumentException("a zero-knowledge opening needs an SRS with beta points");
    }
    if (shadows == null || scalars == null || foldShadows == null || shadows.length != polys.length
        || scalars.length < polys.length * L || foldShadows.length < (numVars - 1) * L) {
      throw new IllegalArgumentException("shadows, scalars or fold shadows missing");
    }
    long[] pStar = new long[n * L];
    long[] shadow = new long[Srs.BETA_POWERS * L];
    long[] tmp = new long[L];
    for (int k = 0; k < polys.length; k++) {
      long[] p = polys[k];
      for (int j = 0; j < n; j++) {
        Fr.mul(tmp, 0, p, j * L, scalars, k * L);
        Fr.add(pStar, j * L, pStar, j * L, tmp, 0);
      }
      long[] sk = shadows[k];
      if (sk != null) {
        if (sk.length > shadow.length || sk.length % L != 0) {
          throw new IllegalArgumentException("shadow " + k + " has more than 3 coefficients");
        }
        for (int c = 0; c < sk.length / L; c++) {
          Fr.mul(tmp, 0, sk, c * L, scalars, k * L);
          Fr.add(shadow, c * L, shadow, c * L, tmp, 0);
        }
      }
    }
    return new long[][] {pStar, shadow};
  }

  /** The hiding opening of an already combined polynomial and shadow (package access). */
  static Opening openHidingCombined(Srs srs, long[] pStar, long[] shadow, long[] foldShadows, long[] point,
      int numVars, Transcript t) {
    return openCombined(srs, pStar, shadow, foldShadows, point, numVars, t);
  }

  private static void checkOpenArguments(Srs srs, long[][] polys, long[] point, int numVars) {
    if (numVars < 1 || numVars > Math.min(srs.logSize(), HyperKzgProof.MAX_VARS)) {
      throw new IllegalArgumentException("numVars " + numVars + " outside 1.." + srs.logSize());
    }
    int n = 1 << numVars;
    if (point.length < numVars * L || polys.length == 0) {
      throw new IllegalArgumentException("point, polynomials or eta missing");
    }
    for (long[] p : polys) {
      if (p.length < n * L) {
        throw new IllegalArgumentException("polynomial shorter than 2^" + numVars);
      }
    }
  }

  /**
   * protocol.md 3.3 on the combined polynomial {@code pStar}. With {@code shadow} (3 Fr: the
   * combined commitment's {@code beta}-part {@code s*(X)}, degree <= 2) it is the hiding variant of
   * zk-design.md 2.5: folds get the constant shadows {@code foldShadows}, {@code W_1} and {@code
   * W_2} the linear shadows {@code h_b} and {@code L_b/(X - z)}, and {@code sigma = sum_k g_k
   * beta_B(w_k)} is sent before {@code W_2}. Without it, exactly version 1.
   */
  private static Opening openCombined(Srs srs, long[] pStar, long[] shadow, long[] foldShadows, long[] point,
      int numVars, Transcript t) {
    int n = 1 << numVars;
    boolean zk = shadow != null;
    long[] betaBases = zk ? srs.betaG1() : null;
    long[][] folds = fold(pStar, point, numVars);
    long[] y = java.util.Arrays.copyOf(folds[numVars], L);

    // F_1 .. F_(l-1)
    long[] foldPoints = new long[(numVars - 1) * G1.AFFINE];
    for (int i = 1; i < numVars; i++) {
      long[] c = zk
          ? withShadow(Msm.msm(srs.g1Powers(), 0, folds[i], n >> i), betaBases, foldShadows, (i - 1) * L, 1)
          : Msm.msmAffine(srs.g1Powers(), 0, folds[i], n >> i);
      System.arraycopy(c, 0, foldPoints, (i - 1) * G1.AFFINE, G1.AFFINE);
      t.absorbG1("hkzg/folds", G1.encode(c, 0));
    }
    long[] r = t.challengeFr("hkzg/r");
    if (HyperKzgVerifier.degenerateR(r)) {
      throw new IllegalStateException("degenerate challenge r");
    }
    long[] negR = new long[L], r2 = new long[L];
    Fr.neg(negR, 0, r, 0);
    Fr.sqr(r2, 0, r, 0);

    // a_i, b_i, c_i
    long[] evals = new long[3 * numVars * L];
    for (int i = 0; i < numVars; i++) {
      evaluateAtPlusMinusAndSquare(folds[i], n >> i, r, r2, evals, 3 * i * L);
    }
    t.absorbFrs("hkzg/evals", evals, 0, 3 * numVars);
    long[] q = t.challengeFr("hkzg/q");
    long[] d = t.challengeFr("hkzg/d");

    // B = sum_i q^i P_i and B_k = B(w_k)
    long[] b = folds[0].clone();
    long[] qi = new long[L], tmp = new long[L];
    Fr.setOne(qi, 0);
    long[] shadowB = zk ? shadow.clone() : null; // beta_B = s* + sum_(i>=1) q^i rho_(F_i), 3 coefficients
    for (int i = 1; i < numVars; i++) {
      Fr.mul(qi, 0, qi, 0, q, 0);
      long[] p = folds[i];
      for (int j = 0; j < (n >> i); j++) {
        Fr.mul(tmp, 0, p, j * L, qi, 0);
        Fr.add(b, j * L, b, j * L, tmp, 0);
      }
      if (zk) {
        Fr.mul(tmp, 0, foldShadows, (i - 1) * L, qi, 0);
        Fr.add(shadowB, 0, shadowB, 0, tmp, 0);
      }
    }
    long[] w = new long[3 * L];
    Fr.copy(w, 0, r, 0);
    Fr.copy(w, L, negR, 0);
    Fr.copy(w, 2 * L, r2, 0);

    // h(X) = sum_k d^k (B(X) - B(w_k)) / (X - w_k), degree < n - 1
    long[] h = new long[(n - 1) * L];
    long[] quot = new long[(n - 1) * L];
    long[] dk = new long[L];
    Fr.setOne(dk, 0);
    long[] bw = new long[3 * L];
    for (int k = 0; k < 3; k++) {
      divideByLinear(b, n, w, k * L, quot, bw, k * L);
      for (int j = 0; j < n - 1; j++) {
        if (k > 0) {
          Fr.mul(tmp, 0, quot, j * L, dk, 0);
          Fr.add(h, j * L, h, j * L, tmp, 0);
        } else {
          Fr.copy(h, j * L, quot, j * L);
        }
      }
      Fr.mul(dk, 0, dk, 0, d, 0);
    }
    long[] hb = zk ? Shadows.witnessShadow(shadowB, w, d) : null; // h_b, 2 coefficients
    long[] w1 = zk
        ? withShadow(Msm.msm(srs.g1Powers(), 0, h, n - 1), betaBases, hb, 0, 2)
        : Msm.msmAffine(srs.g1Powers(), 0, h, n - 1);
    t.absorbG1("hkzg/w1", G1.encode(w1, 0));
    long[] z = t.challengeFr("hkzg/z");

    // L(X) = sum_k g_k (B(X) - B_k) - Z(z) h(X); W_2 = [L(X) / (X - z)]
    long[] g = new long[3 * L], zz = new long[L];
    if (!HyperKzgVerifier.shplonkScalars(w, d, z, g, zz)) {
      throw new IllegalStateException("degenerate challenge z");
    }
    long[] gSum = new long[L], gb = new long[L];
    for (int k = 0; k < 3; k++) {
      Fr.add(gSum, 0, gSum, 0, g, k * L);
      Fr.mul(tmp, 0, g, k * L, bw, k * L);
      Fr.add(gb, 0, gb, 0, tmp, 0);
    }
    long[] sigma = null, lbQuot = null;
    if (zk) {
      sigma = Shadows.sigma(shadowB, w, g);
      lbQuot = Shadows.finalShadow(shadowB, hb, sigma, gSum, zz, z);
      t.absorbFrs("zk/sigma", sigma, 0, 1);
    }
    long[] lPoly = new long[n * L];
    for (int j = 0; j < n; j++) {
      Fr.mul(lPoly, j * L, b, j * L, gSum, 0);
      if (j < n - 1) {
        Fr.mul(tmp, 0, h, j * L, zz, 0);
        Fr.sub(lPoly, j * L, lPoly, j * L, tmp, 0);
      }
    }
    Fr.sub(lPoly, 0, lPoly, 0, gb, 0);
    long[] rem = new long[3 * L];
    divideByLinear(lPoly, n, z, 0, quot, rem, 0);
    long[] w2 = zk
        ? withShadow(Msm.msm(srs.g1Powers(), 0, quot, n - 1), betaBases, lbQuot, 0, 2)
        : Msm.msmAffine(srs.g1Powers(), 0, quot, n - 1);
    t.absorbG1("hkzg/w2", G1.encode(w2, 0));
    return new Opening(new HyperKzgProof(numVars, foldPoints, evals, w1, sigma, w2), y);
  }

  /**
   * A hiding commitment {@code HCom(f; s) = sum_i f[i] [tau^i]_1 + sum_c s_c [beta tau^c]_1}
   * (zk-design.md 2.1): {@code n} Fr entries (Montgomery) of f and the shadow's coefficients
   * {@code shadow} (1 to 3 Fr; one for the ordinary constant shadow). Needs an SRS with beta.
   */
  public static long[] commitHiding(Srs srs, long[] f, int n, long[] shadow) {
    checkSize(srs, n);
    checkShadow(shadow);
    return withShadow(Msm.msm(srs.g1Powers(), 0, f, n), srs.betaG1(), shadow, 0, shadow.length / L);
  }

  /** {@link #commitHiding} for signed 64-bit integer entries (small-scalar MSM), constant shadow {@code rho}. */
  public static long[] commitSmallHiding(Srs srs, long[] values, int n, long[] rho) {
    checkSize(srs, n);
    checkShadow(rho);
    return withShadow(Msm.msmSmall(srs.g1Powers(), values, n), srs.betaG1(), rho, 0, 1);
  }

  private static void checkShadow(long[] shadow) {
    if (shadow == null || shadow.length == 0 || shadow.length > Srs.BETA_POWERS * L || shadow.length % L != 0) {
      throw new IllegalArgumentException("a shadow has 1 to 3 Fr coefficients");
    }
  }

  /** Affine {@code jac + sum_(c < count) coeffs[o + 4c] [beta tau^c]_1}. */
  static long[] withShadow(long[] jac, long[] betaBases, long[] coeffs, int o, int count) {
    long[] scalars = java.util.Arrays.copyOfRange(coeffs, o, o + count * L);
    long[] blind = Msm.msm(betaBases, 0, scalars, count);
    long[] sum = new long[G1.JACOBIAN];
    G1.add(sum, 0, jac, 0, blind, 0);
    long[] a = new long[G1.AFFINE];
    G1.toAffine(a, 0, sum, 0);
    return a;
  }

  /** {@code sum_k eta^k P_k} over the first n entries (the single polynomial itself, copied, if K = 1). */
  static long[] combine(long[][] polys, long[] eta, int n) {
    long[] acc = java.util.Arrays.copyOf(polys[polys.length - 1], n * L);
    for (int k = polys.length - 2; k >= 0; k--) { // Horner in eta
      long[] p = polys[k];
      for (int j = 0; j < n; j++) {
        Fr.mul(acc, j * L, acc, j * L, eta, 0);
        Fr.add(acc, j * L, acc, j * L, p, j * L);
      }
    }
    return acc;
  }

  /**
   * P_0 = p and {@code P_(i+1)[j] = P_i[2j] + u_(l-i) (P_i[2j+1] - P_i[2j])}: each fold binds the
   * last remaining variable (the least significant index bit). Returns P_0 .. P_l, P_l = (y).
   */
  static long[][] fold(long[] p, long[] point, int numVars) {
    long[][] out = new long[numVars + 1][];
    out[0] = p;
    long[] diff = new long[L];
    for (int i = 0; i < numVars; i++) {
      int m = (p.length / L) >> 1;
      long[] next = new long[m * L];
      int u = (numVars - 1 - i) * L;
      for (int j = 0; j < m; j++) {
        Fr.sub(diff, 0, p, (2 * j + 1) * L, p, 2 * j * L);
        Fr.mul(diff, 0, diff, 0, point, u);
        Fr.add(next, j * L, p, 2 * j * L, diff, 0);
      }
      out[i + 1] = next;
      p = next;
    }
    return out;
  }

  /**
   * Writes P(r), P(-r), P(r^2) at out[o..o+12) for the m coefficients of P: P(+-r) = E(r^2) +- r
   * O(r^2) from the even and odd halves, so two Horner passes instead of three.
   */
  static void evaluateAtPlusMinusAndSquare(long[] p, int m, long[] r, long[] r2, long[] out, int o) {
    long[] e = new long[L], od = new long[L], full = new long[L];
    for (int j = m - 1; j >= 0; j--) {
      Fr.mul(full, 0, full, 0, r2, 0);
      Fr.add(full, 0, full, 0, p, j * L);
      if ((j & 1) == 0) {
        Fr.mul(e, 0, e, 0, r2, 0);
        Fr.add(e, 0, e, 0, p, j * L);
      } else {
        Fr.mul(od, 0, od, 0, r2, 0);
        Fr.add(od, 0, od, 0, p, j * L);
      }
    }
    Fr.mul(od, 0, od, 0, r, 0);
    Fr.add(out, o, e, 0, od, 0);
    Fr.sub(out, o + L, e, 0, od, 0);
    Fr.copy(out, o + 2 * L, full, 0);
  }

  /**
   * Synthetic division of the n coefficients of p by {@code (X - x)}: quotient (n - 1
   * coefficients) into quot, {@code p(x)} into value[vo..]. {@code q_(n-2) = p_(n-1)}, {@code
   * q_(j-1) = p_j + x q_j}, {@code p(x) = p_0 + x q_0}.
   */
  static void divideByLinear(long[] p, int n, long[] x, int xo, long[] quot, long[] value, int vo) {
    long[] acc = new long[L];
    for (int j = n - 1; j >= 1; j--) {
      Fr.mul(acc, 0, acc, 0, x, xo);
      Fr.add(acc, 0, acc, 0, p, j * L);
      Fr.copy(quot, (j - 1) * L, acc, 0);
    }
    Fr.mul(acc, 0, acc, 0, x, xo);
    Fr.add(value, vo, acc, 0, p, 0);
  }

  private static void checkSize(Srs srs, int n) {
    if (n < 0 || n > srs.size()) {
      throw new IllegalArgumentException("commitment of " + n + " entries needs an SRS of at least that size; this one has "
          + srs.size());
    }
  }
}
