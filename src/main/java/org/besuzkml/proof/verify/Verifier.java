package org.besuzkml.proof.verify;

import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafClaim;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LogUpClaims;
import org.besuzkml.lookup.LogUpVerifier;
import org.besuzkml.pcs.HyperKzgVerifier;
import org.besuzkml.pcs.PcsResult;
import org.besuzkml.proof.gadget.BackwardWalk;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * The proof verifier (section 8, phases 0-5). {@link #verify} never throws, reads every count from
 * the vk (never from the proof), checks every section length before doing cryptographic work, and
 * its work is bounded by the vk. A rejection names the phase and the check.
 */
public final class Verifier {
  static final int L = Fr.LIMBS;

  private Verifier() {}

  /**
   * Whether a key made with the insecure development SRS (3.5: anyone knows its tau, so anyone can
   * forge) may be used. Consensus callers (the precompile) never allow it; the CLI allows it with a
   * loud warning, tests allow it.
   */
  public enum SrsPolicy { CEREMONY_ONLY, ALLOW_DEV }

  /**
   * Enforced limits on {@link VerifierCost} (protocol.md 10.4), checked from the vk before any
   * transcript or proof work: a vk over a limit is refused with the figure that exceeds it, and a
   * proof whose length is not the vk's exact proof size is refused before it is decoded.
   */
  public record Limits(long maxFieldMuls, long maxAllocBytes, long maxMsmPoints, long maxProofBytes,
      long maxKeccakPermutations) {
    /**
     * The default: about 0.2 s of field work (2^22 multiplications at ~45 ns), 512 MiB allocated in
     * total (the peak is far lower), an MSM of 2^12 points, a 4 MiB proof and 2^18 permutations.
     * Every corpus model stays at least 8x below each (lenet_5: 65k multiplications and 7 MB;
     * self_attention, the largest: 436k and 43 MB), while a crafted Conv or Wire whose loops or
     * tables reach 2^20 entries is refused.
     */
    public static final Limits DEFAULT = new Limits(1L << 22, 512L << 20, 1 << 12, 4L << 20, 1L << 18);
    /** No limit (tests and offline tools that must see the verdict of a huge model). */
    public static final Limits NONE = new Limits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
        Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /** Verifies against an encoded vk (decoded and checked first); refuses development-SRS keys. */
  public static VerifyResult verify(byte[] vkBytes, long[][] inputs, long[][] outputs, byte[] proof) {
    return verify(vkBytes, inputs, outputs, proof, SrsPolicy.CEREMONY_ONLY);
  }

  public static VerifyResult verify(byte[] vkBytes, long[][] inputs, long[][] outputs, byte[] proof,
      SrsPolicy policy) {
    Decoded<VerifyingKey> vk = VkCodec.decode(vkBytes);
    if (!vk.isOk()) {
      return VerifyResult.invalid("verifying key: " + vk.reason());
    }
    return verify(vk.value(), inputs, outputs, proof, policy);
  }

  /** Refuses development-SRS keys. */
  public static VerifyResult verify(VerifyingKey vk, long[][] inputs, long[][] outputs, byte[] proof) {
    return verify(vk, inputs, outputs, proof, SrsPolicy.CEREMONY_ONLY);
  }

  public static VerifyResult verify(VerifyingKey vk, long[][] inputs, long[][] outputs, byte[] proof,
      SrsPolicy policy) {
    return verify(vk, inputs, outputs, proof, policy, (g, from, to) -> { });
  }

  /**
   * As above, telling {@code visits} which WALK bytes each gadget's verifier read (tests aim lies
   * with it). Only a {@link RuntimeException} from a bug is turned into a verdict: errors such as
   * running out of memory are not, so that no verdict depends on the machine; the work is bounded
   * from the vk instead.
   */
  public static VerifyResult verify(VerifyingKey vk, long[][] inputs, long[][] outputs, byte[] proof,
      SrsPolicy policy, BackwardWalk.Visits visits) {
    return verify(vk, inputs, outputs, proof, policy, Limits.DEFAULT, visits);
  }

  /**
   * Verifies a statement (zk-design 11.5): each graph input public or private, each output public,
   * checked against the vk's VISIBILITY before any other work (P14). A version-1 or all-public key
   * takes an all-public statement and is verified exactly as by the {@code long[][]} methods.
   */
  public static VerifyResult verify(VerifyingKey vk, Statement st, byte[] proof, SrsPolicy policy) {
    return verify(vk, st, proof, policy, Limits.DEFAULT);
  }

  /** As above under the given limits. */
  public static VerifyResult verify(VerifyingKey vk, Statement st, byte[] proof, SrsPolicy policy, Limits limits) {
    try {
      if (vk == null || st == null) {
        return VerifyResult.invalid("missing vk, statement or proof");
      }
      if (vk.dev() && policy != SrsPolicy.ALLOW_DEV) {
        return VerifyResult.invalid("verifying key uses the insecure development SRS (refused)");
      }
      String shape = st.shapeFor(vk);
      if (shape != null) {
        return VerifyResult.invalid("statement: " + shape);
      }
      if (vk.zk()) {
        return ZkVerifier.verify(vk, st.publicInputs(), st.commitments(), st.publicOutputs(), proof, limits);
      }
      return verify(vk, st.publicInputs(), st.publicOutputs(), proof, policy, limits, (g, from, to) -> { });
    } catch (RuntimeException e) {
      return VerifyResult.invalid("internal error: " + e.getClass().getSimpleName());
    }
  }

  /** As above under the given limits (10.4). */
  public static VerifyResult verify(VerifyingKey vk, long[][] inputs, long[][] outputs, byte[] proof,
      SrsPolicy policy, Limits limits, BackwardWalk.Visits visits) {
    if (vk != null && vk.dev() && policy != SrsPolicy.ALLOW_DEV) {
      return VerifyResult.invalid("verifying key uses the insecure development SRS (refused)");
    }
    if (vk != null && vk.zk()) {
      if (vk.visibility() == null || !vk.visibility().allPublic()) {
        return VerifyResult.invalid("verifying key: not every input and output is public; verify a Statement"
            + " that names each one's visibility");
      }
      return ZkVerifier.verify(vk, inputs, outputs, proof, limits);
    }
    try {
      if (vk != null && limits != null) {
        // before any proof work: the cost is a function of the vk (linear in its size)
        VerifierCost cost = VerifierCost.of(vk);
        String over = cost.exceeds(limits);
        if (over != null) {
          return VerifyResult.invalid(over);
        }
        if (proof != null && proof.length != cost.proofBytes()) {
          return VerifyResult.invalid("proof format: " + proof.length + " bytes, the vk fixes "
              + cost.proofBytes());
        }
      }
      return run(vk, inputs, outputs, proof, visits);
    } catch (Rejection r) {
      return VerifyResult.invalid(r.getMessage());
    } catch (RuntimeException e) {
      return VerifyResult.invalid("internal error: " + e.getClass().getSimpleName());
    }
  }

  private static VerifyResult run(VerifyingKey vk, long[][] inputs, long[][] outputs, byte[] proof,
      BackwardWalk.Visits visits) {
    if (vk == null || proof == null || inputs == null || outputs == null) {
      return VerifyResult.invalid("missing vk, public values or proof");
    }
    String bad = Statement.check(vk, inputs, outputs);
    if (bad != null) {
      return VerifyResult.invalid("public values: " + bad);
    }
    boolean lookups = LookupSetup.hasLookups(vk);
    Checked<LeafLayout> layout = lookups ? LookupSetup.layout(vk, null) : null;
    if (lookups && !layout.isOk()) {
      return VerifyResult.invalid("lookup layout: " + layout.reason());
    }
    for (int i = 0; i < vk.circuit().gadgets().size(); i++) {
      String why = Walk.unsupported(vk.circuit().gadgets().get(i), vk.circuit());
      if (why != null) {
        return VerifyResult.invalid("gadget " + i + ": " + why);
      }
    }
    Decoded<ProofDecoder.Proof> decoded = ProofDecoder.decode(proof, vk, lookups ? layout.value() : null);
    if (!decoded.isOk()) {
      return VerifyResult.invalid("proof format: " + decoded.reason());
    }
    ProofDecoder.Proof pf = decoded.value();
    int nBin = vk.nBin();
    int wb = vk.witnessBinCount();
    int mb = vk.modelBinCount();
    long[] bins = Arrays.copyOf(pf.witnessBins(), (wb + mb) * G1.AFFINE);
    System.arraycopy(vk.modelBins(), 0, bins, wb * G1.AFFINE, mb * G1.AFFINE);
    boolean noBins = ProofDecoder.noBins(vk);

    // phase 0, 1
    Transcript t = Transcript.v1();
    Statement.absorb(t, vk, inputs, outputs);
    for (int k = 0; k < wb; k++) {
      t.absorbG1("bzk/wbins", pf.witnessBinEncodings()[k]);
    }
    // phase 2
    List<LeafClaim> leaf = List.of();
    if (lookups) {
      Checked<LogUpClaims> lu = LogUpVerifier.verify(layout.value(), pf.lookup(), t);
      if (!lu.isOk()) {
        return VerifyResult.invalid("lookup: " + lu.reason());
      }
      leaf = lu.value().claims();
    }
    // phase 3
    FieldReader walkIn = pf.walk();
    Walk walk = new Walk(vk, new VerifierSide(walkIn, t), t,
        Statement.byTensor(vk.circuit(), inputs, outputs));
    Checked<List<org.besuzkml.proof.gadget.Claim>> done = BackwardWalk.verify(
        vk.circuit(), walk.start(leaf), walkIn, t, visits);
    if (!done.isOk()) {
      return VerifyResult.invalid(done.reason());
    }
    walk.finish(done.value());
    if (!walkIn.atEnd()) {
      return VerifyResult.invalid("walk: section longer than the walk");
    }
    // phase 4
    List<Walk.Opening> claims = walk.openings();
    if (noBins) {
      return claims.isEmpty() && !t.isMalformed() ? VerifyResult.ok()
          : VerifyResult.invalid("opening claims on a model without bins");
    }
    FieldReader openIn = pf.opening();
    long[] gamma = t.challengeFr("open/gamma");
    long[] pw = OpeningReduction.powers(gamma, claims.size());
    Checked<SubClaim> sc = SumcheckVerifier.verify(OpeningReduction.combinedClaim(claims, pw), nBin, 2,
        openIn, t);
    if (!sc.isOk()) {
      return VerifyResult.invalid("opening reduction: " + sc.reason());
    }
    long[] evals = openIn.read(wb + mb);
    if (evals == null) {
      return VerifyResult.invalid("opening reduction: " + openIn.error());
    }
    t.absorbFrs("open/evals", evals, 0, wb + mb);
    long[] s = sc.value().point();
    long[] g = OpeningReduction.weightsAt(claims, pw, s, wb + mb, nBin);
    long[] sum = new long[L];
    long[] e = new long[L];
    for (int k = 0; k < wb + mb; k++) {
      Fr.mul(e, 0, g, k * L, evals, k * L);
      Fr.add(sum, 0, sum, 0, e, 0);
    }
    if (!sc.value().holds(sum)) {
      return VerifyResult.invalid("opening reduction: final check sum_k G_k(s) e_k != final");
    }
    long[] eta = t.challengeFr("open/eta");
    // phase 5
    PcsResult pr = HyperKzgVerifier.verify(vk.pcsKey(), bins, wb + mb, evals, eta, s, nBin, pf.pcs(), t);
    if (!pr.valid()) {
      return VerifyResult.invalid("opening (HyperKZG): " + pr.reason());
    }
    if (t.isMalformed()) {
      return VerifyResult.invalid("transcript malformed");
    }
    return VerifyResult.ok();
  }
}
