package org.besuzkml.pcs.srs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.curve.TwistReference;
import org.besuzkml.pairing.Pairing;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blinding base of zk-design.md 2.2 read from the shared snarkjs ptau (sections 5 and 6), and
 * every import check on it pinned by a doctored copy that only that check refuses.
 */
class PtauBetaTest {
  // Section body offsets of the shared file (checked in sectionsOfSharedFile).
  static final int BETA_TAU_G1_BODY = 1310772, BETA_G2_BODY = 1572928;
  static byte[] file;
  static Srs zk;

  @BeforeAll
  static void load() throws IOException, SrsException {
    file = Files.readAllBytes(PtauReaderTest.PTAU);
    zk = PtauReader.readZk(file, 4);
  }

  private static SrsException refused(byte[] bytes) {
    return assertThrows(SrsException.class, () -> PtauReader.readZk(bytes, 4));
  }

  /** Writes an affine point (Montgomery limbs, little-endian: the ptau representation). */
  private static void put(byte[] f, int at, long[] p, int po, int longs) {
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < longs; i++) {
      b.putLong(at + 8 * i, p[po + i]);
    }
  }

  private static long[] g1Times(long[] affine, int ao, long k) {
    long[] j = new long[G1.JACOBIAN], pj = new long[G1.JACOBIAN], a = new long[G1.AFFINE];
    G1.fromAffine(pj, 0, affine, ao);
    long[] kk = new long[4];
    org.besuzkml.field.Fr.fromLong(kk, 0, k);
    G1.mulFr(j, 0, pj, 0, kk, 0);
    G1.toAffine(a, 0, j, 0);
    return a;
  }

  private static boolean pairsEqual(long[] p1, long[] q1, long[] p2, long[] q2) {
    long[] ps = new long[16], qs = new long[32];
    System.arraycopy(p1, 0, ps, 0, 8);
    G1.negAffine(ps, 8, p2, 0);
    System.arraycopy(q1, 0, qs, 0, 16);
    System.arraycopy(q2, 0, qs, 16, 16);
    return Pairing.pairingCheck(ps, qs, 2);
  }

  @Test
  void sectionsOfSharedFile() {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(5, b.getInt(BETA_TAU_G1_BODY - 12));
    assertEquals(4096L * 64, b.getLong(BETA_TAU_G1_BODY - 8));
    assertEquals(6, b.getInt(BETA_G2_BODY - 12));
    assertEquals(128L, b.getLong(BETA_G2_BODY - 8));
  }

  @Test
  void readsBetaPointsOfSharedFileAndTheyAreConsistent() throws SrsException {
    assertTrue(zk.hasBeta());
    long[] beta = zk.betaG1();
    long[] b0 = Arrays.copyOfRange(beta, 0, 8), b1 = Arrays.copyOfRange(beta, 8, 16), b2 = Arrays.copyOfRange(beta, 16, 24);
    for (long[] p : new long[][] {b0, b1, b2}) {
      assertTrue(G1.isOnCurve(p, 0) && !G1.isInfinityAffine(p, 0));
    }
    assertTrue(G2.isInSubgroup(zk.betaG2(), 0));
    // pair by pair, independent of the reader's folded randomized check
    assertTrue(pairsEqual(b0, G2.generator(), G1.generator(), zk.betaG2()));
    assertTrue(pairsEqual(b1, G2.generator(), b0, zk.g2Tau()));
    assertTrue(pairsEqual(b2, G2.generator(), b1, zk.g2Tau()));
    // the points are the file's first three of section 5 and its section 6, limb for limb
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 24; i++) {
      assertEquals(b.getLong(BETA_TAU_G1_BODY + 8 * i), beta[i]);
    }
    long[] g2 = zk.betaG2();
    for (int i = 0; i < 16; i++) {
      assertEquals(b.getLong(BETA_G2_BODY + 8 * i), g2[i]);
    }
  }

  @Test
  void versionOneReadIgnoresBetaAndKeepsItsDigest() throws SrsException {
    Srs v1 = PtauReader.read(file, 4);
    assertFalse(v1.hasBeta());
    assertThrows(IllegalStateException.class, v1::betaG1);
    assertThrows(IllegalStateException.class, v1::digestV2);
    assertArrayEquals(v1.g1Powers(), zk.g1Powers());
    assertArrayEquals(v1.digest(), zk.digest());
    // a doctored section 5 does not affect the version-1 read (sizes still checked)
    byte[] bad = file.clone();
    Arrays.fill(bad, BETA_TAU_G1_BODY, BETA_TAU_G1_BODY + 64, (byte) 0);
    assertArrayEquals(v1.digest(), PtauReader.read(bad, 4).digest());
  }

  @Test
  void digestV2CoversTheBetaPointsAfterTheVersionOnePreimage() throws CloneNotSupportedException {
    Keccak.Digest256 k = new Keccak.Digest256();
    k.update(new byte[] {0, 0, 0, 16});
    for (int i = 0; i < 16; i++) {
      k.update(G1.encode(zk.g1Powers(), i * 8));
    }
    byte[] g2 = new byte[128];
    G2.encode(g2, 0, zk.g2One(), 0);
    k.update(g2);
    G2.encode(g2, 0, zk.g2Tau(), 0);
    k.update(g2);
    assertArrayEquals(((Keccak.Digest256) k.clone()).digest(), zk.digest()); // version 1 hashes this prefix
    for (int i = 0; i < 3; i++) {
      k.update(G1.encode(zk.betaG1(), i * 8));
    }
    G2.encode(g2, 0, zk.betaG2(), 0);
    k.update(g2);
    assertArrayEquals(k.digest(), zk.digestV2());
    assertFalse(Arrays.equals(zk.digest(), zk.digestV2()));
    assertFalse(Arrays.equals(zk.digestV2(), zk.truncate(3).digestV2()));
  }

  @Test
  void missingSection5Or6Refused() throws SrsException {
    for (int[] c : new int[][] {{BETA_TAU_G1_BODY, 5}, {BETA_G2_BODY, 6}}) {
      byte[] bad = file.clone();
      bad[c[0] - 12] = 20; // renumber the section: an unknown id the reader skips
      SrsException e = refused(bad);
      assertTrue(e.getMessage().contains("lacks betaTauG1/betaG2") && e.getMessage().contains("section " + c[1]),
          e.getMessage());
      assertEquals(c[1], e.section());
      assertFalse(PtauReader.read(bad, 4).hasBeta()); // a version-1 read still works
    }
  }

  @Test
  void infinityBeta1Refused() {
    byte[] bad = file.clone();
    Arrays.fill(bad, BETA_TAU_G1_BODY, BETA_TAU_G1_BODY + 64, (byte) 0);
    SrsException e = refused(bad);
    assertTrue(e.getMessage().contains("point 0") && e.getMessage().contains("infinity"), e.getMessage());
    assertEquals(5, e.section());
  }

  @Test
  void offCurveOrNonCanonicalBetaPointsRefused() {
    byte[] bad = file.clone();
    bad[BETA_TAU_G1_BODY + 64 + 32] ^= 4; // y of [beta tau]_1
    SrsException e = refused(bad);
    assertTrue(e.getMessage().contains("point 1") && e.getMessage().contains("not on the curve"), e.getMessage());
    bad = file.clone();
    Arrays.fill(bad, BETA_G2_BODY, BETA_G2_BODY + 32, (byte) 0xff);
    e = refused(bad);
    assertTrue(e.getMessage().contains("not below q") && e.section() == 6, e.getMessage());
    bad = file.clone();
    Arrays.fill(bad, BETA_G2_BODY, BETA_G2_BODY + 128, (byte) 0);
    assertTrue(refused(bad).getMessage().contains("infinity"));
  }

  @Test
  void betaG2OutsideSubgroupRefused() {
    long[] p = TwistReference.toLongs(TwistReference.pointOnTwist(11));
    byte[] bad = file.clone();
    put(bad, BETA_G2_BODY, p, 0, 16);
    SrsException e = refused(bad);
    assertTrue(e.getMessage().contains("outside the order-r subgroup") && e.section() == 6, e.getMessage());
  }

  @Test
  void betaG2NotMatchingBetaTauG1Refused() {
    // [beta]_2 := [2 beta]_2 and := [tau]_2: both in G2, neither is the beta of [beta]_1
    long[] j = new long[24], twice = new long[16];
    G2.mul(j, 0, zk.betaG2(), 0, BigInteger.TWO);
    G2.toAffine(twice, 0, j, 0);
    for (long[] other : new long[][] {twice, zk.g2Tau()}) {
      byte[] bad = file.clone();
      put(bad, BETA_G2_BODY, other, 0, 16);
      SrsException e = refused(bad);
      assertTrue(e.getMessage().contains("[beta]_2 is not the beta of [beta]_1"), e.getMessage());
    }
  }

  @Test
  void betaTauNotTauTimesBetaRefused() {
    long[] beta = zk.betaG1();
    // [beta tau]_1 := [2 beta tau]_1; [beta tau^2]_1 := [3 beta tau^2]_1; [beta tau]_1 and [beta tau^2]_1 swapped
    byte[] bad = file.clone();
    put(bad, BETA_TAU_G1_BODY + 64, g1Times(beta, 8, 2), 0, 8);
    assertTrue(refused(bad).getMessage().contains("not consecutive powers"));
    bad = file.clone();
    put(bad, BETA_TAU_G1_BODY + 128, g1Times(beta, 16, 3), 0, 8);
    assertTrue(refused(bad).getMessage().contains("[beta tau^i]_1"));
    bad = file.clone();
    put(bad, BETA_TAU_G1_BODY + 64, beta, 16, 8);
    put(bad, BETA_TAU_G1_BODY + 128, beta, 8, 8);
    assertTrue(refused(bad).getMessage().contains("not consecutive powers"));
  }

  @Test
  void beta1EqualToAPowerOfTauUpToSignRefused() {
    // [beta]_1 := +-G, +-[tau^3]_1: refused by the sanity check, before the pairing check would
    for (int i : new int[] {0, 3}) {
      for (boolean negate : new boolean[] {false, true}) {
        byte[] bad = file.clone();
        long[] p = zk.g1Power(i);
        if (negate) {
          G1.negAffine(p, 0, p, 0);
        }
        put(bad, BETA_TAU_G1_BODY, p, 0, 8);
        SrsException e = refused(bad);
        assertTrue(e.getMessage().contains("+-[tau^" + i + "]_1"), e.getMessage());
      }
    }
  }
}
