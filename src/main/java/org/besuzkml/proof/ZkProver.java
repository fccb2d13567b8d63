package org.besuzkml.proof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.ByteWriter;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafClaim;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LookupColumn;
import org.besuzkml.lookup.Multiplicities;
import org.besuzkml.lookup.ZkLogUpClaims;
import org.besuzkml.lookup.ZkLogUpProver;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.pcs.BitBases;
import org.besuzkml.pcs.HyperKzg;
import org.besuzkml.pcs.HyperKzgZk;
import org.besuzkml.pcs.OpeningMask;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.ProofSink;
import org.besuzkml.proof.gadget.ZkBackwardWalk;
import org.besuzkml.proof.gadget.ZkClaim;
import org.besuzkml.proof.verify.LookupSetup;
import org.besuzkml.proof.verify.Statement;
import org.besuzkml.proof.verify.ZkColumnOpenings;
import org.besuzkml.proof.verify.ZkShape;
import org.besuzkml.proof.verify.ZkVerifier;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBins;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.transcript.Transcript;
import org.besuzkml.zk.ZkRandomness;

/**
 * The zero-knowledge prover for a version-2 key with public, private or committed inputs (zk-design 1.6, 4.7,
 * 11.3, 12.1): every mask drawn before phase 0 in zk-design 7's order, hiding witness bins, the masked
 * lookup phase, the zk walk and bin mapping, the zk reduction and the zk HyperKZG opening. Sizes come
 * from {@link ZkShape} (the verifier's own derivation). Output: a version-2 BZKP container.
 */
public final class ZkProver {
  private static final int L = Fr.LIMBS;

  private ZkProver() {}

  /** Everything drawn from the randomness source, in zk-design 7's order. */
  private record Masks(long[][] binShadows, long[] lambda, long[][] maskShadows, long[] h1, long[] h2,
      long[] rhoH, OpeningMask mask, long[] foldShadows) {}

  private static Masks sample(ZkRandomness rnd, int k, int size, int maskBins, int n) {
    long[][] binShadows = new long[k][];
    for (int i = 0; i < k; i++) {
      binShadows[i] = rnd.nextFrs(1);
    }
    long[] lambda = rnd.nextFrs(size);
    if (size >= 4) {
      // the mask leaves' denominators must not be zero (resampled, as delta_A, delta_B are)
      while (Fr.isZero(lambda, L)) {
        rnd.nextNonZeroFr(lambda, L);
      }
      while (Fr.isZero(lambda, 3 * L)) {
        rnd.nextNonZeroFr(lambda, 3 * L);
      }
    }
    long[][] maskShadows = new long[maskBins][];
    for (int i = 0; i < maskBins; i++) {
      maskShadows[i] = rnd.nextFrs(1);
    }
    long[] h1 = rnd.nextFrs(n + 1);
    long[] h2 = rnd.nextFrs(n + 1);
    long[] rhoH = rnd.nextFrs(2);
    OpeningMask mask = new OpeningMask(n, rnd.nextFrs(2 * n), rnd.nextFrs(Srs.BETA_POWERS));
    return new Masks(binShadows, lambda, maskShadows, h1, h2, rhoH, mask, rnd.nextFrs(n - 1));
  }

  /** Proves a witness under a version-2 key; {@code strict} false lets a cheating witness through (tests). */
  public static Prover.Proof prove(ProvingKey pk, Witness w, boolean strict, ZkRandomness rnd) {
    return prove(pk, w, strict, rnd, null);
  }

  /**
   * As above with the openings of the committed inputs ({@code openings[i]} for committed input i,
   * null elsewhere; zk-design 4.7): the input's own witness bin is committed with the opening's
   * blinding, so its commitment is the statement's C_x. Strict: the witness's input must be the
   * opening's values and the opening must recompute its commitment. Not strict (tests: a cheating
   * prover) the opening's commitment is written as the bin's whatever the witness holds.
   */
  public static Prover.Proof prove(ProvingKey pk, Witness w, boolean strict, ZkRandomness rnd,
      InputOpening[] openings) {
    VerifyingKey vk = pk.vk();
    if (!vk.zk()) {
      throw new Prover.ProveException("the zero-knowledge prover needs a version-2 key");
    }
    String vis = ZkVerifier.supported(vk.visibility());
    if (vis != null) {
      throw new Prover.ProveException(vis);
    }
    Circuit c = vk.circuit();
    String why = Prover.unsupported(pk.compiled().circuit());
    if (why != null) {
      throw new Prover.ProveException("cannot prove this model yet: " + why);
    }
    Checked<ZkShape> sh = ZkShape.of(vk);
    if (!sh.isOk()) {
      throw new Prover.ProveException(sh.reason());
    }
    ZkShape shape = sh.value();
    long[][] inputs = Prover.values(w, c.inputs());
    byte[][] cin = null;
    for (int i = 0; i < inputs.length; i++) {
      if (vk.visibility().committedInput(i)) {
        InputOpening o = openings == null || i >= openings.length ? null : openings[i];
        if (o == null) {
          throw new Prover.ProveException("input " + i + " is committed: proving needs its opening");
        }
        if (strict && !Arrays.equals(o.values(), inputs[i])) {
          throw new Prover.ProveException("input " + i + ": the opening is for other values than this input");
        }
        if (strict && o.check(pk.srs(), vk, i) != null) {
          throw new Prover.ProveException("input " + i + ": " + o.check(pk.srs(), vk, i));
        }
        cin = cin == null ? new byte[inputs.length][] : cin;
        cin[i] = o.commitment();
      }
      if (vk.visibility().hiddenInput(i)) {
        inputs[i] = null; // private or committed (zk-design 4.7): in the witness bins, never stated
      }
    }
    long[][] outputs = Prover.values(w, c.outputs());
    int n = vk.nBin();
    Srs srs = pk.srs();
    int wb = vk.witnessBinCount();
    Masks mk = sample(rnd, wb, shape.size(), shape.maskBins(), n);
    int[] ownBin = new int[wb]; // per witness bin the committed input it holds + 1, else 0
    for (int i = 0; cin != null && i < cin.length; i++) {
      if (cin[i] != null) {
        int k = ZkVerifier.inputBin(vk, i);
        if (k < 0) {
          throw new IllegalStateException("committed input " + i + " has no bin of its own");
        }
        mk.binShadows()[k] = openings[i].blinding(); // the holder's r: this bin's commitment is C_x
        ownBin[k] = i + 1;
      }
    }
    long[] lambda = mk.lambda();
    if (shape.layout() != null) {
      ZkLogUpProver.cancelMaskLeaves(lambda);
    }
    Transcript t = ZkVerifier.transcript();
    // phase 0 (bzk/cin: one record per committed input; bzk/cout has none yet)
    Statement.absorb(t, vk, inputs, cin, outputs);
    // phase 1: multiplicities, hiding witness bins, then the masks' commitments
    CompiledModel cm = pk.compiled();
    long[][] fvals = new long[c.tables().size()][];
    for (int i = 0; i < fvals.length; i++) {
      fvals[i] = cm.constants().get(cm.circuit().tables().get(i).values());
    }
    LeafLayout layout = null;
    if (shape.layout() != null) {
      Checked<LeafLayout> lc = LookupSetup.zkLayout(vk, fvals);
      if (!lc.isOk()) {
        throw new Prover.ProveException("lookup layout: " + lc.reason());
      }
      layout = lc.value();
    }
    List<LookupColumn[]> cols = new ArrayList<>();
    for (LookupPlan.Instance in : vk.plan().instances()) {
      LookupColumn a = LookupColumn.ofLongs(w.padded(in.column1()));
      cols.add(in.column2() >= 0 ? new LookupColumn[] {a, LookupColumn.ofLongs(w.padded(in.column2()))}
          : new LookupColumn[] {a});
    }
    long[][] mult = new long[0][];
    try {
      if (layout != null) {
        mult = Multiplicities.compute(layout, cols, strict);
      }
    } catch (IllegalArgumentException e) {
      throw new Prover.ProveException("witness has a lookup entry outside its table: " + e.getMessage());
    }
    long[][] wbins = WitnessBins.witnessBins(vk.layout(), w, mult);
    ByteWriter binsOut = new ByteWriter();
    int size = 1 << n;
    int objects = wb + vk.modelBinCount() + shape.maskBins() + 2;
    long[] commitments = new long[objects * G1.AFFINE];
    for (int k = 0; k < wb; k++) {
      long[] cmt = HyperKzg.commitSmallHiding(srs, wbins[k], size, mk.binShadows()[k]);
      if (ownBin[k] > 0 && !strict) { // a cheating prover states the statement's C_x whatever it committed
        cmt = new long[G1.AFFINE];
        if (!G1.decode(cmt, 0, cin[ownBin[k] - 1], 0)) {
          throw new Prover.ProveException("input " + (ownBin[k] - 1) + ": the commitment is not a G1 point");
        }
      }
      System.arraycopy(cmt, 0, commitments, k * G1.AFFINE, G1.AFFINE);
      byte[] enc = G1.encode(cmt, 0);
      binsOut.bytes(enc);
      t.absorbG1("bzk/wbins", enc);
    }
    System.arraycopy(vk.modelBins(), 0, commitments, wb * G1.AFFINE, vk.modelBinCount() * G1.AFFINE);
    long[][] maskBins = ZkVerifier.maskBins(lambda, shape.maskBins(), n);
    int at = wb + vk.modelBinCount();
    for (int k = 0; k < maskBins.length; k++) {
      long[] cmt = HyperKzg.commitHiding(srs, maskBins[k], size, mk.maskShadows()[k]);
      System.arraycopy(cmt, 0, commitments, (at + k) * G1.AFFINE, G1.AFFINE);
    }
    long[] bases = BitBases.compute(srs, n);
    long[] ch1 = BitBases.commitHiding(srs, bases, mk.h1(), n, Arrays.copyOfRange(mk.rhoH(), 0, L));
    long[] ch2 = BitBases.commitHiding(srs, bases, mk.h2(), n, Arrays.copyOfRange(mk.rhoH(), L, 2 * L));
    System.arraycopy(ch1, 0, commitments, (objects - 2) * G1.AFFINE, G1.AFFINE);
    System.arraycopy(ch2, 0, commitments, (objects - 1) * G1.AFFINE, G1.AFFINE);
    long[] cm0 = mk.mask().commit(srs);
    for (int k = at; k < objects; k++) {
      byte[] enc = G1.encode(commitments, k * G1.AFFINE);
      binsOut.bytes(enc);
      t.absorbG1("zk/masks", enc);
    }
    byte[] cmEnc = G1.encode(cm0, 0);
    binsOut.bytes(cmEnc);
    t.absorbG1("zk/masks", cmEnc);
    // phase 2
    MaskCursor cursor = MaskCursor.of(shape.size());
    byte[] lookupBytes = new byte[0];
    List<ZkClaim> initial = new ArrayList<>();
    List<MaskedOpening> multiplicityClaims = new ArrayList<>();
    List<LambdaClaim> lambdaClaims = new ArrayList<>();
    if (layout != null) {
      ZkLogUpProver.Result lu;
      try {
        lu = ZkLogUpProver.prove(layout, cols, mult, lambda, cursor, t);
      } catch (IllegalStateException e) {
        // it replays the verifier to derive its claims, so a witness outside its tables cannot be proven
        throw new Prover.ProveException(e.getMessage());
      }
      lookupBytes = lu.proof().encode();
      ZkVerifier.leafClaims(vk, lu.claims(), initial, multiplicityClaims);
      lambdaClaims.addAll(lu.claims().lambdaClaims());
    }
    if (cursor.used() != shape.lookupEnd()) {
      throw new IllegalStateException("lookup phase took " + cursor.used() + " mask entries, the shape says "
          + shape.lookupEnd());
    }
    // phase 3: the walk on its part of the column, then the bin mapping on the rest
    ProverSide side = new ProverSide(w, mult, t, Prover.functionColumns(c, cm));
    MaskCursor wc = MaskCursor.of(shape.walkEnd());
    wc.take(shape.lookupEnd());
    ProofSink sink = new ProofSink();
    Checked<ZkBackwardWalk.Result> walk = ZkBackwardWalk.prove(c, side::table, Statement.byTensor(c, inputs, outputs),
        initial, Arrays.copyOf(lambda, shape.walkEnd() * L), wc, sink, t);
    if (!walk.isOk()) {
      throw new Prover.ProveException(walk.reason());
    }
    lambdaClaims.addAll(walk.value().lambdaClaims());
    List<MaskedOpening> claims = new ArrayList<>(multiplicityClaims);
    claims.addAll(walk.value().openings());
    long[][] frBins = new long[wb + vk.modelBinCount()][];
    for (int k = 0; k < frBins.length; k++) {
      frBins[k] = Prover.toFr(k < wb ? wbins[k] : pk.modelBins()[k - wb]);
    }
    MaskCursor mc = MaskCursor.of(shape.size());
    mc.take(shape.walkEnd());
    Checked<ZkColumnOpenings.Result> mapped = ZkColumnOpenings.prove(vk, claims, frBins, lambda, mc, sink, t);
    if (!mapped.isOk()) {
      throw new Prover.ProveException(mapped.reason());
    }
    if (!mc.exhausted()) {
      throw new IllegalStateException("mask column not used up: " + mc.used() + " of " + mc.size());
    }
    lambdaClaims.addAll(mapped.value().lambdaClaims());
    // phase 4
    ZkReductionProver.Reduced red = ZkReductionProver.prove(frBins, maskBins, mapped.value().openings(),
        lambdaClaims, mk.h1(), mk.h2(), n, t);
    // phase 5
    long[][] shadows = new long[objects][];
    for (int k = 0; k < wb; k++) {
      shadows[k] = mk.binShadows()[k];
    }
    for (int k = 0; k < maskBins.length; k++) {
      shadows[at + k] = mk.maskShadows()[k];
    }
    shadows[objects - 2] = Arrays.copyOfRange(mk.rhoH(), 0, L);
    shadows[objects - 1] = Arrays.copyOfRange(mk.rhoH(), L, 2 * L);
    HyperKzgZk.Opening op = HyperKzgZk.open(srs, red.polys(), shadows, red.result().scalars(), mk.mask(),
        red.result().point(), n, mk.foldShadows(), t);
    ByteWriter openOut = new ByteWriter().frs(red.hValues(), 0, 2).bytes(red.sumcheck().proof().encode())
        .frs(op.maskValue(), 0, 1);
    byte[] proof = Container.encode(Container.PROOF, Container.VERSION_ZK, Container.FLAG_ZK, vk.modelId(),
        binsOut.toByteArray(), lookupBytes, sink.toBytes(), openOut.toByteArray(), op.proof().encode());
    return new Prover.Proof(proof, inputs, outputs, cin);
  }
}
