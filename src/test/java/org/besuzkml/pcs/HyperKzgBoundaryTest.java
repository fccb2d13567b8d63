package org.besuzkml.pcs;

import static org.besuzkml.pcs.HyperKzgTest.L;
import static org.besuzkml.pcs.HyperKzgTest.VK;
import static org.besuzkml.pcs.HyperKzgTest.honest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fr;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

/**
 * HyperKZG verifier, proof and key decoders: each limit at its boundary value and one past it, the
 * refusal's reason asserted as text.
 */
class HyperKzgBoundaryTest {
  private static final int MAX = HyperKzgProof.MAX_VARS;
  private static final int A = G1.AFFINE;

  private static HyperKzgProof zeroProof(int l) {
    return new HyperKzgProof(l, new long[(l - 1) * A], new long[3 * l * L], new long[A], new long[A]);
  }

  private static long[] offCurve() {
    long[] c = honest(5, 3).c().clone();
    c[0] ^= 1;
    return c;
  }

  private static long[] one() {
    long[] o = new long[L];
    Fr.setOne(o, 0);
    return o;
  }

  @Test
  void numberOfVariables() {
    HyperKzgTest.Case k = honest(7, 1);
    assertTrue(k.verify(k.c(), k.y(), k.point(), k.proof()).valid(), "one variable");
    // MAX_VARS passes the variable check (then the commitment is refused); beyond it is refused first
    long[] bad = offCurve();
    assertEquals("commitment 0 is not a G1 point", HyperKzgVerifier.verify(VK, bad, k.y(), new long[MAX * L], MAX,
        zeroProof(MAX), Transcript.v1()).reason());
    assertEquals("proof is for 28 variables, expected 29", HyperKzgVerifier.verify(VK, bad, k.y(),
        new long[(MAX + 1) * L], MAX + 1, zeroProof(MAX), Transcript.v1()).reason());
    assertEquals("proof is for 1 variables, expected 0", HyperKzgVerifier.verify(VK, bad, k.y(), new long[L], 0,
        k.proof(), Transcript.v1()).reason());
    assertEquals(MAX, zeroProof(MAX).numVars());
    assertEquals(1, zeroProof(1).numVars());
    assertThrows(IllegalArgumentException.class, () -> zeroProof(MAX + 1));
    assertThrows(IllegalArgumentException.class,
        () -> new HyperKzgProof(0, new long[0], new long[0], new long[A], new long[A]));
  }

  @Test
  void commitmentCount() {
    HyperKzgTest.Case k = honest(5, 3);
    int max = HyperKzgVerifier.MAX_COMMITMENTS;
    long[] cs = new long[(max + 1) * A];
    System.arraycopy(offCurve(), 0, cs, 0, A);
    long[] evals = new long[(max + 1) * L];
    // MAX_COMMITMENTS passes the size check (commitment 0 is then refused); one more does not
    assertEquals("commitment 0 is not a G1 point",
        HyperKzgVerifier.verify(VK, cs, max, evals, one(), k.point(), 3, k.proof(), Transcript.v1()).reason());
    assertEquals("argument sizes inconsistent with 65537 commitments, 3 variables",
        HyperKzgVerifier.verify(VK, cs, max + 1, evals, one(), k.point(), 3, k.proof(), Transcript.v1()).reason());
  }

  @Test
  void argumentArraysExactlyLongEnough() {
    HyperKzgTest.Case k = honest(5, 3);
    long[] two = new long[2 * A];
    System.arraycopy(k.c(), 0, two, 0, A);
    System.arraycopy(k.c(), 0, two, A, A);
    long[] evals = new long[2 * L];
    Fr.copy(evals, 0, k.y(), 0);
    long[] eta = new long[L]; // eta = 0: the combination is the first opening alone
    assertTrue(HyperKzgVerifier.verify(VK, two, 2, evals, eta, k.point(), 3, k.proof(), Transcript.v1()).valid());
    String sizes = "argument sizes inconsistent with 2 commitments, 3 variables";
    assertEquals(sizes, HyperKzgVerifier.verify(VK, Arrays.copyOf(two, 2 * A - 1), 2, evals, eta, k.point(), 3,
        k.proof(), Transcript.v1()).reason());
    assertEquals(sizes, HyperKzgVerifier.verify(VK, two, 2, Arrays.copyOf(evals, 2 * L - 1), eta, k.point(), 3,
        k.proof(), Transcript.v1()).reason());
    assertEquals(sizes, HyperKzgVerifier.verify(VK, two, 2, evals, new long[L - 1], k.point(), 3,
        k.proof(), Transcript.v1()).reason());
    assertEquals(sizes, HyperKzgVerifier.verify(VK, two, 2, evals, eta, Arrays.copyOf(k.point(), 3 * L - 1), 3,
        k.proof(), Transcript.v1()).reason());
    assertEquals("missing argument",
        HyperKzgVerifier.verify(VK, two, 2, evals, null, k.point(), 3, k.proof(), Transcript.v1()).reason());
  }

  @Test
  void malformedTranscriptRefused() {
    HyperKzgTest.Case k = honest(5, 3);
    Transcript t = Transcript.v1();
    t.absorbBytes("broken", null);
    assertEquals("transcript malformed", HyperKzgVerifier.verify(VK, k.c(), k.y(), k.point(), 3, k.proof(), t)
        .reason());
  }

  @Test
  void proofDecoderRanges() {
    HyperKzgTest.Case k = honest(9, 2);
    byte[] enc = k.proof().encode();
    int n = HyperKzgProof.encodedLength(2);
    assertEquals(n, enc.length);
    assertTrue(HyperKzgProof.decode(enc, 0, n, 2).ok());
    // at an offset, exactly enough bytes; one past the end is refused
    byte[] shifted = new byte[n + 1];
    System.arraycopy(enc, 0, shifted, 1, n);
    assertTrue(HyperKzgProof.decode(shifted, 1, n, 2).ok());
    assertEquals("input range out of bounds", HyperKzgProof.decode(shifted, 1, n + 1, 2).error());
    assertEquals("input range out of bounds", HyperKzgProof.decode(shifted, 2, n, 2).error());
    assertEquals("input range out of bounds", HyperKzgProof.decode(shifted, n + 2, 0, 2).error());
    assertEquals("input range out of bounds", HyperKzgProof.decode(shifted, -1, 0, 2).error());
    assertEquals("input range out of bounds", HyperKzgProof.decode(shifted, 0, -1, 2).error());
    // off = in.length with len 0 is in range (and the wrong length)
    assertEquals("PCS proof has 0 bytes, expected " + n + " for l = 2",
        HyperKzgProof.decode(shifted, n + 1, 0, 2).error());
    // numVars 1..MAX_VARS
    assertEquals("PCS proof has 0 bytes, expected " + HyperKzgProof.encodedLength(1) + " for l = 1",
        HyperKzgProof.decode(new byte[0], 0, 0, 1).error());
    assertEquals("PCS proof has 0 bytes, expected " + HyperKzgProof.encodedLength(MAX) + " for l = 28",
        HyperKzgProof.decode(new byte[0], 0, 0, MAX).error());
    assertEquals("number of variables 0 outside 1..28", HyperKzgProof.decode(enc, 0, n, 0).error());
    assertEquals("number of variables 29 outside 1..28", HyperKzgProof.decode(enc, 0, n, MAX + 1).error());
  }

  @Test
  void proofDecoderNamesTheBadPart() {
    HyperKzgTest.Case k = honest(9, 2);
    byte[] enc = k.proof().encode();
    byte[] badFold = enc.clone();
    badFold[63] ^= 1; // y + 1: off the curve
    HyperKzgProof.Decoded d = HyperKzgProof.decode(badFold, 0, enc.length, 2);
    assertFalse(d.ok());
    assertEquals("fold commitment F_1 is not a G1 point", d.error());
    assertEquals(0, d.errorOffset());
  }

  @Test
  void verifierKeyInputRange() {
    byte[] g2 = VK.encodeG2();
    byte[] digest = new byte[32];
    HyperKzgVerifierKey.Decoded ok = HyperKzgVerifierKey.decode(g2, 0, digest, false);
    assertTrue(ok.key() != null, ok.error());
    assertFalse(ok.key().insecure());
    assertTrue(HyperKzgVerifierKey.decode(g2, 0, digest, true).key().insecure());
    assertArrayEquals(VK.g2One(), ok.key().g2One());
    assertArrayEquals(VK.g2Tau(), ok.key().g2Tau());
    long[] gen = new long[G2.AFFINE];
    G2.decode(Arrays.copyOf(g2, G2.ENCODED), 0, gen, 0);
    assertArrayEquals(gen, ok.key().g2One());
    long[] tau = new long[G2.AFFINE];
    G2.decode(g2, G2.ENCODED, tau, 0);
    assertArrayEquals(tau, ok.key().g2Tau());
    byte[] shifted = new byte[g2.length + 1];
    System.arraycopy(g2, 0, shifted, 1, g2.length);
    assertTrue(HyperKzgVerifierKey.decode(shifted, 1, digest, false).key() != null);
    assertEquals("SRS_G2 needs 256 bytes", HyperKzgVerifierKey.decode(shifted, 2, digest, false).error());
    assertEquals("SRS_G2 needs 256 bytes", HyperKzgVerifierKey.decode(g2, 1, digest, false).error());
    assertEquals("SRS_G2 needs 256 bytes",
        HyperKzgVerifierKey.decode(Arrays.copyOf(g2, g2.length - 1), 0, digest, false).error());
    assertEquals("SRS_G2 needs 256 bytes", HyperKzgVerifierKey.decode(g2, g2.length + 1, digest, false).error());
    assertEquals("SRS_G2 needs 256 bytes", HyperKzgVerifierKey.decode(null, 0, digest, false).error());
    assertEquals("SRS digest must be 32 bytes", HyperKzgVerifierKey.decode(g2, 0, new byte[31], false).error());
    assertEquals("SRS digest must be 32 bytes", HyperKzgVerifierKey.decode(g2, 0, null, false).error());
  }

  @Test
  void resultToString() {
    assertEquals("valid", PcsResult.ok().toString());
    assertEquals("invalid: no", PcsResult.reject("no").toString());
  }
}
