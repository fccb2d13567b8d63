package org.besuzkml.proof.verify;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LookupInstance;
import org.besuzkml.lookup.ZkLogUpVerifier;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.pcs.HyperKzgProof;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.ProofSink;
import org.besuzkml.proof.gadget.ProverTables;
import org.besuzkml.proof.gadget.ZkBackwardWalk;
import org.besuzkml.proof.gadget.ZkClaim;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.transcript.Transcript;

/**
 * The sizes of a version-2 (zero-knowledge, all-public) proof, derived from the vk alone and
 * identically by prover and verifier (zk-design 3.5, 11.3). The mask column {@code Lambda} is laid
 * out as: the lookup phase's entries {@code [0, lookupEnd)} (mask leaves, layers, leaf slots; a
 * function of the zk leaf layout), the walk's {@code [lookupEnd, walkEnd)}, the bin mapping's chunk
 * slots {@code [walkEnd, size)}. The walk's and the mapping's counts come from a dry run of the zk
 * walk on an all-zero witness and column ({@link ZkBackwardWalk#requiredSize}): slot counts depend on
 * the circuit and on which tensors carry claims, never on values. The proof states no size and the
 * verifier trusts none from it. This dry run stands in for {@code VerifierCost}'s {@code |Lambda|}
 * (it costs about one prover walk on the verifier side; to be replaced).
 */
public record ZkShape(LeafLayout layout, int lookupEnd, int walkEnd, int size, int maskBins) {
  private static final int L = Fr.LIMBS;
  /** Largest WALK section accepted (the walk is read to its end; its length is not precomputed). */
  public static final int MAX_WALK_BYTES = 1 << 26;
  /**
   * Largest tensor the dry run tabulates (2^20 entries, 32 MiB of zero limbs, allocated one table at
   * a time): it bounds the verifier's work here until VerifierCost derives the sizes instead.
   */
  public static final int MAX_DRY_RUN_VARS = 20;

  /** Bytes of the WITNESS_BINS section: K witness bins, K_Lambda mask bins, C_H1, C_H2, C_M. */
  public int witnessBinsBytes(VerifyingKey vk) {
    return (vk.witnessBinCount() + maskBins + 3) * G1.ENCODED;
  }

  /** Field elements of the LOOKUP section (0 without lookups). */
  public long lookupElements() {
    return layout == null ? 0 : layout.proofSize();
  }

  /** Bytes of the OPENING section: v_H1, v_H2, SC(n, 2), m. */
  public static int openingBytes(VerifyingKey vk) {
    return (2 + 2 * vk.nBin() + 1) * Fr.BYTES;
  }

  /** Bytes of the PCS section. */
  public static int pcsBytes(VerifyingKey vk) {
    return HyperKzgProof.encodedLengthZk(vk.nBin());
  }

  /** Lambda entries the zk lookup phase takes (ZkLogUpVerifier's allocation, zk-design 5.3). */
  static int lookupSlots(LeafLayout layout) {
    if (layout == null) {
      return 0;
    }
    int n = 4; // the two mask leaves
    for (int k = 1; k < layout.leafVars(); k++) {
      n += 3 * (k - 1) + 5 + 4; // the layer's mask coefficients (3, .., 3, 5), its four child slots
    }
    return n + ZkLogUpVerifier.maskedLeafCount(layout);
  }

  /** The shape, or a refusal by reason (a model the zk walk cannot prove, a column too large). */
  public static Checked<ZkShape> of(VerifyingKey vk) {
    try {
      return compute(vk);
    } catch (RuntimeException e) {
      return Checked.rejected("zk shape: malformed key (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Checked<ZkShape> compute(VerifyingKey vk) {
    if (vk.nBin() < 1) {
      return Checked.rejected("zk: a model without bins has nothing to hide an opening with (n_bin = 0)");
    }
    Circuit c = vk.circuit();
    for (int i = 0; i < c.tensors().size(); i++) {
      if (c.tensor(i).vars() > MAX_DRY_RUN_VARS) {
        return Checked.rejected("zk shape: tensor " + c.tensor(i).name() + " has 2^" + c.tensor(i).vars()
            + " entries, the dry run allows 2^" + MAX_DRY_RUN_VARS);
      }
    }
    LeafLayout layout = null;
    if (LookupSetup.hasLookups(vk)) {
      Checked<LeafLayout> l = LookupSetup.zkLayout(vk, null);
      if (!l.isOk()) {
        return Checked.rejected("lookup layout: " + l.reason());
      }
      layout = l.value();
    }
    int lookupEnd = lookupSlots(layout);
    List<ZkClaim> initial = new ArrayList<>();
    List<MaskedOpening> multiplicities = new ArrayList<>();
    leafClaims(vk, layout, initial, multiplicities);
    ProverTables zero = tensor -> new long[(1 << c.tensor(tensor).vars()) * L];
    long[][] pub = zeroPublic(c);
    Checked<Integer> walkEnd = ZkBackwardWalk.requiredSize(c, zero, pub, initial, lookupEnd);
    if (!walkEnd.isOk()) {
      return walkEnd.rethrow("zk shape");
    }
    // once more at the exact size, for the openings the bin mapping receives
    MaskCursor cursor = MaskCursor.of(walkEnd.value());
    cursor.take(lookupEnd);
    Checked<ZkBackwardWalk.Result> walk = ZkBackwardWalk.prove(c, zero, pub, initial,
        new long[walkEnd.value() * L], cursor, new ProofSink(), Transcript.v1());
    if (!walk.isOk()) {
      return walk.rethrow("zk shape");
    }
    List<MaskedOpening> claims = new ArrayList<>(multiplicities);
    claims.addAll(walk.value().openings());
    int map = ZkColumnOpenings.slots(vk, claims);
    if (map < 0) {
      return Checked.rejected("zk shape: an opening claim is not on a column of the layout");
    }
    long size = (long) walkEnd.value() + map;
    if (size > MaskCursor.MAX_SIZE) {
      return Checked.rejected("zk shape: mask column of " + size + " entries");
    }
    int bin = 1 << vk.nBin();
    int maskBins = (int) ((size + bin - 1) / bin);
    return Checked.ok(new ZkShape(layout, lookupEnd, walkEnd.value(), (int) size, maskBins));
  }

  /** Zero public values per tensor id (inputs and outputs of their sizes). */
  static long[][] zeroPublic(Circuit c) {
    long[][] in = new long[c.inputs().length][];
    for (int i = 0; i < in.length; i++) {
      in[i] = new long[(int) c.tensor(c.inputs()[i]).size()];
    }
    long[][] out = new long[c.outputs().length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new long[(int) c.tensor(c.outputs()[i]).size()];
    }
    return Statement.byTensor(c, in, out);
  }

  /**
   * Claims of the lookup phase's shape (zero points and values) in its order (ZkLeafCheck): per
   * instance segment one claim per column, per table segment its multiplicity claim and, for a
   * function table, the claim on its output column.
   */
  private static void leafClaims(VerifyingKey vk, LeafLayout layout, List<ZkClaim> initial,
      List<MaskedOpening> multiplicities) {
    if (layout == null) {
      return;
    }
    LookupPlan plan = vk.plan();
    for (LeafLayout.Segment s : layout.segments()) {
      long[] z = new long[s.numVars() * L];
      switch (s.kind()) {
        case INSTANCE -> {
          LookupInstance lk = layout.instances().get(s.index());
          LookupPlan.Instance in = plan.instances().get(s.index());
          for (int col = 0; col < lk.columns(); col++) {
            initial.add(new ZkClaim(col == 0 ? in.column1() : in.column2(), z, new long[L], new MaskForm()));
          }
        }
        case TABLE -> {
          multiplicities.add(new MaskedOpening(ZkColumnOpenings.multiplicityObject(s.index()), z, new long[L],
              new MaskForm()));
          if (layout.tables().get(s.index()).hasCommittedOutput()) {
            int values = vk.circuit().tables().get(plan.tables().get(s.index()).function()).values();
            initial.add(new ZkClaim(values, z, new long[L], new MaskForm()));
          }
        }
        default -> { } // padding: no claim
      }
    }
  }
}
