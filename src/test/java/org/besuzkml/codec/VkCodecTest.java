package org.besuzkml.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Test;

/** The vk format of 12.3 and the container rules of 12.1/12.2. */
class VkCodecTest {
  private static ProvingKey key(String model) throws Exception {
    var l = CorpusModels.load(model);
    return Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
  }

  @Test
  void vkRoundTripsAndGadgetParametersSurvive() throws Exception {
    for (String m : new String[] {"1l_mlp", "lenet_5", "1l_sigmoid", "1l_max_pool"}) {
      ProvingKey pk = key(m);
      VerifyingKey vk = pk.vk();
      var orig = pk.compiled().circuit();
      assertEquals(orig.gadgets().size(), vk.circuit().gadgets().size());
      for (int i = 0; i < orig.gadgets().size(); i++) {
        Gadget a = orig.gadgets().get(i);
        Gadget b = vk.circuit().gadgets().get(i);
        assertEquals(GadgetCodec.code(a), GadgetCodec.code(b));
        assertArrayEquals(GadgetCodec.encodeParams(a), GadgetCodec.encodeParams(b), m + " gadget " + i);
      }
      assertArrayEquals(Keccak.hash(vk.bytes()), vk.modelId());
      assertTrue(vk.dev(), "a dev-SRS vk records dev = 1");
      assertEquals(pk.vk().layout().modelBins(), vk.modelBinCount());
    }
  }

  @Test
  void everyTruncationAndTrailingByteRejected() throws Exception {
    byte[] vk = key("1l_mlp").vk().bytes();
    for (int len = 0; len < vk.length; len += 7) {
      assertFalse(VkCodec.decode(Arrays.copyOf(vk, len)).isOk(), "truncated to " + len);
    }
    assertFalse(VkCodec.decode(Arrays.copyOf(vk, vk.length + 1)).isOk());
  }

  @Test
  void headerFieldsChecked() throws Exception {
    byte[] vk = key("1l_mlp").vk().bytes();
    byte[] bad = vk.clone();
    bad[0] = 'X';
    assertTrue(VkCodec.decode(bad).reason().contains("magic"));
    bad = vk.clone();
    bad[5] = 2;
    assertTrue(VkCodec.decode(bad).reason().contains("version"));
    bad = vk.clone();
    bad[7] = 1;
    assertTrue(VkCodec.decode(bad).reason().contains("flags"));
    bad = vk.clone();
    bad[13] = 2; // first section tag 1 -> 2: out of order / missing
    assertFalse(VkCodec.decode(bad).isOk());
    assertFalse(Container.decode(null, Container.VK, 8).isOk());
  }

  @Test
  void hugeDeclaredCountRejectedWithoutAllocating() {
    // a TENSORS section declaring 65,536 tensors in 4 bytes of body
    ByteReader r = new ByteReader(new byte[] {0, 1, 0, 0}, 0, 4);
    assertEquals(0, r.count("tensors", 1 << 16, 3));
    assertFalse(r.ok());
    assertTrue(r.error().contains("remaining"));
    ByteReader r2 = new ByteReader(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, 0, 4);
    assertEquals(0, r2.count("gadgets", 1 << 16, 6));
    assertTrue(r2.error().contains("limit"));
  }

  @Test
  void nonCanonicalFieldElementAndOffCurvePointRejected() {
    byte[] p = new byte[32];
    Arrays.fill(p, (byte) 0xff);
    ByteReader r = new ByteReader(p, 0, 32);
    assertFalse(r.fr(new long[4], 0, "x"));
    byte[] g = new byte[64];
    g[31] = 1;
    g[63] = 1; // (1, 1) is not on y^2 = x^3 + 3
    ByteReader r2 = new ByteReader(g, 0, 64);
    assertFalse(r2.g1(new long[8], 0, "p"));
    ByteReader r3 = new ByteReader(new byte[64], 0, 64);
    assertTrue(r3.g1(new long[8], 0, "infinity"));
  }

  @Test
  void hexRoundTrip() {
    byte[] b = {0, 1, (byte) 0xab, (byte) 0xff};
    assertEquals("0x0001abff", Hex.encode(b));
    assertArrayEquals(b, Hex.decode("0x0001abff"));
    assertEquals(null, Hex.decode("0x0g"));
    assertEquals(null, Hex.decode("abc"));
  }
}
