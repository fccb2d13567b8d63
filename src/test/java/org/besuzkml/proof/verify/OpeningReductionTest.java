package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.junit.jupiter.api.Test;

/**
 * Phase-4 helpers against their definitions: G_k(s) = sum over the claims on bin k of
 * gamma^(j-1) eq(z_j, s), whatever the order of the claims and however many share a point; the
 * function-table output column; the verdict's text.
 */
class OpeningReductionTest {
  static final int L = Fr.LIMBS;

  private static long[] random(SplittableRandom rnd, int n) {
    long[] v = new long[n * L];
    for (int i = 0; i < n; i++) {
      Fr.random(v, i * L, rnd);
    }
    return v;
  }

  /** G by the definition: one eq per claim, no grouping. */
  private static long[] direct(List<Walk.Opening> claims, long[] pw, long[] s, int bins, int nBin) {
    long[] g = new long[bins * L];
    long[] e = new long[L];
    for (int j = 0; j < claims.size(); j++) {
      Multilinear.eqEvaluate(e, 0, claims.get(j).point(), 0, s, 0, nBin);
      Fr.mul(e, 0, e, 0, pw, j * L);
      int k = claims.get(j).bin();
      Fr.add(g, k * L, g, k * L, e, 0);
    }
    return g;
  }

  @Test
  void weightsMatchTheDefinitionWithSharedAndDistinctPoints() {
    SplittableRandom rnd = new SplittableRandom(3);
    int nBin = 3;
    int bins = 3;
    long[][] points = {random(rnd, nBin), random(rnd, nBin), random(rnd, nBin)};
    // points differing in one coordinate only, each limb position in turn
    long[] near = points[0].clone();
    near[(nBin - 1) * L + L - 1] ^= 1;
    long[] near0 = points[0].clone();
    near0[0] ^= 1;
    List<Walk.Opening> claims = new ArrayList<>();
    long[][] ps = {points[0], points[1], points[0], near, points[2], points[1], near0, points[0]};
    int[] bin = {0, 1, 2, 0, 1, 1, 2, 0};
    for (int j = 0; j < ps.length; j++) {
      claims.add(new Walk.Opening(bin[j], ps[j], random(rnd, 1)));
    }
    long[] gamma = random(rnd, 1);
    long[] pw = OpeningReduction.powers(gamma, claims.size());
    long[] s = random(rnd, nBin);
    long[] want = direct(claims, pw, s, bins, nBin);
    assertArrayEquals(want, OpeningReduction.weightsAt(claims, pw, s, bins, nBin));
    // and for every rotation of the claim list (with the powers moved along)
    for (int r = 1; r < claims.size(); r++) {
      List<Walk.Opening> rot = new ArrayList<>(claims);
      Collections.rotate(rot, r);
      long[] pr = new long[pw.length];
      for (int j = 0; j < claims.size(); j++) {
        System.arraycopy(pw, j * L, pr, ((j + r) % claims.size()) * L, L);
      }
      assertArrayEquals(direct(rot, pr, s, bins, nBin), OpeningReduction.weightsAt(rot, pr, s, bins, nBin),
          "rotation " + r);
    }
    assertEquals(1, OpeningReduction.weightsAt(List.of(), OpeningReduction.powers(gamma, 0), s, 1, nBin).length
        / L);
  }

  @Test
  void pointOrderIsTotal() {
    long[] a = {1, 2, 3, 4};
    long[] b = {1, 2, 3, 5};
    long[] longer = {0, 0, 0, 0, 0, 0, 0, 0};
    assertTrue(OpeningReduction.comparePoints(a, b) < 0);
    assertTrue(OpeningReduction.comparePoints(b, a) > 0);
    assertEquals(0, OpeningReduction.comparePoints(a, a.clone()));
    assertTrue(OpeningReduction.comparePoints(a, longer) < 0);
    assertTrue(OpeningReduction.comparePoints(longer, a) > 0);
  }

  @Test
  void combinedClaimAndPowers() {
    SplittableRandom rnd = new SplittableRandom(4);
    long[] gamma = random(rnd, 1);
    long[] pw = OpeningReduction.powers(gamma, 3);
    long[] g2 = new long[L];
    Fr.mul(g2, 0, gamma, 0, gamma, 0);
    assertTrue(Fr.isOne(pw, 0));
    assertTrue(Fr.equal(pw, L, gamma, 0));
    assertTrue(Fr.equal(pw, 2 * L, g2, 0));
    List<Walk.Opening> claims = List.of(new Walk.Opening(0, new long[0], random(rnd, 1)),
        new Walk.Opening(0, new long[0], random(rnd, 1)), new Walk.Opening(0, new long[0], random(rnd, 1)));
    long[] want = new long[L];
    long[] t = new long[L];
    for (int j = 0; j < 3; j++) {
      Fr.mul(t, 0, pw, j * L, claims.get(j).value(), 0);
      Fr.add(want, 0, want, 0, t, 0);
    }
    assertArrayEquals(want, OpeningReduction.combinedClaim(claims, pw));
  }

  @Test
  void functionColumnRepeatsTheLastValue() {
    assertArrayEquals(new long[] {4, 5, 6, 6, 6, 6, 6, 6}, LookupSetup.functionColumn(3, new long[] {4, 5, 6}));
    assertArrayEquals(new long[] {4, 5, 6, 7}, LookupSetup.functionColumn(2, new long[] {4, 5, 6, 7}));
    assertArrayEquals(new long[] {9, 9}, LookupSetup.functionColumn(1, new long[] {9}));
  }

  @Test
  void verdictText() {
    assertEquals("valid", VerifyResult.ok().toString());
    assertEquals("invalid: because", VerifyResult.invalid("because").toString());
  }
}
