package org.besuzkml.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

/** Argument limits of the transcript at their boundary (well formed) and one past (malformed). */
class TranscriptBoundaryTest {
  private static final int L = Fr.LIMBS;

  @Test
  void absorbRangesFitExactly() {
    Transcript t = Transcript.v1();
    t.absorbFrs("empty", new long[0], 0, 0);
    t.absorbFrs("exact", new long[2 * L], 0, 2);
    t.absorbFrs("exact at offset", new long[3 * L], L, 2);
    t.absorbFr("last", new long[2 * L], L);
    t.absorbG1("g1", new byte[64]);
    t.absorbG2("g2", new byte[128]);
    t.absorbBytes("no bytes", new byte[0]);
    assertFalse(t.isMalformed());
    Transcript[] past = new Transcript[5];
    for (int i = 0; i < past.length; i++) {
      past[i] = Transcript.v1();
    }
    past[0].absorbFrs("one past", new long[3 * L], L + 1, 2);
    past[1].absorbFr("one past", new long[2 * L], L + 1);
    past[2].absorbFrs("count -1", new long[0], 0, -1);
    past[3].absorbG1("65 bytes", new byte[65]);
    past[4].absorbG2("129 bytes", new byte[129]);
    for (Transcript p : past) {
      assertTrue(p.isMalformed());
    }
  }

  @Test
  void challengeCountLimits() {
    Transcript t = Transcript.v1();
    assertEquals(0, t.challengeFrs("none", 0).length);
    t.challengeFrs("none into an empty array", new long[0], 0, 0);
    long[] out = new long[2 * L];
    t.challengeFrs("exact", out, 0, 2);
    assertFalse(t.isMalformed());
    long[] all = t.challengeFrs("max", Transcript.MAX_CHALLENGES);
    assertEquals(Transcript.MAX_CHALLENGES * L, all.length);
    assertFalse(Fr.isZero(all, all.length - L), "the last challenge is drawn");
    assertFalse(t.isMalformed());
    Transcript over = Transcript.v1();
    assertEquals(0, over.challengeFrs("max + 1", Transcript.MAX_CHALLENGES + 1).length);
    assertTrue(over.isMalformed());
    Transcript short1 = Transcript.v1();
    short1.challengeFrs("one short", new long[2 * L - 1], 0, 2);
    assertTrue(short1.isMalformed());
  }

  @Test
  void challengeIndexBounds() {
    Transcript t = Transcript.v1();
    assertEquals(0, t.challengeIndex("one", 1));
    long big = t.challengeIndex("max", Long.MAX_VALUE);
    assertTrue(big >= 0);
    for (long bound : new long[] {2, 3, 5, 1L << 40, (1L << 40) + 1}) {
      long i = t.challengeIndex("b" + bound, bound);
      assertTrue(i >= 0 && i < bound, bound + " -> " + i);
    }
    // rejection sampling: a masked candidate equal to the bound (1 in 4 for bound 3) is redrawn
    boolean[] seen = new boolean[5];
    for (int k = 0; k < 64; k++) {
      for (long bound : new long[] {3, 5}) {
        long i = t.challengeIndex("r" + k, bound);
        assertTrue(i >= 0 && i < bound, bound + " -> " + i);
        seen[(int) i] = true;
      }
    }
    assertTrue(seen[0] && seen[1] && seen[2] && seen[3] && seen[4], "every index is drawn");
    assertSame(t, t.tap(null), "tap chains (the adversarial tests build transcripts with it)");
    assertFalse(t.isMalformed());
    Transcript zero = Transcript.v1();
    assertEquals(0, zero.challengeIndex("zero", 0));
    assertTrue(zero.isMalformed());
    Transcript neg = Transcript.v1();
    assertEquals(0, neg.challengeIndex("negative", -1));
    assertTrue(neg.isMalformed());
    // the index is drawn from the seed: two transcripts in the same state agree, different bounds differ in the record
    assertEquals(Transcript.v1().challengeIndex("x", 1000), Transcript.v1().challengeIndex("x", 1000));
    assertFalse(Arrays.equals(Transcript.v1().challengeFrs("x", 1), Transcript.v1().challengeFrs("y", 1)));
  }
}
