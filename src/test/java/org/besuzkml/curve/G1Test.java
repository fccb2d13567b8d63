package org.besuzkml.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

/** G1 kernels against the BigInteger affine reference, plus Ethereum's ECADD/ECMUL vectors. */
class G1Test {
  private static final SplittableRandom RND = new SplittableRandom(20261124);
  private static final BigInteger P = G1Reference.P;
  private static final BigInteger R = G1Reference.R;

  private static BigInteger randomBelow(BigInteger m) {
    return new BigInteger(m.bitLength() + 64, new java.util.Random(RND.nextLong())).mod(m);
  }

  private static BigInteger[] randomPoint() {
    return G1Reference.mul(G1Reference.G, randomBelow(R.subtract(BigInteger.ONE)).add(BigInteger.ONE));
  }

  private static long[] jac(BigInteger[] a) {
    return G1Reference.toJacobian(a, randomBelow(P.subtract(BigInteger.ONE)).add(BigInteger.ONE));
  }

  private static void assertPoint(BigInteger[] expected, BigInteger[] actual) {
    if (expected == null) {
      assertNull(actual, "expected infinity");
    } else {
      assertTrue(actual != null, "unexpected infinity");
      assertEquals(expected[0], actual[0]);
      assertEquals(expected[1], actual[1]);
    }
  }

  @Test
  void generatorIsOnCurveAndInfinityIsInGroupButNotOnCurve() {
    long[] g = G1.generator();
    assertTrue(G1.isOnCurve(g, 0));
    assertPoint(G1Reference.G, G1Reference.fromAffine(g, 0));
    long[] inf = new long[G1.AFFINE];
    assertFalse(G1.isOnCurve(inf, 0));
    assertTrue(G1.isInGroup(inf, 0));
    assertFalse(G1.isInGroup(G1Reference.toLimbs(new BigInteger[] {BigInteger.ONE, BigInteger.valueOf(3)}), 0));
  }

  @Test
  void addDoubleAndMixedAddMatchReference() {
    long[] r = new long[G1.JACOBIAN];
    for (int it = 0; it < 20; it++) {
      BigInteger[] a = randomPoint(), b = randomPoint();
      BigInteger[] sum = G1Reference.add(a, b);
      G1.add(r, 0, jac(a), 0, jac(b), 0);
      assertPoint(sum, G1Reference.fromJacobian(r, 0));
      G1.addMixed(r, 0, jac(a), 0, G1Reference.toLimbs(b), 0);
      assertPoint(sum, G1Reference.fromJacobian(r, 0));
      G1.dbl(r, 0, jac(a), 0);
      assertPoint(G1Reference.add(a, a), G1Reference.fromJacobian(r, 0));
      // aliasing: output over an input
      long[] x = jac(a);
      G1.add(x, 0, x, 0, jac(b), 0);
      assertPoint(sum, G1Reference.fromJacobian(x, 0));
    }
  }

  @Test
  void addHandlesEqualOppositeAndInfinityOperands() {
    long[] r = new long[G1.JACOBIAN];
    BigInteger[] a = randomPoint();
    G1.add(r, 0, jac(a), 0, jac(a), 0); // P + P through add must double
    assertPoint(G1Reference.add(a, a), G1Reference.fromJacobian(r, 0));
    G1.addMixed(r, 0, jac(a), 0, G1Reference.toLimbs(a), 0);
    assertPoint(G1Reference.add(a, a), G1Reference.fromJacobian(r, 0));
    G1.add(r, 0, jac(a), 0, jac(G1Reference.neg(a)), 0); // P + (-P) = 0
    assertTrue(G1.isInfinity(r, 0));
    G1.addMixed(r, 0, jac(a), 0, G1Reference.toLimbs(G1Reference.neg(a)), 0);
    assertTrue(G1.isInfinity(r, 0));
    long[] inf = new long[G1.JACOBIAN];
    G1.setInfinity(inf, 0);
    G1.add(r, 0, inf, 0, jac(a), 0);
    assertPoint(a, G1Reference.fromJacobian(r, 0));
    G1.add(r, 0, jac(a), 0, inf, 0);
    assertPoint(a, G1Reference.fromJacobian(r, 0));
    G1.addMixed(r, 0, inf, 0, G1Reference.toLimbs(a), 0);
    assertPoint(a, G1Reference.fromJacobian(r, 0));
    G1.addMixed(r, 0, jac(a), 0, new long[G1.AFFINE], 0);
    assertPoint(a, G1Reference.fromJacobian(r, 0));
    G1.dbl(r, 0, inf, 0);
    assertTrue(G1.isInfinity(r, 0));
    G1.neg(r, 0, jac(a), 0);
    assertPoint(G1Reference.neg(a), G1Reference.fromJacobian(r, 0));
  }

  @Test
  void equalityIgnoresTheJacobianRepresentative() {
    BigInteger[] a = randomPoint(), b = randomPoint();
    assertTrue(G1.equal(jac(a), 0, jac(a), 0));
    assertFalse(G1.equal(jac(a), 0, jac(b), 0));
    assertFalse(G1.equal(jac(a), 0, jac(G1Reference.neg(a)), 0));
    long[] inf = jac(null);
    assertTrue(G1.equal(inf, 0, jac(null), 0));
    assertFalse(G1.equal(inf, 0, jac(a), 0));
    assertFalse(G1.equal(jac(a), 0, inf, 0));
  }

  @Test
  void batchToAffineMatchesSingleConversionIncludingInfinity() {
    int n = 9;
    long[] pts = new long[n * G1.JACOBIAN];
    BigInteger[][] ref = new BigInteger[n][];
    for (int i = 0; i < n; i++) {
      ref[i] = (i % 4 == 2) ? null : randomPoint();
      System.arraycopy(jac(ref[i]), 0, pts, i * G1.JACOBIAN, G1.JACOBIAN);
    }
    long[] aff = new long[n * G1.AFFINE];
    G1.batchToAffine(pts, 0, aff, 0, n);
    long[] one = new long[G1.AFFINE];
    for (int i = 0; i < n; i++) {
      assertPoint(ref[i], G1Reference.fromAffine(aff, i * G1.AFFINE));
      G1.toAffine(one, 0, pts, i * G1.JACOBIAN);
      assertArrayEquals(Arrays.copyOfRange(aff, i * G1.AFFINE, (i + 1) * G1.AFFINE), one);
    }
  }

  private static byte[] be32(BigInteger k) {
    byte[] b = k.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  @Test
  void scalarMulMatchesReferenceOnEdgeAndRandomScalars() {
    BigInteger two256 = BigInteger.ONE.shiftLeft(256);
    List<BigInteger> ks = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
        BigInteger.valueOf(15), BigInteger.valueOf(16), BigInteger.valueOf(31), R.subtract(BigInteger.ONE), R,
        R.add(BigInteger.ONE), two256.subtract(BigInteger.ONE), two256.shiftRight(1), P));
    for (int i = 0; i < 6; i++) {
      ks.add(randomBelow(R));
      ks.add(randomBelow(two256));
    }
    BigInteger[] a = randomPoint();
    long[] r = new long[G1.JACOBIAN];
    for (BigInteger k : ks) {
      BigInteger[] expected = G1Reference.mul(a, k.mod(R));
      G1.mulBytes(r, 0, jac(a), 0, be32(k), 0);
      assertPoint(expected, G1Reference.fromJacobian(r, 0));
      long[] kf = new long[4];
      Fr.fromBigInteger(kf, 0, k);
      G1.mulFr(r, 0, jac(a), 0, kf, 0);
      assertPoint(expected, G1Reference.fromJacobian(r, 0));
    }
    // [r]P = 0 without reduction of the scalar
    G1.mulLimbs(r, 0, jac(a), 0, Fr.limbsOf(R), 0);
    assertTrue(G1.isInfinity(r, 0));
    G1.mulBytes(r, 0, jac(null), 0, be32(BigInteger.TEN), 0);
    assertTrue(G1.isInfinity(r, 0));
  }

  @Test
  void encodingRoundTripsAndInfinityIsAllZeros() {
    for (int i = 0; i < 5; i++) {
      BigInteger[] a = randomPoint();
      byte[] enc = G1.encode(G1Reference.toLimbs(a), 0);
      assertArrayEquals(be32(a[0]), Arrays.copyOfRange(enc, 0, 32));
      assertArrayEquals(be32(a[1]), Arrays.copyOfRange(enc, 32, 64));
      byte[] shifted = new byte[70];
      System.arraycopy(enc, 0, shifted, 3, 64);
      long[] back = new long[G1.AFFINE + 4];
      assertTrue(G1.decode(back, 4, shifted, 3));
      assertPoint(a, G1Reference.fromAffine(back, 4));
    }
    long[] inf = new long[G1.AFFINE];
    assertArrayEquals(new byte[64], G1.encode(inf, 0));
    long[] out = G1.generator();
    assertTrue(G1.decode(out, 0, new byte[64], 0));
    assertTrue(G1.isInfinityAffine(out, 0));
  }

  private static byte[] encodeRaw(BigInteger x, BigInteger y) {
    byte[] b = new byte[64];
    System.arraycopy(be32(x), 0, b, 0, 32);
    System.arraycopy(be32(y), 0, b, 32, 32);
    return b;
  }

  @Test
  void decodeRejectsNonCanonicalCoordinates() {
    // (x + p, y) and (x, y + p) denote the same point mod p but are not canonical encodings
    BigInteger[] a = {BigInteger.ONE, BigInteger.TWO};
    long[] r = new long[G1.AFFINE];
    assertTrue(G1.decode(r, 0, encodeRaw(a[0], a[1]), 0));
    assertFalse(G1.decode(r, 0, encodeRaw(a[0].add(P), a[1]), 0));
    assertFalse(G1.decode(r, 0, encodeRaw(a[0], a[1].add(P)), 0));
    assertFalse(G1.decode(r, 0, encodeRaw(P, BigInteger.ZERO), 0)); // "zero" written as p
    byte[] ff = new byte[64];
    Arrays.fill(ff, (byte) 0xff);
    assertFalse(G1.decode(r, 0, ff, 0));
  }

  @Test
  void decodeRejectsPointsOffTheCurveAndShortInput() {
    long[] r = new long[G1.AFFINE];
    assertFalse(G1.decode(r, 0, encodeRaw(BigInteger.ONE, BigInteger.valueOf(3)), 0));
    assertFalse(G1.decode(r, 0, encodeRaw(BigInteger.ZERO, BigInteger.ONE), 0)); // half-zero infinity
    assertFalse(G1.decode(r, 0, encodeRaw(BigInteger.ONE, BigInteger.ZERO), 0));
    assertFalse(G1.decode(r, 0, new byte[63], 0));
    assertFalse(G1.decode(r, 0, new byte[64], 1));
    assertFalse(G1.decode(r, 0, new byte[64], -1));
    assertFalse(G1.decode(r, 0, null, 0));
  }

  private static JsonNode vectors(String name) throws Exception {
    return new ObjectMapper().readTree(new File("../shared/testvectors/bn254/" + name));
  }

  private static byte[] padded(String hex, int len) {
    byte[] in = HexFormat.of().parseHex(hex);
    return Arrays.copyOf(in, Math.max(len, in.length));
  }

  @Test
  void ethereumEcaddVectors() throws Exception {
    JsonNode v = vectors("bn256Add.json");
    assertTrue(v.size() > 0);
    for (JsonNode t : v) {
      byte[] in = padded(t.get("Input").asText(), 128);
      long[] a = new long[G1.AFFINE], b = new long[G1.AFFINE];
      assertTrue(G1.decode(a, 0, in, 0), t.get("Name").asText());
      assertTrue(G1.decode(b, 0, in, 64), t.get("Name").asText());
      long[] s = new long[G1.JACOBIAN];
      G1.fromAffine(s, 0, a, 0);
      G1.addMixed(s, 0, s, 0, b, 0);
      long[] out = new long[G1.AFFINE];
      G1.toAffine(out, 0, s, 0);
      assertEquals(t.get("Expected").asText(), HexFormat.of().formatHex(G1.encode(out, 0)), t.get("Name").asText());
    }
  }

  @Test
  void ethereumEcmulVectors() throws Exception {
    JsonNode v = vectors("bn256ScalarMul.json");
    assertTrue(v.size() > 0);
    for (JsonNode t : v) {
      byte[] in = padded(t.get("Input").asText(), 96);
      long[] a = new long[G1.AFFINE];
      assertTrue(G1.decode(a, 0, in, 0), t.get("Name").asText());
      long[] s = new long[G1.JACOBIAN];
      G1.fromAffine(s, 0, a, 0);
      G1.mulBytes(s, 0, s, 0, in, 64);
      long[] out = new long[G1.AFFINE];
      G1.toAffine(out, 0, s, 0);
      assertEquals(t.get("Expected").asText(), HexFormat.of().formatHex(G1.encode(out, 0)), t.get("Name").asText());
    }
  }

  @Test
  void frScalarMulUsesCanonicalValue() {
    long[] k = new long[4];
    Fq.setZero(k, 0);
    Fr.fromLong(k, 0, -1); // r - 1: [r-1]G = -G
    long[] r = new long[G1.JACOBIAN];
    G1.mulFr(r, 0, G1.generatorJacobian(), 0, k, 0);
    assertPoint(G1Reference.neg(G1Reference.G), G1Reference.fromJacobian(r, 0));
  }
}
