package org.besuzkml.sumcheck;

import static org.besuzkml.sumcheck.SumcheckTestSupport.L;
import static org.besuzkml.sumcheck.SumcheckTestSupport.element;
import static org.besuzkml.sumcheck.SumcheckTestSupport.mle;
import static org.besuzkml.sumcheck.SumcheckTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.poly.Univariate;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

/**
 * The masked sumcheck of zk-design 3: zero-sum masks, round polynomials against brute force, the
 * Lambda-claim it leaves, lies in every round and in the mask column, shapes, and the uniformity of
 * its messages (exactly, through the triangular map of 3.2, and statistically against a zero-mask
 * control).
 */
class ZkSumcheckTest {
  private static final int[] DEGREES = {2, 3, 2};
  private static final int K = DEGREES.length;

  private static Transcript transcript() {
    Transcript t = Transcript.v1();
    t.absorbBytes("test", new byte[] {7});
    return t;
  }

  /** g(x) = sum_t sum_c a_{t,c} (x_t^c - 1/2), written out independently of ZkSumcheck.maskAt. */
  private static long[] mask(long[] lambda, int first, int[] degrees, long[] x) {
    long[] half = new long[L];
    Fr.inv(half, 0, element(2), 0);
    long[] acc = new long[L];
    long[] pw = new long[L];
    long[] t = new long[L];
    int e = first;
    for (int v = 0; v < degrees.length; v++) {
      Fr.setOne(pw, 0);
      for (int c = 1; c <= degrees[v]; c++) {
        Fr.mul(pw, 0, pw, 0, x, v * L);
        Fr.sub(t, 0, pw, 0, half, 0);
        Fr.mul(t, 0, t, 0, lambda, e++ * L);
        Fr.add(acc, 0, acc, 0, t, 0);
      }
    }
    return acc;
  }

  private static long[] booleanPoint(int x, int k) {
    long[] p = new long[k * L];
    for (int v = 0; v < k; v++) {
      Fr.fromLong(p, v * L, (x >> (k - 1 - v)) & 1);
    }
    return p;
  }

  private static long[] add(long[] a, long[] b) {
    long[] r = new long[L];
    Fr.add(r, 0, a, 0, b, 0);
    return r;
  }

  private static long[] sub(long[] a, long[] b) {
    long[] r = new long[L];
    Fr.sub(r, 0, a, 0, b, 0);
    return r;
  }

  private static long[] mul(long[] a, long[] b) {
    long[] r = new long[L];
    Fr.mul(r, 0, a, 0, b, 0);
    return r;
  }

  private static long[] invPow2(int e) {
    long[] r = element(1);
    long[] half = new long[L];
    Fr.inv(half, 0, element(2), 0);
    for (int i = 0; i < e; i++) {
      r = mul(r, half);
    }
    return r;
  }

  @Test
  void maskSumsToZeroOverTheHypercubeForAnyCoefficients() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int trial = 0; trial < 40; trial++) {
      int k = 1 + rnd.nextInt(5);
      int[] degrees = rnd.ints(k, 1, 6).toArray();
      int size = SumcheckProof.elements(degrees) + 3;
      long[] lambda = random(rnd, size);
      long[] sum = new long[L];
      for (int x = 0; x < 1 << k; x++) {
        long[] g = mask(lambda, 3, degrees, booleanPoint(x, k));
        assertArrayEquals(g, ZkSumcheck.maskAt(booleanPoint(x, k), degrees, 3).evaluate(lambda), "maskAt at x=" + x);
        sum = add(sum, g);
      }
      assertTrue(Fr.isZero(sum, 0), "sum g over {0,1}^" + k + " with degrees " + Arrays.toString(degrees));
      // and g is not the zero polynomial: it does not vanish at a random point
      assertFalse(Fr.isZero(mask(lambda, 3, degrees, random(rnd, k)), 0));
    }
  }

  /**
   * One honest masked run on a two-table product whose column holds the run's sum D_t coefficients
   * and, last, the slot of the input claim's hidden offset {@code o = Lambda[n]}.
   */
  private record Run(long[] fa, long[] fb, long[] lambda, long[] claim, SumcheckProver.Proved proved) {
    long[] offset() {
      return Arrays.copyOfRange(lambda, (lambda.length / L - 1) * L, lambda.length);
    }

    MaskForm offsetForm() {
      return MaskForm.single(lambda.length / L - 1, element(1), 0);
    }
  }

  private static Run honest(long[] fa, long[] fb, long[] lambda) {
    ProductInstance inst = new ProductInstance(K, fa, fb);
    long[] offset = Arrays.copyOfRange(lambda, lambda.length - L, lambda.length);
    long[] claim = add(inst.claim(), offset);
    SumcheckProver.Proved p = ZkSumcheckProver.prove(inst, DEGREES, offset, lambda, MaskCursor.of(lambda.length / L),
        transcript());
    return new Run(fa, fb, lambda, claim, p);
  }

  private static Run honest(SplittableRandom rnd) {
    return honest(random(rnd, 1 << K), random(rnd, 1 << K), random(rnd, SumcheckProof.elements(DEGREES) + 1));
  }

  /** The summand h = f_a f_b + g + 2^(-k) o at any point. */
  private static long[] summand(Run run, long[] point) {
    long[] f = mul(mle(run.fa(), K, point), mle(run.fb(), K, point));
    return add(add(f, mask(run.lambda(), 0, DEGREES, point)), mul(invPow2(K), run.offset()));
  }

  @Test
  void roundPolynomialsAreTheMaskedSummandsSumsByBruteForce() {
    Run run = honest(new SplittableRandom(2));
    long[] r = run.proved().point();
    long[] msg = run.proved().proof().compressed();
    long[] claim = run.claim();
    int off = 0;
    for (int i = 0; i < K; i++) {
      int d = DEGREES[i];
      long[] values = new long[(d + 1) * L];
      for (int t = 0; t <= d; t++) {
        long[] s = new long[L];
        for (int x = 0; x < 1 << (K - 1 - i); x++) {
          long[] pt = new long[K * L];
          System.arraycopy(r, 0, pt, 0, i * L);
          Fr.fromLong(pt, i * L, t);
          System.arraycopy(booleanPoint(x, K - 1 - i), 0, pt, (i + 1) * L, (K - 1 - i) * L);
          s = add(s, summand(run, pt));
        }
        Fr.copy(values, t * L, s, 0);
      }
      assertArrayEquals(claim, add(Arrays.copyOfRange(values, 0, L), Arrays.copyOfRange(values, L, 2 * L)),
          "round " + i + ": s(0) + s(1) is the running claim");
      long[] coeffs = Univariate.coefficientsFromEvaluations(values, 0, d + 1);
      assertArrayEquals(Arrays.copyOfRange(coeffs, 0, L), Arrays.copyOfRange(msg, off, off + L), "round " + i + " c_0");
      for (int c = 2; c <= d; c++) {
        assertArrayEquals(Arrays.copyOfRange(coeffs, c * L, (c + 1) * L),
            Arrays.copyOfRange(msg, off + (c - 1) * L, off + c * L), "round " + i + " c_" + c);
      }
      claim = new long[L];
      Univariate.evaluate(claim, 0, coeffs, 0, d + 1, r, i * L);
      off += d * L;
    }
    assertArrayEquals(summand(run, r), claim, "the final claim is h(r)");
  }

  private static Checked<Masked<SubClaim>> verify(Run run, SumcheckProof proof, MaskCursor cursor) {
    return ZkSumcheckVerifier.verify(run.claim(), DEGREES, run.offsetForm(), proof, cursor, transcript());
  }

  private static boolean lambdaClaimHolds(Masked<SubClaim> m, Run run) {
    return lambdaClaimHolds(m, run.fa(), run.fb(), run.lambda());
  }

  /** The Lambda-claim's two sides: <mask, Lambda> and final - f_a(r) f_b(r). */
  private static boolean lambdaClaimHolds(Masked<SubClaim> m, long[] fa, long[] fb, long[] lambda) {
    long[] r = m.claim().point();
    long[] f = mul(mle(fa, K, r), mle(fb, K, r));
    return Fr.equal(m.mask().evaluate(lambda), 0, sub(m.claim().value(), f), 0);
  }

  @Test
  void honestRunVerifiesAndLeavesATrueLambdaClaimWithTheOffsetInIt() {
    SplittableRandom rnd = new SplittableRandom(3);
    long[] fa = random(rnd, 1 << K);
    long[] fb = random(rnd, 1 << K);
    int n = SumcheckProof.elements(DEGREES);
    // the column: two entries of an earlier consumer, the run's 7, then the offset's slot
    long[] lambda = random(rnd, n + 3);
    long[] coefficient = random(rnd, 1);
    long[] offset = mul(coefficient, Arrays.copyOfRange(lambda, (n + 2) * L, (n + 3) * L));
    ProductInstance inst = new ProductInstance(K, fa, fb);
    long[] claim = add(inst.claim(), offset);
    MaskCursor pc = MaskCursor.of(n + 3);
    pc.take(2);
    Transcript pt = transcript();
    SumcheckProver.Proved p = ZkSumcheckProver.prove(inst, DEGREES, offset, lambda, pc, pt);

    MaskCursor vc = MaskCursor.of(n + 3);
    assertEquals(0, vc.take(2));
    Transcript vt = transcript();
    Checked<Masked<SubClaim>> m = ZkSumcheckVerifier.verify(claim, DEGREES,
        MaskForm.single(n + 2, coefficient, 0), p.proof(), vc, vt);
    assertTrue(m.isOk(), m.reason());
    assertArrayEquals(p.point(), m.value().claim().point());
    assertEquals(pc.used(), vc.used(), "prover and verifier allocate alike");
    assertEquals(n + 2, vc.take(1), "the run took exactly its sum D_t entries");
    assertArrayEquals(pt.challengeFr("after"), vt.challengeFr("after"), "transcripts in step");
    assertTrue(lambdaClaimHolds(m.value(), fa, fb, lambda));
    // the stated f values are those of the unmasked tables
    assertArrayEquals(mle(fa, K, p.point()), Arrays.copyOfRange(inst.finalValues(), 0, L));
    // the form uses every entry the run and the offset took, and nothing else
    for (int e = 0; e < n + 3; e++) {
      long[] other = lambda.clone();
      Fr.add(other, e * L, other, e * L, element(1), 0);
      assertEquals(e < 2, lambdaClaimHolds(m.value(), fa, fb, other), "entry " + e);
    }
  }

  @Test
  void aLieInAnyCoefficientOfAnyRoundBreaksTheLambdaClaim() {
    Run run = honest(new SplittableRandom(4));
    int size = run.lambda().length / L;
    Checked<Masked<SubClaim>> ok = verify(run, run.proved().proof(), MaskCursor.of(size));
    assertTrue(ok.isOk(), ok.reason());
    assertTrue(lambdaClaimHolds(ok.value(), run));
    long[] msg = run.proved().proof().compressed();
    for (int e = 0; e < msg.length / L; e++) {
      long[] lie = msg.clone();
      Fr.add(lie, e * L, lie, e * L, element(1), 0);
      Checked<Masked<SubClaim>> m = verify(run, SumcheckProof.ofDegrees(DEGREES, lie), MaskCursor.of(size));
      assertTrue(m.isOk(), "rounds alone cannot refuse: the lie shows in the Lambda-claim");
      assertFalse(lambdaClaimHolds(m.value(), run), "lie at element " + e);
    }
    // a false input claim, with the honest rounds of the true one, fails the same way
    Checked<Masked<SubClaim>> m = ZkSumcheckVerifier.verify(add(run.claim(), element(1)), DEGREES, run.offsetForm(),
        run.proved().proof(), MaskCursor.of(size), transcript());
    assertFalse(lambdaClaimHolds(m.value(), run));
    // and so does a claim whose offset the verifier was told to read at another entry
    m = ZkSumcheckVerifier.verify(run.claim(), DEGREES, MaskForm.single(0, element(1), 0), run.proved().proof(),
        MaskCursor.of(size), transcript());
    assertFalse(lambdaClaimHolds(m.value(), run));
  }

  @Test
  void shapesAndTheMaskColumnAreChecked() {
    Run run = honest(new SplittableRandom(5));
    SumcheckProof proof = run.proved().proof();
    int n = SumcheckProof.elements(DEGREES);
    assertEquals("masked sumcheck: mask column overrun", verify(run, proof, MaskCursor.of(n - 1)).reason());
    MaskCursor late = MaskCursor.of(n + 1);
    late.take(2);
    assertEquals("masked sumcheck: mask column overrun", verify(run, proof, late).reason());
    assertEquals(2, late.used(), "a refused run takes nothing");
    assertTrue(verify(run, proof, MaskCursor.of(n)).isOk(), "exactly sum D_t entries suffice");
    for (int[] other : new int[][] {{3, 2, 2}, {2, 3}, {2, 3, 2, 1}, {2, 2, 3}}) {
      Checked<Masked<SubClaim>> m = ZkSumcheckVerifier.verify(run.claim(), other, new MaskForm(), proof,
          MaskCursor.of(64), transcript());
      assertEquals("masked sumcheck: proof's round degrees differ from the vk's", m.reason(), Arrays.toString(other));
    }
    for (int[] bad : new int[][] {{2, 0, 2}, {2, 33, 2}, null, new int[65]}) {
      assertEquals("masked sumcheck: degree list out of range", ZkSumcheckVerifier.verify(run.claim(), bad,
          new MaskForm(), proof, MaskCursor.of(64), transcript()).reason());
    }
    assertEquals("masked sumcheck: missing input", ZkSumcheckVerifier.verify(run.claim(), DEGREES, null, proof,
        MaskCursor.of(64), transcript()).reason());
    assertEquals("masked sumcheck: missing input", ZkSumcheckVerifier.verify(run.claim(), DEGREES, new MaskForm(),
        (FieldReader) null, MaskCursor.of(64), transcript()).reason());
    // the plain verifier takes only proofs of one degree, even one whose largest degree it names
    assertTrue(SumcheckVerifier.verify(run.claim(), K, 3, proof, transcript()).reason()
        .startsWith("sumcheck: proof has 3 rounds of degree 3"));
    assertTrue(SumcheckVerifier.verify(run.claim(), K, 2, proof, transcript()).reason()
        .startsWith("sumcheck: proof has"));
    // the degree limits at their boundaries
    int[] longest = new int[SumcheckProof.MAX_ROUNDS];
    Arrays.fill(longest, 1);
    assertTrue(SumcheckProof.validDegrees(longest));
    assertTrue(SumcheckProof.validDegrees(new int[] {1, SumcheckProof.MAX_DEGREE}));
    assertTrue(SumcheckProof.validDegrees(new int[0]));
    int[][] many = new int[1 << 16][];
    Arrays.fill(many, new int[] {1});
    assertArrayEquals(new int[] {1}, ZkSumcheck.combinedDegrees(many));
    assertEquals(null, ZkSumcheck.combinedDegrees(Arrays.copyOf(many, (1 << 16) + 1)));
    assertEquals(null, ZkSumcheck.combinedDegrees(new int[0][]));
    assertEquals(null, ZkSumcheck.combinedDegrees(new int[][] {{1}, {0}}));
    // decoding reads exactly sum D_t elements
    byte[] bytes = proof.encode();
    assertEquals(n * Fr.BYTES, bytes.length);
    FieldReader in = new FieldReader(bytes, 0, bytes.length);
    assertTrue(ZkSumcheckVerifier.verify(run.claim(), DEGREES, new MaskForm(), in, MaskCursor.of(n),
        transcript()).isOk());
    assertTrue(in.atEnd());
    FieldReader shortIn = new FieldReader(bytes, 0, bytes.length - Fr.BYTES);
    assertTrue(ZkSumcheckVerifier.verify(run.claim(), DEGREES, new MaskForm(), shortIn, MaskCursor.of(n),
        transcript()).reason().startsWith("masked sumcheck: sumcheck proof: truncated"));
  }

  @Test
  void batchedRunWithDormantInstancesAndOffsets() {
    SplittableRandom rnd = new SplittableRandom(6);
    int[][] degrees = {{2, 2, 3}, {2}, {3, 2}};
    int[] sizes = {3, 1, 2};
    long[][][] tables = new long[3][2][];
    List<ProductInstance> insts = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tables[i][0] = random(rnd, 1 << sizes[i]);
      tables[i][1] = random(rnd, 1 << sizes[i]);
      insts.add(new ProductInstance(sizes[i], tables[i][0], tables[i][1]));
    }
    int[] combined = ZkSumcheck.combinedDegrees(degrees);
    assertArrayEquals(new int[] {2, 3, 3}, combined);
    int n = SumcheckProof.elements(combined);
    long[] lambda = random(rnd, n + 3);
    long[] offsets = new long[3 * L];
    MaskForm[] forms = new MaskForm[3];
    long[] claims = new long[3 * L];
    for (int i = 0; i < 3; i++) {
      long[] c = random(rnd, 1);
      forms[i] = MaskForm.single(n + i, c, 0);
      Fr.mul(offsets, i * L, c, 0, lambda, (n + i) * L);
      Fr.add(claims, i * L, insts.get(i).claim(), 0, offsets, i * L);
    }
    SumcheckProver.Proved p = ZkSumcheckProver.proveBatched(insts, degrees, offsets, lambda, MaskCursor.of(n + 3),
        transcript());
    assertTrue(p.proof().hasDegrees(combined));
    for (int victim = -1; victim < 3; victim++) {
      long[] cl = claims.clone();
      if (victim >= 0) {
        Fr.add(cl, victim * L, cl, victim * L, element(1), 0);
      }
      Checked<Masked<BatchedSubClaim>> m = ZkSumcheckVerifier.verifyBatched(cl, degrees, forms, p.proof(),
          MaskCursor.of(n + 3), transcript());
      assertTrue(m.isOk(), m.reason());
      BatchedSubClaim b = m.value().claim();
      long[] f = new long[L];
      for (int i = 0; i < 3; i++) {
        long[] pt = b.instancePoint(i);
        long[] gi = mul(mle(tables[i][0], sizes[i], pt), mle(tables[i][1], sizes[i], pt));
        f = add(f, mul(gi, Arrays.copyOfRange(b.weights(), i * L, (i + 1) * L)));
      }
      boolean holds = Fr.equal(m.value().mask().evaluate(lambda), 0, sub(b.value(), f), 0);
      assertEquals(victim < 0, holds, "victim " + victim);
    }
    assertEquals("masked batched sumcheck: proof's round degrees differ from the vk's", ZkSumcheckVerifier
        .verifyBatched(claims, new int[][] {{2, 2, 2}, {2}, {3, 2}}, forms, p.proof(), MaskCursor.of(n + 3),
            transcript()).reason());
    assertEquals("masked batched sumcheck: instance lists disagree", ZkSumcheckVerifier.verifyBatched(claims,
        degrees, Arrays.copyOf(forms, 2), p.proof(), MaskCursor.of(n + 3), transcript()).reason());
    assertEquals("masked batched sumcheck: mask column overrun", ZkSumcheckVerifier.verifyBatched(claims, degrees,
        forms, p.proof(), MaskCursor.of(n - 1), transcript()).reason());
    assertEquals("masked batched sumcheck: instance lists disagree", ZkSumcheckVerifier.verifyBatched(
        Arrays.copyOf(claims, 2 * L), degrees, forms, p.proof(), MaskCursor.of(n + 3), transcript()).reason());
    assertEquals("masked batched sumcheck: missing offset", ZkSumcheckVerifier.verifyBatched(claims, degrees,
        new MaskForm[] {forms[0], null, forms[2]}, p.proof(), MaskCursor.of(n + 3), transcript()).reason());
    assertEquals("masked batched sumcheck: instance degree lists out of range", ZkSumcheckVerifier.verifyBatched(
        claims, new int[][] {{2, 0}}, forms, p.proof(), MaskCursor.of(n + 3), transcript()).reason());
    // read from bytes: exactly sum D_t elements, and the same result
    byte[] bytes = p.proof().encode();
    FieldReader in = new FieldReader(bytes, 0, bytes.length);
    Checked<Masked<BatchedSubClaim>> read = ZkSumcheckVerifier.verifyBatched(claims, degrees, forms, in,
        MaskCursor.of(n + 3), transcript());
    assertTrue(read.isOk(), read.reason());
    assertTrue(in.atEnd());
    assertArrayEquals(p.point(), read.value().claim().point());
    assertTrue(ZkSumcheckVerifier.verifyBatched(claims, degrees, forms, new FieldReader(bytes, 0, bytes.length - 1),
        MaskCursor.of(n + 3), transcript()).reason().startsWith("masked batched sumcheck: sumcheck proof: truncated"));
    assertEquals("masked batched sumcheck: instance degree lists out of range", ZkSumcheckVerifier.verifyBatched(
        claims, degrees, forms, (FieldReader) null, MaskCursor.of(n + 3), transcript()).reason());
  }

  @Test
  void eachRoundsMessageIsAnInvertibleTriangularMapOfItsOwnMaskCoefficients() {
    // zk-design 3.2: with earlier rounds fixed, round i's (c_0, c_2..c_D) moves with a_{i,c} as
    // c_0 += -2^(k-i-1) da_c for every c, and c_c += 2^(k-i) da_c for c >= 2 (i 1-based): triangular
    // with non-zero diagonal, so uniform masks give uniform messages
    SplittableRandom rnd = new SplittableRandom(7);
    long[] fa = random(rnd, 1 << K);
    long[] fb = random(rnd, 1 << K);
    long[] lambda = random(rnd, SumcheckProof.elements(DEGREES) + 1);
    long[] base = honest(fa, fb, lambda).proved().proof().compressed();
    int entry = 0;
    int off = 0;
    for (int i = 0; i < K; i++) {
      int d = DEGREES[i];
      long[] twoRemaining = element(1L << (K - 1 - i));
      for (int c = 1; c <= d; c++) {
        long[] moved = lambda.clone();
        Fr.add(moved, (entry + c - 1) * L, moved, (entry + c - 1) * L, element(1), 0);
        long[] msg = honest(fa, fb, moved).proved().proof().compressed();
        assertArrayEquals(Arrays.copyOfRange(base, 0, off), Arrays.copyOfRange(msg, 0, off),
            "earlier rounds do not see a_{" + (i + 1) + "," + c + "}");
        for (int pos = 0; pos < d; pos++) {
          long[] delta = sub(Arrays.copyOfRange(msg, off + pos * L, off + (pos + 1) * L),
              Arrays.copyOfRange(base, off + pos * L, off + (pos + 1) * L));
          long[] expected = pos == 0 ? sub(new long[L], mul(twoRemaining, invPow2(1)))
              : pos + 1 == c ? twoRemaining : new long[L];
          assertArrayEquals(expected, delta, "round " + (i + 1) + " position " + pos + " under a_" + c);
        }
      }
      entry += d;
      off += d * L;
    }
  }

  /** Two-sample chi-square statistic over 16 buckets of the low 4 bits, per message position. */
  private static double[] chiSquare(long[][] a, long[][] b) {
    int positions = a[0].length / L;
    double[] out = new double[positions];
    for (int pos = 0; pos < positions; pos++) {
      int[] ca = new int[16];
      int[] cb = new int[16];
      for (long[] m : a) {
        ca[(int) (Fr.toBigInteger(m, pos * L).intValue() & 15)]++;
      }
      for (long[] m : b) {
        cb[(int) (Fr.toBigInteger(m, pos * L).intValue() & 15)]++;
      }
      double s = 0;
      for (int j = 0; j < 16; j++) {
        int tot = ca[j] + cb[j];
        if (tot > 0) {
          double ea = tot * a.length / (double) (a.length + b.length);
          double eb = tot - ea;
          s += (ca[j] - ea) * (ca[j] - ea) / ea + (cb[j] - eb) * (cb[j] - eb) / eb;
        }
      }
      out[pos] = s;
    }
    return out;
  }

  @Test
  void twoSummandsWithEqualSumsGiveMessagesNoDistinguisherTellsApart() {
    // f and f' with the same hypercube sum: the same tables under a permutation of the hypercube
    SplittableRandom rnd = new SplittableRandom(8);
    long[] fa = random(rnd, 1 << K);
    long[] fb = random(rnd, 1 << K);
    long[] pa = new long[fa.length];
    long[] pb = new long[fb.length];
    for (int x = 0; x < 1 << K; x++) {
      int y = (x * 5 + 3) % (1 << K);
      System.arraycopy(fa, y * L, pa, x * L, L);
      System.arraycopy(fb, y * L, pb, x * L, L);
    }
    int runs = Boolean.getBoolean("zkml.mutation") ? 60 : 400; // fewer under PIT, which reruns it per mutant
    int n = SumcheckProof.elements(DEGREES);
    long[][][] masked = new long[2][runs][];
    long[][][] unmasked = new long[2][runs][];
    for (int j = 0; j < runs; j++) {
      masked[0][j] = honest(fa, fb, random(rnd, n + 1)).proved().proof().compressed();
      masked[1][j] = honest(pa, pb, random(rnd, n + 1)).proved().proof().compressed();
      unmasked[0][j] = honest(fa, fb, new long[(n + 1) * L]).proved().proof().compressed();
      unmasked[1][j] = honest(pa, pb, new long[(n + 1) * L]).proved().proof().compressed();
    }
    // df = 15; Bonferroni over n positions at alpha = 1e-3: the critical value of chi2(15) at
    // 1.4e-4 is about 44.3 (Wilson-Hilferty)
    double critical = 44.3;
    double[] stat = chiSquare(masked[0], masked[1]);
    for (int pos = 0; pos < n; pos++) {
      assertTrue(stat[pos] < critical, "masked position " + pos + ": chi2 = " + stat[pos]);
    }
    double[] control = chiSquare(unmasked[0], unmasked[1]);
    assertTrue(Arrays.stream(control).anyMatch(s -> s > critical),
        "the zero-mask control must be told apart: " + Arrays.toString(control));
  }

  @Test
  void maskedExtensionsInTheLastRoundKeepTheClaimAndStateMaskedValues() {
    // f_a' = f_a~ + x_k (1 - x_k) s: the last round has degree 3, the stated value is f_a~(r) + kappa s
    SplittableRandom rnd = new SplittableRandom(9);
    long[] fa = random(rnd, 1 << K);
    long[] fb = random(rnd, 1 << K);
    int[] degrees = {2, 2, 3};
    int n = SumcheckProof.elements(degrees);
    long[] lambda = random(rnd, n + 1);
    long[] slot = Arrays.copyOfRange(lambda, n * L, (n + 1) * L);
    MaskedLastRound inst = new MaskedLastRound(new CompositeInstance(Composition.product(2), K, fa, fb),
        new long[][] {slot, null}, 3);
    assertEquals(3, inst.degree());
    long[] claim = inst.claim();
    assertArrayEquals(new ProductInstance(K, fa, fb).claim(), claim, "the masked extension keeps the sum");
    SumcheckProver.Proved p = ZkSumcheckProver.prove(inst, degrees, new long[L], lambda, MaskCursor.of(n + 1),
        transcript());
    long[] r = p.point();
    long[] stated = inst.finalValues();
    long[] kappa = mul(r_k(r), sub(element(1), r_k(r)));
    assertArrayEquals(add(mle(fa, K, r), mul(kappa, slot)), Arrays.copyOfRange(stated, 0, L));
    assertArrayEquals(mle(fb, K, r), Arrays.copyOfRange(stated, L, 2 * L), "an unmasked factor is its MLE");
    Checked<Masked<SubClaim>> m = ZkSumcheckVerifier.verify(claim, degrees, new MaskForm(), p.proof(),
        MaskCursor.of(n + 1), transcript());
    assertTrue(m.isOk(), m.reason());
    long[] f = mul(Arrays.copyOfRange(stated, 0, L), Arrays.copyOfRange(stated, L, 2 * L));
    assertArrayEquals(m.value().mask().evaluate(lambda), sub(m.value().claim().value(), f),
        "the final check on the stated (masked) values leaves a true Lambda-claim");
    // with the last round's degree too small for the mask, the prover refuses
    MaskedLastRound tight = new MaskedLastRound(new CompositeInstance(Composition.product(2), K, fa, fb),
        new long[][] {slot, null}, 3);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> ZkSumcheckProver.prove(tight,
        new int[] {2, 2, 2}, new long[L], lambda, MaskCursor.of(n + 1), transcript()));
  }

  private static long[] r_k(long[] r) {
    return Arrays.copyOfRange(r, (K - 1) * L, K * L);
  }
}
