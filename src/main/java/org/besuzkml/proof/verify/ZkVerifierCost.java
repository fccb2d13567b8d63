package org.besuzkml.proof.verify;

import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.sumcheck.Checked;

/**
 * The zero-knowledge verifier's cost bound from a version-2 vk alone (zk-design 11.2, 11.5), in
 * {@link VerifierCost}'s units so that the precompile's gas formula is shared. {@link ZkVerifier} runs
 * version 1's phases on the same circuit (same challenges, eq and sel evaluations, final checks,
 * openings), so {@link VerifierCost#circuit}'s figure is its base; on top of it come, all from
 * {@link ZkShape} and {@link ZkMaskShape} (static, linear in the gadgets):
 * <ul>
 *   <li>the proof's extra bytes (the exact length of every section is fixed by the vk: mask bins,
 *       {@code C_H1, C_H2, C_M}, the lookup's degree-5 last rounds, the walk's degree bumps and masked
 *       stated values, the bin mapping's chunk values, {@code v_H1, v_H2, m}, {@code sigma}), each 32
 *       bytes read, absorbed and combined;
 *   <li>the masked runs' coefficients {@code sum D_t} (lookup layers and walk): each gets its weight in
 *       the mask form {@code w_g(r)} and a term in the reduction;
 *   <li>the mask column {@code |Lambda|}: every slot is a term of a few forms (its stated value's claim,
 *       an R1 relation or a recomposition), each term one coefficient product when made and two in
 *       {@link ZkReduction}'s pass; the reduction's eq table over the mask bins' used low variables;
 *   <li>per gadget, per placed claim and per lookup layer a Lambda-claim's constants ({@code kappa},
 *       {@code 2^(-k)}, its power of gamma), and the extra lookup layers and mask leaves of the zk layout;
 *   <li>the hiding opening ({@code HyperKzgVerifier.verifyZk}): the mask bins, {@code C_H1}, {@code C_H2},
 *       {@code C_M} and {@code [beta]_1} as extra MSM points, each combined as a committed polynomial is,
 *       and the two constant-point eqs of {@code H_1, H_2}.
 * </ul>
 * The per-item prices are upper bounds of what the code does per item (held against instrumented counts
 * on corpus models by {@code ZkVerifierCostTest}). Never throws; a vk the zk verifier refuses before any
 * proof work gets the base figure and its refusal.
 *
 * @param total the bound (what limits and gas use)
 * @param base version 1's figure of the circuit
 * @param maskEntries {@code |Lambda|}
 * @param maskBins {@code K_Lambda}
 * @param maskedCoefficients {@code sum D_t} over the lookup layers' and the walk's masked runs
 * @param refusal why the zk verifier refuses this key before any proof work, or null
 */
public record ZkVerifierCost(VerifierCost total, VerifierCost base, long maskEntries, long maskBins,
    long maskedCoefficients, String refusal) {
  /** Fr multiplications per extra 32 bytes of proof: decoded, absorbed, used once. */
  static final long PER_ELEMENT = 3;
  /** Per masked-run coefficient: Horner, its weight in w_g(r), its term made and reduced. */
  static final long PER_COEFFICIENT = 6;
  /** Per mask-column entry: up to three form terms, each made (1) and reduced (2); and a kappa factor. */
  static final long PER_SLOT = 10;
  /** Per Lambda-claim source (gadget, placed claim, lookup layer): kappa, 2^(-k), gamma^j, its value. */
  static final long PER_CLAIM = 16;
  /** Bytes allocated per slot (forms grow by copies of their index and coefficient arrays). */
  static final long ALLOC_PER_SLOT = 1024;
  static final long ALLOC_PER_COEFFICIENT = 256;
  static final long ALLOC_PER_ELEMENT = 128;
  static final long ALLOC_PER_CLAIM = 512;

  /** The bound for vk (a version-2 key; any other key gets its base figure and a refusal). */
  public static ZkVerifierCost of(VerifyingKey vk) {
    VerifierCost base = VerifierCost.circuit(vk);
    if (vk == null || !vk.zk()) {
      return new ZkVerifierCost(base, base, 0, 0, 0, "not a zero-knowledge key");
    }
    try {
      return compute(vk, base);
    } catch (RuntimeException e) {
      return new ZkVerifierCost(base, base, 0, 0, 0, "zk cost: malformed key (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The exact length of a zk proof for this shape: container, MODEL, WITNESS_BINS, LOOKUP, WALK, OPENING, PCS. */
  static long proofBytes(VerifyingKey vk, ZkShape s, ZkMaskShape m) {
    long elements = CostMeter.add(s.lookupElements(), CostMeter.add(m.walkElements(), m.mappingElements()));
    return CostMeter.add(Container.HEADER + (long) Container.SECTION_HEADER * ZkVerifier.SECTIONS + 32
        + s.witnessBinsBytes(vk) + ZkShape.openingBytes(vk) + ZkShape.pcsBytes(vk), CostMeter.mul(elements, Fr.BYTES));
  }

  private static ZkVerifierCost compute(VerifyingKey vk, VerifierCost base) {
    Checked<ZkShape> sh = ZkShape.of(vk);
    if (!sh.isOk()) {
      return new ZkVerifierCost(base, base, 0, 0, 0, sh.reason());
    }
    ZkShape s = sh.value();
    Checked<ZkMaskShape> ms = ZkMaskShape.of(vk, s.layout());
    if (!ms.isOk()) {
      return new ZkVerifierCost(base, base, 0, 0, 0, ms.reason());
    }
    ZkMaskShape m = ms.value();
    int n = vk.nBin();
    long kl = s.maskBins();
    long bytes = proofBytes(vk, s, m);
    long extraElements = Math.max(0, bytes - base.proofBytes()) / Fr.BYTES;
    long layers = 0;
    long lookupCoefficients = 0;
    long extraLayerMuls = 0;
    if (s.layout() != null) {
      LeafLayout zl = s.layout();
      int lv = zl.leafVars();
      layers = Math.max(0, lv - 1);
      for (int k = 1; k < lv; k++) {
        for (int d : LeafLayout.zkLayerDegrees(k)) {
          lookupCoefficients += d;
        }
      }
      Checked<LeafLayout> v1 = LookupSetup.layout(vk, null);
      int v1Lv = v1.isOk() ? v1.value().leafVars() : 1;
      // layers the zk layout has beyond version 1's, priced as VerifierCost prices a layer, and eq(rho, A/B)
      for (int k = Math.max(1, v1Lv); k < lv; k++) {
        extraLayerMuls = CostMeter.add(extraLayerMuls, 9L * k + 24 + 2L * (k + 2));
      }
      extraLayerMuls = CostMeter.add(extraLayerMuls, 2 * (2L * lv + 1) + 8);
    }
    long coefficients = CostMeter.add(lookupCoefficients, m.walkCoefficients());
    long size = m.size();
    long claimSources = CostMeter.add(vk.circuit().gadgets().size(), CostMeter.add(base.claims(), layers + 1));
    // the reduction's eq table over the mask bins' low m variables (offsets below min(|Lambda|, 2^n))
    long used = Math.max(1, Math.min(size, 1L << n));
    int mVars = 64 - Long.numberOfLeadingZeros(used - 1);
    long eqTable = CostMeter.pow2(mVars);
    long openingPolys = kl + 4; // mask bins, C_H1, C_H2, C_M, [beta]_1
    long muls = base.fieldMuls();
    boolean baseOpens = base.millerLoops() > 0;
    if (!baseOpens) {
      // version 1 opens nothing without committed bins; the zk verifier always opens (the masks): phases 4-5
      // priced as VerifierCost prices them for no bin (SC(n, 2), two challenges, HyperKZG over the folds)
      muls = CostMeter.add(muls, 9L * n + 6 + 16L * (n + 2) * (n + 4) + 12L * n + 9);
    }
    muls = CostMeter.add(muls, CostMeter.mul(extraElements, PER_ELEMENT));
    muls = CostMeter.add(muls, CostMeter.mul(coefficients, PER_COEFFICIENT));
    muls = CostMeter.add(muls, CostMeter.mul(size, PER_SLOT));
    muls = CostMeter.add(muls, CostMeter.mul(claimSources, PER_CLAIM));
    muls = CostMeter.add(muls, CostMeter.add(eqTable, 7L * n + 8)); // high bits, two constant eqs
    muls = CostMeter.add(muls, CostMeter.mul(openingPolys, 16L * (n + 2)));
    muls = CostMeter.add(muls, extraLayerMuls);
    long alloc = base.allocBytes();
    alloc = CostMeter.add(alloc, CostMeter.mul(size, ALLOC_PER_SLOT));
    alloc = CostMeter.add(alloc, CostMeter.mul(coefficients, ALLOC_PER_COEFFICIENT));
    alloc = CostMeter.add(alloc, CostMeter.mul(extraElements, ALLOC_PER_ELEMENT));
    alloc = CostMeter.add(alloc, CostMeter.mul(claimSources, ALLOC_PER_CLAIM));
    alloc = CostMeter.add(alloc, CostMeter.mul(eqTable, CostMeter.ELEM * 3));
    alloc = CostMeter.add(alloc, CostMeter.mul(openingPolys, CostMeter.ELEM * 8 + 8L * G1.AFFINE * 8));
    if (!baseOpens) {
      alloc = CostMeter.add(alloc, (n + 3L) * (CostMeter.ELEM * 8 + 8L * G1.AFFINE * 8) + 8L * n * CostMeter.ELEM * 4);
    }
    // Keccak: the extra elements and G1 records, the rho_M squeeze
    // committed inputs (zk-design 4.7): one "bzk/cin" G1 record, one decoding and one comparison each
    long ci = 0;
    for (int i = 0; i < vk.circuit().inputs().length; i++) {
      ci += vk.visibility() != null && vk.visibility().committedInput(i) ? 1 : 0;
    }
    long absorbed = CostMeter.add(CostMeter.mul(extraElements, 40), CostMeter.mul(kl + 3 + ci, 80) + 80);
    long perms = CostMeter.add(base.keccakPermutations(), absorbed / 136 + kl + 8 + ci);
    // the one MSM: committed bins, folds, generator, W_1, W_2 (version 1's), then the mask objects and [beta]_1;
    // G1 decodings: witness bins, mask bins, C_H1, C_H2, C_M, the folds, W_1, W_2, the statement's C_x
    long wb = vk.witnessBinCount();
    long msm = wb + vk.modelBinCount() + n + 2 + openingPolys;
    long g1 = wb + kl + 3 + n + 1 + ci;
    VerifierCost total = new VerifierCost(muls, msm, 2, g1, CostMeter.add(base.keccakBytes(), absorbed), perms, alloc, bytes,
        CostMeter.add(m.walkElements(), m.mappingElements()), base.openingClaims(), base.claims());
    return new ZkVerifierCost(total, base, size, kl, coefficients, null);
  }
}
