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
import java.nio.file.Path;
import java.util.Arrays;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.curve.TwistReference;
import org.besuzkml.pairing.Pairing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Import of the shared snarkjs ptau (power 12, prepared for phase 2) and rejection of damaged copies. */
class PtauReaderTest {
  static final Path PTAU = Path.of("../shared/srs/pot12_final.ptau");
  // Section body offsets of the shared file (checked in sectionLayoutOfSharedFile).
  static final int HEADER_BODY = 24, TAU_G1_BODY = 80, TAU_G2_BODY = 524316;
  static byte[] file;

  @BeforeAll
  static void load() throws IOException {
    file = Files.readAllBytes(PTAU);
  }

  private static SrsException rejected(byte[] bytes, int logSize) {
    return assertThrows(SrsException.class, () -> PtauReader.read(bytes, logSize));
  }

  @Test
  void sectionLayoutOfSharedFile() throws SrsException {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1, b.getInt(12));
    assertEquals(44, b.getLong(16));
    assertEquals(2, b.getInt(TAU_G1_BODY - 12));
    assertEquals(3, b.getInt(TAU_G2_BODY - 12));
    assertEquals(new PtauReader.Header(12, 12), PtauReader.header(PTAU));
  }

  @Test
  void importsSharedFileAndPowersMatchG2Tau() throws SrsException {
    Srs srs = PtauReader.read(PTAU, 12);
    assertEquals(4096, srs.size());
    assertFalse(srs.insecure());
    assertEquals(null, srs.warning());
    long[] g1 = srs.g1Powers();
    for (int i = 0; i < srs.size(); i++) {
      assertTrue(G1.isOnCurve(g1, i * G1.AFFINE), "point " + i);
    }
    assertArrayEquals(G1.generator(), srs.g1Power(0));
    assertArrayEquals(G2.generator(), srs.g2One());
    assertTrue(G2.isInSubgroup(srs.g2Tau(), 0));
    // independent of the randomized check: e([tau^(i+1)]_1, H) == e([tau^i]_1, [tau]_2) pair by pair
    for (int i : new int[] {0, 1, 777, 4094}) {
      long[] ps = new long[16];
      System.arraycopy(srs.g1Power(i + 1), 0, ps, 0, 8);
      G1.negAffine(ps, 8, srs.g1Power(i), 0);
      long[] qs = new long[32];
      System.arraycopy(srs.g2One(), 0, qs, 0, 16);
      System.arraycopy(srs.g2Tau(), 0, qs, 16, 16);
      assertTrue(Pairing.pairingCheck(ps, qs, 2), "power " + i);
    }
    // a smaller request reads a prefix with the same points, and the byte source agrees with the file source
    Srs small = PtauReader.read(file, 8);
    assertEquals(256, small.size());
    assertArrayEquals(Arrays.copyOf(g1, 256 * 8), small.g1Powers());
    assertArrayEquals(srs.truncate(8).digest(), small.digest());
    assertFalse(Arrays.equals(srs.digest(), small.digest()));
  }

  @Test
  void tooSmallFileSaysWhatSizeIsNeeded() {
    SrsException e = rejected(file, 13);
    assertTrue(e.getMessage().contains("2^13") && e.getMessage().contains("power >= 13"), e.getMessage());
  }

  @Test
  void pointsBeyondTheNeededSizeAreNotRead() throws SrsException {
    byte[] bad = file.clone();
    int p = TAU_G1_BODY + 300 * 64; // point 300
    bad[p] ^= 1;
    assertEquals(64, PtauReader.read(bad, 6).size());
    assertTrue(rejected(bad, 9).getMessage().contains("point 300"));
  }

  @Test
  void badMagicRejected() {
    byte[] bad = file.clone();
    bad[0] = 'x';
    assertTrue(rejected(bad, 4).getMessage().contains("magic"));
    assertTrue(rejected(new byte[5], 4).getMessage().contains("12-byte"));
  }

  @Test
  void wrongVersionRejected() {
    byte[] bad = file.clone();
    bad[4] = 2;
    assertTrue(rejected(bad, 4).getMessage().contains("version 2"));
  }

  @Test
  void truncatedInEachSectionRejected() {
    int[] cuts = {12, 20, HEADER_BODY + 10, TAU_G1_BODY + 5, TAU_G1_BODY + 64 * 100, TAU_G2_BODY + 200,
        1573068 + 10, 4197368 + 1000, file.length - 1};
    for (int cut : cuts) {
      SrsException e = rejected(Arrays.copyOf(file, cut), 4);
      assertTrue(e.getMessage().contains("truncated"), cut + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }
  }

  @Test
  void trailingBytesRejected() {
    assertTrue(rejected(Arrays.copyOf(file, file.length + 3), 4).getMessage().contains("trailing"));
  }

  @Test
  void wrongModulusRejected() {
    byte[] bad = file.clone();
    bad[HEADER_BODY + 4] ^= 2; // low byte of q
    SrsException e = rejected(bad, 4);
    assertTrue(e.getMessage().contains("modulus"), e.getMessage());
    assertEquals(1, e.section());
  }

  @Test
  void wrongSectionSizeForPowerRejected() {
    byte[] bad = file.clone();
    bad[HEADER_BODY + 36] = 11; // declared power 11 while the sections hold power 12
    SrsException e = rejected(bad, 4);
    assertTrue(e.getMessage().contains("implies"), e.getMessage());
  }

  @Test
  void offCurvePointRejected() {
    byte[] bad = file.clone();
    int p = TAU_G1_BODY + 5 * 64 + 32; // y of point 5, low byte
    bad[p] ^= 4;
    SrsException e = rejected(bad, 4);
    assertTrue(e.getMessage().contains("point 5") && e.getMessage().contains("not on the curve"), e.getMessage());
    assertEquals(2, e.section());
    assertEquals(TAU_G1_BODY + 5 * 64, e.offset());
  }

  @Test
  void nonCanonicalCoordinateRejected() {
    byte[] bad = file.clone();
    Arrays.fill(bad, TAU_G1_BODY + 2 * 64, TAU_G1_BODY + 2 * 64 + 32, (byte) 0xff);
    assertTrue(rejected(bad, 4).getMessage().contains("not below q"));
  }

  @Test
  void infinityPowerRejected() {
    byte[] bad = file.clone();
    Arrays.fill(bad, TAU_G1_BODY + 3 * 64, TAU_G1_BODY + 4 * 64, (byte) 0);
    assertTrue(rejected(bad, 4).getMessage().contains("infinity"));
  }

  @Test
  void g2PointOutsideSubgroupRejected() {
    long[] p = TwistReference.toLongs(TwistReference.pointOnTwist(7));
    assertTrue(G2.isOnCurve(p, 0));
    assertFalse(G2.isInSubgroup(p, 0));
    byte[] bad = file.clone();
    int at = TAU_G2_BODY + 128; // [tau]_2
    ByteBuffer b = ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 16; i++) {
      b.putLong(at + 8 * i, p[i]); // Montgomery limbs, little-endian: the ptau representation
    }
    SrsException e = rejected(bad, 4);
    assertTrue(e.getMessage().contains("outside the order-r subgroup") && e.getMessage().contains("point 1"),
        e.getMessage());
    assertEquals(3, e.section());
  }

  @Test
  void swappedPowersRejected() {
    byte[] bad = file.clone();
    int a = TAU_G1_BODY + 5 * 64, b = TAU_G1_BODY + 6 * 64;
    byte[] tmp = Arrays.copyOfRange(bad, a, a + 64);
    System.arraycopy(bad, b, bad, a, 64);
    System.arraycopy(tmp, 0, bad, b, 64);
    SrsException e = rejected(bad, 4);
    assertTrue(e.getMessage().contains("not consecutive powers"), e.getMessage());
    // the powers beyond the requested size are not read: 2^2 = 4 powers end before point 5
    assertEquals(4, assertDoesNotThrowRead(bad, 2).size());
  }

  @Test
  void otherTauInG2Rejected() {
    byte[] bad = file.clone();
    // [tau]_2 := [2 tau]_2 (still in G2): powers no longer match
    long[] t = new long[24];
    long[] tau2 = new long[16];
    try {
      Srs s = PtauReader.read(file, 2);
      G2.mul(t, 0, s.g2Tau(), 0, BigInteger.TWO);
      G2.toAffine(tau2, 0, t, 0);
    } catch (SrsException e) {
      throw new AssertionError(e);
    }
    ByteBuffer b = ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 16; i++) {
      b.putLong(TAU_G2_BODY + 128 + 8 * i, tau2[i]);
    }
    assertTrue(rejected(bad, 4).getMessage().contains("not consecutive powers"));
  }

  private static Srs assertDoesNotThrowRead(byte[] bytes, int logSize) {
    try {
      return PtauReader.read(bytes, logSize);
    } catch (SrsException e) {
      throw new AssertionError(e);
    }
  }
}
