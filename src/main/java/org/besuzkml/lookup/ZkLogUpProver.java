package org.besuzkml.lookup;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.CompositeInstance;
import org.besuzkml.sumcheck.MaskedLastRound;
import org.besuzkml.sumcheck.SumcheckProof;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.sumcheck.ZkSumcheckProver;
import org.besuzkml.transcript.Transcript;

/**
 * The prover of the zero-knowledge lookup phase (zk-design 5): the leaf vector of the
 * zero-knowledge layout with the two mask leaves {@code (Lambda[0], Lambda[1])} at A and
 * {@code (Lambda[2], Lambda[3])} at B, the fraction tree, each layer as a masked sumcheck whose
 * four children carry masked extensions in the layer's last variable (degrees (3, ..., 3, 5), four
 * slots after the run's coefficients), and the leaf values with an additive slot each (function
 * outputs, which the statement fixes, unmasked). The verifier is {@link ZkLogUpVerifier}. Prover
 * side: throws on misuse.
 */
public final class ZkLogUpProver {
  private ZkLogUpProver() {}

  private static final int L = Fr.LIMBS;

  /** The messages, and the claims exactly as the verifier derives them. */
  public record Result(LogUpProof proof, ZkLogUpClaims claims) {}

  /**
   * Sets {@code Lambda[2] = -Lambda[0] Lambda[3] / Lambda[1]}, so that the mask leaves' fractions
   * cancel; {@code Lambda[1]} and {@code Lambda[3]} must be non-zero (they are sampled so).
   */
  public static void cancelMaskLeaves(long[] lambda) {
    if (Fr.isZero(lambda, L) || Fr.isZero(lambda, 3 * L)) {
      throw new IllegalArgumentException("mask leaf denominators must be non-zero");
    }
    long[] t = new long[L];
    Fr.inv(t, 0, lambda, L);
    Fr.mul(t, 0, t, 0, lambda, 0);
    Fr.mul(t, 0, t, 0, lambda, 3 * L);
    Fr.neg(lambda, 2 * L, t, 0);
  }

  /**
   * @param layout a zero-knowledge layout ({@link LeafLayout#ofZk})
   * @param lambda the whole mask column (flat), its first four entries the mask leaves
   * @param cursor the column's cursor, nothing taken yet (the mask leaves are its first entries)
   */
  public static Result prove(LeafLayout layout, List<LookupColumn[]> columns, long[][] multiplicities,
      long[] lambda, MaskCursor cursor, Transcript transcript) {
    if (!layout.isZk() || cursor.used() != 0) {
      throw new IllegalArgumentException("a zero-knowledge layout, with the mask leaves first in the column");
    }
    Transcript replay = transcript.copy();
    MaskCursor replayCursor = cursor.copy();
    cursor.take(4);
    List<LookupInstance> instances = layout.instances();
    List<Table> tables = layout.tables();
    long[][] mFr = new long[tables.size()][];
    long[][] fOut = new long[tables.size()][];
    for (int t = 0; t < tables.size(); t++) {
      mFr[t] = new long[multiplicities[t].length * L];
      for (int j = 0; j < multiplicities[t].length; j++) {
        Fr.fromLong(mFr[t], j * L, multiplicities[t][j]);
      }
      fOut[t] = tables.get(t).outColumn();
    }
    long[] alpha = transcript.challengeFr(LogUpVerifier.ALPHA);
    long[] beta = transcript.challengeFr(LogUpVerifier.BETA);
    int lv = layout.leafVars();
    long[][] p = new long[lv + 1][];
    long[][] q = new long[lv + 1][];
    p[lv] = new long[L << lv];
    q[lv] = new long[L << lv];
    LogUpProver.buildLeaves(layout, columns, mFr, fOut, alpha, beta, p[lv], q[lv]);
    int a = (int) layout.maskLeafA();
    int b = (int) layout.maskLeafB();
    Fr.copy(p[lv], a * L, lambda, 0);
    Fr.copy(q[lv], a * L, lambda, L);
    Fr.copy(p[lv], b * L, lambda, 2 * L);
    Fr.copy(q[lv], b * L, lambda, 3 * L);
    for (int k = lv - 1; k >= 1; k--) {
      p[k] = new long[L << k];
      q[k] = new long[L << k];
      LogUpProver.foldLayer(p[k + 1], q[k + 1], p[k], q[k], 1 << k);
    }
    long[] top = new long[4 * L];
    System.arraycopy(p[1], 0, top, 0, 2 * L);
    System.arraycopy(q[1], 0, top, 2 * L, 2 * L);
    transcript.absorbFrs(LogUpVerifier.TOP, top, 0, 4);
    long[] zeta = transcript.challengeFr(LogUpVerifier.MU);
    MaskForm omegaP = new MaskForm();
    MaskForm omegaQ = new MaskForm();
    List<SumcheckProof> layers = new ArrayList<>();
    List<long[]> children = new ArrayList<>();
    for (int k = 1; k < lv; k++) {
      long[] lam = transcript.challengeFr(LogUpVerifier.LAMBDA);
      int n = 1 << k;
      long[][] f = new long[5][];
      f[0] = Multilinear.eqTable(zeta, 0, k);
      for (int c = 1; c < 5; c++) {
        f[c] = new long[n * L];
      }
      for (int x = 0; x < n; x++) {
        Fr.copy(f[1], x * L, p[k + 1], 2 * x * L);
        Fr.copy(f[2], x * L, p[k + 1], (2 * x + 1) * L);
        Fr.copy(f[3], x * L, q[k + 1], 2 * x * L);
        Fr.copy(f[4], x * L, q[k + 1], (2 * x + 1) * L);
      }
      int[] degrees = LeafLayout.zkLayerDegrees(k);
      int slot = cursor.used() + sum(degrees);
      long[][] slots = new long[5][];
      for (int c = 1; c < 5; c++) {
        slots[c] = java.util.Arrays.copyOfRange(lambda, (slot + c - 1) * L, (slot + c) * L);
      }
      MaskedLastRound inst = new MaskedLastRound(new CompositeInstance(new EqFractionLayer(lam), k, f), slots, 5);
      MaskForm offset = omegaP.copy().addScaled(omegaQ, lam, 0);
      SumcheckProver.Proved run = ZkSumcheckProver.prove(inst, degrees, offset.evaluate(lambda), lambda, cursor,
          transcript);
      if (cursor.take(4) != slot) {
        throw new IllegalStateException("slot allocation out of step");
      }
      long[] ch = java.util.Arrays.copyOfRange(inst.finalValues(), L, 5 * L);
      transcript.absorbFrs(LogUpVerifier.CHILDREN, ch, 0, 4);
      layers.add(run.proof());
      children.add(ch);
      long[] next = new long[(k + 1) * L];
      System.arraycopy(run.point(), 0, next, 0, k * L);
      transcript.challengeFr(LogUpVerifier.MU, next, k * L);
      MaskForm[] forms = ZkLogUpVerifier.childOffsets(run.point(), k, next, slot);
      if (forms == null) {
        throw new IllegalStateException("degenerate challenge r_k (1 - r_k) = 0");
      }
      omegaP = forms[0];
      omegaQ = forms[1];
      zeta = next;
    }
    long[] rho = zeta;
    // leaf values: each masked stated element is the true one plus its slot, in message order
    long[] leaves = new long[layout.leavesMessageSize() * L];
    int pos = 0;
    for (LeafLayout.Segment s : layout.segments()) {
      long[] lo = LogUpProver.suffix(rho, lv, s.numVars());
      if (s.kind() == LeafLayout.Kind.INSTANCE) {
        LookupInstance lk = instances.get(s.index());
        LookupColumn[] cols = columns.get(s.index());
        for (int c = 0; c < lk.columns(); c++) {
          long[] stated = cols[c].state(lo, lk.numVars());
          System.arraycopy(stated, 0, leaves, pos * L, stated.length);
          pos += lk.encoding(c).statedCount();
        }
      } else if (s.kind() == LeafLayout.Kind.TABLE) {
        Table table = tables.get(s.index());
        Multilinear.evaluate(leaves, pos++ * L, mFr[s.index()], 0, table.bits(), lo, 0);
        if (table.hasCommittedOutput()) {
          Multilinear.evaluate(leaves, pos++ * L, fOut[s.index()], 0, table.bits(), lo, 0);
        }
      }
    }
    int first = cursor.take(ZkLogUpVerifier.maskedLeafCount(layout));
    if (first < 0) {
      throw new IllegalStateException("mask column overrun");
    }
    ZkLogUpVerifier.maskLeafMessage(layout, leaves, lambda, first);
    transcript.absorbFrs(LogUpVerifier.LEAVES, leaves, 0, pos);
    LogUpProof proof = new LogUpProof(top, layers.toArray(new SumcheckProof[0]), children.toArray(new long[0][]),
        leaves);
    // the claims are the verifier's, so the reduction's claim list is the same on both sides
    org.besuzkml.sumcheck.Checked<ZkLogUpClaims> claims = ZkLogUpVerifier.verify(layout, proof, replayCursor, replay);
    if (!claims.isOk()) {
      throw new IllegalStateException("the lookup proof does not verify: " + claims.reason());
    }
    return new Result(proof, claims.value());
  }

  private static int sum(int[] d) {
    int s = 0;
    for (int x : d) {
      s += x;
    }
    return s;
  }
}
