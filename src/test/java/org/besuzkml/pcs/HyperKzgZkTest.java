package org.besuzkml.pcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.transcript.Transcript;
import org.besuzkml.zk.SeededRandomness;
import org.besuzkml.zk.ZkRandomness;
import org.junit.jupiter.api.Test;

/**
 * The zero-knowledge HyperKZG opening (zk-design.md 2.1-2.6): completeness with public and hiding
 * commitments, every rejection of the plain opening again in zk mode, the checks that are new
 * (sigma, the mask, the blinding base), and why beta must be unknown.
 */
class HyperKzgZkTest {
  static final int MAX_L = 12;
  static final long SEED = 21;
  static final Srs SRS = DevSrs.create(MAX_L, SEED);
  static final HyperKzgVerifierKey VK = HyperKzgVerifierKey.of(SRS);
  static final int L = Fr.LIMBS;

  /** Everything one zk opening has: the statement (commitments, scalars, point, value) and the messages. */
  record Case(int l, long[][] polys, long[][] shadows, long[] commitments, long[] scalars, long[] point,
      OpeningMask mask, long[] maskCommitment, HyperKzgZk.Opening opening) {
    int count() {
      return polys.length;
    }

    PcsResult verify() {
      return verify(VK, commitments, scalars, opening.value(), maskCommitment, opening.maskValue(), opening.proof());
    }

    PcsResult verify(HyperKzgVerifierKey vk, long[] cs, long[] sc, long[] value, long[] cm, long[] m, HyperKzgProof p) {
      return HyperKzgVerifier.verifyZk(vk, cs, count(), sc, value, cm, m, point, l, p, bound(cs, cm));
    }

    PcsResult verifyProof(HyperKzgProof p) {
      return verify(VK, commitments, scalars, opening.value(), maskCommitment, opening.maskValue(), p);
    }
  }

  /** A transcript that has bound the commitments (the PCS contract: the caller absorbs the statement). */
  static Transcript bound(long[] commitments, long[] maskCommitment) {
    Transcript t = new Transcript("besu-zkml/test-zk-pcs");
    for (int k = 0; k < commitments.length / G1.AFFINE; k++) {
      t.absorbG1("test/c", G1.encode(commitments, k * G1.AFFINE));
    }
    t.absorbG1("test/cm", G1.encode(maskCommitment, 0));
    return t;
  }

  static OpeningMask sampleMask(ZkRandomness rnd, int l) {
    return new OpeningMask(l, rnd.nextFrs(2 * l), rnd.nextFrs(3));
  }

  /**
   * An honest case: polynomials and point from {@code data}, masks and shadows from {@code masks};
   * {@code hiding[k]} false gives a public (unblinded) commitment; polynomial 0 of a hiding case
   * gets a degree-2 shadow, the rest constant ones.
   */
  static Case honest(Srs srs, long data, ZkRandomness masks, int l, boolean... hiding) {
    SeededRandomness d = SeededRandomness.of(data);
    int n = 1 << l, count = hiding.length;
    long[][] polys = new long[count][], shadows = new long[count][];
    long[] cs = new long[count * G1.AFFINE];
    for (int k = 0; k < count; k++) {
      polys[k] = d.nextFrs(n);
      if (hiding[k]) {
        shadows[k] = masks.nextFrs(k == 0 ? 3 : 1);
        System.arraycopy(HyperKzg.commitHiding(srs, polys[k], n, shadows[k]), 0, cs, k * G1.AFFINE, G1.AFFINE);
      } else {
        System.arraycopy(HyperKzg.commit(srs, polys[k], n), 0, cs, k * G1.AFFINE, G1.AFFINE);
      }
    }
    long[] scalars = d.nextFrs(count), point = d.nextFrs(l);
    OpeningMask mask = sampleMask(masks, l);
    long[] foldShadows = masks.nextFrs(l - 1);
    long[] cm = mask.commit(srs);
    HyperKzgZk.Opening o = HyperKzgZk.open(srs, polys, shadows, scalars, mask, point, l, foldShadows, bound(cs, cm));
    return new Case(l, polys, shadows, cs, scalars, point, mask, cm, o);
  }

  static Case honest(long data, int l, boolean... hiding) {
    return honest(SRS, data, SeededRandomness.of(1000 + data), l, hiding);
  }

  static long[] plusOne(long[] a, int off) {
    long[] b = a.clone(), one = new long[L];
    Fr.setOne(one, 0);
    Fr.add(b, off, b, off, one, 0);
    return b;
  }

  static long[] addG(long[] points, int off) {
    long[] out = points.clone(), j = new long[G1.JACOBIAN], g = new long[G1.JACOBIAN];
    G1.fromAffine(j, 0, points, off);
    G1.fromAffine(g, 0, G1.generator(), 0);
    G1.add(j, 0, j, 0, g, 0);
    G1.toAffine(out, off, j, 0);
    return out;
  }

  static long[] mle(long[] f, long[] point, int l) {
    long[] out = new long[L];
    org.besuzkml.poly.Multilinear.evaluate(out, 0, f, 0, l, point, 0);
    return out;
  }

  static HyperKzgProof with(HyperKzgProof p, long[] folds, long[] evals, long[] w1, long[] sigma, long[] w2) {
    return new HyperKzgProof(p.numVars(), folds == null ? p.folds() : folds, evals == null ? p.evals() : evals,
        w1 == null ? p.w1() : w1, sigma == null ? p.sigma() : sigma, w2 == null ? p.w2() : w2);
  }

  @Test
  void completenessForOneToTwelveVariablesWithMixedPublicAndHidingCommitments() {
    for (int l = 1; l <= MAX_L; l++) {
      Case k = honest(l, l, true, false, true);
      // the stated value is the combination of the MLEs, the mask value the mask's MLE
      long[] expect = new long[L], t = new long[L];
      for (int i = 0; i < 3; i++) {
        Fr.mul(t, 0, mle(k.polys[i], k.point, l), 0, k.scalars, i * L);
        Fr.add(expect, 0, expect, 0, t, 0);
      }
      assertArrayEquals(expect, k.opening.value(), "l = " + l);
      assertArrayEquals(mle(k.mask.dense(), k.point, l), k.opening.maskValue(), "l = " + l);
      PcsResult r = k.verify();
      assertTrue(r.valid(), "l = " + l + ": " + r);
      // encoding: version 1's layout plus sigma between W_1 and W_2, and a strict round trip
      byte[] enc = k.opening.proof().encode();
      assertEquals(HyperKzgProof.encodedLengthZk(l), enc.length);
      assertEquals(HyperKzgProof.encodedLength(l) + 32, enc.length);
      HyperKzgProof.Decoded d = HyperKzgProof.decodeZk(enc, 0, enc.length, l);
      assertTrue(d.ok(), d.error());
      assertArrayEquals(enc, d.proof().encode());
      assertTrue(k.verifyProof(d.proof()).valid());
      assertFalse(HyperKzgProof.decode(enc, 0, enc.length, l).ok()); // a version-1 decoder refuses the length
    }
  }

  @Test
  void allPublicAllHidingAndOnlyTheMask() {
    assertTrue(honest(50, 6, false, false).verify().valid());
    assertTrue(honest(51, 6, true, true, true, true).verify().valid());
    Case one = honest(52, 5, true);
    assertTrue(one.verify().valid());
  }

  @Test
  void hidingCommitmentIsThePlainOnePlusTheShadowTimesBeta() {
    SeededRandomness d = SeededRandomness.of(3);
    int n = 16;
    long[] f = d.nextFrs(n), s = d.nextFrs(3);
    long[] plain = HyperKzg.commit(SRS, f, n);
    BigInteger beta = DevSrs.beta(SEED), tau = DevSrs.tau(SEED);
    BigInteger shadowAtTau = Fr.toBigInteger(s, 0).add(Fr.toBigInteger(s, 4).multiply(tau))
        .add(Fr.toBigInteger(s, 8).multiply(tau.pow(2)));
    long[] k = new long[L];
    Fr.fromBigInteger(k, 0, beta.multiply(shadowAtTau));
    long[] j = new long[G1.JACOBIAN], p = new long[G1.JACOBIAN], e = new long[G1.AFFINE];
    G1.mulFr(j, 0, G1.generatorJacobian(), 0, k, 0);
    G1.fromAffine(p, 0, plain, 0);
    G1.add(j, 0, j, 0, p, 0);
    G1.toAffine(e, 0, j, 0);
    assertArrayEquals(e, HyperKzg.commitHiding(SRS, f, n, s));
    // small-integer entries with a constant shadow agree with the full MSM
    long[] small = {3, -2, 0, 7, 1, -9, 4, 4};
    long[] asFr = new long[8 * L];
    for (int i = 0; i < 8; i++) {
      Fr.fromLong(asFr, i * L, small[i]);
    }
    long[] rho = Arrays.copyOf(s, L);
    assertArrayEquals(HyperKzg.commitHiding(SRS, asFr, 8, rho), HyperKzg.commitSmallHiding(SRS, small, 8, rho));
  }

  @Test
  void wrongValueOrWrongMaskValueRejected() {
    Case k = honest(4, 5, true, false);
    long[] v = plusOne(k.opening.value(), 0), m = plusOne(k.opening.maskValue(), 0);
    PcsResult r = k.verify(VK, k.commitments, k.scalars, v, k.maskCommitment, k.opening.maskValue(), k.opening.proof());
    assertFalse(r.valid());
    assertTrue(r.reason().contains("fold"), r.reason());
    assertFalse(k.verify(VK, k.commitments, k.scalars, k.opening.value(), k.maskCommitment, m, k.opening.proof())
        .valid());
    // another point with the old value
    long[] p = plusOne(k.point, 0);
    assertFalse(HyperKzgVerifier.verifyZk(VK, k.commitments, 2, k.scalars, k.opening.value(), k.maskCommitment,
        k.opening.maskValue(), p, k.l, k.opening.proof(), bound(k.commitments, k.maskCommitment)).valid());
  }

  @Test
  void swappedFoldOrEvaluationTriplesRejected() {
    Case k = honest(5, 6, true, true);
    HyperKzgProof p = k.opening.proof();
    long[] f = p.folds(), t = Arrays.copyOfRange(f, 0, 8);
    System.arraycopy(f, 8, f, 0, 8);
    System.arraycopy(t, 0, f, 8, 8);
    assertFalse(k.verifyProof(with(p, f, null, null, null, null)).valid());
    long[] ev = p.evals(), tri = Arrays.copyOfRange(ev, 3 * L, 6 * L);
    System.arraycopy(ev, 6 * L, ev, 3 * L, 3 * L);
    System.arraycopy(tri, 0, ev, 6 * L, 3 * L);
    assertFalse(k.verifyProof(with(p, null, ev, null, null, null)).valid());
  }

  @Test
  void everyTamperedProofElementCommitmentScalarOrMaskCommitmentRejected() {
    Case k = honest(6, 4, true, false);
    HyperKzgProof p = k.opening.proof();
    for (int i = 0; i < 3; i++) {
      assertFalse(k.verifyProof(with(p, addG(p.folds(), i * 8), null, null, null, null)).valid(), "fold " + i);
    }
    for (int i = 0; i < 12; i++) {
      assertFalse(k.verifyProof(with(p, null, plusOne(p.evals(), i * L), null, null, null)).valid(), "eval " + i);
    }
    assertFalse(k.verifyProof(with(p, null, null, addG(p.w1(), 0), null, null)).valid());
    assertFalse(k.verifyProof(with(p, null, null, null, null, addG(p.w2(), 0))).valid());
    for (int c = 0; c < 2; c++) {
      assertFalse(k.verify(VK, addG(k.commitments, c * 8), k.scalars, k.opening.value(), k.maskCommitment,
          k.opening.maskValue(), p).valid(), "commitment " + c);
      assertFalse(k.verify(VK, k.commitments, plusOne(k.scalars, c * L), k.opening.value(), k.maskCommitment,
          k.opening.maskValue(), p).valid(), "scalar " + c);
    }
    assertFalse(k.verify(VK, k.commitments, k.scalars, k.opening.value(), addG(k.maskCommitment, 0),
        k.opening.maskValue(), p).valid());
    // the hiding commitment replaced by the plain commitment to the same polynomial
    long[] plain = k.commitments.clone();
    System.arraycopy(HyperKzg.commit(SRS, k.polys[0], 16), 0, plain, 0, 8);
    assertFalse(k.verify(VK, plain, k.scalars, k.opening.value(), k.maskCommitment, k.opening.maskValue(), p).valid());
  }

  @Test
  void flippedSigmaRejected() {
    Case k = honest(7, 5, true, true);
    HyperKzgProof p = k.opening.proof();
    PcsResult r = k.verifyProof(with(p, null, null, null, plusOne(p.sigma(), 0), null));
    assertFalse(r.valid());
    assertEquals("pairing check fails", r.reason());
    long[] neg = new long[L];
    Fr.neg(neg, 0, p.sigma(), 0);
    assertFalse(k.verifyProof(with(p, null, null, null, neg, null)).valid());
  }

  @Test
  void degenerateChallengesRejectedInZkMode() {
    Case k = honest(8, 3, true);
    HyperKzgProof p = k.opening.proof();
    long[] one = new long[L], zero = new long[L], minusOne = new long[L], z = new long[L];
    Fr.setOne(one, 0);
    Fr.neg(minusOne, 0, one, 0);
    Fr.fromLong(z, 0, 12345);
    long[] y = k.opening.value();
    for (long[] r : new long[][] {zero, one, minusOne}) {
      assertEquals("degenerate challenge r",
          HyperKzgVerifier.checkScaled(VK, k.commitments, 1, k.scalars, y, k.point, 3, p, r, one, one, z).reason());
    }
    long[] r = new long[L], r2 = new long[L], negR = new long[L];
    Fr.fromLong(r, 0, 5);
    Fr.sqr(r2, 0, r, 0);
    Fr.neg(negR, 0, r, 0);
    // honest evaluations of P* at r = 5 (no mask: checked without the mask step) reach the z check
    long[] pStar = new long[8 * L];
    for (int j = 0; j < 8; j++) {
      Fr.mul(pStar, j * L, k.polys[0], j * L, k.scalars, 0);
    }
    long[][] folds = HyperKzg.fold(pStar, k.point, 3);
    long[] ev = new long[9 * L];
    for (int i = 0; i < 3; i++) {
      HyperKzg.evaluateAtPlusMinusAndSquare(folds[i], 8 >> i, r, r2, ev, 3 * i * L);
    }
    HyperKzgProof forced = with(p, null, ev, null, null, null);
    for (long[] zBad : new long[][] {r, negR, r2}) {
      assertEquals("degenerate challenge z",
          HyperKzgVerifier.checkScaled(VK, k.commitments, 1, k.scalars, y, k.point, 3, forced, r, one, one, zBad)
              .reason());
    }
    assertEquals("pairing check fails",
        HyperKzgVerifier.checkScaled(VK, k.commitments, 1, k.scalars, y, k.point, 3, forced, r, one, one, z).reason());
  }

  @Test
  void otherSrsOrOtherBetaRejected() {
    Srs other = DevSrs.create(6, 99);
    Case k = honest(9, 5, true, false);
    HyperKzgVerifierKey otherVk = HyperKzgVerifierKey.of(other);
    assertFalse(k.verify(otherVk, k.commitments, k.scalars, k.opening.value(), k.maskCommitment,
        k.opening.maskValue(), k.opening.proof()).valid());
    // same tau, another (self-consistent) beta: passes the key's checks, fails the opening
    HyperKzgVerifierKey.Decoded swapped = VK.withBeta(otherVk.encodeBeta(), 0);
    assertTrue(swapped.key() != null, swapped.error());
    PcsResult r = k.verify(swapped.key(), k.commitments, k.scalars, k.opening.value(), k.maskCommitment,
        k.opening.maskValue(), k.opening.proof());
    assertEquals("pairing check fails", r.reason());
    // and a case proven on the other SRS does not verify under this key
    Case o = honest(other, 9, SeededRandomness.of(7), 5, true, false);
    assertTrue(o.verify(otherVk, o.commitments, o.scalars, o.opening.value(), o.maskCommitment,
        o.opening.maskValue(), o.opening.proof()).valid());
    assertFalse(o.verify().valid());
  }

  @Test
  void versionOneAndZkProofsAreNotInterchangeable() {
    Case k = honest(10, 4, false);
    // a zk proof given to the version-1 verifier, and a version-1 proof given to the zk verifier
    long[] one = new long[L];
    Fr.setOne(one, 0);
    PcsResult r = HyperKzgVerifier.verify(VK, k.commitments, k.opening.value(), k.point, 4, k.opening.proof(),
        Transcript.v1());
    assertTrue(r.reason().contains("carries sigma"), r.reason());
    HyperKzg.Opening v1 = HyperKzg.open(SRS, k.polys[0], k.point, 4, Transcript.v1());
    PcsResult r2 = HyperKzgVerifier.verifyHiding(VK, k.commitments, 1, one, v1.value(), k.point, 4, v1.proof(),
        Transcript.v1());
    assertTrue(r2.reason().contains("no sigma"), r2.reason());
    // a key without the blinding base
    HyperKzgVerifierKey noBeta = HyperKzgVerifierKey.of(SRS.withoutBeta());
    assertFalse(noBeta.hasBeta());
    PcsResult r3 = k.verify(noBeta, k.commitments, k.scalars, k.opening.value(), k.maskCommitment,
        k.opening.maskValue(), k.opening.proof());
    assertTrue(r3.reason().contains("no blinding base"), r3.reason());
  }

  @Test
  void verifierNeverThrowsOnBadArguments() {
    Case k = honest(11, 3, true);
    long[] v = k.opening.value(), m = k.opening.maskValue();
    HyperKzgProof p = k.opening.proof();
    assertFalse(HyperKzgVerifier.verifyZk(null, k.commitments, 1, k.scalars, v, k.maskCommitment, m, k.point, 3, p,
        Transcript.v1()).valid());
    assertFalse(HyperKzgVerifier.verifyZk(VK, k.commitments, 2, k.scalars, v, k.maskCommitment, m, k.point, 3, p,
        Transcript.v1()).valid());
    assertFalse(HyperKzgVerifier.verifyZk(VK, k.commitments, -1, k.scalars, v, k.maskCommitment, m, k.point, 3, p,
        Transcript.v1()).valid());
    assertFalse(HyperKzgVerifier.verifyZk(VK, k.commitments, 1, k.scalars, v, new long[4], m, k.point, 3, p,
        Transcript.v1()).valid());
    assertFalse(HyperKzgVerifier.verifyZk(VK, k.commitments, 1, k.scalars, v, k.maskCommitment, m, k.point, 4, p,
        Transcript.v1()).valid());
    // arrays shorter than the declared sizes: refused by the size check, not by an exception
    for (int i = 0; i < 4; i++) {
      long[] cs = i == 0 ? new long[4] : k.commitments;
      long[] sc = i == 1 ? new long[0] : k.scalars;
      long[] vv = i == 2 ? new long[2] : v;
      long[] mm = i == 3 ? new long[3] : m;
      PcsResult bad = HyperKzgVerifier.verifyZk(VK, cs, 1, sc, vv, k.maskCommitment, mm, k.point, 3, p,
          Transcript.v1());
      assertTrue(bad.reason().startsWith("argument sizes inconsistent"), i + ": " + bad.reason());
    }
    PcsResult shortPoint = HyperKzgVerifier.verifyZk(VK, k.commitments, 1, k.scalars, v, k.maskCommitment, m,
        new long[8], 3, p, bound(k.commitments, k.maskCommitment));
    assertTrue(shortPoint.reason().startsWith("argument sizes inconsistent"), shortPoint.reason());
    assertTrue(HyperKzgVerifier.verifyZk(VK, k.commitments, 1, k.scalars, v, k.maskCommitment, null, k.point, 3, p,
        Transcript.v1()).reason().contains("missing"));
    long[] offCurve = k.maskCommitment.clone();
    offCurve[0] ^= 1;
    PcsResult r = HyperKzgVerifier.verifyZk(VK, k.commitments, 1, k.scalars, v, offCurve, m, k.point, 3, p,
        bound(k.commitments, k.maskCommitment));
    assertTrue(r.reason().contains("commitment 1 is not a G1 point"), r.reason());
  }

  /**
   * With the dev SRS's public beta (and not tau), a hiding commitment opens to any value: for
   * {@code C = HCom(f; rho)}, {@code f' = f + Delta e_0} and {@code rho' = rho - Delta/beta} give the
   * same point, and {@code f'~(u) = f~(u) + Delta prod_t (1 - u_t)}. This is why the vk's beta must
   * be the ceremony's, which nobody knows (zk-design.md 2.6, P13).
   */
  @Test
  void knownBetaForgesOpening() {
    int l = 5, n = 1 << l;
    SeededRandomness d = SeededRandomness.of(77);
    long[] f = d.nextFrs(n), rho = d.nextFrs(1), point = d.nextFrs(l);
    long[] c = HyperKzg.commitHiding(SRS, f, n, rho);
    long[] truth = mle(f, point, l);
    // target: the true value plus 1
    long[] target = plusOne(truth, 0);
    long[] eq0 = new long[L], one = new long[L], t = new long[L];
    Fr.setOne(eq0, 0);
    Fr.setOne(one, 0);
    for (int i = 0; i < l; i++) {
      Fr.sub(t, 0, one, 0, point, i * L);
      Fr.mul(eq0, 0, eq0, 0, t, 0);
    }
    long[] delta = new long[L], inv = new long[L];
    Fr.sub(delta, 0, target, 0, truth, 0);
    Fr.inv(inv, 0, eq0, 0);
    Fr.mul(delta, 0, delta, 0, inv, 0);
    long[] f2 = f.clone();
    Fr.add(f2, 0, f2, 0, delta, 0);
    long[] beta = new long[L], betaInv = new long[L], rho2 = rho.clone();
    Fr.fromBigInteger(beta, 0, DevSrs.beta(SEED)); // only beta is used, never tau
    Fr.inv(betaInv, 0, beta, 0);
    Fr.mul(t, 0, delta, 0, betaInv, 0);
    Fr.sub(rho2, 0, rho2, 0, t, 0);
    assertArrayEquals(c, HyperKzg.commitHiding(SRS, f2, n, rho2)); // the same commitment
    OpeningMask mask = sampleMask(SeededRandomness.of(78), l);
    long[] cm = mask.commit(SRS), folds = SeededRandomness.of(79).nextFrs(l - 1);
    HyperKzgZk.Opening forged = HyperKzgZk.open(SRS, new long[][] {f2}, new long[][] {rho2}, one, mask, point, l, folds,
        bound(c, cm));
    assertArrayEquals(target, forged.value());
    assertFalse(Arrays.equals(truth, forged.value()));
    PcsResult r = HyperKzgVerifier.verifyZk(VK, c, 1, one, forged.value(), cm, forged.maskValue(), point, l,
        forged.proof(), bound(c, cm));
    assertTrue(r.valid(), "a prover who knows beta opens C to a false value: " + r);
  }

  @Test
  void sameSeedSameProofBytesOtherSeedSharesNoElement() {
    Case a = honest(SRS, 12, SeededRandomness.of(1), 6, true, true);
    Case b = honest(SRS, 12, SeededRandomness.of(1), 6, true, true);
    Case c = honest(SRS, 12, SeededRandomness.of(2), 6, true, true);
    assertArrayEquals(a.opening.proof().encode(), b.opening.proof().encode());
    assertArrayEquals(a.maskCommitment, b.maskCommitment);
    assertArrayEquals(a.opening.value(), c.opening.value()); // the same statement ...
    // ... and no common field element or point anywhere in what the verifier sees
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String e : elements(a)) {
      seen.add(e);
    }
    for (String e : elements(c)) {
      assertFalse(seen.contains(e), "shared element " + e);
    }
    assertTrue(c.verify().valid());
  }

  /** Every G1 point and field element a verifier receives, hex, with its kind. */
  static java.util.List<String> elements(Case k) {
    java.util.List<String> out = new java.util.ArrayList<>();
    HyperKzgProof p = k.opening.proof();
    for (long[] pts : new long[][] {k.commitments, k.maskCommitment, p.folds(), p.w1(), p.w2()}) {
      for (int i = 0; i < pts.length / 8; i++) {
        out.add("g1:" + java.util.HexFormat.of().formatHex(G1.encode(pts, i * 8)));
      }
    }
    for (long[] fs : new long[][] {p.evals(), p.sigma(), k.opening.maskValue()}) {
      for (int i = 0; i < fs.length / L; i++) {
        out.add("fr:" + Fr.toBigInteger(fs, i * L).toString(16));
      }
    }
    return out;
  }
}
