package org.besuzkml.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.besuzkml.proof.gadget.Wire;
import org.besuzkml.proof.gadget.WireMap;
import org.junit.jupiter.api.Test;

/**
 * Gadget kind 15, the affine Wire (12.3): it decodes to exactly the explicit map it describes and
 * re-encodes to the same bytes; a crafted description is refused by reason, before it can loop or
 * allocate beyond its output's size, and the expanded map still goes through every Wire premise.
 */
class WireMapVkTest {
  private static WireMap.Piece piece(int src, int[] ext, int outBase, int[] outSteps, int[] base, int[]... steps) {
    return new WireMap.Piece(src, ext, outBase, outSteps, base, steps);
  }

  /** x public (shape xs), y virtual (shape ys) = the affine Wire of x; output y. */
  private static Net net(int[] xs, int[] ys, long constant, WireMap.Piece... pieces) {
    Net n = new Net();
    int x = n.t(Net.PUB, xs);
    int y = n.t(Net.VIRT, ys);
    WireMap m = new WireMap(constant, List.of(pieces));
    // the encoder writes only the description; the explicit arrays are the decoder's
    return n.g(new Wire(y, new int[] {x}, new int[0], new int[0], new long[0], m)).out(y);
  }

  private static String reason(byte[] vk) {
    Decoded<VerifyingKey> d = VkCodec.decode(vk);
    return d.isOk() ? null : d.reason();
  }

  /** Transpose (2, 3) -> (3, 2): j = (d1, d0) over digits (3, 2). */
  @Test
  void transposeDecodesToItsExplicitMapAndReencodesIdentically() {
    Net n = net(new int[] {2, 3}, new int[] {3, 2}, 0,
        piece(0, new int[] {3, 2}, 0, new int[] {2, 1}, new int[] {0, 0}, new int[] {0, 1}, new int[] {1, 0}));
    byte[] vk = n.vk();
    Decoded<VerifyingKey> d = VkCodec.decode(vk);
    assertTrue(d.isOk(), d.reason());
    Wire w = (Wire) d.value().circuit().gadgets().get(0);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, w.srcInput());
    assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, w.srcIndex());
    assertArrayEquals(new long[6], w.constant());
    assertNotNull(w.map());
    assertEquals(WireMapCodec.KIND, GadgetCodec.code(w));
    assertArrayEquals(vk, Net.vk(d.value().circuit()));
  }

  /** Pad (3) -> (5) by one on each side with 7: reads outside x are the constant, so are unwritten entries. */
  @Test
  void outOfRangeReadsAndUnwrittenEntriesAreTheConstant() {
    Net n = net(new int[] {3}, new int[] {6}, 7, piece(0, new int[] {5}, 0, new int[] {1}, new int[] {-1},
        new int[] {1}));
    Decoded<VerifyingKey> d = VkCodec.decode(n.vk());
    assertTrue(d.isOk(), d.reason());
    Wire w = (Wire) d.value().circuit().gadgets().get(0);
    assertArrayEquals(new int[] {-1, 0, 0, 0, -1, -1}, w.srcInput());
    assertArrayEquals(new int[] {0, 0, 1, 2, 0, 0}, w.srcIndex());
    assertArrayEquals(new long[] {7, 0, 0, 0, 7, 7}, w.constant());
  }

  @Test
  void pieceWritingAnEntryTwiceIsRefused() {
    String why = reason(net(new int[] {4}, new int[] {4}, 0,
        piece(0, new int[] {2}, 0, new int[] {0}, new int[] {0}, new int[] {1})).vk());
    assertEquals("Wire(affine): piece 0 writes entry 0 twice", strip(why));
  }

  @Test
  void pieceWritingOutsideTheOutputIsRefused() {
    String why = reason(net(new int[] {4}, new int[] {4}, 0,
        piece(0, new int[] {4}, 1, new int[] {1}, new int[] {0}, new int[] {1})).vk());
    assertEquals("Wire(affine): piece 0 writes entry 4 outside the output", strip(why));
    why = reason(net(new int[] {4}, new int[] {4}, 0,
        piece(0, new int[] {2}, 0, new int[] {-1}, new int[] {0}, new int[] {1})).vk());
    assertEquals("Wire(affine): piece 0 writes entry -1 outside the output", strip(why));
  }

  /** 2^31 x 2^31 points from a 100-byte description: refused from the extents, without looping. */
  @Test
  void piecesVisitingMorePointsThanTheOutputAreRefusedBeforeLooping() {
    int big = Integer.MAX_VALUE;
    long t0 = System.nanoTime();
    String why = reason(net(new int[] {4}, new int[] {4}, 0,
        piece(0, new int[] {big, big}, 0, new int[] {0, 0}, new int[] {0}, new int[] {0, 0})).vk());
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000);
    assertEquals("Wire(affine): pieces visit more points than the output has", strip(why));
    // two pieces of 3 on an output of 4
    why = reason(net(new int[] {4}, new int[] {4}, 0,
        piece(0, new int[] {3}, 0, new int[] {1}, new int[] {0}, new int[] {1}),
        piece(0, new int[] {3}, 1, new int[] {1}, new int[] {0}, new int[] {1})).vk());
    assertEquals("Wire(affine): pieces visit more points than the output has", strip(why));
    why = reason(net(new int[] {4}, new int[] {4}, 0,
        piece(0, new int[] {0}, 0, new int[] {1}, new int[] {0}, new int[] {1})).vk());
    assertEquals("Wire(affine): piece 0: an extent below 1", strip(why));
  }

  @Test
  void malformedPiecesAreRefusedByReason() {
    int[] seventeen = new int[17];
    java.util.Arrays.fill(seventeen, 1);
    assertEquals("Wire(affine) piece 0 has 17 digits, over 16", strip(reason(net(new int[] {4}, new int[] {4}, 0,
        piece(0, seventeen, 0, seventeen, new int[] {0}, seventeen)).vk())));
    assertEquals("Wire(affine) piece 0: source 1 of rank 1 is not an input", strip(reason(net(new int[] {4},
        new int[] {4}, 0, piece(1, new int[] {4}, 0, new int[] {1}, new int[] {0}, new int[] {1})).vk())));
    // a rank-2 description of a rank-1 input
    assertEquals("Wire(affine) piece 0: source 0 of rank 2 is not an input", strip(reason(net(new int[] {4},
        new int[] {4}, 0, piece(0, new int[] {4}, 0, new int[] {1}, new int[] {0, 0}, new int[] {1},
            new int[] {0})).vk())));
    // an output that is not a tensor of the key
    Net n = net(new int[] {4}, new int[] {4}, 0, piece(0, new int[] {4}, 0, new int[] {1}, new int[] {0},
        new int[] {1}));
    Wire w = (Wire) n.gadgets.get(0);
    n.gadgets.set(0, new Wire(9, w.xs(), w.srcInput(), w.srcIndex(), w.constant(), w.map()));
    assertEquals("Wire(affine) output 9 is not a tensor", strip(reason(n.vk())));
  }

  /** The expansion is a Wire like any other: its premises (9.0) still hold or the key is refused. */
  @Test
  void expandedMapStillMeetsTheWirePremises() {
    Net n = new Net();
    int x = n.t(Net.PUB, 4);
    int y = n.t(Net.COM, 4); // a Wire defines a virtual tensor
    n.g(new Wire(y, new int[] {x}, new int[0], new int[0], new long[0], new WireMap(0, List.of(
        piece(0, new int[] {4}, 0, new int[] {1}, new int[] {0}, new int[] {1}))))).out(y);
    String why = reason(n.vk());
    assertNotNull(why);
    assertTrue(why.startsWith("gadget list rejected: "), why);
  }

  /**
   * Five Wires of 2^20 entries each from a few hundred bytes: the key's expansions are capped at
   * 2^22 entries in all, refused before the fifth allocates.
   */
  @Test
  void expansionsBeyondTheKeysBudgetAreRefused() {
    Net n = new Net();
    int x = n.t(Net.PUB, 4);
    int last = x;
    for (int k = 0; k < 5; k++) {
      int y = n.t(Net.VIRT, 1 << 20);
      // broadcast x[0] everywhere
      n.g(new Wire(y, new int[] {x}, new int[0], new int[0], new long[0], new WireMap(0, List.of(
          piece(0, new int[] {1 << 20}, 0, new int[] {1}, new int[] {0}, new int[] {0})))));
      last = y;
    }
    n.out(last);
    byte[] vk = n.vk();
    assertTrue(vk.length < 2048, vk.length + " bytes");
    long t0 = System.nanoTime();
    String why = reason(vk);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    // the fifth Wire (gadget 4) is the one over budget
    assertEquals("gadget 4: Wire(affine) expansions exceed 4194304 entries",
        why.replaceFirst(" \\(at byte -?\\d+\\)$", ""));
    assertTrue(ms < 2000, ms + " ms");
  }

  @Test
  void truncatedDescriptionIsRefused() {
    Net n = net(new int[] {2, 3}, new int[] {3, 2}, 0,
        piece(0, new int[] {3, 2}, 0, new int[] {2, 1}, new int[] {0, 0}, new int[] {0, 1}, new int[] {1, 0}));
    byte[] vk = n.vk();
    byte[][] s = Net.sections(vk);
    byte[] g = s[4];
    // drop the last step (4 bytes) from the params and the declared lengths
    ByteReader r = new ByteReader(g, 0, g.length);
    r.i32("count");
    r.u16("kind");
    int plen = r.i32("plen");
    byte[] cut = new ByteWriter().i32(1).u16(WireMapCodec.KIND).i32(plen - 4)
        .bytes(java.util.Arrays.copyOfRange(g, 10, 10 + plen - 4)).toByteArray();
    String why = reason(Net.withSection(vk, 5, cut));
    assertNotNull(why);
    assertFalse(VkCodec.decode(Net.withSection(vk, 5, cut)).isOk());
    assertTrue(why.contains("gadget 0"), why);
  }

  private static String strip(String reason) {
    assertNotNull(reason, "expected a refusal");
    return reason.replaceFirst(" \\(at byte -?\\d+\\)$", "").replaceFirst("^gadget 0: ", "");
  }
}
