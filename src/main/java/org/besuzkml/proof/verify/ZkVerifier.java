package org.besuzkml.proof.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafClaim;
import org.besuzkml.lookup.ZkLogUpClaims;
import org.besuzkml.lookup.ZkLogUpVerifier;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.pcs.HyperKzgProof;
import org.besuzkml.pcs.HyperKzgVerifier;
import org.besuzkml.pcs.PcsResult;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.ZkBackwardWalk;
import org.besuzkml.proof.gadget.ZkClaim;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * The verifier of a version-2 (zero-knowledge) proof under a version-2 key with public, private or
 * committed inputs (zk-design 11.3, 12.1): phases 0-5 as {@link Verifier}'s with masked messages, every
 * Lambda-claim and masked opening discharged by the zk reduction and the zk HyperKZG opening. Every
 * size comes from the vk ({@link ZkShape}), none from the proof; every section length is checked
 * before any cryptographic work. Never throws: a refusal names its phase and check.
 */
public final class ZkVerifier {
  private static final int L = Fr.LIMBS;
  static final int SECTIONS = 6;
  private static final String[] NAMES = {"MODEL", "WITNESS_BINS", "LOOKUP", "WALK", "OPENING", "PCS"};

  private ZkVerifier() {}

  /** The zero-knowledge transcript, {@link Transcript#v2()} (zk-design 12.1). */
  public static Transcript transcript() {
    return Transcript.v2();
  }

  /**
   * The witness bin of committed input i (zk-design 4.7): the layout places it alone at offset 0 of
   * its own bin, so that bin's hiding commitment is {@code C_x}. -1 if input i has no such column.
   */
  public static int inputBin(VerifyingKey vk, int i) {
    return inputBins(vk)[i];
  }

  /** {@link #inputBin} for every input, in one pass over the layout (linear in the vk). */
  static int[] inputBins(VerifyingKey vk) {
    int[] binOf = new int[vk.circuit().tensors().size()];
    Arrays.fill(binOf, -1);
    for (org.besuzkml.proof.gadget.ColumnLayout.Column col : vk.layout().witness()) {
      if (col.tensor() >= 0 && col.offset() == 0 && col.chunks() == 1) {
        binOf[col.tensor()] = col.bin();
      }
    }
    int[] out = new int[vk.circuit().inputs().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = binOf[vk.circuit().inputs()[i]];
    }
    return out;
  }

  /** The mask column split into {@code count} bins of 2^n entries (entry e at bin e >> n), tail zero. */
  public static long[][] maskBins(long[] lambda, int count, int n) {
    long[][] bins = new long[count][];
    int size = (1 << n) * L;
    for (int b = 0; b < count; b++) {
      bins[b] = new long[size];
      int from = b * size;
      System.arraycopy(lambda, from, bins[b], 0, Math.max(0, Math.min(size, lambda.length - from)));
    }
    return bins;
  }

  /**
   * The lookup phase's claims handed on as version 1 hands them (Walk.start): instance columns and
   * function-table outputs as the walk's initial claims, multiplicities to the bin mapping, first.
   */
  public static void leafClaims(VerifyingKey vk, ZkLogUpClaims lu, List<ZkClaim> initial,
      List<MaskedOpening> multiplicities) {
    LookupPlan plan = vk.plan();
    for (int i = 0; i < lu.claims().size(); i++) {
      LeafClaim lc = lu.claims().get(i);
      MaskForm omega = lu.offsets().get(i);
      switch (lc.kind()) {
        case INSTANCE_COLUMN -> {
          LookupPlan.Instance in = plan.instances().get(lc.index());
          initial.add(new ZkClaim(lc.column() == 0 ? in.column1() : in.column2(), lc.point(), lc.value(), omega));
        }
        case FUNCTION_OUTPUT -> initial.add(new ZkClaim(
            vk.circuit().tables().get(plan.tables().get(lc.index()).function()).values(), lc.point(), lc.value(),
            omega));
        case MULTIPLICITY -> multiplicities.add(new MaskedOpening(ZkColumnOpenings.multiplicityObject(lc.index()),
            lc.point(), lc.value(), omega));
      }
    }
  }

  /**
   * Null if this visibility is proven and verified today (public, private or committed inputs,
   * public outputs and parameters), else what is not yet (zk-design 13 step 8).
   */
  public static String supported(org.besuzkml.codec.Visibility v) {
    if (v.params() != org.besuzkml.codec.Visibility.PUBLIC) {
      return "private parameters are not supported yet";
    }
    for (int code : v.outputs()) {
      if (code != org.besuzkml.codec.Visibility.PUBLIC) {
        return "committed outputs are not supported yet";
      }
    }
    return null;
  }

  /**
   * Verifies; {@code inputs} in vk order with {@code null} at each private input (see {@link Statement}).
   * {@code vk} must be a version-2 key (the caller, {@link Verifier}, dispatches). */
  public static VerifyResult verify(VerifyingKey vk, long[][] inputs, long[][] outputs, byte[] proof,
      Verifier.Limits limits) {
    return verify(vk, inputs, null, outputs, proof, limits);
  }

  /**
   * As above with the commitments of the committed inputs ({@code commitments[i]} the 64-byte C_x of
   * input i, {@code null} elsewhere; the array may be null when no input is committed).
   */
  public static VerifyResult verify(VerifyingKey vk, long[][] inputs, byte[][] commitments, long[][] outputs,
      byte[] proof, Verifier.Limits limits) {
    try {
      return run(vk, inputs, commitments, outputs, proof, limits);
    } catch (Rejection r) {
      return VerifyResult.invalid(r.getMessage());
    } catch (RuntimeException e) {
      return VerifyResult.invalid("internal error: " + e.getClass().getSimpleName());
    }
  }

  private static VerifyResult run(VerifyingKey vk, long[][] inputs, byte[][] stated, long[][] outputs,
      byte[] proof, Verifier.Limits limits) {
    if (vk == null || proof == null || inputs == null || outputs == null) {
      return VerifyResult.invalid("missing vk, public values or proof");
    }
    if (!vk.zk() || vk.visibility() == null || vk.visibility().inputs().length != vk.circuit().inputs().length) {
      return VerifyResult.invalid("zk verifier: not a version-2 key");
    }
    String vis = supported(vk.visibility());
    if (vis != null) {
      return VerifyResult.invalid("zk verifier: " + vis);
    }
    // the zk verifier's cost bound from the vk alone (linear in its gadgets), before any proof work
    ZkVerifierCost cost = ZkVerifierCost.of(vk);
    if (limits != null) {
      String over = cost.total().exceeds(limits);
      if (over != null) {
        return VerifyResult.invalid(over);
      }
      if (proof.length > limits.maxProofBytes()) {
        return VerifyResult.invalid("proof format: " + proof.length + " bytes, over the limit "
            + limits.maxProofBytes());
      }
    }
    // the version is read before the sections: a version-1 proof under a zk key is refused by name (11.1)
    if (proof.length >= 8 && proof[0] == 'B' && proof[1] == 'Z' && proof[2] == 'K' && proof[3] == 'P'
        && proof[4] == 0 && proof[5] == Container.VERSION) {
      return VerifyResult.invalid("proof format: proof version 1 for a zk vk");
    }
    // the header first (a few bytes, bounded): "not a BZKP file" says more than a length would
    Decoded<Container.Sections> d = Container.decode(proof, Container.PROOF, SECTIONS, SECTIONS);
    if (!d.isOk()) {
      return VerifyResult.invalid("proof format: " + d.reason());
    }
    if (cost.refusal() == null && proof.length != cost.total().proofBytes()) {
      return VerifyResult.invalid("proof format: " + proof.length + " bytes, the vk fixes " + cost.total().proofBytes());
    }
    String bad = Statement.check(vk, inputs, outputs);
    if (bad != null) {
      return VerifyResult.invalid("public values: " + bad);
    }
    // committed inputs (zk-design 4.7): C_x is a G1 point, and it is exactly the proof's commitment
    // of the input's own bin (checked below), so every opening of that column is an opening of C_x
    int nIn = vk.circuit().inputs().length;
    byte[][] cin = new byte[nIn][];
    for (int i = 0; i < nIn; i++) {
      byte[] c = stated == null || i >= stated.length ? null : stated[i];
      if (vk.visibility().committedInput(i) != (c != null)) {
        return VerifyResult.invalid("public values: input " + i + (c == null ? " is committed: the statement must"
            + " give its commitment" : " is not committed: the statement must not give a commitment"));
      }
      if (c != null) {
        long[] pt = new long[G1.AFFINE];
        if (c.length != G1.ENCODED || !G1.decode(pt, 0, c, 0)) {
          return VerifyResult.invalid("public values: input " + i + "'s commitment is not a G1 point");
        }
        cin[i] = G1.encode(pt, 0);
      }
    }
    for (int i = 0; i < vk.circuit().gadgets().size(); i++) {
      String why = Walk.unsupported(vk.circuit().gadgets().get(i), vk.circuit());
      if (why != null) {
        return VerifyResult.invalid("gadget " + i + ": " + why);
      }
    }
    Checked<ZkShape> sh = ZkShape.of(vk);
    if (!sh.isOk()) {
      return VerifyResult.invalid(sh.reason());
    }
    ZkShape shape = sh.value();
    int[] b = d.value().bounds();
    if (d.value().version() != Container.VERSION_ZK) {
      return VerifyResult.invalid("proof format: proof version 1 for a zk vk");
    }
    int n = vk.nBin();
    long[] expected = {32, shape.witnessBinsBytes(vk), shape.lookupElements() * Fr.BYTES, -1,
        ZkShape.openingBytes(vk), ZkShape.pcsBytes(vk)};
    for (int s = 0; s < SECTIONS; s++) {
      int len = b[2 * s + 1] - b[2 * s];
      if (expected[s] >= 0 && len != expected[s]) {
        return VerifyResult.invalid("proof format: " + NAMES[s] + " section has " + len + " bytes, the vk fixes "
            + expected[s]);
      }
      if (expected[s] < 0 && (len % Fr.BYTES != 0 || len > ZkShape.MAX_WALK_BYTES)) {
        return VerifyResult.invalid("proof format: WALK section length " + len + " is not whole field elements");
      }
    }
    if (!Arrays.equals(Arrays.copyOfRange(proof, b[0], b[1]), vk.modelId())) {
      return VerifyResult.invalid("proof format: proof is for another model (model id differs from the vk's)");
    }
    int wb = vk.witnessBinCount();
    int mb = vk.modelBinCount();
    int kl = shape.maskBins();
    int objects = wb + mb + kl + 2;
    long[] commitments = new long[objects * G1.AFFINE];
    long[] cm = new long[G1.AFFINE];
    byte[][] enc = new byte[wb + kl + 3][];
    for (int k = 0; k < enc.length; k++) {
      int at = b[2] + k * G1.ENCODED;
      int slot = k < wb ? k : k + mb; // model bins sit between witness and mask bins
      boolean ok = k < wb + kl + 2 ? G1.decode(commitments, slot * G1.AFFINE, proof, at) : G1.decode(cm, 0, proof, at);
      if (!ok) {
        return VerifyResult.invalid("proof format: WITNESS_BINS point " + k + " is not a G1 point");
      }
      enc[k] = k < wb + kl + 2 ? G1.encode(commitments, slot * G1.AFFINE) : G1.encode(cm, 0);
    }
    int[] ownBins = inputBins(vk);
    for (int i = 0; i < nIn; i++) {
      if (cin[i] != null && (ownBins[i] < 0 || !Arrays.equals(enc[ownBins[i]], cin[i]))) {
        return VerifyResult.invalid("committed input " + i + ": the proof's column is not the statement's"
            + " commitment");
      }
    }
    System.arraycopy(vk.modelBins(), 0, commitments, wb * G1.AFFINE, mb * G1.AFFINE);
    HyperKzgProof.Decoded pcs = HyperKzgProof.decodeZk(proof, b[10], b[11] - b[10], n);
    if (!pcs.ok()) {
      return VerifyResult.invalid("proof format: PCS section: " + pcs.error());
    }
    FieldReader lookupIn = new FieldReader(proof, b[4], b[5] - b[4]);
    FieldReader walkIn = new FieldReader(proof, b[6], b[7] - b[6]);
    FieldReader openIn = new FieldReader(proof, b[8], b[9] - b[8]);

    // phase 0, 1
    Transcript t = transcript();
    Statement.absorb(t, vk, inputs, cin, outputs);
    for (int k = 0; k < wb; k++) {
      t.absorbG1("bzk/wbins", enc[k]);
    }
    for (int k = wb; k < enc.length; k++) {
      t.absorbG1("zk/masks", enc[k]);
    }
    // phase 2
    MaskCursor cursor = MaskCursor.of(shape.size());
    List<ZkClaim> initial = new ArrayList<>();
    List<MaskedOpening> claims = new ArrayList<>();
    List<LambdaClaim> lambdaClaims = new ArrayList<>();
    if (shape.layout() != null) {
      Checked<ZkLogUpClaims> lu = ZkLogUpVerifier.verify(shape.layout(), lookupIn, cursor, t);
      if (!lu.isOk()) {
        return VerifyResult.invalid("lookup: " + lu.reason());
      }
      leafClaims(vk, lu.value(), initial, claims);
      lambdaClaims.addAll(lu.value().lambdaClaims());
    }
    if (cursor.used() != shape.lookupEnd() || !lookupIn.atEnd()) {
      return VerifyResult.invalid("lookup: mask allocation or section length differs from the vk's");
    }
    // phase 3: the walk on [lookupEnd, walkEnd), then the bin mapping on [walkEnd, |Lambda|)
    MaskCursor wc = MaskCursor.of(shape.walkEnd());
    wc.take(shape.lookupEnd());
    Checked<ZkBackwardWalk.Result> walk = ZkBackwardWalk.verify(vk.circuit(),
        Statement.byTensor(vk.circuit(), inputs, outputs), initial, wc, walkIn, t);
    if (!walk.isOk()) {
      return VerifyResult.invalid(walk.reason());
    }
    lambdaClaims.addAll(walk.value().lambdaClaims());
    claims.addAll(walk.value().openings());
    MaskCursor mc = MaskCursor.of(shape.size());
    mc.take(shape.walkEnd());
    Checked<ZkColumnOpenings.Result> mapped = ZkColumnOpenings.verify(vk, claims, mc, walkIn, t);
    if (!mapped.isOk()) {
      return VerifyResult.invalid(mapped.reason());
    }
    if (!mc.exhausted()) {
      return VerifyResult.invalid("zk bin mapping: mask column under-used: " + mc.used() + " of " + mc.size());
    }
    if (!walkIn.atEnd()) {
      return VerifyResult.invalid("walk: section longer than the walk");
    }
    lambdaClaims.addAll(mapped.value().lambdaClaims());
    // phase 4
    Checked<ZkReduction.Result> red = ZkReduction.verify(mapped.value().openings(), lambdaClaims, wb + mb, kl, n,
        openIn, t);
    if (!red.isOk()) {
      return VerifyResult.invalid("opening reduction: " + red.reason());
    }
    long[] m = openIn.read(1);
    if (m == null || !openIn.atEnd()) {
      return VerifyResult.invalid("opening reduction: OPENING section does not end with m");
    }
    // phase 5
    PcsResult pr = HyperKzgVerifier.verifyZk(vk.pcsKey(), commitments, objects, red.value().scalars(),
        red.value().value(), cm, m, red.value().point(), n, pcs.proof(), t);
    if (!pr.valid()) {
      return VerifyResult.invalid("opening (HyperKZG): " + pr.reason());
    }
    if (t.isMalformed()) {
      return VerifyResult.invalid("transcript malformed");
    }
    return VerifyResult.ok();
  }
}
