package org.besuzkml.sumcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.besuzkml.field.Fr;
import org.junit.jupiter.api.Test;

/**
 * The reader over elements a decoder has already checked ({@code FieldReader.ofElements}, used by
 * the proof decoder), and {@code SumcheckProof.read} with a per-round degree list out of range.
 */
class FieldReaderElementsTest {
  static final int L = Fr.LIMBS;

  static long[] elements(long... values) {
    long[] out = new long[values.length * L];
    for (int i = 0; i < values.length; i++) {
      Fr.fromLong(out, i * L, values[i]);
    }
    return out;
  }

  @Test
  void preDecodedElementsReadInOrderWithByteOffsetsFromTheirBase() {
    long[] e = elements(7, 11, 13);
    FieldReader in = FieldReader.ofElements(e, 3, 96);
    assertEquals(96, in.position());
    assertEquals(3, in.remainingElements());
    long[] out = new long[L];
    for (int i = 0; i < 3; i++) {
      assertTrue(in.read(out, 0));
      assertArrayEquals(Arrays.copyOfRange(e, i * L, i * L + L), out, "element " + i);
      assertEquals(96 + 32 * (i + 1), in.position());
    }
    assertTrue(in.atEnd());
    assertFalse(in.read(out, 0));
    assertEquals("truncated at byte 192", in.error());
  }

  @Test
  void preDecodedReaderHoldsExactlyItsCount() {
    long[] e = elements(1, 2, 3, 4);
    FieldReader in = FieldReader.ofElements(e, 3, 96); // the fourth element is not the reader's
    assertNull(in.read(4));
    assertEquals("truncated at byte 96: need 4 elements", in.error());
    FieldReader whole = FieldReader.ofElements(e, 3, 96);
    long[] three = whole.read(3);
    assertArrayEquals(Arrays.copyOf(e, 3 * L), three);
    assertTrue(whole.atEnd());
    FieldReader second = FieldReader.ofElements(e, 4, 0);
    assertTrue(second.read(new long[L], 0));
    long[] rest = second.read(2);
    assertArrayEquals(Arrays.copyOfRange(e, L, 3 * L), rest, "elements 1 and 2 after a read from base 0");
  }

  @Test
  void degreeListOutOfRangeRefusedByReason() {
    FieldReader in = FieldReader.ofElements(elements(1, 2, 3), 3, 0);
    for (int[] bad : new int[][] {null, {0}, {1, 33}, new int[SumcheckProof.MAX_ROUNDS + 1]}) {
      if (bad != null && bad.length > 2) {
        Arrays.fill(bad, 1);
      }
      Checked<SumcheckProof> r = SumcheckProof.read(in, bad);
      assertFalse(r.isOk());
      assertEquals("sumcheck degree list out of range", r.reason());
    }
    assertEquals(0, in.position(), "nothing read");
    Checked<SumcheckProof> ok = SumcheckProof.read(in, new int[] {1, 1});
    assertTrue(ok.isOk(), ok.reason());
    assertEquals(64, in.position());
  }
}
