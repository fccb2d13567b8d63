package org.besuzkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.pcs.BitBases;
import org.besuzkml.pcs.HyperKzg;
import org.besuzkml.pcs.HyperKzgVerifier;
import org.besuzkml.pcs.HyperKzgVerifierKey;
import org.besuzkml.pcs.HyperKzgZk;
import org.besuzkml.pcs.OpeningMask;
import org.besuzkml.pcs.PcsResult;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.proof.verify.ZkReduction;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.besuzkml.zk.SeededRandomness;
import org.junit.jupiter.api.Test;

/**
 * Phases 4-5 in zero-knowledge mode (zk-design 6): masked opening claims and Lambda-claims reduced
 * with the affine masks H_1, H_2 and opened once with the zero-knowledge HyperKZG opening. Checks
 * completeness, the verifier's structured weights against the prover's dense tables, the cheap
 * commitment of an affine mask, every kind of false claim, the refusals, and the exact map by
 * which the H masks make each reduction round uniform.
 */
class ZkReductionTest {
  private static final int L = Fr.LIMBS;
  private static final int N = 5;
  private static final int LAMBDA = 20;
  private static final Srs SRS = DevSrs.create(6, 17);
  private static final HyperKzgVerifierKey VK = HyperKzgVerifierKey.of(SRS);

  /** A statement and everything its prover holds. */
  private record Case(long[][] bins, long[][] maskBins, long[] lambda, long[] h1, long[] h2, long[][] shadows,
      long[] commitments, List<MaskedOpening> openings, List<LambdaClaim> lambdaClaims, OpeningMask mask,
      long[] maskCommitment, long[] foldShadows) {
    int objects() {
      return bins.length + maskBins.length + 2;
    }
  }

  private static long[] mle(long[] table, long[] point) {
    long[] out = new long[L];
    Multilinear.evaluate(out, 0, table, 0, N, point, 0);
    return out;
  }

  private static long[] element(long v) {
    long[] e = new long[L];
    Fr.fromLong(e, 0, v);
    return e;
  }

  private static Case honest(long seed) {
    return honest(seed, LAMBDA);
  }

  /** A case whose mask column has {@code size} entries, in ceil(size / 2^N) mask bins. */
  private static Case honest(long seed, int size) {
    SeededRandomness d = SeededRandomness.of(seed);
    long[][] bins = {d.nextFrs(1 << N), d.nextFrs(1 << N)};
    long[] lambda = d.nextFrs(size);
    int kLambda = (size + (1 << N) - 1) >> N;
    long[][] maskBins = new long[kLambda][];
    for (int b = 0; b < kLambda; b++) {
      maskBins[b] = Arrays.copyOfRange(Arrays.copyOf(lambda, kLambda << N << 2), (b << N) * L, ((b + 1) << N) * L);
    }
    long[] h1 = d.nextFrs(N + 1);
    long[] h2 = d.nextFrs(N + 1);
    int objects = 2 + kLambda + 2;
    long[][] shadows = new long[objects][];
    long[] cs = new long[objects * G1.AFFINE];
    for (int k = 0; k < 2 + kLambda; k++) {
      shadows[k] = d.nextFrs(1);
      long[] table = k < 2 ? bins[k] : maskBins[k - 2];
      System.arraycopy(HyperKzg.commitHiding(SRS, table, 1 << N, shadows[k]), 0, cs, k * G1.AFFINE, G1.AFFINE);
    }
    long[] bases = BitBases.compute(SRS, N);
    for (int i = 0; i < 2; i++) {
      int k = 2 + kLambda + i;
      shadows[k] = d.nextFrs(1);
      System.arraycopy(BitBases.commitHiding(SRS, bases, i == 0 ? h1 : h2, N, shadows[k]), 0, cs, k * G1.AFFINE,
          G1.AFFINE);
    }
    List<MaskedOpening> openings = new ArrayList<>();
    for (int j = 0; j < 5; j++) {
      long[] z = j == 3 ? openings.get(1).point() : d.nextFrs(N); // two claims share a point
      if (j == 4) {
        Fr.setZero(z, 0); // a segment-like coordinate
        Fr.setOne(z, L);
      }
      MaskForm omega = j == 2 ? new MaskForm()
          : MaskForm.single((7 * j + 1) % size, d.nextFrs(1), 0).add((size - 1 - 5 * j % size) % size, d.nextFrs(1), 0);
      long[] v = mle(bins[j % 2], z);
      Fr.add(v, 0, v, 0, omega.evaluate(lambda), 0);
      openings.add(new MaskedOpening(j % 2, z, v, omega));
    }
    List<LambdaClaim> lambdaClaims = new ArrayList<>();
    for (int j = 0; j < 3; j++) {
      MaskForm omega = MaskForm.single(size - 1 - j % size, d.nextFrs(1), 0).add(11 * j % size, d.nextFrs(1), 0);
      lambdaClaims.add(new LambdaClaim(omega, omega.evaluate(lambda)));
    }
    OpeningMask mask = new OpeningMask(N, d.nextFrs(2 * N), d.nextFrs(3));
    return new Case(bins, maskBins, lambda, h1, h2, shadows, cs, openings, lambdaClaims, mask, mask.commit(SRS),
        d.nextFrs(N - 1));
  }

  private static Transcript bound(Case c) {
    Transcript t = new Transcript("besu-zkml/test-zk-reduction");
    for (int k = 0; k < c.objects(); k++) {
      t.absorbG1("zk/masks", G1.encode(c.commitments(), k * G1.AFFINE));
    }
    t.absorbG1("test/cm", G1.encode(c.maskCommitment(), 0));
    return t;
  }

  /** The prover's two messages: phase 4's bytes, and the zk opening. */
  private record Proved(byte[] reduction, ZkReductionProver.Reduced reduced, HyperKzgZk.Opening opening) {}

  private static Proved prove(Case c, List<MaskedOpening> openings, List<LambdaClaim> lambdaClaims) {
    Transcript t = bound(c);
    ZkReductionProver.Reduced r = ZkReductionProver.prove(c.bins(), c.maskBins(), openings, lambdaClaims, c.h1(),
        c.h2(), N, t);
    HyperKzgZk.Opening o = HyperKzgZk.open(SRS, r.polys(), c.shadows(), r.result().scalars(), c.mask(),
        r.result().point(), N, c.foldShadows(), t);
    byte[] sc = r.sumcheck().proof().encode();
    byte[] bytes = new byte[2 * Fr.BYTES + sc.length];
    Fr.toBytes(bytes, 0, r.hValues(), 0);
    Fr.toBytes(bytes, Fr.BYTES, r.hValues(), L);
    System.arraycopy(sc, 0, bytes, 2 * Fr.BYTES, sc.length);
    return new Proved(bytes, r, o);
  }

  private static Proved prove(Case c) {
    return prove(c, c.openings(), c.lambdaClaims());
  }

  /** The verifier: the reduction, then the zk opening of its result; null when both accept. */
  private static String verify(Case c, List<MaskedOpening> openings, List<LambdaClaim> lambdaClaims, Proved p) {
    Transcript t = bound(c);
    Checked<ZkReduction.Result> r = ZkReduction.verify(openings, lambdaClaims, 2, c.maskBins().length, N,
        new FieldReader(p.reduction(), 0, p.reduction().length), t);
    if (!r.isOk()) {
      return r.reason();
    }
    PcsResult pr = HyperKzgVerifier.verifyZk(VK, c.commitments(), c.objects(), r.value().scalars(),
        r.value().value(), c.maskCommitment(), p.opening().maskValue(), r.value().point(), N, p.opening().proof(), t);
    return pr.valid() ? null : "opening: " + pr.reason();
  }

  private static String verify(Case c, Proved p) {
    return verify(c, c.openings(), c.lambdaClaims(), p);
  }

  @Test
  void honestClaimsReduceAndOpen() {
    for (long seed = 1; seed <= 5; seed++) {
      // 20 entries in one bin; 40 in two (the second bin's offsets small); 4 (the high variables all zero)
      Case c = seed <= 3 ? honest(seed) : honest(seed, seed == 4 ? 40 : 4);
      Proved p = prove(c);
      assertEquals(null, verify(c, p), "seed " + seed);
      assertEquals(2 * Fr.BYTES + N * 2 * Fr.BYTES, p.reduction().length, "v_H1, v_H2 and SC(n, 2): no evaluations");
    }
  }

  @Test
  void verifierStructuredWeightsEqualTheProversDenseTables() {
    for (int size : new int[] {LAMBDA, 40, 64, 4, 1}) {
      Case c = honest(4, size);
      Proved p = prove(c);
      Checked<ZkReduction.Result> r = ZkReduction.verify(c.openings(), c.lambdaClaims(), 2, c.maskBins().length, N,
          new FieldReader(p.reduction(), 0, p.reduction().length), bound(c));
      assertTrue(r.isOk(), r.reason());
      assertArrayEquals(p.reduced().result().scalars(), r.value().scalars(), "size " + size);
      assertArrayEquals(p.reduced().result().point(), r.value().point());
      assertArrayEquals(p.reduced().result().value(), r.value().value());
    }
  }

  @Test
  void countLimitsAtTheirBoundaries() {
    Case c = honest(9);
    Proved p = prove(c);
    java.util.function.BiFunction<int[], List<MaskedOpening>, String> run = (counts, openings) -> {
      Checked<ZkReduction.Result> r = ZkReduction.verify(openings, c.lambdaClaims(), counts[0], counts[1], counts[2],
          new FieldReader(p.reduction(), 0, p.reduction().length), bound(c));
      return r.isOk() ? null : r.reason();
    };
    String range = "zk reduction: object counts out of range";
    assertEquals(range, run.apply(new int[] {2, 1, Multilinear.MAX_VARS + 1}, c.openings()));
    assertEquals("zk reduction: opening claim 0 malformed", run.apply(new int[] {2, 1, Multilinear.MAX_VARS},
        c.openings()), "28 variables pass the range; the 5-variable points do not");
    assertEquals("zk reduction: opening claim 0 malformed", run.apply(new int[] {2, 1, 1}, c.openings()),
        "one variable passes the range; the 5-variable points do not");
    assertEquals(range, run.apply(new int[] {2, 1, 0}, c.openings()));
    assertNotEquals(range, run.apply(new int[] {0, 1, N}, List.of()), "no committed bins: Lambda-claims only");
    assertEquals(range, run.apply(new int[] {-1, 1, N}, c.openings()));
    assertEquals(range, run.apply(new int[] {2, -1, N}, c.openings()));
    assertEquals(range, run.apply(new int[] {(1 << 16) - 1, 2, N}, c.openings()));
    assertEquals(null, run.apply(new int[] {(1 << 16) - 2, 2, N}, c.openings()), "2^16 objects in all");
    assertEquals("zk reduction: Lambda-claim 0 malformed", run.apply(new int[] {2, 0, N}, List.of()),
        "without mask bins no mask index is in range");
    // the claim count: 2^24 claims in all pass the count (and stop at the message), one more does not
    MaskedOpening o = c.openings().get(0);
    List<MaskedOpening> many = java.util.Collections.nCopies((1 << 24) - 3, o);
    Checked<ZkReduction.Result> r = ZkReduction.verify(many, c.lambdaClaims(), 2, 1, N, new FieldReader(new byte[0],
        0, 0), bound(c));
    assertTrue(r.reason().startsWith("zk reduction: truncated"), r.reason());
    r = ZkReduction.verify(java.util.Collections.nCopies((1 << 24) - 2, o), c.lambdaClaims(), 2, 1, N,
        new FieldReader(new byte[0], 0, 0), bound(c));
    assertEquals("zk reduction: too many claims", r.reason());
  }

  @Test
  void anAffineMaskCommitsFromTheBitBasesAsItsTableWould() {
    SeededRandomness d = SeededRandomness.of(5);
    long[] bases = BitBases.compute(SRS, N);
    for (int i = 0; i < 3; i++) {
      long[] coeffs = d.nextFrs(N + 1);
      long[] rho = d.nextFrs(1);
      long[] table = BitBases.table(coeffs, N);
      assertArrayEquals(HyperKzg.commitHiding(SRS, table, 1 << N, rho), BitBases.commitHiding(SRS, bases, coeffs, N,
          rho));
      // the table is affine: its MLE at any point is a_0 + sum_t a_t x_t
      long[] x = d.nextFrs(N);
      long[] expected = Arrays.copyOf(coeffs, L);
      long[] t = new long[L];
      for (int v = 0; v < N; v++) {
        Fr.mul(t, 0, coeffs, (v + 1) * L, x, v * L);
        Fr.add(expected, 0, expected, 0, t, 0);
      }
      assertArrayEquals(expected, mle(table, x));
    }
  }

  private static long[] plusOne(long[] v) {
    long[] w = v.clone();
    Fr.add(w, 0, w, 0, element(1), 0);
    return w;
  }

  @Test
  void everyFalseClaimIsRejected() {
    Case c = honest(6);
    for (int j = 0; j < c.openings().size(); j++) {
      List<MaskedOpening> o = new ArrayList<>(c.openings());
      MaskedOpening h = o.get(j);
      o.set(j, new MaskedOpening(h.object(), h.point(), plusOne(h.value()), h.omega()));
      assertNotEquals(null, verify(c, o, c.lambdaClaims(), prove(c, o, c.lambdaClaims())), "opening " + j);
      // the value is right for the other bin
      o.set(j, new MaskedOpening(1 - h.object(), h.point(), h.value(), h.omega()));
      assertNotEquals(null, verify(c, o, c.lambdaClaims(), prove(c, o, c.lambdaClaims())), "bin of " + j);
    }
    for (int j = 0; j < c.lambdaClaims().size(); j++) {
      // the value the claim would have with one mask entry flipped
      LambdaClaim h = c.lambdaClaims().get(j);
      long[] flipped = c.lambda().clone();
      int e = h.omega().index(0);
      Fr.add(flipped, e * L, flipped, e * L, element(1), 0);
      List<LambdaClaim> lc = new ArrayList<>(c.lambdaClaims());
      lc.set(j, new LambdaClaim(h.omega(), h.omega().evaluate(flipped)));
      assertNotEquals(null, verify(c, c.openings(), lc, prove(c, c.openings(), lc)), "Lambda-claim " + j);
    }
    // an offset that drops one of its terms
    List<MaskedOpening> o = new ArrayList<>(c.openings());
    MaskedOpening h = o.get(0);
    long[] coeff = new long[L];
    h.omega().coefficient(0, coeff, 0);
    o.set(0, new MaskedOpening(h.object(), h.point(), h.value(), MaskForm.single(h.omega().index(0), coeff, 0)));
    assertNotEquals(null, verify(c, o, c.lambdaClaims(), prove(c, o, c.lambdaClaims())));
    // honest proof, a claim list the verifier was told differently
    Proved p = prove(c);
    assertNotEquals(null, verify(c, c.openings().subList(0, 4), c.lambdaClaims(), p));
    assertNotEquals(null, verify(c, c.openings(), c.lambdaClaims().subList(0, 2), p));
    // a message changed: v_H1, then a sumcheck element
    for (int at : new int[] {0, Fr.BYTES, 2 * Fr.BYTES, p.reduction().length - Fr.BYTES}) {
      byte[] b = p.reduction().clone();
      b[at + Fr.BYTES - 1] ^= 1;
      assertNotEquals(null, verify(c, new Proved(b, p.reduced(), p.opening())), "byte " + at);
    }
  }

  @Test
  void malformedClaimsAndMessagesAreRefusedByReason() {
    Case c = honest(7);
    Proved p = prove(c);
    List<MaskedOpening> o = new ArrayList<>(c.openings());
    MaskedOpening h = o.get(1);
    o.set(1, new MaskedOpening(2, h.point(), h.value(), h.omega()));
    assertEquals("zk reduction: opening claim 1 malformed", verify(c, o, c.lambdaClaims(), p));
    o.set(1, new MaskedOpening(0, Arrays.copyOf(h.point(), (N - 1) * L), h.value(), h.omega()));
    assertEquals("zk reduction: opening claim 1 malformed", verify(c, o, c.lambdaClaims(), p));
    o.set(1, new MaskedOpening(0, h.point(), h.value(), MaskForm.single(1 << N, element(1), 0)));
    assertEquals("zk reduction: opening claim 1 malformed", verify(c, o, c.lambdaClaims(), p),
        "a mask index past the mask bins");
    List<LambdaClaim> lc = new ArrayList<>(c.lambdaClaims());
    lc.set(2, new LambdaClaim(MaskForm.single(-1, element(1), 0), element(0)));
    assertEquals("zk reduction: Lambda-claim 2 malformed", verify(c, c.openings(), lc, p));
    // the last index of the mask bins is in range
    lc.set(2, new LambdaClaim(MaskForm.single((1 << N) - 1, element(1), 0), element(0)));
    assertTrue(verify(c, c.openings(), lc, p).startsWith("opening: "));
    Proved cut = new Proved(Arrays.copyOf(p.reduction(), p.reduction().length - 1), p.reduced(), p.opening());
    assertTrue(verify(c, cut).startsWith("zk reduction: sumcheck: sumcheck proof: truncated"), verify(c, cut));
    Proved noH = new Proved(Arrays.copyOf(p.reduction(), Fr.BYTES + 1), p.reduced(), p.opening());
    assertTrue(verify(c, noH).startsWith("zk reduction: truncated"), verify(c, noH));
    assertEquals("zk reduction: object counts out of range", ZkReduction.verify(c.openings(), c.lambdaClaims(), 2, 1,
        0, new FieldReader(p.reduction(), 0, p.reduction().length), bound(c)).reason());
  }

  /** eq(c, x) = c x + (1 - c)(1 - x). */
  private static long[] eq(long c, long[] x, int off) {
    long[] r = new long[L];
    long[] t = new long[L];
    long[] notC = new long[L];
    Fr.sub(notC, 0, element(1), 0, element(c), 0);
    Fr.mul(r, 0, element(c), 0, x, off);
    Fr.sub(t, 0, element(1), 0, x, off);
    Fr.mul(t, 0, t, 0, notC, 0);
    Fr.add(r, 0, r, 0, t, 0);
    return r;
  }

  @Test
  void eachReductionRoundMovesWithItsOwnAffineMaskCoefficientsInvertibly() {
    // zk-design 6.2: moving a_{H,i} by 1 and a_{H,0} by -c keeps v_H and every round before i, and
    // moves round i's (c_0, c_2) by gamma_H E_i (c(c-1), 2c-1), E_i = prod_{t<i} eq(c, s_t); the two
    // masks' directions (2, 3) and (6, 5) are independent, so each round is uniform
    Case c = honest(8);
    Proved base = prove(c);
    long[] msg = base.reduced().sumcheck().proof().compressed();
    long[] s = base.reduced().sumcheck().point();
    Checked<ZkReduction.Result> r = ZkReduction.verify(c.openings(), c.lambdaClaims(), 2, 1, N,
        new FieldReader(base.reduction(), 0, base.reduction().length), bound(c));
    int j = c.openings().size() + c.lambdaClaims().size();
    for (int i = 1; i <= N; i++) {
      long[][] delta = new long[2][];
      for (int which = 0; which < 2; which++) {
        long cc = which == 0 ? 2 : 3;
        long[] h = (which == 0 ? c.h1() : c.h2()).clone();
        Fr.add(h, i * L, h, i * L, element(1), 0);
        Fr.sub(h, 0, h, 0, element(cc), 0);
        Case moved = new Case(c.bins(), c.maskBins(), c.lambda(), which == 0 ? h : c.h1(), which == 0 ? c.h2() : h,
            c.shadows(), c.commitments(), c.openings(), c.lambdaClaims(), c.mask(), c.maskCommitment(),
            c.foldShadows());
        Proved p = prove(moved);
        assertArrayEquals(base.reduced().hValues(), p.reduced().hValues(), "v_H unchanged");
        long[] m = p.reduced().sumcheck().proof().compressed();
        assertArrayEquals(Arrays.copyOf(msg, 2 * (i - 1) * L), Arrays.copyOf(m, 2 * (i - 1) * L),
            "rounds before " + i);
        // gamma_H E_i
        long[] g = new long[L];
        long[] gamma = gammaPower(c, base, j + which);
        Fr.copy(g, 0, gamma, 0);
        for (int t = 0; t < i - 1; t++) {
          Fr.mul(g, 0, g, 0, eq(cc, s, t * L), 0);
        }
        long[] d0 = new long[L];
        long[] d2 = new long[L];
        Fr.sub(d0, 0, m, 2 * (i - 1) * L, msg, 2 * (i - 1) * L);
        Fr.sub(d2, 0, m, (2 * i - 1) * L, msg, (2 * i - 1) * L);
        long[] e0 = new long[L];
        long[] e2 = new long[L];
        Fr.mul(e0, 0, g, 0, element(cc * (cc - 1)), 0);
        Fr.mul(e2, 0, g, 0, element(2 * cc - 1), 0);
        assertArrayEquals(e0, d0, "round " + i + " c_0 under H_" + (which + 1));
        assertArrayEquals(e2, d2, "round " + i + " c_2 under H_" + (which + 1));
        delta[which] = new long[2 * L];
        Fr.copy(delta[which], 0, d0, 0);
        Fr.copy(delta[which], L, d2, 0);
      }
      long[] det = new long[L];
      long[] t = new long[L];
      Fr.mul(det, 0, delta[0], 0, delta[1], L);
      Fr.mul(t, 0, delta[0], L, delta[1], 0);
      Fr.sub(det, 0, det, 0, t, 0);
      assertFalse(Fr.isZero(det, 0), "round " + i + ": the two masks move (c_0, c_2) independently");
    }
    assertTrue(r.isOk());
  }

  /** gamma^j, from a transcript replayed to the reduction's challenge. */
  private static long[] gammaPower(Case c, Proved p, int j) {
    Transcript t = bound(c);
    t.absorbFrs("zk/hvals", p.reduced().hValues(), 0, 2);
    long[] gamma = t.challengeFr("open/gamma");
    long[] out = element(1);
    for (int i = 0; i < j; i++) {
      Fr.mul(out, 0, out, 0, gamma, 0);
    }
    return out;
  }
}
