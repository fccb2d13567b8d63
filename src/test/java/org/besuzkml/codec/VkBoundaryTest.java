package org.besuzkml.codec;

import static org.besuzkml.codec.Net.COM;
import static org.besuzkml.codec.Net.CONST;
import static org.besuzkml.codec.Net.PUB;
import static org.besuzkml.codec.Net.VIRT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.besuzkml.curve.G1;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.TableInfo;
import org.junit.jupiter.api.Test;

/**
 * Each limit of the vk decoder (12.3) at its boundary value, accepted (or refused for another,
 * named reason), and one past it, refused with its own reason.
 */
class VkBoundaryTest {
  /** The decoder's reason, or null if the vk decodes. */
  private static String reason(byte[] vk) {
    Decoded<VerifyingKey> d = VkCodec.decode(vk);
    return d.isOk() ? null : d.reason();
  }

  private static void refused(byte[] vk, String fragment) {
    String why = reason(vk);
    assertTrue(why != null && why.contains(fragment), "expected '" + fragment + "', got " + why);
  }

  private static byte[] params(int version, int w, int nBin, int dev) {
    return new ByteWriter().u16(version).u8(w).u8(nBin).u8(dev).i64(0)
        .bytes(Net.KEY.srsDigest()).toByteArray();
  }

  @Test
  void paramsRanges() {
    byte[] vk = Net.minimal().vk();
    assertNull(reason(vk));
    assertNull(reason(Net.withSection(vk, 1, params(1, 16, 8, 1))), "w 16");
    refused(Net.withSection(vk, 1, params(1, 8, 0, 1)), "PARAMS out of range (w 8, n_bin 0, dev 1)");
    refused(Net.withSection(vk, 1, params(1, 8, 21, 1)), "PARAMS out of range (w 8, n_bin 21");
    // n_bin 1 and 20 are in range: refused only because the layout needs n_bin 8
    refused(Net.withSection(vk, 1, params(1, 8, 1, 1)), "n_bin 1 differs from the layout's 8");
    refused(Net.withSection(vk, 1, params(1, 8, 20, 1)), "n_bin 20 differs from the layout's 8");
    for (int w : new int[] {0, 7, 9, 15, 17}) {
      refused(Net.withSection(vk, 1, params(1, w, 8, 1)), "PARAMS out of range (w " + w + ",");
    }
    refused(Net.withSection(vk, 1, params(1, 8, 8, 2)), "dev 2)");
    refused(Net.withSection(vk, 1, params(2, 8, 8, 1)), "protocol version 2 unsupported");
    byte[] p = params(1, 8, 8, 1);
    refused(Net.withSection(vk, 1, Arrays.copyOf(p, p.length + 1)), "trailing bytes in PARAMS");
    refused(Net.withSection(vk, 1, Arrays.copyOf(p, 10)), "truncated dev seed");
    refused(Net.withSection(vk, 2, new byte[255]), "SRS_G2 must be 256 bytes");
  }

  @Test
  void devFlagReachesTheKeyAndScalesSurvive() {
    Circuit c = Net.minimal().circuit();
    for (boolean dev : new boolean[] {true, false}) {
      byte[] b = VkCodec.encode(8, dev, 5, Net.KEY.srsDigest(), Net.KEY, c, new int[] {3, -2},
          new byte[0][], new long[0], 0);
      VerifyingKey vk = VkCodec.decode(b).value();
      assertEquals(dev, vk.dev());
      assertEquals(dev, vk.pcsKey().insecure(), "the key is insecure exactly when dev = 1");
      assertArrayEquals(new int[] {3, -2}, vk.scales());
    }
    assertArrayEquals(new int[] {0, 0}, VkCodec.decode(Net.vk(c)).value().scales(), "null scales");
  }

  /** A vk of the minimal net plus one listed public input of the given shape. */
  private static byte[] withInput(int... shape) {
    Net n = Net.minimal();
    n.t(PUB, shape);
    return n.vk();
  }

  @Test
  void tensorRankAndDimensions() {
    assertNull(reason(withInput(1, 1, 1, 1, 1, 1, 1, 1)), "rank 8");
    refused(withInput(1, 1, 1, 1, 1, 1, 1, 1, 1), "rank 9 over 8");
    assertNull(reason(withInput(1)));
    assertNull(reason(withInput(VkCodec.MAX_DIM)));
    refused(withInput(VkCodec.MAX_DIM + 1), "dimension 16777217 out of range");
    refused(withInput(0), "dimension 0 out of range");
    refused(withInput(3, -1), "dimension -1 out of range");
  }

  @Test
  void totalEntriesAtMost2To28() {
    // one tensor of 28 variables (2^24 x 16) is the whole budget; 29 variables is over it
    Net a = new Net();
    a.t(PUB, 1 << 24, 16);
    assertNull(reason(a.vk()));
    Net b = new Net();
    b.t(PUB, 1 << 24, 32);
    refused(b.vk(), "tensors exceed 2^28 entries");
    // two of 2^27 entries sum to exactly 2^28; one more entry is over
    Net c = new Net();
    int x = c.t(PUB, 1 << 24, 8);
    int y = c.t(VIRT, 1 << 24, 8);
    c.g(new Lin(y, new int[] {x}, new long[] {1}, 0)).out(y);
    assertNull(reason(c.vk()));
    c.t(PUB, 1);
    refused(c.vk(), "tensors exceed 2^28 entries");
  }

  @Test
  void tensorKindsAndTrailingBytes() {
    byte[] vk = Net.minimal().vk();
    byte[] t = Net.sections(vk)[2];
    byte[] kind1 = t.clone();
    kind1[4] = 1;
    refused(Net.withSection(vk, 3, kind1), "tensor kind 1");
    refused(Net.withSection(vk, 3, Arrays.copyOf(t, t.length + 1)), "trailing bytes in TENSORS");
  }

  /** Tensor 0 is the table's constant column, so column index 0 is the valid boundary. */
  private static Net lookup(int size) {
    Net n = new Net();
    int col = n.t(CONST, size);
    int idx = n.t(PUB, 4);
    int y = n.t(COM, 4);
    n.tables.add(new TableInfo("f", size, 0, col));
    return n.g(new Lookup(idx, y, 0));
  }

  /** One function table entry of the TABLES section. */
  private static byte[] table(int kind, int bits, int size, int col) {
    return new ByteWriter().i32(1).u8(kind).u8(bits).i32(size).i64(0).i32(col).bytes(new byte[32])
        .string("f").toByteArray();
  }

  @Test
  void functionTableLimits() {
    assertNull(reason(lookup(2).vk()), "bits 1, size 2");
    assertNull(reason(lookup(4).vk()), "bits 2, size 4 = 2^bits");
    assertNull(reason(lookup(1 << 16).vk()), "bits 16, size 2^16");
    byte[] vk = lookup(4).vk();
    assertNull(reason(Net.withSection(vk, 4, table(3, 2, 4, 0))), "the honest entry");
    refused(Net.withSection(vk, 4, table(3, 17, 1 << 17, 0)), "function table 0 malformed");
    refused(Net.withSection(vk, 4, table(3, 0, 1, 0)), "function table 0 malformed");
    refused(Net.withSection(vk, 4, table(3, 2, 5, 0)), "function table 0 malformed");
    refused(Net.withSection(vk, 4, table(3, 1, 0, 0)), "function table 0 malformed");
    refused(Net.withSection(vk, 4, table(2, 2, 4, 0)), "function table 0 malformed");
    refused(Net.withSection(vk, 4, table(3, 2, 4, -1)), "function table 0 malformed");
    refused(Net.withSection(vk, 4, table(3, 2, 4, 3)), "function table 0 malformed");
    refused(Net.withSection(vk, 4, table(3, 2, 4, 1)), "function table 0 malformed");
    // size 1 is in range for bits 1, but 1 entry has 0 index bits
    refused(Net.withSection(vk, 4, table(3, 1, 1, 0)), "function table 0 bits disagree with its size");
    refused(Net.withSection(vk, 4, table(3, 2, 2, 0)), "function table 0 bits disagree with its size");
    byte[] t = table(3, 2, 4, 0);
    refused(Net.withSection(vk, 4, Arrays.copyOf(t, t.length + 1)), "trailing bytes in TABLES");
  }

  /** The GADGETS section with one gadget of the given kind, declared length and parameter bytes. */
  private static byte[] gadgets(int kind, int plen, byte[] params) {
    return new ByteWriter().i32(1).u16(kind).i32(plen).bytes(params).toByteArray();
  }

  @Test
  void gadgetParameterLengths() {
    byte[] vk = Net.minimal().vk();
    byte[] g = Net.sections(vk)[4];
    byte[] p = Arrays.copyOfRange(g, 10, g.length); // count(4) kind(2) plen(4)
    assertNull(reason(Net.withSection(vk, 5, gadgets(3, p.length, p))), "the honest Lin");
    refused(Net.withSection(vk, 5, gadgets(3, 0, p)), "gadget 0: truncated Lin");
    refused(Net.withSection(vk, 5, gadgets(3, p.length + 1, p)),
        "gadget 0 params length exceeds the section");
    refused(Net.withSection(vk, 5, gadgets(3, -1, p)), "gadget 0 params length exceeds the section");
    byte[] longer = Arrays.copyOf(p, p.length + 1);
    refused(Net.withSection(vk, 5, gadgets(3, longer.length, longer)),
        "gadget 0: trailing parameter bytes");
    refused(Net.withSection(vk, 5, gadgets(99, p.length, p)), "gadget 0: unknown gadget kind 99");
    refused(Net.withSection(vk, 5, Arrays.copyOf(g, g.length + 1)), "trailing bytes in GADGETS");
  }

  @Test
  void publicListsMustBeComplete() {
    byte[] vk = Net.minimal().vk();
    // inputs {0}, outputs {1}: claim two of each with one id present
    refused(Net.withSection(vk, 6, new ByteWriter().u16(2).i32(0).toByteArray()), "truncated inputs");
    refused(Net.withSection(vk, 6, new ByteWriter().u16(1).i32(0).u16(2).i32(1).toByteArray()),
        "truncated outputs");
    refused(Net.withSection(vk, 6, new ByteWriter().u16(1).i32(0).u16(1).i32(1).u8(0).toByteArray()),
        "trailing bytes in PUBLIC");
  }

  @Test
  void modelColumnsAndBinsMustMatchTheLayout() {
    Circuit c = lookup(4).circuit();
    ColumnLayout layout = ColumnLayout.of(c, LookupPlan.of(c));
    assertEquals(1, layout.model().size(), "the table column");
    assertEquals(1, layout.modelBins());
    byte[] vk = Net.vk(c);
    assertNull(reason(vk));
    ColumnLayout.Column col = layout.model().get(0);
    refused(Net.withSection(vk, 7, new ByteWriter().i32(0).toByteArray()),
        "model column count differs from the layout");
    refused(Net.withSection(vk, 7, new ByteWriter().i32(1).i32(col.tensor() + 1).u8(col.vars())
        .toByteArray()), "model column 0 differs from the layout");
    refused(Net.withSection(vk, 7, new ByteWriter().i32(1).i32(col.tensor()).u8(col.vars() + 1)
        .toByteArray()), "model column 0 differs from the layout");
    refused(Net.withSection(vk, 7, new ByteWriter().i32(1).i32(col.tensor()).u8(col.vars()).u8(0)
        .toByteArray()), "trailing bytes in MODEL_COLUMNS");
    refused(Net.withSection(vk, 8, new ByteWriter().i32(2).bytes(new byte[2 * G1.ENCODED])
        .toByteArray()), "model bin count 2, layout needs 1");
    byte[] offCurve = new byte[G1.ENCODED];
    offCurve[31] = 1;
    offCurve[63] = 1;
    refused(Net.withSection(vk, 8, new ByteWriter().i32(1).bytes(offCurve).toByteArray()),
        "invalid G1 point in model bin");
    refused(Net.withSection(vk, 8, new ByteWriter().i32(1).bytes(new byte[G1.ENCODED + 1])
        .toByteArray()), "trailing bytes in MODEL_BINS");
  }

  @Test
  void theDecodedKeyIsTheCircuit() {
    Net n = lookup(4);
    VerifyingKey vk = VkCodec.decode(n.vk()).value();
    assertEquals(3, vk.circuit().tensors().size());
    assertArrayEquals(new int[] {1}, vk.circuit().inputs());
    assertEquals("f", vk.circuit().tables().get(0).function());
    assertFalse(vk.modelIdHex().isEmpty());
    assertEquals(Hex.encode(vk.modelId()), vk.modelIdHex());
  }

  @Test
  void modelBinsKeepTheirOrder() {
    // one unused 512-entry constant fills two bins of 2^8: bin 0 infinity, bin 1 the generator
    Net n = new Net();
    n.t(CONST, 512);
    byte[] vk = n.vk();
    assertEquals(2, VkCodec.decode(vk).value().modelBinCount());
    byte[] gen = new byte[G1.ENCODED];
    gen[31] = 1;
    gen[63] = 2;
    long[] expected = new long[2 * G1.AFFINE];
    assertTrue(new ByteReader(gen, 0, G1.ENCODED).g1(expected, G1.AFFINE, "generator"));
    byte[] bins = new ByteWriter().i32(2).bytes(new byte[G1.ENCODED]).bytes(gen).toByteArray();
    VerifyingKey d = VkCodec.decode(Net.withSection(vk, 8, bins)).value();
    assertArrayEquals(expected, d.modelBins());
  }

  @Test
  void srsG2PointsChecked() {
    byte[] vk = Net.minimal().vk();
    refused(Net.withSection(vk, 2, new byte[256]), "SRS_G2: [1]_2");
  }
}
