package org.besuzkml.codec;

import java.util.Arrays;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.ZeroBit;

/**
 * Two committed advice columns are pinned not by their own gadget but by the gadgets that follow
 * it (protocol.md 9.0 P9): a MaxSelect selector is one-hot by its row sums, but its row value is
 * the maximum only with the gap check {@code Bcast(m) - u >= 0} (6.12); a ZeroBit is {@code [d = 0]}
 * only with {@code zeta d = 0} and {@code t d - sel + zeta >= 0} (6.10). Without them the circuit
 * lets the prover choose a value, so a vk must carry them, exactly in these forms.
 */
final class CompanionGadgets {
  private CompanionGadgets() {}

  /**
   * MaxSelect(u, sigma): Poly picked = sigma * u, ReduceSum m over u's last axis, Lin gap = m - u,
   * and a Decomp check gap Pos(B). sigma is read by nothing else (on ties it is not unique). Work:
   * the readers of sigma, of picked and of m.
   */
  static String maxSelect(Circuit c, CircuitInvariants.Index ix, MaxSelect ms) {
    int[] readers = ix.readers[ms.sigma()];
    if (readers.length != 1 || !(c.gadgets().get(readers[0]) instanceof Poly picked)
        || !isProduct(picked, ms.sigma(), ms.u())) {
      return "its selector must be read exactly once, by the product sigma * u";
    }
    int last = c.tensor(ms.u()).rank() - 1;
    for (int ri : ix.readers[picked.y()]) {
      if (c.gadgets().get(ri) instanceof ReduceSum r && Arrays.equals(r.axes(), new int[] {last})) {
        for (int li : ix.readers[r.y()]) {
          if (c.gadgets().get(li) instanceof Lin l && isGap(l, r.y(), ms.u())
              && ix.checkedWidths[l.y()] != 0) {
            return null;
          }
        }
      }
    }
    return "no gap check m - u >= 0 makes the selected tap the maximum";
  }

  /**
   * ZeroBit(d, zeta): a zero-check Poly zeta * d, and a Decomp check Pos(B) of
   * {@code 2 s d - d - sel + zeta} with s the sign of a signed Decomp of d. Work: zeta's readers.
   */
  static String zeroBit(Circuit c, CircuitInvariants.Index ix, ZeroBit z) {
    boolean product = false;
    boolean positive = false;
    for (int gi : ix.readers[z.zeta()]) {
      if (!(c.gadgets().get(gi) instanceof Poly p)) {
        continue;
      }
      if (p.zeroCheck() && isProduct(p, z.zeta(), z.d())) {
        product = true;
      }
      if (!p.zeroCheck() && p.xs().length == 3 && p.xs()[1] == z.d() && p.xs()[2] == z.zeta()
          && ix.signOf[p.xs()[0]] == z.d()
          && Arrays.equals(p.coeffs(), new long[] {2, -1, -1, 1})
          && Arrays.deepEquals(p.monomials(), new int[][] {{0, 1}, {1}, {}, {2}})
          && ix.checkedWidths[p.y()] != 0) {
        positive = true;
      }
    }
    return product && positive ? null
        : "its bit is [d = 0] only with the zero check zeta * d and the check t d - sel + zeta >= 0";
  }

  /** y = a * b exactly (either order). */
  private static boolean isProduct(Poly p, int a, int b) {
    if (p.xs().length != 2 || !Arrays.equals(p.coeffs(), new long[] {1})
        || !Arrays.deepEquals(p.monomials(), new int[][] {{0, 1}})) {
      return false;
    }
    return (p.xs()[0] == a && p.xs()[1] == b) || (p.xs()[0] == b && p.xs()[1] == a);
  }

  /** y = m - u exactly. */
  private static boolean isGap(Lin l, int m, int u) {
    return l.xs().length == 2 && l.xs()[0] == m && l.xs()[1] == u && l.c0() == 0
        && Arrays.equals(l.coeffs(), new long[] {1, -1});
  }

}
