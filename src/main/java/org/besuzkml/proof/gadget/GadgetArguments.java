package org.besuzkml.proof.gadget;

import java.util.List;
import java.util.Map;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * The map from gadget kind to its prover and verifier (4.4: "registered in a map from gadget kind
 * to implementation"). Kinds without an argument yet are absent: {@link #verify} rejects them.
 */
public final class GadgetArguments {
  private GadgetArguments() {}

  /** A prover and a verifier for one gadget kind. */
  public record Pair<G extends Gadget>(GadgetProver<G> prover, GadgetVerifier<G> verifier) {}

  private static final Map<String, Pair<?>> BY_KIND = Map.ofEntries(
      Map.entry("MaxSelect", new Pair<>(new SelectionArguments.MaxSelectProver(),
          new SelectionArguments.MaxSelectVerifier())),
      Map.entry("DivTensor", new Pair<>(new SelectionArguments.DivTensorProver(),
          new SelectionArguments.DivTensorVerifier())),
      Map.entry("Lookup", lookupPair()),
      Map.entry("ZeroBit", zeroBitPair()),
      Map.entry("Contract", new Pair<>(new ContractArgument.Prover(), new ContractArgument.Verifier())),
      Map.entry("Lin", new Pair<>(new LinearArguments.LinProver(), new LinearArguments.LinVerifier())),
      Map.entry("ReduceSum", new Pair<>(new LinearArguments.ReduceSumProver(),
          new LinearArguments.ReduceSumVerifier())),
      Map.entry("Alias", new Pair<>(new LinearArguments.AliasProver(), new LinearArguments.AliasVerifier())),
      Map.entry("Poly", new Pair<>(new PolyArgument.Prover(), new PolyArgument.Verifier())),
      Map.entry("Requant", new Pair<>(new RequantArgument.Prover(), new RequantArgument.Verifier())),
      Map.entry("Decomp", new Pair<>(new DecompArgument.Prover(), new DecompArgument.Verifier())),
      Map.entry("Wire", new Pair<>(new WireArgument.Prover(), new WireArgument.Verifier())),
      Map.entry("DivConst", new Pair<>(new DivConstArgument.Prover(), new DivConstArgument.Verifier())),
      Map.entry("Conv", new Pair<>(new ConvArgument.Prover(), new ConvArgument.Verifier())));

  private static Pair<Lookup> lookupPair() {
    SelectionArguments.NoMessages<Lookup> n = new SelectionArguments.NoMessages<>();
    return new Pair<>(n, n);
  }

  private static Pair<ZeroBit> zeroBitPair() {
    SelectionArguments.NoMessages<ZeroBit> n = new SelectionArguments.NoMessages<>();
    return new Pair<>(n, n);
  }

  public static boolean supported(String kind) {
    return BY_KIND.containsKey(kind);
  }

  @SuppressWarnings("unchecked")
  public static List<Claim> prove(Gadget g, Circuit c, ProverTables w, List<Claim> claims,
      ProofSink out, Transcript t) {
    Pair<Gadget> p = (Pair<Gadget>) BY_KIND.get(g.kind());
    if (p == null) {
      throw new IllegalArgumentException("no argument for " + g.kind() + " yet");
    }
    return p.prover().prove(g, c, w, claims, out, t);
  }

  @SuppressWarnings("unchecked")
  public static Checked<List<Claim>> verify(Gadget g, Circuit c, List<Claim> claims,
      FieldReader in, Transcript t) {
    Pair<Gadget> p = (Pair<Gadget>) BY_KIND.get(g.kind());
    if (p == null) {
      return Checked.rejected("no argument for gadget kind " + g.kind());
    }
    try {
      return p.verifier().verify(g, c, claims, in, t);
    } catch (RuntimeException e) {
      return Checked.rejected(g.kind() + ": malformed input (" + e.getClass().getSimpleName() + ")");
    }
  }
}
