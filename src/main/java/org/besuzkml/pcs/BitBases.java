package org.besuzkml.pcs;

import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.msm.Msm;
import org.besuzkml.pcs.srs.Srs;

/**
 * The n + 1 points that commit any affine function on {@code {0,1}^n} (zk-design 6.2):
 * {@code B_0 = sum_{j < 2^n} [tau^j]_1} (the all-ones table) and {@code B_t = sum_{j : bit n-t of j is 1}
 * [tau^j]_1} (variable t, MSB first). The table {@code h(x) = a_0 + sum_t a_t x_t} then commits as
 * {@code a_0 B_0 + sum_t a_t B_t}: an MSM of n + 1 points instead of 2^n. The points depend only on
 * the SRS and n; the prover computes them once (about {@code n 2^(n-1)} additions). Prover side.
 */
public final class BitBases {
  private BitBases() {}

  private static final int L = Fr.LIMBS;

  /** B_0..B_n, affine, flat. */
  public static long[] compute(Srs srs, int n) {
    if (n < 0 || n > srs.logSize()) {
      throw new IllegalArgumentException("the SRS has no 2^" + n + " powers");
    }
    long[] g1 = srs.g1Powers();
    int size = 1 << n;
    long[] jac = new long[(n + 1) * G1.JACOBIAN];
    long[] s = new long[G1.SCRATCH];
    for (int b = 0; b <= n; b++) {
      G1.setInfinity(jac, b * G1.JACOBIAN);
    }
    for (int j = 0; j < size; j++) {
      G1.addMixed(jac, 0, jac, 0, g1, j * G1.AFFINE, s);
      for (int t = 1; t <= n; t++) {
        if (((j >>> (n - t)) & 1) == 1) {
          G1.addMixed(jac, t * G1.JACOBIAN, jac, t * G1.JACOBIAN, g1, j * G1.AFFINE, s);
        }
      }
    }
    long[] out = new long[(n + 1) * G1.AFFINE];
    G1.batchToAffine(jac, 0, out, 0, n + 1);
    return out;
  }

  /**
   * The hiding commitment of {@code h(x) = a_0 + sum_t a_t x_t} ({@code coeffs} = a_0..a_n, flat) with
   * the constant shadow {@code rho}: {@code sum_t a_t B_t + rho [beta]_1}, affine.
   */
  public static long[] commitHiding(Srs srs, long[] bases, long[] coeffs, int n, long[] rho) {
    if (coeffs.length != (n + 1) * L || bases.length != (n + 1) * G1.AFFINE || rho.length != L) {
      throw new IllegalArgumentException("an affine mask has n + 1 coefficients and one shadow");
    }
    return HyperKzg.withShadow(Msm.msm(bases, 0, coeffs, n + 1), srs.betaG1(), rho, 0, 1);
  }

  /** The table of {@code h} on {@code {0,1}^n} (2^n Fr), for the prover's reduction and for tests. */
  public static long[] table(long[] coeffs, int n) {
    long[] out = new long[(1 << n) * L];
    for (int j = 0; j < 1 << n; j++) {
      Fr.copy(out, j * L, coeffs, 0);
      for (int t = 1; t <= n; t++) {
        if (((j >>> (n - t)) & 1) == 1) {
          Fr.add(out, j * L, out, j * L, coeffs, t * L);
        }
      }
    }
    return out;
  }
}
