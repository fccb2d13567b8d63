package org.besuzkml.proof;

import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.pcs.BitBases;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.proof.verify.ZkReduction;
import org.besuzkml.sumcheck.CompositeInstance;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.transcript.Transcript;

/**
 * The prover of {@link ZkReduction} (zk-design 6.1-6.2): states {@code v_Hi = h_i(zeta_i)}, draws
 * gamma, and runs {@code SC(n, 2)} on {@code sum_x sum_k G_k(x) P_k(x)} over the bins, the mask bins
 * and the two affine masks. Its result feeds {@code HyperKzgZk.open} with the objects
 * {@code bins..., mask bins..., table(h_1), table(h_2)}. Prover side: throws on misuse.
 */
public final class ZkReductionProver {
  private ZkReductionProver() {}

  private static final int L = Fr.LIMBS;

  /**
   * The messages (the two H values, then the sumcheck) and where the reduction ended.
   *
   * @param polys the opened objects in order, ready for the opening: the bins, the mask bins, h_1, h_2
   */
  public record Reduced(long[] hValues, SumcheckProver.Proved sumcheck, ZkReduction.Result result, long[][] polys) {}

  /**
   * @param bins the committed bins' tables (2^n Fr each)
   * @param maskBins the mask column split into bins (2^n Fr each, tail zero)
   * @param h1 the affine mask coefficients a_{1,0..n} (flat); h2 likewise
   */
  public static Reduced prove(long[][] bins, long[][] maskBins, List<MaskedOpening> openings,
      List<LambdaClaim> lambdaClaims, long[] h1, long[] h2, int n, Transcript t) {
    int nb = bins.length;
    int objects = nb + maskBins.length + 2;
    long[][] polys = new long[objects][];
    System.arraycopy(bins, 0, polys, 0, nb);
    System.arraycopy(maskBins, 0, polys, nb, maskBins.length);
    polys[objects - 2] = BitBases.table(h1, n);
    polys[objects - 1] = BitBases.table(h2, n);
    long[] hv = new long[2 * L];
    affineAtConstant(hv, 0, h1, zeta(2), n);
    affineAtConstant(hv, L, h2, zeta(3), n);
    t.absorbFrs("zk/hvals", hv, 0, 2);
    long[] gamma = t.challengeFr("open/gamma");
    int ja = openings.size();
    int jb = lambdaClaims.size();
    long[] pw = org.besuzkml.proof.verify.OpeningReduction.powers(gamma, ja + jb + 2);
    long[][] tables = new long[2 * objects][];
    for (int k = 0; k < objects; k++) {
      tables[k] = new long[(1 << n) * L];
      tables[objects + k] = polys[k];
    }
    for (int j = 0; j < ja; j++) {
      MaskedOpening o = openings.get(j);
      Prover.addScaledEq(tables[o.object()], o.point(), n, pw, j * L);
      addForm(tables, nb, n, o.omega(), pw, j * L);
    }
    for (int j = 0; j < jb; j++) {
      addForm(tables, nb, n, lambdaClaims.get(j).omega(), pw, (ja + j) * L);
    }
    tables[objects - 2] = constantEqTable(zeta(2), n, pw, (ja + jb) * L);
    tables[objects - 1] = constantEqTable(zeta(3), n, pw, (ja + jb + 1) * L);
    CompositeInstance inst = new CompositeInstance(new BinComposition(objects), n, tables);
    SumcheckProver.Proved red = SumcheckProver.prove(inst, t);
    long[] finals = inst.finalValues();
    long[] scalars = java.util.Arrays.copyOfRange(finals, 0, objects * L);
    long[] value = new long[L];
    long[] e = new long[L];
    for (int k = 0; k < objects; k++) {
      Fr.mul(e, 0, finals, k * L, finals, (objects + k) * L);
      Fr.add(value, 0, value, 0, e, 0);
    }
    return new Reduced(hv, red, new ZkReduction.Result(red.point(), value, scalars), polys);
  }

  private static long[] zeta(long c) {
    long[] e = new long[L];
    Fr.fromLong(e, 0, c);
    return e;
  }

  /** The mask bins' weights: {@code W[e] += scale c} for each term c Lambda[e]. */
  private static void addForm(long[][] tables, int nb, int n, MaskForm f, long[] scale, int so) {
    long[] c = new long[L];
    for (int i = 0; i < f.terms(); i++) {
      int idx = f.index(i);
      f.coefficient(i, c, 0);
      Fr.mul(c, 0, c, 0, scale, so);
      long[] w = tables[nb + (idx >>> n)];
      int off = (idx & ((1 << n) - 1)) * L;
      Fr.add(w, off, w, off, c, 0);
    }
  }

  /** h(c, ..., c) = a_0 + c sum_t a_t. */
  static void affineAtConstant(long[] out, int off, long[] coeffs, long[] c, int n) {
    long[] sum = new long[L];
    for (int t = 1; t <= n; t++) {
      Fr.add(sum, 0, sum, 0, coeffs, t * L);
    }
    Fr.mul(sum, 0, sum, 0, c, 0);
    Fr.add(out, off, sum, 0, coeffs, 0);
  }

  private static long[] constantEqTable(long[] c, int n, long[] scale, int so) {
    long[] point = new long[n * L];
    for (int v = 0; v < n; v++) {
      Fr.copy(point, v * L, c, 0);
    }
    return Multilinear.eqTable(point, 0, n, scale, so);
  }
}
