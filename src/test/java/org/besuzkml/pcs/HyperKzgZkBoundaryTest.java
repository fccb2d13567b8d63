package org.besuzkml.pcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.transcript.Transcript;
import org.besuzkml.zk.SeededRandomness;
import org.junit.jupiter.api.Test;

/**
 * The zk opening's size limits at their boundary (accepted to the next check) and one past it
 * (refused with the exact reason): verifyZk's commitment count, checkSizes behind verifyHiding,
 * the blinding base's byte range and the opening mask's shape. Zero-filled arrays of the exact
 * sizes with an off-curve commitment 0 keep every case at one cheap check.
 */
class HyperKzgZkBoundaryTest {
  private static final int L = Fr.LIMBS;
  private static final int AFF = G1.AFFINE;
  private static final int MAX = HyperKzgVerifier.MAX_COMMITMENTS;
  private static final int MAX_VARS = HyperKzgProof.MAX_VARS;
  private static final String NOT_G1 = "commitment 0 is not a G1 point";

  /** An all-zero zero-knowledge proof for {@code l} variables (only its shape matters here). */
  private static HyperKzgProof zkProof(int l) {
    return new HyperKzgProof(l, new long[(l - 1) * AFF], new long[3 * l * L], new long[AFF], new long[L],
        new long[AFF]);
  }

  /** {@code count} zero commitments (infinity, in G1) except commitment 0, which is off the curve. */
  private static long[] offCurve(int longs) {
    long[] c = new long[longs];
    c[0] = 1; // (x, 0) with x != 0: y^2 = 0 != x^3 + 3
    return c;
  }

  private static String hiding(int longs, int count, int scalars, int y, int point, int numVars, HyperKzgProof p) {
    PcsResult r = HyperKzgVerifier.verifyHiding(HyperKzgZkTest.VK, offCurve(longs), count, new long[scalars],
        new long[y], new long[point], numVars, p, new Transcript("besu-zkml/test-boundary"));
    assertTrue(!r.valid());
    return r.reason();
  }

  private static String sizes(int count, int numVars) {
    return "argument sizes inconsistent with " + count + " commitments, " + numVars + " variables";
  }

  @Test
  void checkSizesNumVarsAtTheBoundary() {
    assertEquals(NOT_G1, hiding(AFF, 1, L, L, L, 1, zkProof(1)));
    assertEquals(NOT_G1, hiding(AFF, 1, L, L, MAX_VARS * L, MAX_VARS, zkProof(MAX_VARS)));
    assertEquals("proof is for 1 variables, expected 0", hiding(AFF, 1, L, L, L, 0, zkProof(1)));
    assertEquals("proof is for 28 variables, expected 29",
        hiding(AFF, 1, L, L, 29 * L, MAX_VARS + 1, zkProof(MAX_VARS)));
    assertEquals("proof is for 2 variables, expected 1", hiding(AFF, 1, L, L, L, 1, zkProof(2)));
  }

  @Test
  void checkSizesCountAtTheBoundary() {
    HyperKzgProof p = zkProof(1);
    assertEquals(sizes(0, 1), hiding(AFF, 0, L, L, L, 1, p));
    assertEquals(NOT_G1, hiding(MAX * AFF, MAX, MAX * L, L, L, 1, p));
    assertEquals(sizes(MAX + 1, 1), hiding((MAX + 1) * AFF, MAX + 1, (MAX + 1) * L, L, L, 1, p));
  }

  @Test
  void checkSizesEachArrayExactOrOneShort() {
    HyperKzgProof p = zkProof(3);
    assertEquals(NOT_G1, hiding(2 * AFF, 2, 2 * L, L, 3 * L, 3, p));
    assertEquals(sizes(2, 3), hiding(2 * AFF - 1, 2, 2 * L, L, 3 * L, 3, p));
    assertEquals(sizes(2, 3), hiding(2 * AFF, 2, 2 * L - 1, L, 3 * L, 3, p));
    assertEquals(sizes(2, 3), hiding(2 * AFF, 2, 2 * L, L - 1, 3 * L, 3, p));
    assertEquals(sizes(2, 3), hiding(2 * AFF, 2, 2 * L, L, 3 * L - 1, 3, p));
    // a larger count, so that count / 8 or count / 4 would undercount by much
    assertEquals(sizes(9, 3), hiding(9 * AFF - 1, 9, 9 * L, L, 3 * L, 3, p));
    assertEquals(sizes(9, 3), hiding(9 * AFF, 9, 9 * L - 1, L, 3 * L, 3, p));
  }

  private static String zk(int count) {
    PcsResult r = HyperKzgVerifier.verifyZk(HyperKzgZkTest.VK, offCurve(Math.max(AFF, count * AFF)), count,
        new long[count * L], new long[L], new long[AFF], new long[L], new long[L], 1, zkProof(1),
        new Transcript("besu-zkml/test-boundary"));
    assertTrue(!r.valid());
    return r.reason();
  }

  @Test
  void verifyZkCountAtTheBoundary() {
    assertEquals("argument sizes inconsistent with 65536 commitments", zk(MAX));
    assertEquals("argument sizes inconsistent with 65537 commitments", zk(MAX + 1));
    assertEquals("argument sizes inconsistent with -1 commitments", HyperKzgVerifier.verifyZk(HyperKzgZkTest.VK,
        new long[0], -1, new long[0], new long[L], new long[AFF], new long[L], new long[L], 1, zkProof(1),
        new Transcript("besu-zkml/test-boundary")).reason());
    assertEquals(NOT_G1, zk(MAX - 1)); // MAX - 1 plus the mask: MAX commitments reach the point check
    // count 0 passes the size check: an honest opening of the mask alone verifies
    // (the prover needs a polynomial: one with scalar 0 makes P* = rho_M M, the mask alone)
    int l = 3;
    SeededRandomness d = SeededRandomness.of(60);
    OpeningMask mask = HyperKzgZkTest.sampleMask(d, l);
    long[] cm = mask.commit(HyperKzgZkTest.SRS), point = d.nextFrs(l), none = new long[0];
    HyperKzgZk.Opening o = HyperKzgZk.open(HyperKzgZkTest.SRS, new long[][] {d.nextFrs(1 << l)}, new long[1][],
        new long[L], mask, point, l, d.nextFrs(l - 1), HyperKzgZkTest.bound(none, cm));
    PcsResult r = HyperKzgVerifier.verifyZk(HyperKzgZkTest.VK, none, 0, none, o.value(), cm, o.maskValue(), point, l,
        o.proof(), HyperKzgZkTest.bound(none, cm));
    assertTrue(r.valid(), r.reason());
    // and a wrong mask value still fails, so the count-0 path checks something
    assertEquals("fold consistency fails at fold 0", HyperKzgVerifier.verifyZk(HyperKzgZkTest.VK, none, 0, none,
        o.value(), cm,
        HyperKzgZkTest.plusOne(o.maskValue(), 0), point, l, o.proof(), HyperKzgZkTest.bound(none, cm)).reason());
  }

  @Test
  void blindingBaseByteRange() {
    HyperKzgVerifierKey vk = HyperKzgZkTest.VK;
    int n = HyperKzgVerifierKey.BETA_ENCODED;
    byte[] good = vk.encodeBeta();
    assertEquals(n, good.length);
    assertTrue(vk.withBeta(good, 0).key() != null);
    byte[] shifted = new byte[n + 1];
    System.arraycopy(good, 0, shifted, 1, n);
    assertTrue(vk.withBeta(shifted, 1).key() != null);
    String need = "blinding base needs 192 bytes";
    assertEquals(need, vk.withBeta(good, 1).error()); // one byte short from offset 1
    assertEquals(need, vk.withBeta(shifted, 2).error());
    assertEquals(need, vk.withBeta(good, n).error());
    assertEquals(need, vk.withBeta(good, n + 1).error());
    assertEquals(need, vk.withBeta(good, -1).error());
    assertEquals(need, vk.withBeta(new byte[n - 1], 0).error());
  }

  @Test
  void openingMaskShape() {
    assertEquals(1, new OpeningMask(1, new long[2 * L], new long[3 * L]).numVars());
    assertEquals(MAX_VARS, new OpeningMask(MAX_VARS, new long[2 * MAX_VARS * L], new long[3 * L]).numVars());
    String[] expected = {"an opening mask for l = 0 has 2l values and 3 shadow coefficients",
        "an opening mask for l = 29 has 2l values and 3 shadow coefficients",
        "an opening mask for l = 2 has 2l values and 3 shadow coefficients",
        "an opening mask for l = 2 has 2l values and 3 shadow coefficients",
        "an opening mask for l = 2 has 2l values and 3 shadow coefficients"};
    Runnable[] bad = {
        () -> new OpeningMask(0, new long[0], new long[3 * L]),
        () -> new OpeningMask(MAX_VARS + 1, new long[2 * (MAX_VARS + 1) * L], new long[3 * L]),
        () -> new OpeningMask(2, new long[4 * L - 1], new long[3 * L]),
        () -> new OpeningMask(2, new long[4 * L + 1], new long[3 * L]),
        () -> new OpeningMask(2, new long[4 * L], new long[3 * L - 1])};
    for (int i = 0; i < bad.length; i++) {
      assertEquals(expected[i], assertThrows(IllegalArgumentException.class, bad[i]::run).getMessage(), "case " + i);
    }
  }
}
