package org.besuzkml.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

/** The GLV constants and scalar split against BigInteger arithmetic. */
class GlvTest {
  private static final BigInteger P = G1Reference.P;
  private static final BigInteger R = G1Reference.R;

  @Test
  void betaAndLambdaAreMatchingCubeRootsOfUnity() {
    assertEquals(BigInteger.ONE, Glv.BETA.modPow(BigInteger.valueOf(3), P));
    assertTrue(Glv.BETA.compareTo(BigInteger.ONE) != 0);
    assertEquals(BigInteger.ZERO, Glv.LAMBDA.pow(2).add(Glv.LAMBDA).add(BigInteger.ONE).mod(R));
    // phi(G) = [lambda] G, and the same for a random point
    BigInteger[] g = G1Reference.G;
    BigInteger[] q = G1Reference.mul(g, new BigInteger(250, new Random(5)));
    for (BigInteger[] pt : List.of(g, q)) {
      BigInteger[] phi = {pt[0].multiply(Glv.BETA).mod(P), pt[1]};
      BigInteger[] lam = G1Reference.mul(pt, Glv.LAMBDA);
      assertEquals(phi[0], lam[0]);
      assertEquals(phi[1], lam[1]);
      long[] a = G1Reference.toLimbs(pt), r = new long[G1.AFFINE];
      Glv.endomorphismAffine(r, 0, a, 0);
      BigInteger[] back = G1Reference.fromAffine(r, 0);
      assertEquals(phi[0], back[0]);
      assertEquals(phi[1], back[1]);
    }
  }

  @Test
  void splitRecombinesAndHalvesAreShort() {
    Random rnd = new Random(77);
    List<BigInteger> ks = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, R.subtract(BigInteger.ONE),
        R.shiftRight(1), Glv.LAMBDA, R.subtract(Glv.LAMBDA), BigInteger.ONE.shiftLeft(128),
        BigInteger.ONE.shiftLeft(253)));
    for (int i = 0; i < 3000; i++) {
      ks.add(new BigInteger(254, rnd).mod(R));
    }
    long[] out = new long[8];
    for (BigInteger k : ks) {
      int signs = Glv.split(Fr.limbsOf(k), 0, out, 0);
      BigInteger k1 = toBig(out, 0), k2 = toBig(out, 4);
      assertTrue(k1.bitLength() <= 128 && k2.bitLength() <= 128, k.toString(16));
      assertEquals(0, out[2] | out[3] | out[6] | out[7]);
      if ((signs & 1) != 0) {
        k1 = k1.negate();
      }
      if ((signs & 2) != 0) {
        k2 = k2.negate();
      }
      assertEquals(k, k1.add(k2.multiply(Glv.LAMBDA)).mod(R), k.toString(16));
    }
  }

  private static BigInteger toBig(long[] l, int o) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 3; i >= 0; i--) {
      v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(l[o + i])));
    }
    return v;
  }
}
