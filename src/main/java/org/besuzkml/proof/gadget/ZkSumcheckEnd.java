package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.BatchedSubClaim;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.CompositeInstance;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.MaskedLastRound;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.sumcheck.ZkSumcheckProver;
import org.besuzkml.sumcheck.ZkSumcheckVerifier;
import org.besuzkml.transcript.Transcript;

/**
 * The sumcheck-end form of masking (zk-design 4.2 "masked extension", 4.3 R3), shared by the
 * gadgets that reduce a claim {@code (Y, z, v, omega)} by a sumcheck. The run is the masked
 * sumcheck of {@code f' + g + 2^(-k) <omega, Lambda>} on {@code v}, where {@code f'} has every
 * stated tensor replaced by its masked extension in the run's last variable,
 * {@code T'(x) = T~(x) + x_k (1 - x_k) Lambda[slot_T]}, so only the last round changes (earlier
 * rounds sum {@code x_k} over {0,1}). A tensor that does not depend on {@code x_k} enters the summand
 * broadcast, {@code T~ D} with D multilinear (Poly), and its mask is carried by D as well:
 * {@code (T~ + x_k (1 - x_k) Lambda[slot_T]) D}, the same stated value.
 * The stated values are {@code T'(r) = T~(r) + kappa Lambda[slot_T]}, {@code kappa = r_k (1 - r_k)},
 * so {@code omega_T = kappa e_slot}; {@code kappa = 0} is refused. The verifier's final check
 * becomes the Lambda-claim {@code <w_g(r) + 2^(-k) omega, Lambda> = final - F} with {@code F} the
 * version 1 check's value on the stated values.
 *
 * <p>Slots follow the run's coefficients (3.5), in message order as {@link ZkStatements}: one
 * record with the values of the targets that are not limb-backed (a slot each unless public), then
 * per limb-backed target a record of its limbs (a slot each). A limb-backed tensor's masked extension
 * is its limbs' recomposed, so its factor carries {@code sum_j 2^(wj) Lambda[slot_j]}.
 *
 * <p>A stated factor need not be a tensor: {@link ZkStatements.Target#factor} (Conv's {@code u}, the
 * im2col contraction at the kernel run's point) is masked like a virtual tensor, with the value the
 * prover gives; its claim {@code (u, kappa e_slot)} is left to the gadget (not in
 * {@link ZkStatements.Stated#returned}), which reduces it by its next run.
 */
final class ZkSumcheckEnd {
  private ZkSumcheckEnd() {}

  private static final int L = Fr.LIMBS;

  /** Round degrees: version 1's {@code d} in every round but the last, which has {@code last}. */
  static int[] degrees(int rounds, int d, int last) {
    int[] out = new int[rounds];
    Arrays.fill(out, d);
    if (rounds > 0) {
      out[rounds - 1] = Math.max(d, last);
    }
    return out;
  }

  /**
   * The degree a stated factor adds in the last variable: 2 when masked, 1 when public (4.6); a
   * stated factor that is not a tensor ({@link ZkStatements#FACTOR}) is always masked.
   */
  static int factorDegree(int tensor, ZkMasks m) {
    return isMasked(tensor, m) ? 2 : 1;
  }

  /** Whether a stated value carries a slot: a factor always, a tensor unless public (4.1). */
  private static boolean isMasked(int tensor, ZkMasks m) {
    return tensor == ZkStatements.FACTOR || m.masked(tensor);
  }

  /** The Decomp define backing a stated tensor, or null (always for a factor). */
  private static Decomp limbsOf(int tensor, ZkMasks m) {
    return tensor == ZkStatements.FACTOR ? null : m.limbBacked(tensor);
  }

  /**
   * Prover: the masked run. {@code factorTarget[j]} is the index in {@code tensors} of the stated
   * tensor instance factor j is (its masked extension), or -1 for a factor that is not stated
   * (structured, such as an eq table). Returns the run's point and its end as the verifier derives it
   * (replayed on copies of the transcript and cursor); the caller then states with {@link #prove}.
   */
  static Masked<SubClaim> run(CompositeInstance inst, int[] factorTarget, int[] tensors, int[] degrees,
      ZkClaim claim, ZkMasks m, ProofSink out, Transcript t) {
    return run(inst, factorTarget, new long[factorTarget.length][], tensors, degrees, claim, m, out, t);
  }

  /**
   * As {@link #run(CompositeInstance, int[], int[], int[], ZkClaim, ZkMasks, ProofSink, Transcript)},
   * with per factor a multilinear weight on its mask ({@link MaskedLastRound}), or null: Poly's
   * broadcast inputs, whose factor is {@code (X~ + x_k (1 - x_k) s) D} with D the LT factors of the
   * broadcast blocks.
   */
  static Masked<SubClaim> run(CompositeInstance inst, int[] factorTarget, long[][] factorWeights, int[] tensors,
      int[] degrees, ZkClaim claim, ZkMasks m, ProofSink out, Transcript t) {
    int first = m.cursor().used() + Arrays.stream(degrees).sum();
    long[][] targetSlots = slotValues(tensors, m, first);
    long[][] factorSlots = new long[factorTarget.length][];
    for (int j = 0; j < factorTarget.length; j++) {
      factorSlots[j] = factorTarget[j] < 0 ? null : targetSlots[factorTarget[j]];
    }
    MaskedLastRound masked = new MaskedLastRound(inst, factorSlots, factorWeights, degrees[degrees.length - 1]);
    Transcript replay = t.copy();
    MaskCursor replayCursor = m.cursor().copy();
    SumcheckProver.Proved p = ZkSumcheckProver.prove(masked, degrees, m.evaluate(claim.omega()), m.column(),
        m.cursor(), t);
    if (m.cursor().used() != first) {
      throw new IllegalStateException("slot allocation out of step");
    }
    long[] raw = p.proof().compressed();
    out.append(raw, 0, raw.length / L);
    Checked<Masked<SubClaim>> end = ZkSumcheckVerifier.verify(claim.value(), degrees, claim.omega(), p.proof(),
        replayCursor, replay);
    if (!end.isOk()) {
      throw new IllegalStateException("the masked run does not verify: " + end.reason());
    }
    return end.value();
  }

  /**
   * Prover: the masked batched run (4.2 SCB, one mask over its K rounds) of instances that all end in the
   * last round, {@code factorTarget[i][j]} as in {@link #run} for factor j of instance i, instance i with
   * the degree list {@code degrees[i]} and the claim {@code claims.get(i)} (value and offset). Slots of the
   * stated tensors follow the run's coefficients, as in {@link #run}. Returns the end as the verifier
   * derives it.
   */
  static Masked<BatchedSubClaim> runBatched(List<? extends CompositeInstance> insts, int[][] factorTarget,
      int[] tensors, int[][] degrees, List<ZkClaim> claims, ZkMasks m, ProofSink out, Transcript t) {
    int[] combined = ZkSumcheckVerifier.combinedDegrees(degrees);
    if (combined == null || combined.length == 0) {
      throw new IllegalArgumentException("degree lists out of range");
    }
    int first = m.cursor().used() + Arrays.stream(combined).sum();
    long[][] targetSlots = slotValues(tensors, m, first);
    int b = insts.size();
    List<MaskedLastRound> masked = new ArrayList<>();
    long[] values = new long[b * L];
    long[] offsets = new long[b * L];
    MaskForm[] forms = new MaskForm[b];
    for (int i = 0; i < b; i++) {
      long[][] slots = new long[factorTarget[i].length][];
      for (int j = 0; j < slots.length; j++) {
        slots[j] = factorTarget[i][j] < 0 ? null : targetSlots[factorTarget[i][j]];
      }
      masked.add(new MaskedLastRound(insts.get(i), slots, degrees[i][degrees[i].length - 1]));
      Fr.copy(values, i * L, claims.get(i).value(), 0);
      Fr.copy(offsets, i * L, m.evaluate(claims.get(i).omega()), 0);
      forms[i] = claims.get(i).omega();
    }
    Transcript replay = t.copy();
    MaskCursor replayCursor = m.cursor().copy();
    SumcheckProver.Proved p = ZkSumcheckProver.proveBatched(masked, degrees, offsets, m.column(), m.cursor(), t);
    if (m.cursor().used() != first) {
      throw new IllegalStateException("slot allocation out of step");
    }
    long[] raw = p.proof().compressed();
    out.append(raw, 0, raw.length / L);
    Checked<Masked<BatchedSubClaim>> end = ZkSumcheckVerifier.verifyBatched(values, degrees, forms, p.proof(),
        replayCursor, replay);
    if (!end.isOk()) {
      throw new IllegalStateException("the masked batched run does not verify: " + end.reason());
    }
    return end.value();
  }

  /**
   * Per stated tensor the value its factor carries in the last round, for slots from {@code first}
   * on in message order: {@code Lambda[slot]}, the recomposition weights of a limb-backed tensor's
   * limb slots, or null for a public tensor.
   */
  private static long[][] slotValues(int[] tensors, ZkMasks m, int first) {
    long[][] out = new long[tensors.length][];
    int slot = first;
    for (int i = 0; i < tensors.length; i++) {
      if (limbsOf(tensors[i], m) == null && isMasked(tensors[i], m)) {
        out[i] = m.entry(slot++);
      }
    }
    for (int i = 0; i < tensors.length; i++) {
      Decomp d = limbsOf(tensors[i], m);
      if (d != null) {
        long[] acc = new long[L];
        long[] pow = WalkMath.one();
        long[] step = WalkMath.fr(1L << d.width());
        long[] term = new long[L];
        for (int j = 0; j < d.limbs().length; j++) {
          Fr.mul(term, 0, m.entry(slot++), 0, pow, 0);
          Fr.add(acc, 0, acc, 0, term, 0);
          Fr.mul(pow, 0, pow, 0, step, 0);
        }
        out[i] = acc;
      }
    }
    return out;
  }

  /** {@code r_k (1 - r_k)} for the run's last coordinate, or null when it is zero. */
  static long[] kappa(long[] r, int rounds) {
    if (rounds < 1 || r.length < rounds * L) {
      return null;
    }
    long[] k = WalkMath.one();
    Fr.sub(k, 0, k, 0, r, (rounds - 1) * L);
    Fr.mul(k, 0, k, 0, r, (rounds - 1) * L);
    return Fr.isZero(k, 0) ? null : k;
  }

  /** Prover: states the targets at the run's end ({@code T'(point)}), taking their slots. */
  static ZkStatements.Stated prove(List<ZkStatements.Target> targets, long[] r, int rounds, Circuit c,
      ProverTables w, ZkMasks m, ProofSink out, Transcript t) {
    long[] kappa = kappa(r, rounds);
    if (kappa == null) {
      throw new IllegalStateException("degenerate challenge r_k (1 - r_k) = 0");
    }
    List<ZkStatements.Target> plain = new ArrayList<>();
    for (ZkStatements.Target tg : targets) {
      if (limbsOf(tg.tensor(), m) == null) {
        plain.add(tg);
      }
    }
    long[] vals = new long[plain.size() * L];
    int[] slots = new int[plain.size()];
    for (int i = 0; i < plain.size(); i++) {
      ZkStatements.Target tg = plain.get(i);
      Fr.copy(vals, i * L, tg.isFactor() ? factorValue(tg) : evaluate(tg.tensor(), tg.point(), c, w), 0);
      slots[i] = isMasked(tg.tensor(), m) ? take(m, 1) : -1;
      masked(vals, i, slots[i], kappa, m);
    }
    if (!plain.isEmpty()) {
      WalkMath.state(vals, plain.size(), out, t);
    }
    List<ZkStatements.Limbs> limbs = new ArrayList<>();
    for (ZkStatements.Target tg : targets) {
      Decomp d = limbsOf(tg.tensor(), m);
      if (d != null) {
        int n = d.limbs().length;
        long[] lv = new long[n * L];
        int first = take(m, n);
        for (int j = 0; j < n; j++) {
          Fr.copy(lv, j * L, evaluate(d.limbs()[j], tg.point(), c, w), 0);
          masked(lv, j, first + j, kappa, m);
        }
        WalkMath.state(lv, n, out, t);
        limbs.add(limbs(d, c, tg.point(), lv, first, kappa));
      }
    }
    return assemble(targets, m, vals, slots, kappa, limbs);
  }

  /**
   * Verifier: reads the statements of the targets at the end of the run whose point is {@code r},
   * taking their slots; rejects a degenerate challenge.
   */
  static Checked<ZkStatements.Stated> verify(List<ZkStatements.Target> targets, long[] r, int rounds, Circuit c,
      ZkMasks m, FieldReader in, Transcript t) {
    long[] kappa = kappa(r, rounds);
    if (kappa == null) {
      return Checked.rejected("degenerate challenge (r_k (1 - r_k) = 0)");
    }
    int plain = 0;
    for (ZkStatements.Target tg : targets) {
      plain += limbsOf(tg.tensor(), m) == null ? 1 : 0;
    }
    long[] vals = new long[0];
    if (plain > 0) {
      vals = WalkMath.read(plain, in, t);
      if (vals == null) {
        return Checked.rejected("proof too short");
      }
    }
    int[] slots = new int[plain];
    int k = 0;
    for (ZkStatements.Target tg : targets) {
      if (limbsOf(tg.tensor(), m) == null) {
        slots[k] = isMasked(tg.tensor(), m) ? m.slot() : -1;
        if (isMasked(tg.tensor(), m) && slots[k] < 0) {
          return Checked.rejected("mask column overrun");
        }
        k++;
      }
    }
    List<ZkStatements.Limbs> limbs = new ArrayList<>();
    for (ZkStatements.Target tg : targets) {
      Decomp d = limbsOf(tg.tensor(), m);
      if (d != null) {
        String bad = ZkDecompArgument.refusal(d);
        if (bad != null) {
          return Checked.rejected(bad);
        }
        int n = d.limbs().length;
        long[] lv = WalkMath.read(n, in, t);
        if (lv == null) {
          return Checked.rejected("proof too short");
        }
        int first = m.cursor().take(n);
        if (first < 0) {
          return Checked.rejected("mask column overrun");
        }
        limbs.add(limbs(d, c, tg.point(), lv, first, kappa));
      }
    }
    return Checked.ok(assemble(targets, m, vals, slots, kappa, limbs));
  }

  /** Verifier, rounds: the masked run on the claim, its offset spread over the summand (R3). */
  static Checked<Masked<SubClaim>> rounds(ZkClaim claim, int[] degrees, ZkMasks m, FieldReader in, Transcript t) {
    return ZkSumcheckVerifier.verify(claim.value(), degrees, claim.omega(), in, m.cursor(), t);
  }

  /** R3's Lambda-claim {@code <mask, Lambda> = final - F}, F the version 1 check's value. */
  static void close(Masked<SubClaim> sc, long[] expected, ZkMasks m) {
    close(sc.mask(), sc.claim().value(), expected, m);
  }

  /** The same for a batched run, F the weighted sum of the instances' final values. */
  static void closeBatched(Masked<BatchedSubClaim> sc, long[] expected, ZkMasks m) {
    close(sc.mask(), sc.claim().value(), expected, m);
  }

  private static void close(MaskForm mask, long[] fin, long[] expected, ZkMasks m) {
    long[] rest = new long[L];
    Fr.sub(rest, 0, fin, 0, expected, 0);
    m.defer(mask, rest);
  }

  /** Verifier, rounds of a batched run: instance i's claim and offset from {@code claims.get(i)}. */
  static Checked<Masked<BatchedSubClaim>> roundsBatched(List<ZkClaim> claims, int[][] degrees, ZkMasks m,
      FieldReader in, Transcript t) {
    long[] values = new long[claims.size() * L];
    MaskForm[] forms = new MaskForm[claims.size()];
    for (int i = 0; i < forms.length; i++) {
      Fr.copy(values, i * L, claims.get(i).value(), 0);
      forms[i] = claims.get(i).omega();
    }
    return ZkSumcheckVerifier.verifyBatched(values, degrees, forms, in, m.cursor(), t);
  }

  /**
   * A run of zero variables has nothing to mask a stated value with; it runs over one dummy variable
   * instead, every factor constant in it (a table of one entry taken twice, the constant extension), on
   * the claim doubled (value and offset: the sum over the dummy variable counts the summand twice). Then
   * the stated values {@code T~() + kappa Lambda[slot]} are claims on the tensors themselves.
   */
  static long[] constantExtension(long[] table) {
    if (table.length != L) {
      throw new IllegalArgumentException("a constant extension of a table of one entry");
    }
    long[] out = new long[2 * L];
    Fr.copy(out, 0, table, 0);
    Fr.copy(out, L, table, 0);
    return out;
  }

  /** A run's variables: {@code vars}, or one dummy variable when there is none. */
  static int runVars(int vars) {
    return Math.max(1, vars);
  }

  /** The run's tables: as given, or constant-extended over a dummy variable ({@code vars == 0}). */
  static long[][] runTables(int vars, long[]... tables) {
    long[][] out = tables.clone();
    if (vars == 0) {
      for (int j = 0; j < out.length; j++) {
        out[j] = constantExtension(out[j]);
      }
    }
    return out;
  }

  /** The claim the run reduces: as given, or doubled over a dummy variable ({@code vars == 0}). */
  static ZkClaim runClaim(int vars, ZkClaim cl) {
    return vars == 0 ? doubled(cl) : cl;
  }

  /** The sum over the tensors' own variables from the run's: halved over a dummy variable (a copy). */
  static long[] tensorSum(int vars, long[] runSum) {
    long[] v = runSum.clone();
    if (vars == 0) {
      long[] half = WalkMath.fr(2);
      Fr.inv(half, 0, half, 0);
      Fr.mul(v, 0, v, 0, half, 0);
    }
    return v;
  }

  /** The point of the stated tensors in the run's variables: the run's, or none over a dummy variable. */
  static long[] tensorPoint(int vars, long[] r) {
    return vars == 0 ? new long[0] : r;
  }

  /** The claim doubled, value and offset, for a run over a dummy variable ({@link #constantExtension}). */
  static ZkClaim doubled(ZkClaim cl) {
    long[] v = new long[L];
    Fr.dbl(v, 0, cl.value(), 0);
    return new ZkClaim(cl.tensor(), cl.point(), v, new MaskForm().addScaled(cl.omega(), WalkMath.fr(2), 0));
  }

  private static long[] factorValue(ZkStatements.Target tg) {
    if (tg.value() == null || tg.value().length != L) {
      throw new IllegalArgumentException("a stated factor needs its value on the prover side");
    }
    return tg.value();
  }

  private static long[] evaluate(int tensor, long[] point, Circuit c, ProverTables w) {
    return WalkMath.evaluate(w.mle(tensor), c.tensor(tensor).vars(), point);
  }

  private static void masked(long[] v, int i, int slot, long[] kappa, ZkMasks m) {
    if (slot >= 0) {
      long[] s = m.entry(slot);
      Fr.mul(s, 0, s, 0, kappa, 0);
      Fr.add(v, i * L, v, i * L, s, 0);
    }
  }

  private static int take(ZkMasks m, int n) {
    int s = m.cursor().take(n);
    if (s < 0) {
      throw new IllegalStateException("mask column overrun");
    }
    return s;
  }

  /** Limb claims {@code (l_j, z, v_j, kappa e_(first+j))} and their recomposition (4.3 R2). */
  private static ZkStatements.Limbs limbs(Decomp d, Circuit c, long[] z, long[] vals, int first, long[] kappa) {
    List<ZkClaim> claims = new ArrayList<>();
    MaskForm omega = new MaskForm();
    long[] pow = kappa.clone();
    long[] step = WalkMath.fr(1L << d.width());
    for (int j = 0; j < d.limbs().length; j++) {
      claims.add(new ZkClaim(d.limbs()[j], z, WalkMath.at(vals, j), MaskForm.single(first + j, kappa, 0)));
      omega.add(first + j, pow, 0);
      Fr.mul(pow, 0, pow, 0, step, 0);
    }
    return new ZkStatements.Limbs(List.copyOf(claims),
        new ZkClaim(d.x(), z, DecompArgument.recompose(d, c, z, vals), omega));
  }

  private static ZkStatements.Stated assemble(List<ZkStatements.Target> targets, ZkMasks m, long[] vals,
      int[] slots, long[] kappa, List<ZkStatements.Limbs> limbs) {
    List<ZkClaim> values = new ArrayList<>();
    List<List<ZkClaim>> limbClaims = new ArrayList<>();
    int k = 0;
    int b = 0;
    for (ZkStatements.Target tg : targets) {
      if (limbsOf(tg.tensor(), m) == null) {
        MaskForm omega = slots[k] >= 0 ? MaskForm.single(slots[k], kappa, 0) : new MaskForm();
        values.add(new ZkClaim(tg.tensor(), tg.point(), WalkMath.at(vals, k), omega));
        limbClaims.add(List.of());
        k++;
      } else {
        ZkStatements.Limbs l = limbs.get(b++);
        values.add(l.recomposed());
        limbClaims.add(l.limbClaims());
      }
    }
    return new ZkStatements.Stated(List.copyOf(values), List.copyOf(limbClaims));
  }
}
