package org.besuzkml.proof.gadget;

import java.util.Collections;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.ZkSumcheckVerifier;

/**
 * The shape of {@link ZkBackwardWalk} from the circuit alone (zk-design 11.2): the mask-column
 * entries the walk takes and the field elements it writes, with no witness, no proof and no
 * transcript. The walk's schedule is structural (which tensors get claims, how many, where they
 * merge), so it is replayed on claim counts per tensor; each step adds what its argument takes:
 * a masked run {@code sum(D_t)} coefficients, a slot each; a stated value one element, a slot
 * unless public; a limb-backed one its limbs, a slot each; a masked sum (Concat, DivConst,
 * DivTensor) one element and one slot. The degree lists are the arguments' own. Work is linear in
 * the gadgets (counts are multiplied, never enumerated), nothing is allocated per tensor entry, and
 * a circuit the walk would refuse is refused by reason; never throws.
 */
public final class ZkWalkShape {
  private ZkWalkShape() {}

  /** Counts above this are refused (no honest walk comes near it; keeps every sum exact). */
  static final long MAX_COUNT = 1L << 40;

  /**
   * Mask-column entries the walk takes (from its cursor position), the elements it writes, and per
   * tensor id the masked opening claims (R4) the walk ends with on it (constant and committed tensors;
   * what the bin mapping receives, in counts); {@code coefficients} is the masked runs' share of the
   * elements, {@code sum D_t} over the walk's runs (each a slot too; the verifier's cost bound prices it).
   */
  public record Shape(long slots, long elements, long[] openings, long coefficients) {
    /** Opening claims the walk leaves on tensor t (0 out of range). */
    public long openingsOn(int t) {
      return t >= 0 && t < openings.length ? openings[t] : 0;
    }
  }

  /**
   * The walk's shape from the output claims (one per output) and one initial claim per entry of
   * {@code initial} (a tensor id, as {@link ZkBackwardWalk}'s initial claims), or a refusal.
   */
  public static Checked<Shape> of(Circuit c, int[] initial) {
    try {
      Flow f = new Flow(c);
      String err = f.walk(initial == null ? new int[0] : initial);
      return err == null ? Checked.ok(new Shape(f.slots, f.elements, f.finals, f.coefficients)) : Checked.rejected("zk shape: " + err);
    } catch (RuntimeException e) {
      // a malformed circuit (an index out of range in a gadget) is a refusal, not a throw
      return Checked.rejected("zk shape: malformed circuit (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The static counterpart of {@link ZkBackwardWalk#requiredSize}: {@code start} plus the walk's
   * slots, or a refusal (also when above {@link MaskCursor#MAX_SIZE}).
   */
  public static Checked<Integer> requiredSize(Circuit c, int[] initial, int start) {
    Checked<Shape> s = of(c, initial);
    if (!s.isOk()) {
      return Checked.rejected(s.reason());
    }
    long size = s.value().slots() + Math.max(0, start);
    if (MaskCursor.of(size) == null) {
      return Checked.rejected("zk shape: a mask column of " + size + " entries");
    }
    return Checked.ok((int) size);
  }

  private static final class Flow {
    final Circuit c;
    final ZkMasks m;
    final long[] pending;
    final long[] finals;
    long slots;
    long elements;
    long coefficients;

    Flow(Circuit c) {
      this.c = c;
      this.m = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(0));
      this.pending = new long[c.tensors().size()];
      this.finals = new long[pending.length];
    }

    String walk(int[] initial) {
      for (int t : initial) {
        String err = place(t, 1);
        if (err != null) {
          return err;
        }
      }
      for (int o : c.outputs()) {
        if (o < 0 || o >= pending.length) {
          return "output " + o + " out of range";
        }
        String err = place(o, 1);
        if (err != null) {
          return err;
        }
      }
      for (int gi = c.gadgets().size() - 1; gi >= 0; gi--) {
        Gadget g = c.gadgets().get(gi);
        if (g instanceof Decomp d && d.define()) {
          continue;
        }
        long[] on = new long[g.outputs().length];
        long e = 0;
        for (int k = 0; k < on.length; k++) {
          int o = g.outputs()[k];
          if (o < 0 || o >= pending.length) {
            return "gadget " + gi + ": output out of range";
          }
          long p = pending[o];
          pending[o] = 0;
          if (p > 1 && !g.linear()) {
            String err = merge(o);
            if (err != null) {
              return "gadget " + gi + ": " + err;
            }
            p = 1;
          }
          on[k] = p;
          e += p;
        }
        String err = visit(g, on, e);
        if (err != null) {
          return "gadget " + gi + " (" + g.kind() + "): " + err;
        }
        if (slots > MAX_COUNT || elements > MAX_COUNT) {
          return "more than " + MAX_COUNT + " mask entries or elements";
        }
      }
      for (int t = 0; t < pending.length; t++) {
        if (pending[t] != 0) {
          return "pending claims left on " + c.tensor(t).name();
        }
      }
      return null;
    }

    /** ZkBackwardWalk.place, n claims on t: limbs at once (their define's statements), wait, or final. */
    String place(int t, long n) {
      if (n <= 0) {
        return null;
      }
      if (n > MAX_COUNT) {
        return "more than " + MAX_COUNT + " claims";
      }
      if (t < 0 || t >= pending.length) {
        return "claim on tensor " + t + " out of range";
      }
      Decomp d = m.limbBacked(t);
      if (d != null) {
        String bad = ZkDecompArgument.refusal(d);
        if (bad != null) {
          return bad;
        }
        add(n, d.limbs().length, d.limbs().length); // ZkStatements.proveLimbs per claim
        for (int limb : d.limbs()) {
          if (limb < 0 || limb >= pending.length || c.tensor(limb).kind() == TensorKind.VIRTUAL) {
            return "a limb claim on a virtual or missing tensor"; // finish would reject it
          }
          done(limb, n);
        }
      } else if (c.tensor(t).kind() == TensorKind.VIRTUAL) {
        pending[t] += n;
      } else {
        done(t, n);
      }
      return null;
    }

    /** A final claim: an opening (R4) on a constant or committed tensor, R5 on a public one; no slot. */
    private void done(int t, long n) {
      TensorKind k = c.tensor(t).kind();
      if (k == TensorKind.CONSTANT || k == TensorKind.COMMITTED) {
        finals[t] += n;
      }
    }

    private void add(long times, long elems, long taken) {
      elements += times * elems;
      slots += times * taken;
    }

    /** n masked-run coefficients (a slot each): a degree list's sum, or null when out of range. */
    private String masked(int[] degrees) {
      if (degrees == null || degrees.length == 0 || degrees.length > 64) {
        return "degree list out of range";
      }
      long s = 0;
      for (int d : degrees) {
        s += d;
      }
      coefficients += s;
      add(1, s, s);
      return null;
    }

    /** The stated value of target t (ZkStatements / ZkSumcheckEnd), n times, and its returned claims. */
    private String state(int t, long n) {
      if (t < 0 || t >= pending.length) {
        return "target out of range";
      }
      Decomp d = m.limbBacked(t);
      if (d == null) {
        add(n, 1, m.masked(t) ? 1 : 0);
        return place(t, n);
      }
      String bad = ZkDecompArgument.refusal(d);
      if (bad != null) {
        return bad;
      }
      add(n, d.limbs().length, d.limbs().length);
      for (int limb : d.limbs()) {
        String err = place(limb, n);
        if (err != null) {
          return err;
        }
      }
      return null;
    }

    /** A masked sum stated (Concat's parts, DivConst's and DivTensor's): one element and one slot. */
    private void maskedSum(long n) {
      add(1, n, n);
    }

    /** ZkClaimMerge: the run, then Y stated at its end. */
    String merge(int t) {
      if (c.tensor(t).vars() == 0) {
        return "merge: no variable to mask";
      }
      String err = masked(ZkClaimMerge.degrees(t, c, m));
      if (err != null) {
        return err;
      }
      // Y's stated value is the merged claim the gadget reduces, not placed again (Y is virtual, so
      // never limb-backed: the walk places a limb-backed tensor's claims on its limbs at once)
      add(1, 1, m.masked(t) ? 1 : 0);
      return null;
    }

    /** ZkBackwardWalk.visit and the gadget's argument; {@code on[k]} claims on output k, e in all. */
    String visit(Gadget g, long[] on, long e) {
      if (g instanceof Lookup || g instanceof ZeroBit) {
        return e == 0 ? null : "a claim reached the output of a gadget without messages";
      }
      boolean reducesOnly = g instanceof Contract || g instanceof Conv || g instanceof Wire
          || (g instanceof Poly p && !p.zeroCheck());
      if (reducesOnly && e == 0) {
        return null;
      }
      if (!ZkGadgetArguments.supported(g.kind())) {
        return "no zero-knowledge argument for " + g.kind();
      }
      if (g instanceof Lin x) {
        return lin(x, e);
      } else if (g instanceof ReduceSum x) {
        return place(x.x(), e);
      } else if (g instanceof Alias x) {
        return place(x.x(), e);
      } else if (g instanceof Contract x) {
        return contract(x, e);
      } else if (g instanceof Conv x) {
        return conv(x, e);
      } else if (g instanceof Poly x) {
        return poly(x, e);
      } else if (g instanceof Decomp x) {
        return decompCheck(x);
      } else if (g instanceof Requant x) {
        return requant(x);
      } else if (g instanceof DivConst x) {
        return divConst(x, on);
      } else if (g instanceof MaxSelect x) {
        return maxSelect(x);
      } else if (g instanceof DivTensor x) {
        return divTensor(x, on);
      } else if (g instanceof Wire x) {
        return wire(x, e);
      }
      return "no zero-knowledge argument for " + g.kind();
    }

    private String lin(Lin g, long e) {
      if (g.coeffs().length != g.xs().length) {
        return "Lin: one coefficient per input";
      }
      for (int x : g.xs()) {
        String err = state(x, e);
        if (err != null) {
          return err;
        }
      }
      return null;
    }

    private static String one(long e, String kind) {
      return e == 1 ? null : kind + ": expected one merged claim, got " + e;
    }

    private String contract(Contract g, long e) {
      ContractArgument s = ContractArgument.of(g, c);
      if (s == null) {
        return "Contract: batch broadcasting is not proven";
      }
      String err = one(e, "Contract");
      err = err != null ? err : masked(ZkContractArgument.degrees(s, g, m));
      err = err != null ? err : state(g.a(), 1);
      return err != null ? err : state(g.b(), 1);
    }

    private String conv(Conv g, long e) {
      if (g.groups() != 1) {
        return "Conv: grouped convolution is not proven";
      }
      String err = one(e, "Conv");
      err = err != null ? err : masked(ZkConvArgument.kernelDegrees(g, c, m));
      err = err != null ? err : state(g.w(), 1);
      if (err != null) {
        return err;
      }
      add(1, 1, 1); // the stated factor u: always masked, its claim stays with the gadget
      ConvArgument.Vars s = ConvArgument.Vars.of(g, c);
      return scaledRun(s.mh() + s.mw(), g.x());
    }

    /** ZkScaledRun: a run unless over no variable, then x stated. */
    private String scaledRun(int vars, int x) {
      if (vars > 0) {
        String err = masked(ZkScaledRun.degrees(vars, x, m));
        if (err != null) {
          return err;
        }
      }
      return state(x, 1);
    }

    private String poly(Poly g, long e) {
      if (g.zeroCheck() && e != 0) {
        return "Poly: a claim reached a zero-check output";
      }
      if (!g.zeroCheck() && e != 1) {
        return one(e, "Poly");
      }
      // the refusal looks at the claims' count only, checked above
      String bad = ZkPolyArgument.refusal(g, c, Collections.nCopies(g.zeroCheck() ? 0 : 1, null));
      if (bad != null) {
        return bad;
      }
      String err = masked(ZkPolyArgument.degrees(g, c, m));
      for (int x : ZkPolyArgument.distinct(g)) {
        err = err != null ? err : state(x, 1);
      }
      return err;
    }

    private String decompCheck(Decomp g) {
      String bad = ZkDecompArgument.refusal(g);
      if (bad != null) {
        return bad;
      }
      add(1, g.limbs().length, g.limbs().length);
      for (int limb : g.limbs()) {
        String err = place(limb, 1);
        if (err != null) {
          return err;
        }
      }
      return place(g.x(), 1); // the recomposed claim
    }

    private String requant(Requant g) {
      if (g.k() < 1 || g.k() > 62) {
        return "Requant: shift out of range";
      }
      String err = state(g.q(), 1);
      err = err != null ? err : state(g.r(), 1);
      return err != null ? err : place(g.acc(), 1);
    }

    /** Claims on output {@code t} among the gadget's outputs. */
    private static long claimsOn(Gadget g, long[] on, int t) {
      long n = 0;
      for (int k = 0; k < on.length; k++) {
        n += g.outputs()[k] == t ? on[k] : 0;
      }
      return n;
    }

    private String divConst(DivConst g, long[] on) {
      String bad = ZkDivConstArgument.refusal(g, c);
      if (bad != null) {
        return bad;
      }
      String err = state(g.r(), claimsOn(g, on, g.rPrime()));
      if (err != null) {
        return err;
      }
      if (g.c().length == 1) {
        err = state(g.q(), 1);
        err = err != null ? err : state(g.r(), 1);
        return err != null ? err : place(g.a(), 1);
      }
      err = state(g.r(), 1);
      if (err != null) {
        return err;
      }
      maskedSum(1); // the stated sum p_q
      err = masked(ZkDivConstArgument.degrees(g, c, m));
      err = err != null ? err : place(g.a(), 1);
      return err != null ? err : state(g.q(), 1);
    }

    private String maxSelect(MaxSelect g) {
      if (m.limbBacked(g.sigma()) != null) {
        return "MaxSelect: a limb-backed selector";
      }
      add(1, 1, 0); // version 1's one stated value, unmasked
      return place(g.sigma(), 1);
    }

    private String divTensor(DivTensor g, long[] on) {
      String bad = ZkSelectionArguments.refusal(g, c);
      if (bad != null) {
        return bad;
      }
      long r = claimsOn(g, on, g.rPrime());
      String err = state(g.r(), r);
      err = err != null ? err : state(g.d(), r);
      for (int x : new int[] {g.a(), g.d(), g.r()}) {
        err = err != null ? err : state(x, 1);
      }
      if (err != null) {
        return err;
      }
      maskedSum(1); // the stated sum p_dq
      err = masked(ZkSelectionArguments.degrees(g, c, m));
      err = err != null ? err : state(g.d(), 1);
      return err != null ? err : state(g.q(), 1);
    }

    private String wire(Wire g, long e) {
      String err = one(e, "Wire");
      if (err != null) {
        return err;
      }
      if (g.xs().length == 0) {
        return "Wire: no input";
      }
      if (g.xs().length == 1) {
        int x = g.xs()[0];
        return scaledRun(c.tensor(x).vars(), x);
      }
      maskedSum(g.xs().length); // the parts' sums
      int[] combined = ZkSumcheckVerifier.combinedDegrees(ZkConcatArgument.degrees(g, c, m));
      err = masked(combined);
      for (int x : g.xs()) {
        err = err != null ? err : state(x, 1);
      }
      return err;
    }
  }
}
