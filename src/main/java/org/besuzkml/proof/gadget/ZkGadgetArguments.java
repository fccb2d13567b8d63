package org.besuzkml.proof.gadget;

import java.util.List;
import java.util.Map;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * The zero-knowledge arguments of the walk (zk-design 4.2-4.3, step 7), by gadget kind, as
 * {@link GadgetArguments} holds version 1's: masked claims on outputs in, masked claims on inputs
 * (and on limbs) out, every check that involves a mask deferred to the {@link ZkMasks} as a
 * Lambda-claim. Kinds without a zero-knowledge argument yet are absent: {@link #verify} rejects
 * them, {@link #prove} refuses them. Not used by the prover and verifier yet.
 */
public final class ZkGadgetArguments {
  private ZkGadgetArguments() {}

  /** The prover's half: the same messages, slots and returned claims as its verifier. */
  public interface Prover<G extends Gadget> {
    List<ZkClaim> prove(G g, Circuit c, ProverTables w, List<ZkClaim> outputClaims, ProofSink out,
        Transcript t, ZkMasks masks);
  }

  /**
   * The verifier's half: reads the messages (absorbing each), takes the slots, defers its checks
   * and returns the claims on inputs, or a rejection. Never throws on proof content.
   */
  public interface Verifier<G extends Gadget> {
    Checked<List<ZkClaim>> verify(G g, Circuit c, List<ZkClaim> outputClaims, FieldReader in,
        Transcript t, ZkMasks masks);
  }

  private record Pair<G extends Gadget>(Prover<G> prover, Verifier<G> verifier) {}

  /** "Wire" covers Concat (several inputs, {@link ZkConcatArgument}) too: one kind, as in version 1. */
  private static final Map<String, Pair<?>> BY_KIND = Map.ofEntries(
      Map.entry("Lin", new Pair<>(new ZkLinearArguments.LinProver(),
          new ZkLinearArguments.LinVerifier())),
      Map.entry("ReduceSum", new Pair<>(new ZkLinearArguments.ReduceSumProver(),
          new ZkLinearArguments.ReduceSumVerifier())),
      Map.entry("Alias", new Pair<>(new ZkLinearArguments.AliasProver(),
          new ZkLinearArguments.AliasVerifier())),
      Map.entry("Contract", new Pair<>(new ZkContractArgument.Prover(), new ZkContractArgument.Verifier())),
      Map.entry("Conv", new Pair<>(new ZkConvArgument.Prover(), new ZkConvArgument.Verifier())),
      Map.entry("Poly", new Pair<>(new ZkPolyArgument.Prover(), new ZkPolyArgument.Verifier())),
      Map.entry("Decomp", new Pair<>(new ZkDecompArgument.Prover(), new ZkDecompArgument.Verifier())),
      Map.entry("Requant", new Pair<>(new ZkRequantArgument.Prover(),
          new ZkRequantArgument.Verifier())),
      Map.entry("DivConst", new Pair<>(new ZkDivConstArgument.Prover(),
          new ZkDivConstArgument.Verifier())),
      Map.entry("MaxSelect", new Pair<>(new ZkSelectionArguments.MaxSelectProver(),
          new ZkSelectionArguments.MaxSelectVerifier())),
      Map.entry("DivTensor", new Pair<>(new ZkSelectionArguments.DivTensorProver(),
          new ZkSelectionArguments.DivTensorVerifier())),
      Map.entry("Wire", new Pair<>(new ZkWireArgument.Prover(), new ZkWireArgument.Verifier())));

  public static boolean supported(String kind) {
    return BY_KIND.containsKey(kind);
  }

  @SuppressWarnings("unchecked")
  public static List<ZkClaim> prove(Gadget g, Circuit c, ProverTables w, List<ZkClaim> claims,
      ProofSink out, Transcript t, ZkMasks masks) {
    Pair<Gadget> p = (Pair<Gadget>) BY_KIND.get(g.kind());
    if (p == null) {
      throw new IllegalArgumentException("no zero-knowledge argument for " + g.kind() + " yet");
    }
    return p.prover().prove(g, c, w, claims, out, t, masks);
  }

  @SuppressWarnings("unchecked")
  public static Checked<List<ZkClaim>> verify(Gadget g, Circuit c, List<ZkClaim> claims,
      FieldReader in, Transcript t, ZkMasks masks) {
    Pair<Gadget> p = (Pair<Gadget>) BY_KIND.get(g.kind());
    if (p == null) {
      return Checked.rejected("no zero-knowledge argument for gadget kind " + g.kind());
    }
    try {
      return p.verifier().verify(g, c, claims, in, t, masks);
    } catch (RuntimeException e) {
      return Checked.rejected(g.kind() + ": malformed input (" + e.getClass().getSimpleName() + ")");
    }
  }
}
