package org.besuzkml.pcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.transcript.Transcript;
import org.besuzkml.zk.SeededRandomness;
import org.junit.jupiter.api.Test;

/** The rest of HyperKzgTest's rejections in zk mode: transcript binding, strict decoding, the zero polynomial. */
class HyperKzgZkRobustnessTest {
  static final int L = Fr.LIMBS;

  @Test
  void transcriptOutOfStepRejected() {
    HyperKzgZkTest.Case k = HyperKzgZkTest.honest(20, 4, true);
    Transcript t = HyperKzgZkTest.bound(k.commitments(), k.maskCommitment());
    t.absorbBytes("bzk/model", new byte[32]); // verifier bound to another statement
    assertFalse(HyperKzgVerifier.verifyZk(HyperKzgZkTest.VK, k.commitments(), 1, k.scalars(), k.opening().value(),
        k.maskCommitment(), k.opening().maskValue(), k.point(), 4, k.opening().proof(), t).valid());
    assertTrue(k.verify().valid());
  }

  @Test
  void zkProofDecoderIsStrictAndTamperedBytesNeverVerify() {
    HyperKzgZkTest.Case k = HyperKzgZkTest.honest(21, 4, true, false);
    byte[] enc = k.opening().proof().encode();
    assertFalse(HyperKzgProof.decodeZk(enc, 0, enc.length - 1, 4).ok());
    assertFalse(HyperKzgProof.decodeZk(enc, 0, enc.length, 5).ok());
    assertFalse(HyperKzgProof.decodeZk(enc, 1, enc.length, 4).ok());
    assertFalse(HyperKzgProof.decodeZk(null, 0, 0, 4).ok());
    // a non-canonical sigma is named, at its offset: after 3 folds, 12 evaluations and W_1
    int sigmaAt = 3 * 64 + 12 * 32 + 64;
    byte[] bad = enc.clone();
    Arrays.fill(bad, sigmaAt, sigmaAt + 32, (byte) 0xff);
    HyperKzgProof.Decoded d = HyperKzgProof.decodeZk(bad, 0, bad.length, 4);
    assertNull(d.proof());
    assertEquals("sigma is not a canonical field element", d.error());
    assertEquals(sigmaAt, d.errorOffset());
    bad = enc.clone();
    bad[enc.length - 1] ^= 1; // W_2 off the curve
    assertEquals("W_2 is not a G1 point", HyperKzgProof.decodeZk(bad, 0, bad.length, 4).error());
    SplittableRandom rnd = new SplittableRandom(8);
    int accepted = 0;
    for (int trial = 0; trial < 200; trial++) {
      byte[] b = enc.clone();
      if (trial % 4 == 0) {
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) rnd.nextInt();
        }
      } else {
        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      HyperKzgProof.Decoded dd = HyperKzgProof.decodeZk(b, 0, b.length, 4);
      if (dd.ok()) {
        PcsResult r = k.verifyProof(dd.proof());
        assertNotNull(r);
        accepted += r.valid() ? 1 : 0;
      } else {
        assertNotNull(dd.error());
      }
    }
    assertEquals(0, accepted);
  }

  @Test
  void zeroPolynomialHidingCommitmentIsNotInfinityAndOpensOnlyToZero() {
    int l = 4, n = 1 << l;
    SeededRandomness rnd = SeededRandomness.of(13);
    long[] f = new long[n * L], rho = rnd.nextFrs(1), point = rnd.nextFrs(l), one = new long[L];
    Fr.setOne(one, 0);
    long[] c = HyperKzg.commitHiding(HyperKzgZkTest.SRS, f, n, rho);
    assertFalse(G1.isInfinityAffine(c, 0)); // hiding: rho [beta]_1
    OpeningMask mask = HyperKzgZkTest.sampleMask(rnd, l);
    long[] cm = mask.commit(HyperKzgZkTest.SRS), folds = rnd.nextFrs(l - 1);
    HyperKzgZk.Opening o = HyperKzgZk.open(HyperKzgZkTest.SRS, new long[][] {f}, new long[][] {rho}, one, mask, point,
        l, folds, HyperKzgZkTest.bound(c, cm));
    assertTrue(Fr.isZero(o.value(), 0));
    assertTrue(HyperKzgVerifier.verifyZk(HyperKzgZkTest.VK, c, 1, one, o.value(), cm, o.maskValue(), point, l,
        o.proof(), HyperKzgZkTest.bound(c, cm)).valid());
    assertFalse(HyperKzgVerifier.verifyZk(HyperKzgZkTest.VK, c, 1, one, one, cm, o.maskValue(), point, l, o.proof(),
        HyperKzgZkTest.bound(c, cm)).valid());
  }

  /**
   * A known-answer vector: the keccak256 of {@code proof || m || C_M} for a seeded case pins the
   * zk schedule of zk-design.md 12.1 (labels, record types, order) and the encoding of 11.3.
   */
  @Test
  void seededOpeningMatchesItsVector() {
    HyperKzgZkTest.Case k = HyperKzgZkTest.honest(HyperKzgZkTest.SRS, 12, SeededRandomness.of(1), 6, true, false);
    org.bouncycastle.jcajce.provider.digest.Keccak.Digest256 h = new org.bouncycastle.jcajce.provider.digest.Keccak.Digest256();
    h.update(k.opening().proof().encode());
    h.update(Fr.toBytes(k.opening().maskValue(), 0));
    h.update(G1.encode(k.maskCommitment(), 0));
    assertEquals(VECTOR, java.util.HexFormat.of().formatHex(h.digest()));
  }

  static final String VECTOR = "bb92e72f4ff76053285e46339a8bc7d17fbc2a14efb9ce0302dc63feafd4795c";
}
