package org.besuzkml.sumcheck;

import static org.besuzkml.sumcheck.SumcheckTestSupport.L;
import static org.besuzkml.sumcheck.SumcheckTestSupport.element;
import static org.besuzkml.sumcheck.SumcheckTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

/**
 * Every limit of the sumcheck verifier side at its boundary value (accepted) and one past it
 * (refused, with its reason asserted as text).
 */
class SumcheckBoundaryTest {
  private static final int MAX_R = SumcheckProof.MAX_ROUNDS;
  private static final int MAX_D = SumcheckProof.MAX_DEGREE;

  private static FieldReader zeros(int elements) {
    return new FieldReader(new byte[elements * Fr.BYTES], 0, elements * Fr.BYTES);
  }

  private static void assertRejected(Checked<?> c, String reason) {
    assertFalse(c.isOk(), "expected rejection: " + reason);
    assertEquals(reason, c.reason());
  }

  @Test
  void proofShapeLimits() {
    // rounds 0 and MAX_ROUNDS, degree 1 and MAX_DEGREE are all accepted
    assertTrue(SumcheckProof.read(zeros(0), 0, 1).isOk());
    assertTrue(SumcheckProof.read(zeros(MAX_R), MAX_R, 1).isOk());
    assertTrue(SumcheckProof.read(zeros(MAX_D), 1, MAX_D).isOk());
    Checked<SumcheckProof> full = SumcheckProof.read(zeros(MAX_R * MAX_D), MAX_R, MAX_D);
    assertTrue(full.isOk());
    assertEquals(MAX_R * MAX_D, full.value().size());
    // one past each: refused before reading anything
    assertRejected(SumcheckProof.read(zeros(0), -1, 1), "sumcheck shape out of range: rounds -1, degree 1");
    assertRejected(SumcheckProof.read(zeros(MAX_R + 1), MAX_R + 1, 1),
        "sumcheck shape out of range: rounds 65, degree 1");
    assertRejected(SumcheckProof.read(zeros(1), 1, 0), "sumcheck shape out of range: rounds 1, degree 0");
    assertRejected(SumcheckProof.read(zeros(MAX_D + 1), 1, MAX_D + 1),
        "sumcheck shape out of range: rounds 1, degree 33");
    assertThrows(IllegalArgumentException.class, () -> SumcheckProof.of(MAX_R + 1, 1, new long[(MAX_R + 1) * L]));
    assertEquals(2, SumcheckProof.of(2, 1, new long[2 * L]).rounds());
  }

  @Test
  void verifierInputsAndShape() {
    long[] claim = element(7);
    SumcheckProof empty = SumcheckProof.of(0, 1, new long[0]);
    Checked<SubClaim> zero = SumcheckVerifier.verify(claim, 0, 1, empty, Transcript.v1());
    assertTrue(zero.isOk());
    assertArrayEquals(claim, zero.value().value());
    assertRejected(SumcheckVerifier.verify(null, 0, 1, empty, Transcript.v1()), "sumcheck: missing input");
    assertRejected(SumcheckVerifier.verify(new long[L + 1], 0, 1, empty, Transcript.v1()), "sumcheck: missing input");
    assertRejected(SumcheckVerifier.verify(claim, 0, 1, (SumcheckProof) null, Transcript.v1()),
        "sumcheck: missing input");
    assertRejected(SumcheckVerifier.verify(claim, 0, 1, empty, null), "sumcheck: missing input");
    SumcheckProof top = SumcheckProof.of(MAX_R, 1, new long[MAX_R * L]);
    assertTrue(SumcheckVerifier.verify(claim, MAX_R, 1, top, Transcript.v1()).isOk());
    assertRejected(SumcheckVerifier.verify(claim, MAX_R + 1, 1, top, Transcript.v1()), "sumcheck: shape out of range");
    assertRejected(SumcheckVerifier.verify(claim, 1, 0, top, Transcript.v1()), "sumcheck: shape out of range");
    assertRejected(SumcheckVerifier.verify(claim, 3, 1, zeros(2), Transcript.v1()),
        "sumcheck: sumcheck proof: truncated at byte 0: need 3 elements");
  }

  @Test
  void batchedInstanceCountLimits() {
    int b = 1 << 16;
    SumcheckProof empty = SumcheckProof.of(0, 1, new long[0]);
    int[] degrees = new int[b];
    Arrays.fill(degrees, 1);
    long[] claims = new long[b * L];
    Checked<BatchedSubClaim> ok = SumcheckVerifier.verifyBatched(claims, new int[b], degrees, empty, Transcript.v1());
    assertTrue(ok.isOk());
    assertEquals(b, ok.value().instances());
    int[] more = Arrays.copyOf(degrees, b + 1);
    more[b] = 1;
    assertRejected(SumcheckVerifier.verifyBatched(new long[(b + 1) * L], new int[b + 1], more, empty,
        Transcript.v1()), "batched sumcheck: instance lists disagree");
    assertRejected(SumcheckVerifier.verifyBatched(new long[0], new int[0], new int[0], empty, Transcript.v1()),
        "batched sumcheck: instance lists disagree");
    assertRejected(SumcheckVerifier.verifyBatched(new long[2 * L], new int[2], new int[] {1}, empty,
        Transcript.v1()), "batched sumcheck: instance lists disagree");
    assertRejected(SumcheckVerifier.verifyBatched(new long[L], new int[2], new int[] {1, 1}, empty,
        Transcript.v1()), "batched sumcheck: instance lists disagree");
    assertRejected(SumcheckVerifier.verifyBatched(new long[2 * L], new int[2], new int[] {1, 0}, empty,
        Transcript.v1()), "batched sumcheck: instance 1 shape out of range");
    assertRejected(SumcheckVerifier.verifyBatched(null, new int[1], new int[1], empty, Transcript.v1()),
        "batched sumcheck: missing input");
    assertRejected(SumcheckVerifier.verifyBatched(new long[L], null, new int[1], zeros(0), Transcript.v1()),
        "batched sumcheck: missing input");
    assertRejected(SumcheckVerifier.verifyBatched(new long[L], new int[] {2}, new int[] {1}, zeros(1),
        Transcript.v1()), "batched sumcheck: sumcheck proof: truncated at byte 0: need 2 elements");
  }

  @Test
  void batchedSubClaimHoldsNeedsOneValuePerInstance() {
    long[] w = element(1);
    BatchedSubClaim c = new BatchedSubClaim(new long[0], element(5), w, new int[] {0});
    assertEquals(1, c.instances());
    assertTrue(c.holds(element(5)));
    assertFalse(c.holds(element(6)));
    assertFalse(c.holds(null));
    assertFalse(c.holds(new long[2 * L]));
  }

  /** m = 0: every eq factor is 1, so c claims all equal to y merge to the claim (empty point, y). */
  private static Checked<SubClaim> mergeConstant(int c, Transcript t) {
    long[] y = element(9);
    long[] values = new long[c * L];
    for (int j = 0; j < c; j++) {
      Fr.copy(values, j * L, y, 0);
    }
    return ClaimMerge.verify(0, new long[c][0], values, SumcheckProof.of(0, 2, new long[0]), y, t);
  }

  @Test
  void mergeClaimCountLimits() {
    assertTrue(mergeConstant(2, Transcript.v1()).isOk());
    assertTrue(mergeConstant(1 << 16, Transcript.v1()).isOk());
    assertRejected(mergeConstant(1, Transcript.v1()), "merge: bad claim list");
    assertRejected(mergeConstant((1 << 16) + 1, Transcript.v1()), "merge: bad claim list");
    long[] y = element(9);
    SumcheckProof empty = SumcheckProof.of(0, 2, new long[0]);
    assertRejected(ClaimMerge.verify(0, new long[2][0], new long[L], empty, y, Transcript.v1()),
        "merge: bad claim list");
    assertRejected(ClaimMerge.verify(0, new long[2][0], new long[2 * L], empty, new long[2 * L], Transcript.v1()),
        "merge: bad claim list");
    assertRejected(ClaimMerge.verify(1, new long[][] {new long[L], new long[2 * L]}, new long[2 * L],
        SumcheckProof.of(1, 2, new long[2 * L]), y, Transcript.v1()), "merge: claim point of wrong size");
    assertRejected(ClaimMerge.verify(1, new long[2][L], new long[2 * L], empty, y, Transcript.v1()),
        "merge: sumcheck: proof has 0 rounds of degree 2, expected 1 of degree 2");
    assertRejected(ClaimMerge.verify(1, new long[2][L], new long[2 * L], zeros(1), Transcript.v1()),
        "merge: sumcheck proof: truncated at byte 0: need 2 elements");
    assertRejected(ClaimMerge.verify(1, new long[2][L], new long[2 * L], zeros(2), Transcript.v1()),
        "merge: truncated at byte 64: need 1 elements");
  }

  @Test
  void mergeProverAndVerifierTranscriptsAgreeAfterward() {
    SplittableRandom rnd = new SplittableRandom(8);
    int m = 3;
    long[] y = random(rnd, 8);
    long[][] points = {random(rnd, m), random(rnd, m)};
    long[] values = new long[2 * L];
    for (int j = 0; j < 2; j++) {
      Multilinear.evaluate(values, j * L, y, 0, m, points[j], 0);
    }
    Transcript tp = Transcript.v1();
    ClaimMerge.Merged mp = ClaimMerge.prove(y, m, points, tp);
    Transcript tv = Transcript.v1();
    Checked<SubClaim> sc = ClaimMerge.verify(m, points, values, mp.proof(), mp.value(), tv);
    assertTrue(sc.isOk(), sc.reason());
    assertArrayEquals(mp.value(), sc.value().value());
    // both sides absorbed y: the transcripts are in the same state afterwards
    assertArrayEquals(tp.challengeFr("next"), tv.challengeFr("next"));
  }

  @Test
  void eqWeightedClaimOverSeveralPieces() {
    // 2^15 entries: enough work to be cut into pieces on a machine with more than one core
    SplittableRandom rnd = new SplittableRandom(9);
    int k = 15;
    long[] z = random(rnd, k);
    long[] f = random(rnd, 1 << k);
    long[] want = new long[L];
    Multilinear.evaluate(want, 0, f, 0, k, z, 0);
    assertArrayEquals(want, new EqWeightedInstance(z, k, Composition.product(1), f).claim());
  }

  @Test
  void fieldReaderRange() {
    byte[] data = new byte[3 * Fr.BYTES];
    assertEquals(2, new FieldReader(data, Fr.BYTES, 2 * Fr.BYTES).remainingElements());
    FieldReader past = new FieldReader(data, 1, data.length);
    assertEquals("byte range out of bounds", past.error());
    assertEquals(0, past.remainingElements());
    assertFalse(past.read(new long[L], 0));
    assertEquals("byte range out of bounds", past.error());
    assertEquals("byte range out of bounds", new FieldReader(data, -1, 1).error());
    assertEquals("byte range out of bounds", new FieldReader(data, 0, -1).error());
    assertEquals("byte range out of bounds", new FieldReader(null, 0, 0).error());
  }

  @Test
  void fieldReaderElementBoundaries() {
    // 31 bytes left: one element short, refused by the single-element read itself
    FieldReader shortBy1 = new FieldReader(new byte[2 * Fr.BYTES - 1], 0, 2 * Fr.BYTES - 1);
    long[] out = new long[L];
    assertTrue(shortBy1.read(out, 0));
    assertFalse(shortBy1.read(out, 0));
    assertEquals("truncated at byte 32", shortBy1.error());
    assertEquals(Fr.BYTES, shortBy1.position());
    // p - 1 is canonical, p is not
    byte[] pm1 = new byte[Fr.BYTES];
    long[] minusOne = element(1);
    Fr.neg(minusOne, 0, minusOne, 0);
    Fr.toBytes(pm1, 0, minusOne, 0);
    FieldReader ok = new FieldReader(pm1, 0, Fr.BYTES);
    assertTrue(ok.read(out, 0));
    assertTrue(ok.atEnd());
    assertArrayEquals(minusOne, out);
    byte[] pBytes = bigEndian(Fr.MODULUS);
    FieldReader bad = new FieldReader(pBytes, 0, Fr.BYTES);
    assertFalse(bad.read(out, 0));
    assertEquals("non-canonical field element at byte 0", bad.error());
    assertFalse(bad.atEnd());
    assertEquals(0, bad.position());
  }

  static byte[] bigEndian(java.math.BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[Fr.BYTES];
    int n = Math.min(raw.length, Fr.BYTES);
    System.arraycopy(raw, raw.length - n, out, Fr.BYTES - n, n);
    return out;
  }

  @Test
  void checkedToString() {
    assertEquals("ok(3)", Checked.ok(3).toString());
    assertEquals("rejected(no)", Checked.rejected("no").toString());
    assertEquals("rejected(rejected)", Checked.rejected(null).toString());
  }

  @Test
  void productArityLimits() {
    assertEquals(1, Composition.product(1).degree());
    assertEquals(MAX_D, Composition.product(MAX_D).arity());
    assertThrows(IllegalArgumentException.class, () -> Composition.product(0));
    assertThrows(IllegalArgumentException.class, () -> Composition.product(MAX_D + 1));
  }

  private static Composition ofDegree(int degree) {
    return new Composition() {
      @Override
      public int arity() {
        return 1;
      }

      @Override
      public int degree() {
        return degree;
      }

      @Override
      public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] scratch) {
        Fr.copy(out, outOff, v, vOff);
      }
    };
  }

  @Test
  void eqWeightedConstructorLimits() {
    long[] z = new long[2 * L];
    long[] f = new long[4 * L];
    assertEquals(1, new EqWeightedInstance(z, 2, ofDegree(0), f).degree());
    assertEquals(MAX_D, new EqWeightedInstance(z, 2, ofDegree(MAX_D - 1), f).degree());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EqWeightedInstance(z, 2, ofDegree(MAX_D), f));
    assertEquals("need one table per input of P, and a small degree", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new EqWeightedInstance(z, 2, ofDegree(-1), f));
    assertEquals("need one table per input of P, and a small degree", e.getMessage());
    // the point: numVars elements suffice, one fewer does not
    e = assertThrows(IllegalArgumentException.class,
        () -> new EqWeightedInstance(new long[2 * L - 1], 2, ofDegree(1), f));
    assertEquals("bad point or numVars", e.getMessage());
    // numVars = MAX_VARS passes the shape check (then the tiny table is refused); one more does not
    int mv = Multilinear.MAX_VARS;
    e = assertThrows(IllegalArgumentException.class,
        () -> new EqWeightedInstance(new long[mv * L], mv, ofDegree(1), f));
    assertEquals("table shorter than 2^" + mv + " elements", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new EqWeightedInstance(new long[(mv + 1) * L], mv + 1, ofDegree(1), f));
    assertEquals("bad point or numVars", e.getMessage());
    // tables: 2^numVars elements suffice, one fewer does not
    e = assertThrows(IllegalArgumentException.class,
        () -> new EqWeightedInstance(z, 2, ofDegree(1), new long[4 * L - 1]));
    assertEquals("table shorter than 2^2 elements", e.getMessage());
  }

  @Test
  void eqWeightedBindWithoutRoundMessageKeepsTheRunningClaim() {
    SplittableRandom rnd = new SplittableRandom(5);
    long[] z = random(rnd, 3);
    long[] f = random(rnd, 8);
    long[] r = random(rnd, 1);
    EqWeightedInstance told = new EqWeightedInstance(z, 3, Composition.product(1), f);
    told.roundEvaluations();
    told.bind(r, 0);
    EqWeightedInstance untold = new EqWeightedInstance(z, 3, Composition.product(1), f);
    untold.bind(r, 0);
    assertArrayEquals(told.roundEvaluations(), untold.roundEvaluations());
  }

  @Test
  void expectedFinalIsEqTimesP() {
    SplittableRandom rnd = new SplittableRandom(6);
    long[] z = random(rnd, 2);
    long[] r = random(rnd, 2);
    long[] v = random(rnd, 2);
    long[] want = new long[L];
    Multilinear.eqEvaluate(want, 0, z, 0, r, 0, 2);
    Fr.mul(want, 0, want, 0, v, 0);
    Fr.mul(want, 0, want, 0, v, L);
    assertArrayEquals(want, EqWeightedInstance.expectedFinal(z, r, 2, Composition.product(2), v));
  }
}
