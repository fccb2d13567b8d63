package org.besuzkml.sumcheck;

import static org.besuzkml.sumcheck.SumcheckTestSupport.L;
import static org.besuzkml.sumcheck.SumcheckTestSupport.bruteForce;
import static org.besuzkml.sumcheck.SumcheckTestSupport.element;
import static org.besuzkml.sumcheck.SumcheckTestSupport.mle;
import static org.besuzkml.sumcheck.SumcheckTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

class SumcheckTest {
  private static Transcript transcript() {
    Transcript t = Transcript.v1();
    t.absorbBytes("test", new byte[] {1, 2, 3});
    return t;
  }

  @Test
  void productCompletenessAgainstBruteForce() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int k = 0; k <= 12; k++) {
      long[] f = random(rnd, 1 << k);
      long[] g = random(rnd, 1 << k);
      long[] sum = bruteForce(Composition.product(2), k, f, g);
      ProductInstance inst = new ProductInstance(k, f, g);
      assertArrayEquals(sum, inst.claim(), "claim k=" + k);
      Transcript pt = transcript();
      SumcheckProver.Proved run = SumcheckProver.prove(inst, pt);
      long[] finals = inst.finalValues();
      assertArrayEquals(mle(f, k, run.point()), java.util.Arrays.copyOfRange(finals, 0, L), "f(r) k=" + k);
      assertArrayEquals(mle(g, k, run.point()), java.util.Arrays.copyOfRange(finals, L, 2 * L), "g(r) k=" + k);

      Transcript vt = transcript();
      Checked<SubClaim> sc = SumcheckVerifier.verify(sum, k, 2, run.proof(), vt);
      assertTrue(sc.isOk(), sc.reason());
      assertArrayEquals(run.point(), sc.value().point());
      assertTrue(sc.value().holds(ProductInstance.expectedFinal(finals, 2)), "k=" + k);
      assertArrayEquals(pt.challengeFr("after"), vt.challengeFr("after"), "transcripts in step");
    }
  }

  @Test
  void tripleProductCompleteness() {
    SplittableRandom rnd = new SplittableRandom(2);
    for (int k = 1; k <= 12; k += 3) {
      long[] a = random(rnd, 1 << k);
      long[] b = random(rnd, 1 << k);
      long[] c = random(rnd, 1 << k);
      ProductInstance inst = new ProductInstance(k, a, b, c);
      long[] sum = bruteForce(Composition.product(3), k, a, b, c);
      SumcheckProver.Proved run = SumcheckProver.prove(inst, transcript());
      Checked<SubClaim> sc = SumcheckVerifier.verify(sum, k, 3, run.proof(), transcript());
      assertTrue(sc.value().holds(ProductInstance.expectedFinal(inst.finalValues(), 3)));
    }
  }

  @Test
  void eqWeightedCompletenessAgainstBruteForce() {
    SplittableRandom rnd = new SplittableRandom(3);
    Composition p = SumcheckTestSupport.sampleP();
    for (int k = 0; k <= 12; k++) {
      long[] z = random(rnd, k);
      long[] f1 = random(rnd, 1 << k);
      long[] f2 = random(rnd, 1 << k);
      long[] f3 = random(rnd, 1 << k);
      long[] eq = Multilinear.eqTable(z, 0, k);
      Composition eqTimesP = new Composition() {
        public int arity() {
          return 4;
        }

        public int degree() {
          return 3;
        }

        public int scratchElements() {
          return p.scratchElements();
        }

        public void evaluate(long[] out, int o, long[] v, int vo, long[] scratch) {
          p.evaluate(out, o, v, vo + L, scratch);
          Fr.mul(out, o, out, o, v, vo);
        }
      };
      long[] sum = bruteForce(eqTimesP, k, eq, f1, f2, f3);
      EqWeightedInstance inst = new EqWeightedInstance(z, k, p, f1, f2, f3);
      assertEquals(3, inst.degree());
      assertArrayEquals(sum, inst.claim(), "k=" + k);
      SumcheckProver.Proved run = SumcheckProver.prove(inst, transcript());
      Checked<SubClaim> sc = SumcheckVerifier.verify(sum, k, 3, run.proof(), transcript());
      assertTrue(sc.isOk());
      long[] finals = inst.finalValues();
      assertEquals(3 * L, finals.length);
      assertArrayEquals(mle(f3, k, run.point()), java.util.Arrays.copyOfRange(finals, 2 * L, 3 * L));
      assertTrue(sc.value().holds(EqWeightedInstance.expectedFinal(z, sc.value().point(), k, p, finals)), "k=" + k);
    }
  }

  @Test
  void eqWeightedAtBooleanAndHalfCoordinates() {
    // consumers make claims at points with fixed 0, 1 or 1/2 coordinates (4.4); z_i = 0 disables
    // the prover's shortcut for q(1), which must then be computed directly
    SplittableRandom rnd = new SplittableRandom(30);
    Composition p = SumcheckTestSupport.sampleP();
    int k = 6;
    long[] z = random(rnd, k);
    Fr.setZero(z, 0);
    Fr.setOne(z, L);
    long[] two = element(2);
    Fr.inv(z, 2 * L, two, 0);
    Fr.setZero(z, 4 * L);
    long[][] f = {random(rnd, 1 << k), random(rnd, 1 << k), random(rnd, 1 << k)};
    long[] brute = new long[L];
    long[] eq = Multilinear.eqTable(z, 0, k);
    long[] v = new long[3 * L];
    long[] out = new long[L];
    for (int x = 0; x < 1 << k; x++) {
      for (int j = 0; j < 3; j++) {
        Fr.copy(v, j * L, f[j], x * L);
      }
      p.evaluate(out, 0, v, 0);
      Fr.mul(out, 0, out, 0, eq, x * L);
      Fr.add(brute, 0, brute, 0, out, 0);
    }
    for (boolean claimFirst : new boolean[] {true, false}) {
      EqWeightedInstance inst = new EqWeightedInstance(z, k, p, f);
      if (claimFirst) {
        assertArrayEquals(brute, inst.claim());
      }
      SumcheckProver.Proved run = SumcheckProver.prove(inst, transcript());
      assertArrayEquals(brute, inst.claim());
      Checked<SubClaim> sc = SumcheckVerifier.verify(brute, k, 3, run.proof(), transcript());
      assertTrue(sc.value().holds(EqWeightedInstance.expectedFinal(z, run.point(), k, p, inst.finalValues())));
    }
  }

  @Test
  void roundPolynomialTamperedRejected() {
    SplittableRandom rnd = new SplittableRandom(4);
    int k = 6;
    long[] f = random(rnd, 1 << k);
    long[] g = random(rnd, 1 << k);
    ProductInstance inst = new ProductInstance(k, f, g);
    long[] sum = inst.claim();
    SumcheckProver.Proved run = SumcheckProver.prove(inst, transcript());
    long[] honestFinals = inst.finalValues();
    long[] msg = run.proof().compressed();
    for (int e = 0; e < k * 2; e++) {
      long[] bad = msg.clone();
      Fr.add(bad, e * L, bad, e * L, element(1), 0);
      SumcheckProof tampered = SumcheckProof.of(k, 2, bad);
      Checked<SubClaim> sc = SumcheckVerifier.verify(sum, k, 2, tampered, transcript());
      assertTrue(sc.isOk(), "shape is fine; the sub-claim carries the failure");
      // the caller's check with the true factor values at the verifier's point fails
      long[] point = sc.value().point();
      long[] expected = Fr.limbsOf(java.math.BigInteger.ZERO);
      Fr.mul(expected, 0, mle(f, k, point), 0, mle(g, k, point), 0);
      assertFalse(sc.value().holds(expected), "tampered element " + e);
    }
    // untampered: holds
    Checked<SubClaim> ok = SumcheckVerifier.verify(sum, k, 2, run.proof(), transcript());
    assertTrue(ok.value().holds(ProductInstance.expectedFinal(honestFinals, 2)));
  }

  @Test
  void wrongClaimedSumRejected() {
    SplittableRandom rnd = new SplittableRandom(5);
    int k = 5;
    long[] f = random(rnd, 1 << k);
    long[] g = random(rnd, 1 << k);
    ProductInstance inst = new ProductInstance(k, f, g);
    long[] wrong = inst.claim();
    Fr.add(wrong, 0, wrong, 0, element(1), 0);
    SumcheckProver.Proved run = SumcheckProver.prove(inst, transcript());
    Checked<SubClaim> sc = SumcheckVerifier.verify(wrong, k, 2, run.proof(), transcript());
    assertFalse(sc.value().holds(ProductInstance.expectedFinal(inst.finalValues(), 2)));
  }

  @Test
  void finalClaimNotCheckedIsCallerBug() {
    // verify() returns a sub-claim even for a false statement: it is not a verdict. Only the
    // caller's check of g(r) against the final value catches a wrong final evaluation.
    SplittableRandom rnd = new SplittableRandom(6);
    int k = 4;
    long[] f = random(rnd, 1 << k);
    long[] g = random(rnd, 1 << k);
    ProductInstance inst = new ProductInstance(k, f, g);
    long[] sum = inst.claim();
    SumcheckProver.Proved run = SumcheckProver.prove(inst, transcript());
    Checked<SubClaim> sc = SumcheckVerifier.verify(sum, k, 2, run.proof(), transcript());
    assertTrue(sc.isOk());
    long[] finals = inst.finalValues();
    assertTrue(sc.value().holds(ProductInstance.expectedFinal(finals, 2)));
    // a prover stating a wrong f(r): the caller who checks catches it
    long[] lying = finals.clone();
    Fr.add(lying, 0, lying, 0, element(1), 0);
    assertFalse(sc.value().holds(ProductInstance.expectedFinal(lying, 2)));
    // and a false input claim still yields an "ok" sub-claim: skipping the check would accept it
    long[] falseSum = sum.clone();
    Fr.add(falseSum, 0, falseSum, 0, element(7), 0);
    Checked<SubClaim> forged = SumcheckVerifier.verify(falseSum, k, 2, run.proof(), transcript());
    assertTrue(forged.isOk(), "the verifier leaves the decision to the caller");
    assertFalse(forged.value().holds(ProductInstance.expectedFinal(finals, 2)));
  }

  @Test
  void zeroRoundsSubClaimIsTheInputClaim() {
    long[] c = element(42);
    ProductInstance inst = new ProductInstance(0, element(6), element(7));
    assertArrayEquals(c, inst.claim());
    SumcheckProver.Proved run = SumcheckProver.prove(inst, transcript());
    assertEquals(0, run.proof().size());
    Checked<SubClaim> sc = SumcheckVerifier.verify(c, 0, 2, run.proof(), transcript());
    assertArrayEquals(c, sc.value().value());
    assertEquals(0, sc.value().point().length);
  }
}
