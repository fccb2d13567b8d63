package org.besuzkml.proof.verify;

import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.pcs.HyperKzgProof;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.sumcheck.Checked;

/**
 * The verifier's work as a function of the vk alone (protocol.md 10.1), computed before any proof
 * work so that a vk whose verification would be too expensive is refused (10.4) and so that the
 * precompile can price gas without a proof. Linear in the vk: one pass over the gadgets in reverse
 * (as the backward walk) counts the claims every tensor receives; claim counts are structural (the
 * walk's bookkeeping depends on the vk, never on the proof), so the walk's reads, the opening claims
 * J and every gadget's loops follow from them. Every figure is an upper bound on what
 * {@link Verifier} does for any proof of the exact expected size; {@link #proofBytes} is the size
 * of the honest proof.
 *
 * @param fieldMuls Fr multiplications and squarings (including Montgomery conversions)
 * @param msmPoints points of the one G1 MSM (bins, folds, generator, W_1, W_2)
 * @param millerLoops Miller loops of the one pairing check (one final exponentiation)
 * @param g1Decodings G1 points decoded (on-curve checks) from the proof
 * @param keccakBytes bytes the transcript hashes (records and challenge blocks)
 * @param keccakPermutations Keccak-f[1600] permutations, {@code keccakBytes / 136} plus per squeeze
 * @param allocBytes bytes the verifier allocates in total (a bound on its peak), excluding the
 *     fixed {@link #FIXED_ALLOC} of the MSM and the pairing
 * @param proofBytes the exact size of a proof for this vk
 * @param walkElements field elements of the WALK section
 * @param openingClaims J, the opening claims of phase 4
 * @param claims claims the walk places (including limb and lookup claims)
 */
public record VerifierCost(long fieldMuls, long msmPoints, long millerLoops, long g1Decodings,
    long keccakBytes, long keccakPermutations, long allocBytes, long proofBytes, long walkElements,
    long openingClaims, long claims) {
  /** Allocation of one MSM and one pairing check of the sizes above, independent of the vk. */
  public static final long FIXED_ALLOC = 1L << 20;

  /**
   * The cost of verifying any proof against vk; null-safe (a null vk costs nothing). A version-2
   * (zero-knowledge) key costs {@link ZkVerifierCost#of}'s total, which adds the zk verifier's work to
   * {@link #circuit}'s figure; a version-1 key costs exactly {@link #circuit}'s.
   */
  public static VerifierCost of(VerifyingKey vk) {
    if (vk != null && vk.zk()) {
      return ZkVerifierCost.of(vk).total();
    }
    return circuit(vk);
  }

  /**
   * Version 1's verifier cost (protocol.md 10.1) of vk's circuit: the whole bound of a version-1 key,
   * and the base of a version-2 key's (ZkVerifierCost), whose verifier does this work and more.
   */
  static VerifierCost circuit(VerifyingKey vk) {
    if (vk == null) {
      return new VerifierCost(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    Circuit c = vk.circuit();
    CostMeter m = new CostMeter();
    Flow f = new Flow(vk, m);
    long lookupElements = f.lookupPhase();
    f.outputs();
    f.walk();
    f.finish();
    // the decoder's expansion of affine Wires (kind 15, protocol.md 6.8) into four arrays of |Y|
    for (org.besuzkml.proof.gadget.Gadget g : c.gadgets()) {
      if (g instanceof org.besuzkml.proof.gadget.Wire w && w.map() != null) {
        long y = c.tensor(w.y()).size();
        m.muls(w.map().expansionCost(y));
        m.alloc(CostMeter.mul(y, 17));
      }
    }
    long walkElements = m.reads; // phases 0-3 read only the WALK section through the meter
    int wb = vk.witnessBinCount();
    int mb = vk.modelBinCount();
    int nBin = vk.nBin();
    boolean noBins = wb + mb == 0;
    long j = f.openings;
    long msm = 0;
    long g1 = wb;
    long openingElements = 0;
    long pcsBytes = 0;
    if (!noBins) {
      // phase 4: gamma powers, combined claim, eq(z, s) per distinct point (at most J), G_k(s) e_k
      m.challenge(1);
      m.muls(CostMeter.mul(j, 4));
      m.muls(CostMeter.mul(j, 2L * nBin + 1));
      m.alloc(CostMeter.mul(j, CostMeter.ELEM * 3 + 16));
      m.sumcheck(nBin, 2);
      openingElements = 2L * nBin + wb + mb;
      m.muls(2L * (wb + mb) * 2 + 2L * (wb + mb));
      m.challenge(1);
      // phase 5: HyperKZG (3.3) and Shplonk over K + K' polynomials and l = n_bin
      long count = wb + mb;
      m.muls(CostMeter.mul(count + nBin + 4, 16L * (nBin + 2)));
      m.muls(CostMeter.mul(3L * nBin, 4));
      m.challenge(4);
      m.alloc(CostMeter.mul(count + nBin + 3, CostMeter.ELEM * 8 + 8L * G1.AFFINE * 8));
      msm = count + nBin + 2;
      g1 += nBin + 1;
      pcsBytes = HyperKzgProof.encodedLength(nBin);
    }
    // the WALK section's elements are counted as read by the meter; the others are added here
    long otherElements = CostMeter.add(lookupElements, openingElements + (noBins ? 0 : 3L * nBin));
    m.muls(CostMeter.mul(otherElements, 1));
    long bytes = Container.HEADER + 6L * ProofDecoder.SECTIONS + 32 + (long) wb * G1.ENCODED
        + CostMeter.mul(CostMeter.add(lookupElements, CostMeter.add(walkElements, openingElements)),
            Fr.BYTES) + pcsBytes;
    bytes = Math.min(bytes, CostMeter.CAP);
    m.alloc(CostMeter.mul(bytes, 3));
    // Keccak: every element absorbed once (32 bytes and its record), G1 points, the statement
    long absorbed = CostMeter.add(CostMeter.mul(CostMeter.add(m.reads, otherElements), 40),
        CostMeter.add(CostMeter.mul(g1, 80), f.statementBytes()));
    long blocks = CostMeter.add(CostMeter.mul(m.challengeElements, 2), m.challenges);
    long hashed = CostMeter.add(absorbed, CostMeter.mul(blocks, 40));
    long perms = CostMeter.add(hashed / 136 + 1, CostMeter.add(m.challenges, blocks));
    return new VerifierCost(m.muls, msm, noBins ? 0 : 2, g1, hashed, perms, m.alloc, bytes,
        walkElements, j, f.placed);
  }

  /**
   * Phase 3's field multiplications per gadget, indexed as the vk's gadgets: what the walk's step
   * at gadget i costs (the merges of its outputs' claims, its argument, and the limb statements of
   * the claims it makes), 0 for a Decomp define (it runs where its tensor is claimed). Tests hold
   * each entry against the multiplications the verifier does between two gadget visits.
   */
  public static long[] walkMulsByGadget(VerifyingKey vk) {
    CostMeter m = new CostMeter();
    Flow f = new Flow(vk, m);
    f.lookupPhase();
    f.outputs();
    f.byGadget = new long[vk.circuit().gadgets().size()];
    f.walk();
    return f.byGadget;
  }

  /** Null if every figure is within the limits, else the first one that is not (named). */
  public String exceeds(Verifier.Limits l) {
    if (fieldMuls > l.maxFieldMuls()) {
      return "verifier cost: " + fieldMuls + " field multiplications exceed the limit " + l.maxFieldMuls();
    }
    if (allocBytes > l.maxAllocBytes()) {
      return "verifier cost: " + allocBytes + " bytes of tables exceed the limit " + l.maxAllocBytes();
    }
    if (msmPoints > l.maxMsmPoints()) {
      return "verifier cost: an MSM of " + msmPoints + " points exceeds the limit " + l.maxMsmPoints();
    }
    if (proofBytes > l.maxProofBytes()) {
      return "verifier cost: a proof of " + proofBytes + " bytes exceeds the limit " + l.maxProofBytes();
    }
    if (keccakPermutations > l.maxKeccakPermutations()) {
      return "verifier cost: " + keccakPermutations + " Keccak permutations exceed the limit "
          + l.maxKeccakPermutations();
    }
    return null;
  }

  /** The claim counts of the walk (4.4), tensor by tensor, and the work they cause. */
  private static final class Flow {
    final VerifyingKey vk;
    final Circuit c;
    final CostMeter m;
    final Decomp[] limbBacking;
    final ColumnLayout.Column[] modelColumn;
    final ColumnLayout.Column[] witnessColumn;
    final ColumnLayout.Column[] multiplicityColumn;
    final long[] pending;
    long openings;
    long placed;
    /** When set, walk() records each gadget's step in it (walkMulsByGadget). */
    long[] byGadget;
    /** Multiplications priced for final claims, which the verifier checks after the walk. */
    long deferred;

    Flow(VerifyingKey vk, CostMeter m) {
      this.vk = vk;
      this.c = vk.circuit();
      this.m = m;
      int n = c.tensors().size();
      limbBacking = new Decomp[n];
      for (Gadget g : c.gadgets()) {
        if (g instanceof Decomp d && d.define()) {
          limbBacking[d.x()] = d;
        }
      }
      ColumnIndex columns = ColumnIndex.of(vk);
      modelColumn = columns.model();
      witnessColumn = columns.witness();
      multiplicityColumn = columns.multiplicity();
      pending = new long[n];
      m.alloc(CostMeter.mul(n, 64));
    }

    /** Phase 2 (5.4, 5.5): the fraction tree, the leaf check, and the claims it leaves. */
    long lookupPhase() {
      if (vk.plan().tables().isEmpty()) {
        return 0;
      }
      Checked<LeafLayout> lay = LookupSetup.layout(vk, null);
      if (!lay.isOk()) {
        return 0; // refused before any proof work
      }
      LeafLayout layout = lay.value();
      int lv = layout.leafVars();
      long tree = layout.proofSize() - layout.leavesMessageSize();
      // layer k: a degree-3 sumcheck of k rounds, eq over k variables, 4 values, the next point
      for (int k = 1; k < lv; k++) {
        m.muls(CostMeter.mul(k, 3 + 2 + 2) + 2L * k + 24);
        m.challenges = CostMeter.add(m.challenges, k + 2);
        m.challengeElements = CostMeter.add(m.challengeElements, k + 2);
        m.alloc(CostMeter.mul(k + 4L, CostMeter.ELEM * 4));
      }
      m.muls(CostMeter.mul(tree, 1) + 16);
      m.challenge(3);
      LookupPlan plan = vk.plan();
      for (LeafLayout.Segment s : layout.segments()) {
        // eq over the segment's prefix, sel or in~ over its suffix, the fractions
        m.muls(2L * lv + 3L * s.numVars() + 16);
        m.alloc(CostMeter.ELEM * (s.numVars() + 12L));
        if (s.kind() == LeafLayout.Kind.INSTANCE) {
          LookupPlan.Instance in = plan.instances().get(s.index());
          place(in.column1(), 1);
          if (in.column2() >= 0) {
            place(in.column2(), 1);
          }
        } else if (s.kind() == LeafLayout.Kind.TABLE) {
          multiplicity(s.index());
          LookupPlan.Table t = plan.tables().get(s.index());
          if (t.kind() == LookupPlan.Kind.FUNCTION) {
            place(c.tables().get(t.function()).values(), 1);
          }
        }
      }
      m.muls(2L * lv + 4);
      m.muls(CostMeter.mul(layout.leavesMessageSize(), 1));
      return layout.proofSize();
    }

    void outputs() {
      for (int o : c.outputs()) {
        TensorInfo t = c.tensor(o);
        m.challenge(t.vars());
        publicMle(t, 1);
        place(o, 1);
      }
    }

    /** Phase 3 in reverse gadget order, as {@code BackwardWalk}. */
    void walk() {
      for (int gi = c.gadgets().size() - 1; gi >= 0; gi--) {
        Gadget g = c.gadgets().get(gi);
        if (g instanceof Decomp d && d.define()) {
          continue;
        }
        long before = m.muls - deferred;
        long e = 0;
        for (int o : g.outputs()) {
          long p = pending[o];
          pending[o] = 0;
          if (p > 1 && !g.linear()) {
            merge(c.tensor(o), p);
            p = 1;
          }
          e = CostMeter.add(e, p);
        }
        GadgetCost.add(g, c, e, m);
        produce(g, e);
        if (byGadget != null) {
          byGadget[gi] = m.muls - deferred - before;
        }
      }
    }

    /** ClaimMerge (4.5): mu, powers, the combined claim, SC(m, 2), eq(z_j, r) per claim. */
    private void merge(TensorInfo t, long p) {
      m.challenge(1);
      m.muls(CostMeter.mul(p, 2L * t.vars() + 6));
      m.alloc(CostMeter.mul(p, CostMeter.ELEM * 4 + 24));
      m.sumcheck(t.vars(), 2);
      m.read(1);
    }

    /**
     * The claims a gadget's verifier returns: a linear gadget maps each of its e claims to each
     * input; any other returns one claim per input and per committed output occurrence (the
     * divisions claim r and d at several points), and none when it only reduces claims and got
     * none.
     */
    private void produce(Gadget g, long e) {
      String k = g.kind();
      if (g.linear()) {
        for (int x : g.inputs()) {
          place(x, e);
        }
        return;
      }
      if (k.equals("Lookup") || k.equals("ZeroBit")) {
        return;
      }
      boolean reduceOnly = k.equals("Contract") || k.equals("Conv") || k.equals("Wire")
          || (k.equals("Poly") && !((org.besuzkml.proof.gadget.Poly) g).zeroCheck());
      if (reduceOnly && e == 0) {
        return;
      }
      if (g instanceof MaxSelect x) {
        // the row-sum check claims sigma only; u is MaxSelect's input for the gadget order, and its
        // value is claimed by the Poly sigma * u
        place(x.sigma(), 1);
        return;
      }
      if (g instanceof DivConst d) {
        // r per claim on r' and at the fresh point; q and a once (DivConstArgument)
        place(d.r(), CostMeter.add(e, 1));
        place(d.q(), 1);
        place(d.a(), 1);
        return;
      }
      if (g instanceof DivTensor d) {
        // r and d per claim on r'; a, d, r, d, q at the fresh and the sumcheck points
        place(d.r(), CostMeter.add(e, 1));
        place(d.d(), CostMeter.add(e, 2));
        place(d.q(), 1);
        place(d.a(), 1);
        return;
      }
      for (int x : g.inputs()) {
        place(x, 1);
      }
      for (int y : g.outputs()) {
        if (y >= 0 && y < pending.length && c.tensor(y).kind() != TensorKind.VIRTUAL) {
          place(y, 1);
        }
      }
    }

    /** BackwardWalk.place: limb-backed claims expand into limb claims at once. */
    void place(int t, long n) {
      if (n <= 0 || t < 0 || t >= pending.length) {
        return;
      }
      placed = CostMeter.add(placed, n);
      m.alloc(CostMeter.mul(n, 96));
      Decomp d = limbBacking[t];
      if (d != null) {
        GadgetCost.add(d, c, n, m);
        for (int limb : d.limbs()) {
          done(limb, n);
        }
      } else if (c.tensor(t).kind() == TensorKind.VIRTUAL) {
        pending[t] = CostMeter.add(pending[t], n);
      } else {
        done(t, n);
      }
    }

    /** Walk.finish and Walk.known: a final claim is checked (public) or opened (columns). */
    private void done(int t, long n) {
      TensorInfo ti = c.tensor(t);
      long before = m.muls;
      switch (ti.kind()) {
        case PUBLIC_INPUT -> publicMle(ti, n);
        case CONSTANT -> column(modelColumn[t], n);
        case VIRTUAL -> { } // a rejection
        default -> column(witnessColumn[t], n);
      }
      deferred = CostMeter.add(deferred, m.muls - before);
    }

    /** Walk.publicMle, n times: the padded table (fromLong per value) and its fold. */
    private void publicMle(TensorInfo ti, long n) {
      m.muls(CostMeter.mul(n, CostMeter.add(CostMeter.pow2(ti.vars()), ti.size())));
      m.alloc(CostMeter.mul(n, CostMeter.mul(CostMeter.pow2(ti.vars()), CostMeter.ELEM * 3)));
    }

    private void multiplicity(int table) {
      if (table >= 0 && table < multiplicityColumn.length) {
        column(multiplicityColumn[table], 1);
      }
    }

    /** One opening per chunk; a chunked column states its chunk values and recombines them. */
    private void column(ColumnLayout.Column col, long n) {
      if (col == null) {
        return;
      }
      int chunks = col.chunks();
      openings = CostMeter.add(openings, CostMeter.mul(n, chunks));
      m.alloc(CostMeter.mul(n, CostMeter.mul(chunks, CostMeter.ELEM * (vk.nBin() + 2L) + 64)));
      if (chunks > 1) {
        m.read(CostMeter.mul(n, chunks));
        int hi = col.vars() - vk.nBin();
        m.muls(CostMeter.mul(n, CostMeter.mul(chunks, 2L * hi + 4)));
      }
    }

    /** Walk.finish's multiplicity claims and the end of the walk: nothing more to price. */
    void finish() {
      for (int o : c.outputs()) {
        // the statement's public values: range checks, encoding, publicMle of every output claim
        m.alloc(CostMeter.mul(c.tensor(o).size(), 16));
      }
      for (int i : c.inputs()) {
        m.alloc(CostMeter.mul(c.tensor(i).size(), 16));
      }
    }

    /** Bytes of the statement record: the model id and 8 bytes per public value. */
    long statementBytes() {
      long b = 128;
      for (int i : c.inputs()) {
        b = CostMeter.add(b, CostMeter.mul(c.tensor(i).size(), 8) + 4);
      }
      for (int o : c.outputs()) {
        b = CostMeter.add(b, CostMeter.mul(c.tensor(o).size(), 8) + 4);
      }
      return b;
    }
  }
}
