package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.ClaimMerge;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.transcript.Transcript;

/**
 * Phase 3 of section 8 (4.4): from the claims on the public outputs, the gadgets are visited in
 * reverse order; pending claims on a virtual output are merged (4.5) unless the gadget is linear;
 * the gadget's argument turns them into claims on its inputs. A claim on a limb-backed tensor (the
 * x of a Decomp define) is expanded at once into limb claims (stating a limb-backed value means
 * stating its limbs). The result is the list of final claims on public, constant and committed
 * tensors; a pending claim left at the end is a rejection. The prover and the verifier share this
 * bookkeeping so their transcripts stay in step.
 */
public final class BackwardWalk {
  private BackwardWalk() {}

  /** The side running the walk (prover or verifier). */
  private interface Side {
    Checked<List<Claim>> gadget(Gadget g, List<Claim> claims);

    Checked<Claim> merge(int tensor, List<Claim> claims);

    /** Where the walk's messages stand (verifier: byte offset in the proof; prover: unused). */
    default int position() {
      return 0;
    }
  }

  /**
   * Told, for each gadget in the order visited, the bytes of the WALK section that its argument
   * (and the limb statements of the claims it made) read: tests and diagnostics use it to show
   * that every gadget's verifier ran and to aim a lie at one gadget's messages.
   */
  public interface Visits {
    void visited(int gadget, int fromByte, int toByte);

    /** Before the first gadget, once the output claims are placed (so work is told per gadget). */
    default void started() {}
  }

  public static List<Claim> prove(Circuit c, ProverTables w, List<Claim> outputClaims,
      ProofSink out, Transcript t) {
    Checked<List<Claim>> r = walk(c, outputClaims, (g, from, to) -> { }, new Side() {
      @Override
      public Checked<List<Claim>> gadget(Gadget g, List<Claim> claims) {
        return Checked.ok(GadgetArguments.prove(g, c, w, claims, out, t));
      }

      @Override
      public Checked<Claim> merge(int tensor, List<Claim> claims) {
        long[][] pts = new long[claims.size()][];
        for (int i = 0; i < pts.length; i++) {
          pts[i] = claims.get(i).point();
        }
        ClaimMerge.Merged m = ClaimMerge.prove(w.mle(tensor), c.tensor(tensor).vars(), pts, t);
        long[] raw = m.proof().compressed();
        out.append(raw, 0, raw.length / Fr.LIMBS);
        out.append(m.value(), 0, 1);
        return Checked.ok(new Claim(tensor, m.point(), m.value()));
      }
    });
    if (!r.isOk()) {
      throw new IllegalStateException(r.reason());
    }
    return r.value();
  }

  public static Checked<List<Claim>> verify(Circuit c, List<Claim> outputClaims, FieldReader in,
      Transcript t) {
    return verify(c, outputClaims, in, t, (g, from, to) -> { });
  }

  public static Checked<List<Claim>> verify(Circuit c, List<Claim> outputClaims, FieldReader in,
      Transcript t, Visits visits) {
    return walk(c, outputClaims, visits, new Side() {
      @Override
      public int position() {
        return in.position();
      }

      @Override
      public Checked<List<Claim>> gadget(Gadget g, List<Claim> claims) {
        return GadgetArguments.verify(g, c, claims, in, t);
      }

      @Override
      public Checked<Claim> merge(int tensor, List<Claim> claims) {
        long[][] pts = new long[claims.size()][];
        long[] vals = new long[claims.size() * Fr.LIMBS];
        for (int i = 0; i < pts.length; i++) {
          pts[i] = claims.get(i).point();
          Fr.copy(vals, i * Fr.LIMBS, claims.get(i).value(), 0);
        }
        Checked<SubClaim> s = ClaimMerge.verify(c.tensor(tensor).vars(), pts, vals, in, t);
        return s.isOk() ? Checked.ok(new Claim(tensor, s.value().point(), s.value().value()))
            : s.rethrow("merge on " + c.tensor(tensor).name());
      }
    });
  }

  private static Checked<List<Claim>> walk(Circuit c, List<Claim> outputClaims, Visits visits,
      Side side) {
    Map<Integer, Decomp> limbBacked = new HashMap<>();
    for (Gadget g : c.gadgets()) {
      if (g instanceof Decomp d && d.define()) {
        limbBacked.put(d.x(), d);
      }
    }
    Map<Integer, List<Claim>> pending = new java.util.TreeMap<>();
    List<Claim> done = new ArrayList<>();
    String err = place(c, outputClaims, limbBacked, pending, done, side);
    if (err != null) {
      return Checked.rejected(err);
    }
    visits.started();
    for (int gi = c.gadgets().size() - 1; gi >= 0; gi--) {
      Gadget g = c.gadgets().get(gi);
      if (g instanceof Decomp d && d.define()) {
        continue;
      }
      int from = side.position();
      List<Claim> claims = new ArrayList<>();
      for (int o : g.outputs()) {
        List<Claim> p = pending.remove(o);
        if (p == null || p.isEmpty()) {
          continue;
        }
        if (p.size() > 1 && !g.linear()) {
          Checked<Claim> m = side.merge(o, p);
          if (!m.isOk()) {
            return m.rethrow("walk");
          }
          claims.add(m.value());
        } else {
          claims.addAll(p);
        }
      }
      // Every gadget is visited, claims or not: a relation that must hold (a rescale, a range
      // check, a selector's row sums) is checked at the gadget's own fresh point whether or not a
      // consumer made a claim, and a gadget with only claims to reduce returns none for none.
      Checked<List<Claim>> r = side.gadget(g, claims);
      if (!r.isOk()) {
        return r.rethrow("gadget " + gi);
      }
      err = place(c, r.value(), limbBacked, pending, done, side);
      if (err != null) {
        return Checked.rejected("gadget " + gi + ": " + err);
      }
      visits.visited(gi, from, side.position());
    }
    if (!pending.isEmpty()) {
      return Checked.rejected("walk: pending claims left on "
          + c.tensor(pending.keySet().iterator().next()).name());
    }
    return Checked.ok(done);
  }

  private static String place(Circuit c, List<Claim> claims, Map<Integer, Decomp> limbBacked,
      Map<Integer, List<Claim>> pending, List<Claim> done, Side side) {
    for (Claim cl : claims) {
      // a claim is about one tensor at a point of exactly its variables: a point of another length
      // would open some other polynomial (a truncated or padded point) without anyone noticing
      if (cl.tensor() < 0 || cl.tensor() >= c.tensors().size()
          || cl.point().length != c.tensor(cl.tensor()).vars() * Fr.LIMBS) {
        return "claim on tensor " + cl.tensor() + " at a point of the wrong length";
      }
      Decomp d = limbBacked.get(cl.tensor());
      if (d != null) {
        Checked<List<Claim>> limbs = side.gadget(d, List.of(cl));
        if (!limbs.isOk()) {
          return limbs.reason();
        }
        done.addAll(limbs.value());
      } else if (c.tensor(cl.tensor()).kind() == TensorKind.VIRTUAL) {
        pending.computeIfAbsent(cl.tensor(), k -> new ArrayList<>()).add(cl);
      } else {
        done.add(cl);
      }
    }
    return null;
  }
}
