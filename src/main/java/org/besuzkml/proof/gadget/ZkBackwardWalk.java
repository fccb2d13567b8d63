package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * Phase 3 in zero-knowledge mode (zk-design 4.2-4.5, 6.1, 8.4): {@link BackwardWalk}'s schedule with
 * masked claims. From the output claims {@code (O, z_O, O~(z_O))} (zero offset, {@code z_O} version
 * 1's {@code walk/out} challenge) and any initial claims, the gadgets are visited in version 1's
 * reverse order under its rule (every gadget but a Decomp define runs, claims or not; one whose only
 * job is to reduce claims returns none for none); several pending claims on a virtual tensor are
 * merged by {@link ZkClaimMerge} unless the gadget is linear; a claim on a limb-backed tensor is
 * placed at once on its limbs by the Decomp define, whose recomposition check is R1's Lambda-claim.
 * The end: claims on constant and committed tensors become masked opening claims (R4, object = the
 * tensor id: the bin mapping is the caller's), claims on public inputs are checked against the
 * public values (on the spot when they carry no offset, else as R5's Lambda-claim), and the cursor
 * must have used exactly the column's vk-fixed size. Not used by the prover and verifier yet.
 */
public final class ZkBackwardWalk {
  private ZkBackwardWalk() {}

  private static final int L = Fr.LIMBS;
  /** Largest column the prover's dry run tries (2^20 entries: 32 MiB of limbs). */
  private static final int MAX_DRY_RUN = 1 << 20;

  /**
   * What the walk hands to the opening reduction (6.1): the masked opening claims on tensors in
   * creation order and every Lambda-claim of the walk (R1, R3, R5) in creation order.
   */
  public record Result(List<MaskedOpening> openings, List<LambdaClaim> lambdaClaims) {}

  /** The side running the walk; a refusal is a rejection with its reason. */
  private interface Side {
    Checked<List<ZkClaim>> gadget(Gadget g, List<ZkClaim> claims);

    Checked<List<ZkClaim>> merge(int tensor, List<ZkClaim> claims);
  }

  /**
   * Prover: the same messages and claims as {@link #verify}. {@code lambda} is the whole mask column
   * and {@code cursor} its allocation, positioned where the walk starts; the walk must end with the
   * column used up. A gadget without a zero-knowledge argument is refused by reason.
   */
  public static Checked<Result> prove(Circuit c, ProverTables w, long[][] publicValues,
      List<ZkClaim> initial, long[] lambda, MaskCursor cursor, ProofSink out, Transcript t) {
    try {
      return proveUnchecked(c, w, publicValues, initial, lambda, cursor, out, t);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // the zk arguments refuse what they do not support yet (and an overrun) by these throws
      return Checked.rejected("zk walk (prover): " + e.getMessage());
    } catch (IndexOutOfBoundsException e) {
      // a masked run reads its slots' entries before taking them
      return Checked.rejected("zk walk (prover): mask column overrun");
    }
  }

  private static Checked<Result> proveUnchecked(Circuit c, ProverTables w, long[][] publicValues,
      List<ZkClaim> initial, long[] lambda, MaskCursor cursor, ProofSink out, Transcript t) {
    ZkMasks m = ZkMasks.prover(c, c.outputs(), lambda, cursor);
    return walk(c, publicValues, initial, m, t, new Side() {
      @Override
      public Checked<List<ZkClaim>> gadget(Gadget g, List<ZkClaim> claims) {
        return Checked.ok(ZkGadgetArguments.prove(g, c, w, claims, out, t, m));
      }

      @Override
      public Checked<List<ZkClaim>> merge(int tensor, List<ZkClaim> claims) {
        return Checked.ok(ZkClaimMerge.prove(tensor, claims, c, w, m, out, t));
      }
    });
  }

  /**
   * Verifier: reads the walk's messages, or a rejection with its reason; never throws on proof
   * content. {@code cursor} has the vk's column size, positioned where the walk starts.
   */
  public static Checked<Result> verify(Circuit c, long[][] publicValues, List<ZkClaim> initial,
      MaskCursor cursor, FieldReader in, Transcript t) {
    ZkMasks m = ZkMasks.verifier(c, c.outputs(), cursor);
    try {
      return walk(c, publicValues, initial, m, t, new Side() {
        @Override
        public Checked<List<ZkClaim>> gadget(Gadget g, List<ZkClaim> claims) {
          return ZkGadgetArguments.verify(g, c, claims, in, t, m);
        }

        @Override
        public Checked<List<ZkClaim>> merge(int tensor, List<ZkClaim> claims) {
          return ZkClaimMerge.verify(tensor, claims, c, m, in, t);
        }
      });
    } catch (RuntimeException e) {
      return Checked.rejected("zk walk: malformed input (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The column size the walk needs from cursor position {@code start} on, plus {@code start}: a dry
   * run of the prover on an all-zero column (slot counts depend on the circuit only), grown until it
   * fits. Stands in for the vk's |Lambda| until {@code VerifierCost} computes it; a refusal by reason.
   */
  public static Checked<Integer> requiredSize(Circuit c, ProverTables w, long[][] publicValues,
      List<ZkClaim> initial, int start) {
    String overrun = null;
    for (int size = Integer.highestOneBit(Math.max(start, 1 << 10)) << 1; size <= MAX_DRY_RUN;
        size <<= 1) {
      MaskCursor cursor = MaskCursor.of(size);
      cursor.take(start);
      try {
        Checked<Result> r = proveUnchecked(c, w, publicValues, initial, new long[size * L], cursor,
            new ProofSink(), Transcript.v1());
        // the walk ran to its end: the column fits, and the cursor tells how much of it was used
        if (r.isOk() || r.reason().startsWith(UNDERUSE)) {
          return Checked.ok(cursor.used());
        }
        return Checked.rejected(r.reason());
      } catch (IllegalArgumentException e) {
        return Checked.rejected("zk walk (prover): " + e.getMessage());
      } catch (IllegalStateException | IndexOutOfBoundsException e) {
        overrun = e.getMessage(); // the column is too short: grow it
      }
    }
    return Checked.rejected("zk walk: more than " + MAX_DRY_RUN + " mask entries (" + overrun + ")");
  }

  private static final String UNDERUSE = "zk walk: mask column under-used: ";

  private static Checked<Result> walk(Circuit c, long[][] publicValues, List<ZkClaim> initial,
      ZkMasks m, Transcript t, Side side) {
    List<ZkClaim> first = new ArrayList<>(initial == null ? List.of() : initial);
    for (int o : c.outputs()) {
      if (o < 0 || o >= c.tensors().size()) {
        return Checked.rejected("zk walk: output " + o + " out of range");
      }
      long[] z = t.challengeFrs("walk/out", c.tensor(o).vars()); // a squeeze record even for 0
      Checked<long[]> v = publicMle(c, publicValues, o, z);
      if (!v.isOk()) {
        return v.rethrow("zk walk: output");
      }
      first.add(new ZkClaim(o, z, v.value(), null));
    }
    Map<Integer, List<ZkClaim>> pending = new TreeMap<>();
    List<ZkClaim> done = new ArrayList<>();
    String err = place(c, first, m, pending, done, side);
    if (err != null) {
      return Checked.rejected("zk walk: " + err);
    }
    for (int gi = c.gadgets().size() - 1; gi >= 0; gi--) {
      Gadget g = c.gadgets().get(gi);
      if (g instanceof Decomp d && d.define()) {
        continue;
      }
      List<ZkClaim> claims = new ArrayList<>();
      for (int o : g.outputs()) {
        List<ZkClaim> p = pending.remove(o);
        if (p == null || p.isEmpty()) {
          continue;
        }
        if (p.size() > 1 && !g.linear()) {
          Checked<List<ZkClaim>> merged = side.merge(o, p);
          if (!merged.isOk()) {
            return merged.rethrow("zk walk: gadget " + gi);
          }
          claims.addAll(merged.value());
        } else {
          claims.addAll(p);
        }
      }
      Checked<List<ZkClaim>> r = visit(g, claims, side);
      if (!r.isOk()) {
        return r.rethrow("zk walk: gadget " + gi + " (" + g.kind() + ")");
      }
      err = place(c, r.value(), m, pending, done, side);
      if (err != null) {
        return Checked.rejected("zk walk: gadget " + gi + ": " + err);
      }
    }
    if (!pending.isEmpty()) {
      return Checked.rejected("zk walk: pending claims left on "
          + c.tensor(pending.keySet().iterator().next()).name());
    }
    return finish(c, publicValues, done, m);
  }

  /**
   * One gadget under version 1's rule: a gadget that only reduces claims (Contract, Conv, Wire, a
   * Poly that is not a zero check) returns none for none without a message, as version 1's do; a
   * gadget without messages (Lookup, ZeroBit) must not be given a claim; the others always run.
   */
  private static Checked<List<ZkClaim>> visit(Gadget g, List<ZkClaim> claims, Side side) {
    if (g instanceof Lookup || g instanceof ZeroBit) {
      return claims.isEmpty() ? Checked.ok(List.of())
          : Checked.rejected("a claim reached the output of a gadget without messages");
    }
    boolean reducesOnly = g instanceof Contract || g instanceof Conv || g instanceof Wire
        || (g instanceof Poly p && !p.zeroCheck());
    if (reducesOnly && claims.isEmpty()) {
      return Checked.ok(List.of());
    }
    return side.gadget(g, claims);
  }

  /**
   * Version 1's placement: a claim on a limb-backed tensor goes at once to its limbs (the Decomp
   * define states them and defers R1), one on a virtual tensor waits for its gadget, any other is
   * final.
   */
  private static String place(Circuit c, List<ZkClaim> claims, ZkMasks m,
      Map<Integer, List<ZkClaim>> pending, List<ZkClaim> done, Side side) {
    for (ZkClaim cl : claims) {
      // a point of another length would open some other polynomial (a truncated or padded point)
      if (cl == null || cl.tensor() < 0 || cl.tensor() >= c.tensors().size() || cl.point() == null
          || cl.point().length != c.tensor(cl.tensor()).vars() * L || cl.value() == null
          || cl.value().length != L) {
        return "claim on tensor " + (cl == null ? "?" : cl.tensor()) + " malformed or at a point of the wrong length";
      }
      Decomp d = m.limbBacked(cl.tensor());
      if (d != null) {
        Checked<List<ZkClaim>> limbs = side.gadget(d, List.of(cl));
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

  /** R4 and R5 on the final claims, then the allocation check. */
  private static Checked<Result> finish(Circuit c, long[][] publicValues, List<ZkClaim> done,
      ZkMasks m) {
    List<MaskedOpening> openings = new ArrayList<>();
    for (ZkClaim cl : done) {
      TensorInfo ti = c.tensor(cl.tensor());
      switch (ti.kind()) {
        case CONSTANT, COMMITTED -> openings.add(new MaskedOpening(cl.tensor(), cl.point(),
            cl.value(), cl.omega().copy()));
        case PUBLIC_INPUT -> {
          Checked<long[]> truth = publicMle(c, publicValues, cl.tensor(), cl.point());
          if (!truth.isOk()) {
            return truth.rethrow("zk walk");
          }
          long[] diff = new long[L];
          Fr.sub(diff, 0, cl.value(), 0, truth.value(), 0);
          if (cl.omega().terms() == 0) {
            if (!Fr.isZero(diff, 0)) {
              return Checked.rejected("zk walk: public tensor " + ti.name() + " evaluates differently");
            }
          } else {
            m.defer(cl.omega().copy(), diff); // R5
          }
        }
        default -> {
          return Checked.rejected("zk walk left a claim on virtual tensor " + ti.name());
        }
      }
    }
    MaskCursor cursor = m.cursor();
    if (!cursor.exhausted()) {
      return Checked.rejected(UNDERUSE + cursor.used() + " of " + cursor.size() + " entries");
    }
    return Checked.ok(new Result(List.copyOf(openings), m.lambdaClaims()));
  }

  /** The MLE at z of a tensor with public values (logical row-major, zero padding), or a refusal. */
  static Checked<long[]> publicMle(Circuit c, long[][] publicValues, int tensor, long[] z) {
    TensorInfo ti = c.tensor(tensor);
    long[] vals = publicValues == null || tensor >= publicValues.length ? null : publicValues[tensor];
    if (vals == null || vals.length != ti.size()) {
      return Checked.rejected("tensor " + ti.name() + " has no public values of its size");
    }
    long[] table = new long[(1 << ti.vars()) * L];
    for (int i = 0; i < vals.length; i++) {
      Fr.fromLong(table, ti.paddedIndex(i) * L, vals[i]);
    }
    return Checked.ok(WalkMath.evaluate(table, ti.vars(), z));
  }
}
