package org.besuzkml.sumcheck;

import static org.besuzkml.sumcheck.SumcheckTestSupport.L;
import static org.besuzkml.sumcheck.SumcheckTestSupport.element;
import static org.besuzkml.sumcheck.SumcheckTestSupport.mle;
import static org.besuzkml.sumcheck.SumcheckTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

class ClaimMergeTest {
  private static long[] values(long[] y, int m, long[][] pts) {
    long[] v = new long[pts.length * L];
    for (int j = 0; j < pts.length; j++) {
      Fr.copy(v, j * L, mle(y, m, pts[j]), 0);
    }
    return v;
  }

  @Test
  void mergedClaimIsTrueForSizes1To12() {
    SplittableRandom rnd = new SplittableRandom(20);
    for (int m = 1; m <= 12; m++) {
      long[] y = random(rnd, 1 << m);
      long[][] pts = {random(rnd, m), random(rnd, m), random(rnd, m)};
      long[] vals = values(y, m, pts);
      ClaimMerge.Merged merged = ClaimMerge.prove(y, m, pts, Transcript.v1());
      Checked<SubClaim> c = ClaimMerge.verify(m, pts, vals, merged.proof(), merged.value(), Transcript.v1());
      assertTrue(c.isOk(), c.reason());
      assertArrayEquals(mle(y, m, c.value().point()), c.value().value(), "merged claim true, m=" + m);
    }
  }

  @Test
  void oneFalseClaimRejected() {
    SplittableRandom rnd = new SplittableRandom(21);
    int m = 6;
    long[] y = random(rnd, 1 << m);
    long[][] pts = {random(rnd, m), random(rnd, m)};
    long[] vals = values(y, m, pts);
    Fr.add(vals, L, vals, L, element(1), 0);
    ClaimMerge.Merged merged = ClaimMerge.prove(y, m, pts, Transcript.v1());
    assertFalse(ClaimMerge.verify(m, pts, vals, merged.proof(), merged.value(), Transcript.v1()).isOk());
  }

  @Test
  void wrongStatedValueRejected() {
    SplittableRandom rnd = new SplittableRandom(22);
    int m = 5;
    long[] y = random(rnd, 1 << m);
    long[][] pts = {random(rnd, m), random(rnd, m), random(rnd, m), random(rnd, m)};
    ClaimMerge.Merged merged = ClaimMerge.prove(y, m, pts, Transcript.v1());
    long[] bad = merged.value().clone();
    Fr.add(bad, 0, bad, 0, element(1), 0);
    assertFalse(ClaimMerge.verify(m, pts, values(y, m, pts), merged.proof(), bad, Transcript.v1()).isOk());
  }

  @Test
  void streamFormMatches() {
    SplittableRandom rnd = new SplittableRandom(23);
    int m = 4;
    long[] y = random(rnd, 1 << m);
    long[][] pts = {random(rnd, m), random(rnd, m)};
    ClaimMerge.Merged merged = ClaimMerge.prove(y, m, pts, Transcript.v1());
    byte[] sc = merged.proof().encode();
    byte[] all = java.util.Arrays.copyOf(sc, sc.length + 32);
    Fr.toBytes(all, sc.length, merged.value(), 0);
    Checked<SubClaim> c = ClaimMerge.verify(m, pts, values(y, m, pts), new FieldReader(all, 0, all.length),
        Transcript.v1());
    assertTrue(c.isOk(), c.reason());
    assertFalse(ClaimMerge.verify(m, pts, values(y, m, pts), new FieldReader(all, 0, all.length - 1),
        Transcript.v1()).isOk());
  }
}
