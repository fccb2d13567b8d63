package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * Stated values in zero-knowledge mode, additive form (zk-design 4.1, 4.2): a gadget states tensors'
 * values at points; each is sent as {@code T~(z) + Lambda[slot]} with a fresh slot, unless the
 * tensor is public (then as is, no slot). A limb-backed tensor's value is never stated: its limbs
 * are, each with a slot, and its claim is their recomposition (4.3 R2):
 * {@code v = (o - off) sel(z) + sum_j 2^(wj) v_j}, {@code omega = sum_j 2^(wj) omega_j}.
 *
 * <p>Messages, in the order of version 1 with the limb-backed values taken out: one
 * {@code walk/vals} record with the values of the targets that are not limb-backed (no record when
 * there is none), then one record per limb-backed target with its limbs (version 1 states them
 * when the walk places the claim, right after the gadget's own record). Slots are taken in message
 * order.
 */
final class ZkStatements {
  private ZkStatements() {}

  private static final int L = Fr.LIMBS;

  /**
   * A value to state: tensor {@code tensor} at {@code point}; or, with {@code tensor} {@link #FACTOR},
   * a stated factor of a sumcheck end that is not a tensor (Conv's {@code u}, an evaluation of the
   * virtual im2col contraction), whose unmasked value the prover gives in {@code value} (null on the
   * verifier side). Only {@link ZkSumcheckEnd} states factors: always masked, never limb-backed.
   */
  record Target(int tensor, long[] point, long[] value) {
    Target(int tensor, long[] point) {
      this(tensor, point, null);
    }

    static Target factor(long[] point, long[] value) {
      return new Target(FACTOR, point, value);
    }

    boolean isFactor() {
      return tensor == FACTOR;
    }
  }

  /** The tensor id of a stated factor that is not a tensor (its claim goes to its gadget, not the walk). */
  static final int FACTOR = -1;

  /** A limb-backed value: the limbs' claims and the recomposed claim on the tensor. */
  record Limbs(List<ZkClaim> limbClaims, ZkClaim recomposed) {}

  /**
   * Per target its masked claim (recomposed for a limb-backed target), and per target its limb
   * claims (empty for a target that is not limb-backed).
   */
  record Stated(List<ZkClaim> values, List<List<ZkClaim>> limbs) {
    /**
     * What the gadget hands back to the walk: a plain target's claim, a limb-backed one's limbs; a
     * stated factor's claim stays with the gadget.
     */
    List<ZkClaim> returned() {
      List<ZkClaim> r = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i).tensor() == FACTOR) {
          continue;
        }
        if (limbs.get(i).isEmpty()) {
          r.add(values.get(i));
        } else {
          r.addAll(limbs.get(i));
        }
      }
      return r;
    }
  }

  static Stated prove(List<Target> targets, Circuit c, ProverTables w, ZkMasks m, ProofSink out,
      Transcript t) {
    int plain = plainCount(targets, m);
    long[] vals = new long[plain * L];
    int[] slots = new int[plain];
    int k = 0;
    for (Target tg : targets) {
      if (m.limbBacked(tg.tensor()) == null) {
        Fr.copy(vals, k * L, WalkMath.evaluate(w.mle(tg.tensor()), c.tensor(tg.tensor()).vars(),
            tg.point()), 0);
        slots[k] = m.masked(tg.tensor()) ? proverSlot(m) : -1;
        if (slots[k] >= 0) {
          m.addMask(vals, k * L, slots[k]);
        }
        k++;
      }
    }
    if (plain > 0) {
      WalkMath.state(vals, plain, out, t);
    }
    List<Limbs> limbs = new ArrayList<>();
    for (Target tg : targets) {
      Decomp d = m.limbBacked(tg.tensor());
      if (d != null) {
        limbs.add(proveLimbs(d, c, tg.point(), w, m, out, t));
      }
    }
    return assemble(targets, m, vals, slots, limbs);
  }

  static Checked<Stated> verify(List<Target> targets, Circuit c, ZkMasks m, FieldReader in,
      Transcript t) {
    int plain = plainCount(targets, m);
    long[] vals = new long[0];
    int[] slots = new int[plain];
    if (plain > 0) {
      vals = WalkMath.read(plain, in, t);
      if (vals == null) {
        return Checked.rejected("proof too short");
      }
    }
    int k = 0;
    for (Target tg : targets) {
      if (m.limbBacked(tg.tensor()) == null) {
        slots[k] = m.masked(tg.tensor()) ? m.slot() : -1;
        if (m.masked(tg.tensor()) && slots[k] < 0) {
          return Checked.rejected("mask column overrun");
        }
        k++;
      }
    }
    List<Limbs> limbs = new ArrayList<>();
    for (Target tg : targets) {
      Decomp d = m.limbBacked(tg.tensor());
      if (d != null) {
        Checked<Limbs> l = verifyLimbs(d, c, tg.point(), m, in, t);
        if (!l.isOk()) {
          return l.rethrow("limbs of " + c.tensor(tg.tensor()).name());
        }
        limbs.add(l.value());
      }
    }
    return Checked.ok(assemble(targets, m, vals, slots, limbs));
  }

  /** Prover: states the limbs of {@code d} at {@code z} (one record, a slot each). */
  static Limbs proveLimbs(Decomp d, Circuit c, long[] z, ProverTables w, ZkMasks m, ProofSink out,
      Transcript t) {
    int n = d.limbs().length;
    int vars = c.tensor(d.x()).vars();
    long[] vals = new long[n * L];
    int first = m.cursor().take(n);
    if (first < 0) {
      throw new IllegalStateException("mask column overrun");
    }
    for (int j = 0; j < n; j++) {
      Fr.copy(vals, j * L, WalkMath.evaluate(w.mle(d.limbs()[j]), vars, z), 0);
      m.addMask(vals, j * L, first + j);
    }
    WalkMath.state(vals, n, out, t);
    return limbs(d, c, z, vals, first);
  }

  /** Verifier: reads the limbs of {@code d} at {@code z} and recomposes them. */
  static Checked<Limbs> verifyLimbs(Decomp d, Circuit c, long[] z, ZkMasks m, FieldReader in,
      Transcript t) {
    String bad = ZkDecompArgument.refusal(d);
    if (bad != null) {
      return Checked.rejected(bad);
    }
    int n = d.limbs().length;
    long[] vals = WalkMath.read(n, in, t);
    if (vals == null) {
      return Checked.rejected("Decomp: proof too short");
    }
    int first = m.cursor().take(n);
    if (first < 0) {
      return Checked.rejected("Decomp: mask column overrun");
    }
    return Checked.ok(limbs(d, c, z, vals, first));
  }

  /** The limb claims {@code (l_j, z, v_j, e_(first + j))} and their recomposition (4.3 R2). */
  private static Limbs limbs(Decomp d, Circuit c, long[] z, long[] vals, int first) {
    List<ZkClaim> claims = new ArrayList<>();
    MaskForm omega = new MaskForm();
    long[] pow = WalkMath.one();
    long[] step = WalkMath.fr(1L << d.width());
    for (int j = 0; j < d.limbs().length; j++) {
      claims.add(new ZkClaim(d.limbs()[j], z, WalkMath.at(vals, j),
          MaskForm.single(first + j, WalkMath.one(), 0)));
      omega.add(first + j, pow, 0);
      Fr.mul(pow, 0, pow, 0, step, 0);
    }
    long[] v = DecompArgument.recompose(d, c, z, vals);
    return new Limbs(List.copyOf(claims), new ZkClaim(d.x(), z, v, omega));
  }

  private static Stated assemble(List<Target> targets, ZkMasks m, long[] vals, int[] slots,
      List<Limbs> limbs) {
    List<ZkClaim> values = new ArrayList<>();
    List<List<ZkClaim>> limbClaims = new ArrayList<>();
    int k = 0;
    int b = 0;
    for (Target tg : targets) {
      if (m.limbBacked(tg.tensor()) == null) {
        MaskForm omega = slots[k] >= 0 ? MaskForm.single(slots[k], WalkMath.one(), 0)
            : new MaskForm();
        values.add(new ZkClaim(tg.tensor(), tg.point(), WalkMath.at(vals, k), omega));
        limbClaims.add(List.of());
        k++;
      } else {
        Limbs l = limbs.get(b++);
        values.add(l.recomposed());
        limbClaims.add(l.limbClaims());
      }
    }
    return new Stated(List.copyOf(values), List.copyOf(limbClaims));
  }

  private static int plainCount(List<Target> targets, ZkMasks m) {
    int n = 0;
    for (Target tg : targets) {
      n += m.limbBacked(tg.tensor()) == null ? 1 : 0;
    }
    return n;
  }

  private static int proverSlot(ZkMasks m) {
    int s = m.slot();
    if (s < 0) {
      throw new IllegalStateException("mask column overrun");
    }
    return s;
  }
}
