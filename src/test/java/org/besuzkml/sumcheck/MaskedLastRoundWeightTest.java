package org.besuzkml.sumcheck;

import static org.besuzkml.sumcheck.SumcheckTestSupport.L;
import static org.besuzkml.sumcheck.SumcheckTestSupport.element;
import static org.besuzkml.sumcheck.SumcheckTestSupport.mle;
import static org.besuzkml.sumcheck.SumcheckTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

/**
 * A masked factor with a weight (zk-design 4.2, broadcast inputs): {@code A'(x) = A~(x) + x_k (1 - x_k) s W(x)}.
 * The claim is unchanged, the stated value is {@code A~(r) + kappa s W(r)}, the final check on it leaves a
 * true Lambda-claim; the factor is cubic in {@code x_k} exactly when W depends on {@code x_k}.
 */
class MaskedLastRoundWeightTest {
  private static final int K = 3;

  private static Transcript transcript() {
    Transcript t = Transcript.v1();
    t.absorbBytes("test", new byte[] {3});
    return t;
  }

  private static long[] mul(long[] a, long[] b) {
    long[] out = new long[L];
    Fr.mul(out, 0, a, 0, b, 0);
    return out;
  }

  private static long[] add(long[] a, long[] b) {
    long[] out = new long[L];
    Fr.add(out, 0, a, 0, b, 0);
    return out;
  }

  private static long[] sub(long[] a, long[] b) {
    long[] out = new long[L];
    Fr.sub(out, 0, a, 0, b, 0);
    return out;
  }

  /** A table whose entries at x and x xor 1 are equal: its MLE does not depend on the last variable. */
  private static long[] flatInLast(long[] w) {
    long[] out = w.clone();
    for (int x = 1; x < 1 << K; x += 2) {
      Fr.copy(out, x * L, out, (x - 1) * L);
    }
    return out;
  }

  private record Proved(SumcheckProver.Proved p, MaskedLastRound inst, long[] claim) {}

  private static Proved prove(long[] fa, long[] fb, long[] w, long[] slot, long[] lambda, int[] degrees) {
    MaskedLastRound inst = new MaskedLastRound(new CompositeInstance(Composition.product(2), K, fa, fb),
        new long[][] {slot, null}, new long[][] {w, null}, degrees[K - 1]);
    long[] claim = inst.claim();
    int n = Arrays.stream(degrees).sum();
    return new Proved(ZkSumcheckProver.prove(inst, degrees, new long[L], lambda, MaskCursor.of(n + 1),
        transcript()), inst, claim);
  }

  @Test
  void aWeightedMaskKeepsTheClaimAndStatesAPlusKappaSW() {
    for (long seed = 1; seed <= 3; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      long[] fa = random(rnd, 1 << K);
      long[] fb = random(rnd, 1 << K);
      long[] w = random(rnd, 1 << K);
      long[] wCopy = w.clone();
      int[] degrees = {2, 2, 4}; // (A + t (1 - t) s W(t)) B: 3 + 1
      int n = Arrays.stream(degrees).sum();
      long[] lambda = random(rnd, n + 1);
      long[] slot = Arrays.copyOfRange(lambda, n * L, (n + 1) * L);
      Proved p = prove(fa, fb, w, slot, lambda, degrees);
      assertArrayEquals(new ProductInstance(K, fa, fb).claim(), p.claim(), "the masked extension keeps the sum");
      assertArrayEquals(wCopy, w, "the caller's weight table is not modified");
      long[] r = p.p().point();
      long[] rk = Arrays.copyOfRange(r, (K - 1) * L, K * L);
      long[] kappa = mul(rk, sub(element(1), rk));
      long[] stated = p.inst().finalValues();
      long[] a = Arrays.copyOfRange(stated, 0, L);
      assertArrayEquals(add(mle(fa, K, r), mul(mul(kappa, slot), mle(w, K, r))), a, "A~(r) + kappa s W(r)");
      assertArrayEquals(mle(fb, K, r), Arrays.copyOfRange(stated, L, 2 * L), "an unmasked factor is its MLE");
      Checked<Masked<SubClaim>> m = ZkSumcheckVerifier.verify(p.claim(), degrees, new MaskForm(), p.p().proof(),
          MaskCursor.of(n + 1), transcript());
      assertTrue(m.isOk(), m.reason());
      long[] f = mul(a, mle(fb, K, r));
      assertArrayEquals(m.value().mask().evaluate(lambda), sub(m.value().claim().value(), f),
          "the final check on the stated values leaves a true Lambda-claim");
      // the unweighted slot (W = 1) would state another value: the weight is not ignored
      assertFalse(Arrays.equals(add(mle(fa, K, r), mul(kappa, slot)), a));
      // a last round of degree 3 cannot hold the cubic masked factor times B: its message is wrong
      int[] tight = {2, 2, 3};
      Proved q = prove(fa, fb, w, slot, lambda, tight);
      Checked<Masked<SubClaim>> mq = ZkSumcheckVerifier.verify(q.claim(), tight, new MaskForm(), q.p().proof(),
          MaskCursor.of(n + 1), transcript());
      long[] fq = mul(Arrays.copyOfRange(q.inst().finalValues(), 0, L), Arrays.copyOfRange(q.inst().finalValues(),
          L, 2 * L));
      assertFalse(mq.isOk() && Arrays.equals(mq.value().mask().evaluate(lambda), sub(mq.value().claim().value(), fq)),
          "degree 3 is too small");
    }
  }

  @Test
  void theLastRoundIsCubicInTheMaskedFactorExactlyWhenTheWeightDependsOnTheLastVariable() {
    SplittableRandom rnd = new SplittableRandom(7);
    long[] fa = random(rnd, 1 << K);
    long[] fb = random(rnd, 1 << K);
    long[] w = random(rnd, 1 << K);
    int[] degrees = {2, 2, 4};
    int n = Arrays.stream(degrees).sum();
    long[] lambda = new long[(n + 1) * L]; // the run's own mask coefficients zero
    long[] slot = random(rnd, 1);
    Fr.copy(lambda, n * L, slot, 0);
    long[] top = new long[L];
    long[] raw = prove(fa, fb, w, slot, lambda, degrees).p().proof().compressed();
    Fr.copy(top, 0, raw, (n - 1) * L);
    assertFalse(Fr.isZero(top, 0), "W depends on x_k: c_4 of the last round is not zero");
    raw = prove(fa, fb, flatInLast(w), slot, lambda, degrees).p().proof().compressed();
    Fr.copy(top, 0, raw, (n - 1) * L);
    assertTrue(Fr.isZero(top, 0), "W flat in x_k: the factor is quadratic, c_4 = 0");
    // a weight of 1 is the unweighted masked extension, byte for byte
    long[] ones = new long[(1 << K) * L];
    for (int x = 0; x < 1 << K; x++) {
      Fr.setOne(ones, x * L);
    }
    MaskedLastRound plain = new MaskedLastRound(new CompositeInstance(Composition.product(2), K, fa, fb),
        new long[][] {slot, null}, 4);
    byte[] unweighted = ZkSumcheckProver.prove(plain, degrees, new long[L], lambda, MaskCursor.of(n + 1),
        transcript()).proof().encode();
    assertArrayEquals(unweighted, prove(fa, fb, ones, slot, lambda, degrees).p().proof().encode());
  }

  @Test
  void aShortWeightTableOrAMissingWeightListIsRefused() {
    SplittableRandom rnd = new SplittableRandom(8);
    long[] fa = random(rnd, 1 << K);
    long[] fb = random(rnd, 1 << K);
    long[] slot = random(rnd, 1);
    CompositeInstance inner = new CompositeInstance(Composition.product(2), K, fa, fb);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MaskedLastRound(inner, new long[][] {slot, null}, new long[][] {random(rnd, 4), null}, 4));
    assertTrue(e.getMessage().contains("weight table shorter"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new MaskedLastRound(inner, new long[][] {slot, null}, new long[][] {null}, 4));
    assertTrue(e.getMessage().contains("one weight"), e.getMessage());
    assertEquals(4, new MaskedLastRound(inner, new long[][] {slot, null}, new long[][] {null, null}, 4).degree());
  }
}
