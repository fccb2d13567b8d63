package org.besuzkml.pcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fr;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

/** HyperKZG + Shplonk: completeness against direct MLE evaluation, and the attacks of protocol.md Appendix B. */
class HyperKzgTest {
  static final int MAX_L = 10;
  static final Srs SRS = DevSrs.create(MAX_L, 1);
  static final HyperKzgVerifierKey VK = HyperKzgVerifierKey.of(SRS);
  static final int L = Fr.LIMBS;

  static long[] randomPoly(SplittableRandom rnd, int l) {
    long[] f = new long[(1 << l) * L];
    for (int i = 0; i < 1 << l; i++) {
      Fr.random(f, i * L, rnd);
    }
    return f;
  }

  static long[] randomVector(SplittableRandom rnd, int count) {
    long[] v = new long[count * L];
    for (int i = 0; i < count; i++) {
      Fr.random(v, i * L, rnd);
    }
    return v;
  }

  static long[] mle(long[] f, long[] point, int l) {
    long[] out = new long[L];
    Multilinear.evaluate(out, 0, f, 0, l, point, 0);
    return out;
  }

  /** An honest single opening: polynomial, commitment, point, value, proof. */
  record Case(int l, long[] f, long[] c, long[] point, long[] y, HyperKzgProof proof) {
    PcsResult verify(long[] c2, long[] y2, long[] point2, HyperKzgProof p2) {
      return HyperKzgVerifier.verify(VK, c2, y2, point2, l, p2, Transcript.v1());
    }
  }

  static Case honest(long seed, int l) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] f = randomPoly(rnd, l);
    long[] point = randomVector(rnd, l);
    long[] c = HyperKzg.commit(SRS, f, 1 << l);
    HyperKzg.Opening o = HyperKzg.open(SRS, f, point, l, Transcript.v1());
    return new Case(l, f, c, point, o.value(), o.proof());
  }

  @Test
  void completenessAgainstDirectEvaluationForOneToTenVariables() {
    for (int l = 1; l <= MAX_L; l++) {
      Case k = honest(100 + l, l);
      assertArrayEquals(mle(k.f, k.point, l), k.y, "l = " + l);
      PcsResult r = k.verify(k.c, k.y, k.point, k.proof);
      assertTrue(r.valid(), "l = " + l + ": " + r);
    }
  }

  @Test
  void batchedOpeningOfManyPolynomials() {
    SplittableRandom rnd = new SplittableRandom(5);
    int l = 6, count = 5;
    long[][] polys = new long[count][];
    long[] commitments = new long[count * G1.AFFINE];
    long[] evals = new long[count * L];
    long[] point = randomVector(rnd, l);
    for (int k = 0; k < count; k++) {
      polys[k] = randomPoly(rnd, l);
      System.arraycopy(HyperKzg.commit(SRS, polys[k], 1 << l), 0, commitments, k * G1.AFFINE, G1.AFFINE);
      System.arraycopy(mle(polys[k], point, l), 0, evals, k * L, L);
    }
    long[] eta = randomVector(rnd, 1);
    HyperKzg.Opening o = HyperKzg.open(SRS, polys, eta, point, l, Transcript.v1());
    assertTrue(HyperKzgVerifier.verify(VK, commitments, count, evals, eta, point, l, o.proof(), Transcript.v1()).valid());
    // y* = sum eta^k e_k
    long[] y = new long[L], e = new long[L];
    Fr.setOne(e, 0);
    for (int k = 0; k < count; k++) {
      long[] t = new long[L];
      Fr.mul(t, 0, evals, k * L, e, 0);
      Fr.add(y, 0, y, 0, t, 0);
      Fr.mul(e, 0, e, 0, eta, 0);
    }
    assertArrayEquals(y, o.value());
    // one wrong evaluation among many
    long[] bad = evals.clone();
    Fr.add(bad, 3 * L, bad, 3 * L, eta, 0);
    assertFalse(HyperKzgVerifier.verify(VK, commitments, count, bad, eta, point, l, o.proof(), Transcript.v1()).valid());
    // two commitments swapped
    long[] swapped = commitments.clone();
    System.arraycopy(commitments, 0, swapped, G1.AFFINE, G1.AFFINE);
    System.arraycopy(commitments, G1.AFFINE, swapped, 0, G1.AFFINE);
    assertFalse(HyperKzgVerifier.verify(VK, swapped, count, evals, eta, point, l, o.proof(), Transcript.v1()).valid());
  }

  @Test
  void smallIntegerCommitmentEqualsFullCommitment() {
    SplittableRandom rnd = new SplittableRandom(9);
    int n = 1 << MAX_L;
    long[] small = new long[n];
    long[] asFr = new long[n * L];
    for (int i = 0; i < n; i++) {
      small[i] = i % 7 == 0 ? 0 : rnd.nextLong(-(1L << 20), 1L << 20);
      Fr.fromLong(asFr, i * L, small[i]);
    }
    small[3] = Long.MIN_VALUE + 1;
    Fr.fromLong(asFr, 3 * L, small[3]);
    assertArrayEquals(HyperKzg.commit(SRS, asFr, n), HyperKzg.commitSmall(SRS, small, n));
    // and an honest opening of the small vector verifies against the small commitment
    long[] point = randomVector(rnd, MAX_L);
    HyperKzg.Opening o = HyperKzg.open(SRS, asFr, point, MAX_L, Transcript.v1());
    assertTrue(HyperKzgVerifier.verify(VK, HyperKzg.commitSmall(SRS, small, n), o.value(), point, MAX_L, o.proof(),
        Transcript.v1()).valid());
  }

  @Test
  void wrongEvaluationRejected() {
    Case k = honest(1, 5);
    long[] y = k.y.clone();
    long[] one = new long[L];
    Fr.setOne(one, 0);
    Fr.add(y, 0, y, 0, one, 0);
    PcsResult r = k.verify(k.c, y, k.point, k.proof);
    assertFalse(r.valid());
    assertTrue(r.reason().contains("fold"), r.reason());
    // a different point with the old value
    long[] p = k.point.clone();
    Fr.add(p, 0, p, 0, one, 0);
    assertFalse(k.verify(k.c, k.y, p, k.proof).valid());
  }

  @Test
  void swappedFoldRejected() {
    Case k = honest(2, 6);
    long[] folds = k.proof.folds();
    long[] t = java.util.Arrays.copyOfRange(folds, 0, 8);
    System.arraycopy(folds, 8, folds, 0, 8);
    System.arraycopy(t, 0, folds, 8, 8);
    HyperKzgProof p = new HyperKzgProof(6, folds, k.proof.evals(), k.proof.w1(), k.proof.w2());
    assertFalse(k.verify(k.c, k.y, k.point, p).valid());
    // swapping two fold evaluation triples breaks the fold checks
    long[] ev = k.proof.evals();
    long[] tri = java.util.Arrays.copyOfRange(ev, 3 * L, 6 * L);
    System.arraycopy(ev, 6 * L, ev, 3 * L, 3 * L);
    System.arraycopy(tri, 0, ev, 6 * L, 3 * L);
    assertFalse(k.verify(k.c, k.y, k.point, new HyperKzgProof(6, k.proof.folds(), ev, k.proof.w1(), k.proof.w2())).valid());
  }

  @Test
  void tamperedCommitmentOrProofElementRejected() {
    Case k = honest(3, 4);
    long[] g = G1.generator();
    // commitment + G
    assertFalse(k.verify(add(k.c, g), k.y, k.point, k.proof).valid());
    byte[] enc = k.proof.encode();
    int l = 4;
    // each fold point, each evaluation, W_1, W_2: replace by another valid element
    int points = l - 1;
    for (int i = 0; i < points; i++) {
      long[] f = k.proof.folds();
      System.arraycopy(add(java.util.Arrays.copyOfRange(f, i * 8, i * 8 + 8), g), 0, f, i * 8, 8);
      assertFalse(k.verify(k.c, k.y, k.point, new HyperKzgProof(l, f, k.proof.evals(), k.proof.w1(), k.proof.w2()))
          .valid(), "fold " + i);
    }
    for (int i = 0; i < 3 * l; i++) {
      long[] ev = k.proof.evals();
      long[] one = new long[L];
      Fr.setOne(one, 0);
      Fr.add(ev, i * L, ev, i * L, one, 0);
      assertFalse(k.verify(k.c, k.y, k.point, new HyperKzgProof(l, k.proof.folds(), ev, k.proof.w1(), k.proof.w2()))
          .valid(), "evaluation " + i);
    }
    assertFalse(k.verify(k.c, k.y, k.point,
        new HyperKzgProof(l, k.proof.folds(), k.proof.evals(), add(k.proof.w1(), g), k.proof.w2())).valid());
    assertFalse(k.verify(k.c, k.y, k.point,
        new HyperKzgProof(l, k.proof.folds(), k.proof.evals(), k.proof.w1(), add(k.proof.w2(), g))).valid());
    // the untouched encoding still verifies after a decode round trip
    HyperKzgProof.Decoded d = HyperKzgProof.decode(enc, 0, enc.length, l);
    assertTrue(d.ok());
    assertArrayEquals(enc, d.proof().encode());
    assertTrue(k.verify(k.c, k.y, k.point, d.proof()).valid());
  }

  @Test
  void degenerateChallengeRejected() {
    Case k = honest(4, 3);
    long[] one = new long[L], zero = new long[L], minusOne = new long[L];
    Fr.setOne(one, 0);
    Fr.neg(minusOne, 0, one, 0);
    long[] q = one.clone(), d = one.clone(), z = new long[L];
    Fr.fromLong(z, 0, 12345);
    // With r = 0 the fold checks are vacuous (both sides 0): a false value would pass them.
    long[] wrongY = k.y.clone();
    Fr.add(wrongY, 0, wrongY, 0, one, 0);
    for (long[] r : new long[][] {zero, one, minusOne}) {
      PcsResult res = HyperKzgVerifier.check(VK, k.c, 1, one, wrongY, k.point, 3, k.proof, r, q, d, z);
      assertEquals("degenerate challenge r", res.reason());
    }
    // z on one of the points r, -r, r^2 makes Z(z) = 0
    long[] r = new long[L];
    Fr.fromLong(r, 0, 5);
    long[] r2 = new long[L], negR = new long[L];
    Fr.sqr(r2, 0, r, 0);
    Fr.neg(negR, 0, r, 0);
    // honest evaluations at r = 5 so that the fold checks pass and the z check is reached
    long[][] folds = HyperKzg.fold(k.f.clone(), k.point, 3);
    long[] ev = new long[9 * L];
    for (int i = 0; i < 3; i++) {
      HyperKzg.evaluateAtPlusMinusAndSquare(folds[i], 8 >> i, r, r2, ev, 3 * i * L);
    }
    HyperKzgProof p = new HyperKzgProof(3, k.proof.folds(), ev, k.proof.w1(), k.proof.w2());
    for (long[] zBad : new long[][] {r, negR, r2}) {
      assertEquals("degenerate challenge z", HyperKzgVerifier.check(VK, k.c, 1, one, k.y, k.point, 3, p, r, q, d, zBad)
          .reason());
    }
    assertEquals("pairing check fails", HyperKzgVerifier.check(VK, k.c, 1, one, k.y, k.point, 3, p, r, q, d, z)
        .reason());
  }

  @Test
  void commitmentFromOtherSrsRejected() {
    Srs other = DevSrs.create(5, 2);
    SplittableRandom rnd = new SplittableRandom(11);
    long[] f = randomPoly(rnd, 5);
    long[] point = randomVector(rnd, 5);
    long[] c = HyperKzg.commit(other, f, 32);
    HyperKzg.Opening o = HyperKzg.open(other, f, point, 5, Transcript.v1());
    // consistent under the other SRS's key, rejected under ours
    assertTrue(HyperKzgVerifier.verify(HyperKzgVerifierKey.of(other), c, o.value(), point, 5, o.proof(),
        Transcript.v1()).valid());
    PcsResult r = HyperKzgVerifier.verify(VK, c, o.value(), point, 5, o.proof(), Transcript.v1());
    assertFalse(r.valid());
    assertEquals("pairing check fails", r.reason());
    // a commitment under our SRS with the other SRS's opening is rejected too
    assertFalse(HyperKzgVerifier.verify(VK, HyperKzg.commit(SRS, f, 32), o.value(), point, 5, o.proof(),
        Transcript.v1()).valid());
    assertFalse(java.util.Arrays.equals(VK.srsDigest(), HyperKzgVerifierKey.of(other).srsDigest()));
  }

  @Test
  void transcriptOutOfStepRejected() {
    Case k = honest(6, 4);
    Transcript t = Transcript.v1();
    t.absorbBytes("bzk/model", new byte[32]); // verifier bound to another statement
    assertFalse(HyperKzgVerifier.verify(VK, k.c, k.y, k.point, 4, k.proof, t).valid());
  }

  @Test
  void proofDecoderIsStrictAndVerifierNeverThrowsOnRandomBytes() {
    Case k = honest(7, 4);
    byte[] enc = k.proof.encode();
    assertEquals(HyperKzgProof.encodedLength(4), enc.length);
    assertFalse(HyperKzgProof.decode(enc, 0, enc.length - 1, 4).ok());
    assertFalse(HyperKzgProof.decode(enc, 0, enc.length, 5).ok());
    assertFalse(HyperKzgProof.decode(enc, 1, enc.length, 4).ok());
    assertFalse(HyperKzgProof.decode(null, 0, 0, 4).ok());
    assertFalse(HyperKzgProof.decode(enc, 0, enc.length, 0).ok());
    assertFalse(HyperKzgProof.decode(enc, 0, enc.length, 99).ok());
    byte[] nonCanonical = enc.clone();
    java.util.Arrays.fill(nonCanonical, 3 * 64, 3 * 64 + 32, (byte) 0xff);
    HyperKzgProof.Decoded d = HyperKzgProof.decode(nonCanonical, 0, enc.length, 4);
    assertNull(d.proof());
    assertEquals(3 * 64, d.errorOffset());
    SplittableRandom rnd = new SplittableRandom(8);
    int accepted = 0;
    for (int trial = 0; trial < 300; trial++) {
      byte[] b = enc.clone();
      if (trial % 3 == 0) {
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) rnd.nextInt();
        }
      } else {
        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      HyperKzgProof.Decoded dd = HyperKzgProof.decode(b, 0, b.length, 4);
      if (dd.ok()) {
        PcsResult r = k.verify(k.c, k.y, k.point, dd.proof());
        assertNotNull(r);
        accepted += r.valid() ? 1 : 0;
      } else {
        assertNotNull(dd.error());
      }
    }
    assertEquals(0, accepted);
    // hostile arguments give a reason, not an exception
    assertFalse(HyperKzgVerifier.verify(VK, new long[3], k.y, k.point, 4, k.proof, Transcript.v1()).valid());
    assertFalse(HyperKzgVerifier.verify(VK, k.c, new long[2], k.point, 4, k.proof, Transcript.v1()).valid());
    assertFalse(HyperKzgVerifier.verify(VK, k.c, k.y, new long[8], 4, k.proof, Transcript.v1()).valid());
    assertFalse(HyperKzgVerifier.verify(VK, k.c, k.y, k.point, 5, k.proof, Transcript.v1()).valid());
    assertFalse(HyperKzgVerifier.verify(null, k.c, k.y, k.point, 4, k.proof, Transcript.v1()).valid());
    long[] offCurve = k.c.clone();
    offCurve[0] ^= 1;
    assertFalse(HyperKzgVerifier.verify(VK, offCurve, k.y, k.point, 4, k.proof, Transcript.v1()).valid());
  }

  @Test
  void verifierKeyEncodingRoundTrips() {
    byte[] g2 = VK.encodeG2();
    HyperKzgVerifierKey.Decoded d = HyperKzgVerifierKey.decode(g2, 0, VK.srsDigest(), true);
    assertNotNull(d.key());
    assertArrayEquals(VK.g2Tau(), d.key().g2Tau());
    g2[200] ^= 1;
    assertNull(HyperKzgVerifierKey.decode(g2, 0, VK.srsDigest(), true).key());
    assertNull(HyperKzgVerifierKey.decode(new byte[256], 0, VK.srsDigest(), true).key(), "infinity refused");
    Case k = honest(10, 3);
    assertTrue(HyperKzgVerifier.verify(d.key(), k.c, k.y, k.point, 3, k.proof, Transcript.v1()).valid());
  }

  @Test
  void verifierKeyWithAnotherG2BaseOrADegenerateTauRefused() {
    byte[] g2 = VK.encodeG2();
    byte[] gen = new byte[G2.ENCODED];
    G2.encode(gen, 0, G2.generator(), 0);
    // [1]_2 := [tau]_2: a valid subgroup point, but then e(Lc, [1]_2) e(-W_2, [tau]_2) = 1 for W_2 = Lc
    byte[] swapped = g2.clone();
    System.arraycopy(g2, G2.ENCODED, swapped, 0, G2.ENCODED);
    assertNotNull(HyperKzgVerifierKey.decode(g2, 0, VK.srsDigest(), true).key());
    assertEquals("[1]_2 is not the generator H",
        HyperKzgVerifierKey.decode(swapped, 0, VK.srsDigest(), true).error());
    byte[] tauOne = g2.clone();
    System.arraycopy(gen, 0, tauOne, G2.ENCODED, G2.ENCODED);
    assertNull(HyperKzgVerifierKey.decode(tauOne, 0, VK.srsDigest(), true).key(), "tau = 1");
    long[] neg = new long[G2.AFFINE];
    G2.negAffine(neg, 0, G2.generator(), 0);
    byte[] tauMinusOne = g2.clone();
    G2.encode(tauMinusOne, G2.ENCODED, neg, 0);
    assertNull(HyperKzgVerifierKey.decode(tauMinusOne, 0, VK.srsDigest(), true).key(), "tau = -1");
  }

  /**
   * The verifier absorbs only the proof: the statement (commitments, point, claimed values) must
   * already be in the transcript (protocol.md 8, phases 0-4). This test pins that contract: when the
   * caller forgets it, a commitment chosen after the challenges opens to any value ("weak
   * Fiat-Shamir"); when the commitment is absorbed first, the same forgery is rejected.
   */
  @Test
  void commitmentNotBoundInTranscriptIsForgeableSoCallersMustAbsorbIt() {
    int l = 3;
    SplittableRandom rnd = new SplittableRandom(12);
    long[] point = randomVector(rnd, l);
    long[] y = randomVector(rnd, 1); // any value
    long[] g = G1.generator();
    long[] folds = new long[(l - 1) * 8];
    for (int i = 0; i < l - 1; i++) {
      System.arraycopy(g, 0, folds, i * 8, 8);
    }
    Transcript t = Transcript.v1();
    for (int i = 0; i < l - 1; i++) {
      t.absorbG1("hkzg/folds", G1.encode(folds, i * 8));
    }
    long[] r = t.challengeFr("hkzg/r");
    // evaluations: zero except a_(l-1), solved from the last fold check 2 r y = (r (1 - u) + u) a
    long[] ev = new long[3 * l * L];
    long[] u = java.util.Arrays.copyOfRange(point, 0, L), den = new long[L], tmp = new long[L];
    Fr.setOne(den, 0);
    Fr.sub(den, 0, den, 0, u, 0);
    Fr.mul(den, 0, den, 0, r, 0);
    Fr.add(den, 0, den, 0, u, 0);
    Fr.inv(den, 0, den, 0);
    Fr.mul(tmp, 0, r, 0, y, 0);
    Fr.dbl(tmp, 0, tmp, 0);
    Fr.mul(ev, 3 * (l - 1) * L, tmp, 0, den, 0);
    t.absorbFrs("hkzg/evals", ev, 0, 3 * l);
    long[] q = t.challengeFr("hkzg/q"), d = t.challengeFr("hkzg/d");
    t.absorbG1("hkzg/w1", G1.encode(g, 0));
    long[] z = t.challengeFr("hkzg/z");
    // the verifier's scalars, then C = gSum^-1 ([tau]_1 + gb G + Z(z) W_1 - z W_2 - gSum sum q^i F_i), W_1 = W_2 = G
    long[] w = new long[3 * L];
    Fr.copy(w, 0, r, 0);
    Fr.neg(w, L, r, 0);
    Fr.sqr(w, 2 * L, r, 0);
    long[] gk = new long[3 * L], zz = new long[L];
    assertTrue(HyperKzgVerifier.shplonkScalars(w, d, z, gk, zz));
    long[] bk = new long[3 * L];
    for (int i = l - 1; i >= 0; i--) {
      for (int k = 0; k < 3; k++) {
        Fr.mul(bk, k * L, bk, k * L, q, 0);
        Fr.add(bk, k * L, bk, k * L, ev, (3 * i + k) * L);
      }
    }
    long[] gSum = new long[L], gb = new long[L], sumQ = new long[L], qi = new long[L];
    for (int k = 0; k < 3; k++) {
      Fr.add(gSum, 0, gSum, 0, gk, k * L);
      Fr.mul(tmp, 0, gk, k * L, bk, k * L);
      Fr.add(gb, 0, gb, 0, tmp, 0);
    }
    Fr.setOne(qi, 0);
    for (int i = 1; i < l; i++) {
      Fr.mul(qi, 0, qi, 0, q, 0);
      Fr.add(sumQ, 0, sumQ, 0, qi, 0); // every F_i = G
    }
    long[] scalarOfG = new long[L];
    Fr.add(scalarOfG, 0, gb, 0, zz, 0);
    Fr.sub(scalarOfG, 0, scalarOfG, 0, z, 0);
    Fr.mul(tmp, 0, gSum, 0, sumQ, 0);
    Fr.sub(scalarOfG, 0, scalarOfG, 0, tmp, 0);
    long[] inv = new long[L];
    Fr.inv(inv, 0, gSum, 0);
    long[] j = new long[12], c = new long[8];
    G1.mulFr(j, 0, G1.generatorJacobian(), 0, scalarOfG, 0);
    G1.addMixed(j, 0, j, 0, SRS.g1Power(1), 0);
    G1.mulFr(j, 0, j, 0, inv, 0);
    G1.toAffine(c, 0, j, 0);
    HyperKzgProof forged = new HyperKzgProof(l, folds, ev, g, g);
    assertTrue(HyperKzgVerifier.verify(VK, c, y, point, l, forged, Transcript.v1()).valid(),
        "forgery succeeds when the commitment is not bound");
    Transcript bound = Transcript.v1();
    bound.absorbG1("bzk/wbins", G1.encode(c, 0));
    assertFalse(HyperKzgVerifier.verify(VK, c, y, point, l, forged, bound).valid());
  }

  @Test
  void zeroPolynomialCommitsToInfinityAndOpensOnlyToZero() {
    int l = 4;
    long[] f = new long[(1 << l) * L];
    long[] point = randomVector(new SplittableRandom(13), l);
    long[] c = HyperKzg.commit(SRS, f, 1 << l);
    assertTrue(G1.isInfinityAffine(c, 0));
    assertArrayEquals(c, HyperKzg.commitSmall(SRS, new long[1 << l], 1 << l));
    HyperKzg.Opening o = HyperKzg.open(SRS, f, point, l, Transcript.v1());
    assertTrue(Fr.isZero(o.value(), 0));
    byte[] enc = o.proof().encode();
    HyperKzgProof.Decoded d = HyperKzgProof.decode(enc, 0, enc.length, l);
    assertTrue(d.ok(), d.error());
    assertTrue(HyperKzgVerifier.verify(VK, c, o.value(), point, l, d.proof(), Transcript.v1()).valid());
    long[] one = new long[L];
    Fr.setOne(one, 0);
    assertFalse(HyperKzgVerifier.verify(VK, c, one, point, l, d.proof(), Transcript.v1()).valid());
  }

  /** The verifier's own argument checks, for callers other than proof.verify (which decodes first). */
  @Test
  void argumentsCheckedAtTheirBoundaries() {
    Case k = honest(5, 3);
    long[] offCurve = k.c.clone();
    offCurve[0] ^= 1; // x + 1: (x + 1, y) is not on y^2 = x^3 + 3 for this point
    PcsResult r = k.verify(offCurve, k.y, k.point, k.proof);
    assertEquals("commitment 0 is not a G1 point", r.reason());
    long[] two = new long[2 * 8];
    System.arraycopy(k.c, 0, two, 0, 8);
    System.arraycopy(offCurve, 0, two, 8, 8);
    long[] evals = new long[2 * L];
    long[] eta = new long[L];
    assertEquals("commitment 1 is not a G1 point",
        HyperKzgVerifier.verify(VK, two, 2, evals, eta, k.point, 3, k.proof, Transcript.v1()).reason());
    // count: 0 and one past the arrays are refused before any group work
    assertTrue(HyperKzgVerifier.verify(VK, k.c, 0, k.y, eta, k.point, 3, k.proof, Transcript.v1()).reason()
        .startsWith("argument sizes inconsistent"));
    assertTrue(HyperKzgVerifier.verify(VK, k.c, 2, evals, eta, k.point, 3, k.proof, Transcript.v1()).reason()
        .startsWith("argument sizes inconsistent"));
    assertTrue(HyperKzgVerifier.verify(VK, k.c, 1, k.y, eta, java.util.Arrays.copyOf(k.point, 2 * L), 3, k.proof,
        Transcript.v1()).reason().startsWith("argument sizes inconsistent"));
    assertEquals("proof is for 3 variables, expected 4", HyperKzgVerifier.verify(VK, k.c, k.y,
        java.util.Arrays.copyOf(k.point, 4 * L), 4, k.proof, Transcript.v1()).reason());
    assertTrue(k.verify(k.c, k.y, k.point, k.proof).valid());
  }

  static long[] add(long[] a, long[] b) {
    long[] j = new long[12], out = new long[8];
    G1.fromAffine(j, 0, a, 0);
    G1.addMixed(j, 0, j, 0, b, 0);
    G1.toAffine(out, 0, j, 0);
    return out;
  }
}
