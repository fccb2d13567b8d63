package org.besuzkml.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.besuzkml.curve.G2;
import org.besuzkml.curve.TwistReference;
import org.besuzkml.field.Fq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Ethereum vector for 0x06-0x08, EIP-1108 gas, and hostile inputs rejected without exception. */
class AltBn128Test {
  private static final HexFormat HEX = HexFormat.of();
  private static final String DIR = "../shared/testvectors/bn254/";
  private static final byte[] P_BYTES = toBytes32(Fq.MODULUS);

  private static Stream<Arguments> vectors(String file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(new File(DIR + file));
    List<Arguments> out = new ArrayList<>();
    for (JsonNode v : root) {
      out.add(Arguments.of(v.path("Name").asText("?"), v.get("Input").asText(), v.get("Expected").asText(),
          v.path("Gas").asLong(-1)));
    }
    return out.stream();
  }

  static Stream<Arguments> addVectors() throws IOException {
    return vectors("bn256Add.json");
  }

  static Stream<Arguments> mulVectors() throws IOException {
    return vectors("bn256ScalarMul.json");
  }

  static Stream<Arguments> pairingVectors() throws IOException {
    return vectors("bn256Pairing.json");
  }

  @ParameterizedTest(name = "ecAdd {0}")
  @MethodSource("addVectors")
  void ecAddVector(String name, String input, String expected, long gas) {
    AltBn128.Result r = AltBn128.ecAdd(HEX.parseHex(input));
    assertTrue(r.isSuccess(), r.toString());
    assertEquals(expected, HEX.formatHex(r.output()));
    assertEquals(gas, AltBn128.EC_ADD_GAS);
  }

  @ParameterizedTest(name = "ecMul {0}")
  @MethodSource("mulVectors")
  void ecMulVector(String name, String input, String expected, long gas) {
    AltBn128.Result r = AltBn128.ecMul(HEX.parseHex(input));
    assertTrue(r.isSuccess(), r.toString());
    assertEquals(expected, HEX.formatHex(r.output()));
    assertEquals(gas, AltBn128.EC_MUL_GAS);
  }

  @ParameterizedTest(name = "pairing {0}")
  @MethodSource("pairingVectors")
  void pairingVector(String name, String input, String expected, long gas) {
    byte[] in = HEX.parseHex(input);
    AltBn128.Result r = AltBn128.pairing(in);
    assertTrue(r.isSuccess(), r.toString());
    assertEquals(expected, HEX.formatHex(r.output()));
    assertEquals(gas, AltBn128.pairingGas(in.length));
  }

  // ---------------------------------------------------------------------------------------------
  // hostile inputs

  private static byte[] toBytes32(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  private static byte[] cat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] r = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, r, o, p.length);
      o += p.length;
    }
    return r;
  }

  private static final byte[] G1_GEN = cat(toBytes32(BigInteger.ONE), toBytes32(BigInteger.TWO));

  private static byte[] g2Generator() {
    byte[] b = new byte[128];
    G2.encode(b, 0, G2.generator(), 0);
    return b;
  }

  @Test
  void g1CoordinateEqualToModulusRejected() {
    byte[] xIsP = cat(P_BYTES, toBytes32(BigInteger.TWO));
    byte[] yIsP = cat(toBytes32(BigInteger.ONE), P_BYTES);
    for (byte[] bad : new byte[][] {xIsP, yIsP}) {
      assertEquals(AltBn128.Failure.COORDINATE_NOT_CANONICAL, AltBn128.ecAdd(cat(bad, G1_GEN)).failure());
      assertEquals(AltBn128.Failure.COORDINATE_NOT_CANONICAL, AltBn128.ecAdd(cat(G1_GEN, bad)).failure());
      assertEquals(AltBn128.Failure.COORDINATE_NOT_CANONICAL, AltBn128.ecMul(cat(bad, new byte[32])).failure());
      assertEquals(AltBn128.Failure.COORDINATE_NOT_CANONICAL, AltBn128.pairing(cat(bad, g2Generator())).failure());
    }
    // (p, 2) would be (0, 2) reduced: not on the curve either way, but x = p + 1 reduces to a valid point
    byte[] xIsPPlus1 = cat(toBytes32(Fq.MODULUS.add(BigInteger.ONE)), toBytes32(BigInteger.TWO));
    assertEquals(AltBn128.Failure.COORDINATE_NOT_CANONICAL, AltBn128.ecMul(cat(xIsPPlus1, new byte[32])).failure());
  }

  @Test
  void g1PointOffCurveRejected() {
    byte[] off = cat(toBytes32(BigInteger.ONE), toBytes32(BigInteger.valueOf(3)));
    assertEquals(AltBn128.Failure.G1_NOT_ON_CURVE, AltBn128.ecAdd(cat(off, G1_GEN)).failure());
    assertEquals(AltBn128.Failure.G1_NOT_ON_CURVE, AltBn128.ecAdd(off).failure());
    assertEquals(AltBn128.Failure.G1_NOT_ON_CURVE, AltBn128.ecMul(cat(off, toBytes32(BigInteger.ZERO))).failure());
    assertEquals(AltBn128.Failure.G1_NOT_ON_CURVE, AltBn128.pairing(cat(off, g2Generator())).failure());
    // (0, 0) is infinity, but (0, y != 0) and (x != 0, 0) are simply off the curve
    byte[] zeroX = cat(new byte[32], toBytes32(BigInteger.TWO));
    assertEquals(AltBn128.Failure.G1_NOT_ON_CURVE, AltBn128.ecAdd(zeroX).failure());
  }

  @Test
  void g2CoordinateEqualToModulusRejected() {
    for (int k = 0; k < 4; k++) {
      byte[] g2 = g2Generator();
      System.arraycopy(P_BYTES, 0, g2, 32 * k, 32);
      assertEquals(AltBn128.Failure.COORDINATE_NOT_CANONICAL, AltBn128.pairing(cat(G1_GEN, g2)).failure(), "slot " + k);
    }
  }

  @Test
  void g2PointOffTwistRejected() {
    byte[] g2 = g2Generator();
    g2[127] ^= 1;
    assertEquals(AltBn128.Failure.G2_NOT_ON_CURVE, AltBn128.pairing(cat(G1_GEN, g2)).failure());
    // swapping real and imaginary parts (a classic encoding mistake) leaves the curve
    byte[] swapped = g2Generator();
    byte[] t = java.util.Arrays.copyOfRange(swapped, 0, 32);
    System.arraycopy(swapped, 32, swapped, 0, 32);
    System.arraycopy(t, 0, swapped, 32, 32);
    assertEquals(AltBn128.Failure.G2_NOT_ON_CURVE, AltBn128.pairing(cat(G1_GEN, swapped)).failure());
  }

  @Test
  void g2PointOutsideSubgroupRejectedEvenWithInfinityG1() {
    byte[] g2 = new byte[128];
    G2.encode(g2, 0, TwistReference.toLongs(TwistReference.pointOnTwist(1)), 0);
    assertEquals(AltBn128.Failure.G2_NOT_IN_SUBGROUP, AltBn128.pairing(cat(G1_GEN, g2)).failure());
    assertEquals(AltBn128.Failure.G2_NOT_IN_SUBGROUP, AltBn128.pairing(cat(new byte[64], g2)).failure());
    // also when it hides behind a valid pair
    assertEquals(AltBn128.Failure.G2_NOT_IN_SUBGROUP,
        AltBn128.pairing(cat(G1_GEN, g2Generator(), new byte[64], g2)).failure());
  }

  @Test
  void pairingLengthNotMultipleOf192Rejected() {
    byte[] valid = cat(G1_GEN, g2Generator());
    for (int len : new int[] {1, 64, 191, 193, 300, 383}) {
      byte[] in = java.util.Arrays.copyOf(cat(valid, valid), len);
      AltBn128.Result r = AltBn128.pairing(in);
      assertFalse(r.isSuccess());
      assertEquals(AltBn128.Failure.INVALID_INPUT_LENGTH, r.failure());
      assertEquals(0, r.output().length);
    }
    assertEquals("success(0000000000000000000000000000000000000000000000000000000000000001)",
        AltBn128.pairing(null).toString(), "null is empty input");
  }

  @Test
  void shortAndLongInputsArePaddedOrTruncatedForAddAndMul() {
    // ECADD of the generator alone (64 bytes): G + O = G
    assertArrayEquals(G1_GEN, AltBn128.ecAdd(G1_GEN).output());
    // extra bytes after 128 are ignored, even garbage
    byte[] withTail = cat(G1_GEN, new byte[64], new byte[] {(byte) 0xff, 1, 2});
    assertArrayEquals(G1_GEN, AltBn128.ecAdd(withTail).output());
    // ECMUL with a truncated scalar: 0x01 in the first scalar byte means 2^248
    byte[] shortScalar = cat(G1_GEN, new byte[] {1});
    byte[] full = cat(G1_GEN, toBytes32(BigInteger.ONE.shiftLeft(248)));
    assertArrayEquals(AltBn128.ecMul(full).output(), AltBn128.ecMul(shortScalar).output());
    // scalars r, r+1 and 2^256-1 are used unreduced
    BigInteger r = G2.ORDER;
    assertArrayEquals(new byte[64], AltBn128.ecMul(cat(G1_GEN, toBytes32(r))).output());
    assertArrayEquals(G1_GEN, AltBn128.ecMul(cat(G1_GEN, toBytes32(r.add(BigInteger.ONE)))).output());
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertArrayEquals(AltBn128.ecMul(cat(G1_GEN, toBytes32(max.mod(r)))).output(),
        AltBn128.ecMul(cat(G1_GEN, toBytes32(max))).output());
    assertTrue(AltBn128.ecAdd(new byte[0]).isSuccess());
    assertTrue(AltBn128.ecMul(null).isSuccess());
  }

  @Test
  void randomGarbageNeverThrows() {
    Random rnd = new Random(99);
    int successes = 0;
    for (int i = 0; i < 300; i++) {
      byte[] in = new byte[rnd.nextInt(400)];
      rnd.nextBytes(in);
      if (rnd.nextBoolean() && in.length > 0) {
        in[0] = 0; // keep some coordinates below p
      }
      successes += AltBn128.ecAdd(in).isSuccess() ? 1 : 0;
      successes += AltBn128.ecMul(in).isSuccess() ? 1 : 0;
      successes += AltBn128.pairing(in).isSuccess() ? 1 : 0;
    }
    // only the empty pairing input and very short add/mul inputs can succeed
    assertTrue(successes < 30, "garbage accepted " + successes + " times");
  }

  @Test
  void gasFollowsEip1108() {
    assertEquals(150, AltBn128.EC_ADD_GAS);
    assertEquals(6000, AltBn128.EC_MUL_GAS);
    assertEquals(45000, AltBn128.pairingGas(0));
    assertEquals(45000 + 34000 * 10, AltBn128.pairingGas(1920));
  }
}
