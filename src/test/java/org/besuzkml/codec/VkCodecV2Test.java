package org.besuzkml.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.besuzkml.pcs.HyperKzgVerifierKey;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.junit.jupiter.api.Test;

/**
 * The version-2 (zero-knowledge) verifying key (zk-design 11.1-11.2): container version 2 with the
 * zk flag, PARAMS protocol version 2, section 9 VISIBILITY with the blinding base (P13); round trip,
 * every refusal by reason, and version 1 left exactly as it was.
 */
class VkCodecV2Test {
  private static final HyperKzgVerifierKey KEY = Net.KEY;

  private static byte[] v2(Circuit c, Visibility vis) {
    int nb = ColumnLayout.of(c, LookupPlan.of(c)).modelBins();
    return VkCodec.encode(ColumnLayout.of(c, LookupPlan.of(c)).nBin(), true, 0, KEY.srsDigest(), KEY, c, null,
        new byte[c.tables().size()][32], new long[nb * org.besuzkml.curve.G1.AFFINE], nb, vis);
  }

  private static Visibility publicVis(Circuit c) {
    return Visibility.allPublic(c.inputs().length, c.outputs().length, 0, KEY.encodeBeta());
  }

  /** The decoder's reason without its byte offset, or null if the vk decodes. */
  private static String reason(byte[] vk) {
    Decoded<VerifyingKey> d = VkCodec.decode(vk);
    return d.isOk() ? null : d.reason().replaceFirst(" \\(at byte -?\\d+\\)$", "");
  }

  /** The sections of a version-2 vk. */
  private static byte[][] sections(byte[] vk) {
    int[] b = Container.decode(vk, Container.VK, 8, 9).value().bounds();
    byte[][] s = new byte[9][];
    for (int i = 0; i < 9; i++) {
      s[i] = Arrays.copyOfRange(vk, b[2 * i], b[2 * i + 1]);
    }
    return s;
  }

  private static byte[] withVisibility(byte[] vk, byte[] body) {
    byte[][] s = sections(vk);
    s[8] = body;
    return Container.encode(Container.VK, Container.VERSION_ZK, Container.FLAG_ZK, s);
  }

  private static byte[] visibility(int params, int[] in, int[] out, int kPub, byte[] beta) {
    return new Visibility(params, in, out, kPub, beta).encode();
  }

  @Test
  void roundTripKeepsTheCircuitAndCarriesTheBlindingBase() {
    for (int[] in : new int[][] {{0}, {1}, {2}}) {
      // P10: a private input is a committed tensor limb-backed by a Decomp define Act, a committed
      // one a committed tensor Decomp-checked as Act
      Circuit c = in[0] == 1 ? Net.minimalPrivate(32, true).circuit()
          : in[0] == 2 ? Net.minimalCommitted(32, true).circuit() : Net.minimal().circuit();
      for (int out : new int[] {0, 2}) {
        Visibility vis = new Visibility(0, in, new int[] {out}, 0, KEY.encodeBeta());
        byte[] bytes = v2(c, vis);
        Decoded<VerifyingKey> d = VkCodec.decode(bytes);
        assertTrue(d.isOk(), d.reason());
        VerifyingKey vk = d.value();
        assertTrue(vk.zk());
        assertArrayEquals(in, vk.visibility().inputs());
        assertArrayEquals(new int[] {out}, vk.visibility().outputs());
        assertEquals(in[0] == 0 && out == 0, vk.visibility().allPublic());
        assertTrue(vk.pcsKey().hasBeta(), "the decoded key holds [beta]_1, [beta]_2");
        assertArrayEquals(KEY.encodeBeta(), vk.pcsKey().encodeBeta());
        assertEquals(c.gadgets().size(), vk.circuit().gadgets().size());
        assertEquals(2, bytes[5], "container version 2");
        assertEquals(1, bytes[7], "zk flag");
      }
    }
  }

  @Test
  void versionOneIsUnchanged() {
    Circuit c = Net.minimal().circuit();
    byte[] v1 = Net.vk(c);
    VerifyingKey vk = VkCodec.decode(v1).value();
    assertFalse(vk.zk());
    assertNull(vk.visibility());
    assertFalse(vk.pcsKey().hasBeta(), "a version-1 key never carries the blinding base");
    assertArrayEquals(v1, VkCodec.encode(vk.nBin(), vk.dev(), vk.devSeed(), vk.srsDigest(), KEY, c, null,
        new byte[0][], new long[0], 0), "the version-1 encoder writes the same bytes");
    assertEquals(1, v1[5]);
    assertEquals(0, v1[7]);
  }

  @Test
  void containerRefusals() {
    Circuit c = Net.minimal().circuit();
    byte[] good = v2(c, publicVis(c));
    byte[][] s = sections(good);
    assertEquals("version 2 requires the zk flag", reason(Container.encode(Container.VK, 2, 0, s)));
    assertEquals("unknown flags 3", reason(Container.encode(Container.VK, 2, 3, s)));
    assertEquals("unsupported BZKV version 3", reason(Container.encode(Container.VK, 3, 1, s)));
    assertEquals("non-zero flags", reason(Container.encode(Container.VK, 1, 1, Arrays.copyOf(s, 8))));
    assertEquals("section 9 missing", reason(Container.encode(Container.VK, 2, 1, Arrays.copyOf(s, 8))));
    assertEquals("unknown section 9", reason(Container.encode(Container.VK, 1, 0, s)),
        "a version-1 container has 8 sections");
    // the PARAMS protocol version must be the container's
    byte[] p1 = Net.sections(Net.vk(c))[0];
    byte[][] mixed = s.clone();
    mixed[0] = p1;
    assertEquals("protocol version 1 unsupported in a version-2 container",
        reason(Container.encode(Container.VK, 2, 1, mixed)));
    byte[][] back = Arrays.copyOf(s, 8);
    assertEquals("protocol version 2 unsupported in a version-1 container",
        reason(Container.encode(Container.VK, 1, 0, back)));
    // the other artifacts stay version 1 until their version 2 exists
    assertTrue(Container.decode(Container.encode(Container.PROOF, 2, 1, new byte[0]), Container.PROOF, 1).reason()
        .startsWith("unsupported BZKP version 2"));
  }

  @Test
  void visibilityRefusals() {
    Circuit c = Net.minimal().circuit();
    byte[] good = v2(c, publicVis(c));
    byte[] beta = KEY.encodeBeta();
    assertNull(reason(withVisibility(good, visibility(1, new int[] {0}, new int[] {0}, 0, beta))),
        "private parameters with no model bins: K'_pub = 0");
    assertEquals("VISIBILITY lists 2 inputs and 1 outputs, PUBLIC 1 and 1",
        reason(withVisibility(good, visibility(0, new int[] {0, 0}, new int[] {0}, 0, beta))));
    assertEquals("VISIBILITY lists 1 inputs and 0 outputs, PUBLIC 1 and 1",
        reason(withVisibility(good, visibility(0, new int[] {0}, new int[0], 0, beta))));
    assertEquals("parameter visibility 2 unknown",
        reason(withVisibility(good, visibility(2, new int[] {0}, new int[] {0}, 0, beta))));
    assertEquals("input 0 visibility 3 unknown",
        reason(withVisibility(good, visibility(0, new int[] {3}, new int[] {0}, 0, beta))));
    assertEquals("output 0 visibility 1 unknown", reason(withVisibility(good,
        visibility(0, new int[] {0}, new int[] {1}, 0, beta))), "an output cannot be private");
    assertEquals("public model bins 1 of 0 with parameter visibility 0",
        reason(withVisibility(good, visibility(0, new int[] {0}, new int[] {0}, 1, beta))));
    assertEquals("public model bins -1 of 0 with parameter visibility 1",
        reason(withVisibility(good, visibility(1, new int[] {0}, new int[] {0}, -1, beta))));
    byte[] body = visibility(0, new int[] {0}, new int[] {0}, 0, beta);
    assertEquals("trailing bytes in VISIBILITY", reason(withVisibility(good, Arrays.copyOf(body, body.length + 1))));
    assertTrue(reason(withVisibility(good, Arrays.copyOf(body, body.length - 1))).startsWith("truncated"));
    // P13: the blinding base is checked, each case by its reason
    byte[] g = KEY.encodeBeta().clone();
    System.arraycopy(org.besuzkml.curve.G1.encode(org.besuzkml.curve.G1.generator(), 0), 0, g, 0, 64);
    assertEquals("VISIBILITY: [beta]_1 is +-G (beta = +-1)",
        reason(withVisibility(good, visibility(0, new int[] {0}, new int[] {0}, 0, g))));
    byte[] other = HyperKzgVerifierKey.of(DevSrs.create(2, 7)).encodeBeta();
    byte[] swapped = KEY.encodeBeta().clone();
    System.arraycopy(other, 64, swapped, 64, 128);
    assertEquals("VISIBILITY: [beta]_2 is not the beta of [beta]_1 (e([beta]_1, H) != e(G, [beta]_2))",
        reason(withVisibility(good, visibility(0, new int[] {0}, new int[] {0}, 0, swapped))));
    assertEquals("VISIBILITY: [beta]_1 is infinity",
        reason(withVisibility(good, visibility(0, new int[] {0}, new int[] {0}, 0, new byte[192]))));
  }

  @Test
  void privateInputPremisesP10() {
    Circuit pub = Net.minimal().circuit();
    Circuit priv = Net.minimalPrivate(32, true).circuit();
    Visibility privVis = new Visibility(0, new int[] {1}, new int[] {0}, 0, KEY.encodeBeta());
    assertNull(reason(v2(priv, privVis)));
    assertEquals("VISIBILITY: input 0 is private but its tensor is not committed advice", reason(v2(pub, privVis)));
    assertEquals("VISIBILITY: input 0 is a committed tensor but not private", reason(v2(priv, publicVis(priv))));
    assertEquals("VISIBILITY: input 0 is a committed tensor but not private", reason(v2(priv,
        new Visibility(0, new int[] {2}, new int[] {0}, 0, KEY.encodeBeta()))));
    // a version-1 key never has a committed graph input
    assertEquals("gadget list rejected: public input 0 is not a PUBLIC_INPUT tensor", reason(Net.vk(priv)));
    // limb-backed exactly as a signed 32-bit activation, so |x| <= 2^31 holds in the circuit
    assertEquals("gadget list rejected: gadget 0 (Lin) reads tensor 0 before it is defined",
        reason(v2(Net.minimalPrivate(0, false).circuit(), privVis)), "no Decomp define: nothing defines it");
    for (Circuit bad : new Circuit[] {Net.minimalPrivate(32, false).circuit(),
        Net.minimalPrivate(33, true).circuit(), Net.minimalPrivate(16, true).circuit()}) {
      assertEquals("gadget list rejected: tensor 0: a private input must be limb-backed as signed 32-bit",
          reason(v2(bad, privVis)));
    }
  }

  @Test
  void committedInputPremisesP10() {
    Circuit pub = Net.minimal().circuit();
    Circuit com = Net.minimalCommitted(32, true).circuit();
    Visibility comVis = new Visibility(0, new int[] {2}, new int[] {0}, 0, KEY.encodeBeta());
    assertNull(reason(v2(com, comVis)));
    assertEquals("VISIBILITY: input 0 is committed but its tensor is not wired as a committed input (a committed"
        + " column Decomp-checked as Act)", reason(v2(pub, comVis)));
    for (int code : new int[] {0, 1}) {
      assertEquals("VISIBILITY: input 0 is a committed input's column but VISIBILITY says "
          + Visibility.inputName(code), reason(v2(com, new Visibility(0, new int[] {code}, new int[] {0}, 0,
          KEY.encodeBeta()))));
    }
    assertEquals("gadget list rejected: public input 0 is not a PUBLIC_INPUT tensor", reason(Net.vk(com)));
    // range-checked exactly as a signed 32-bit activation; without any check nothing defines it
    assertEquals("gadget list rejected: gadget 0 (Lin) reads tensor 0 before it is defined",
        reason(v2(Net.minimalCommitted(0, false).circuit(), comVis)));
    for (Circuit bad : new Circuit[] {Net.minimalCommitted(32, false).circuit(),
        Net.minimalCommitted(33, true).circuit(), Net.minimalCommitted(16, true).circuit()}) {
      assertEquals("gadget list rejected: tensor 0: a private input must be limb-backed as signed 32-bit",
          reason(v2(bad, comVis)));
    }
    // the layout gives the committed input a bin of its own at offset 0, first
    VerifyingKey vk = VkCodec.decode(v2(com, comVis)).value();
    assertEquals(0, org.besuzkml.proof.verify.ZkVerifier.inputBin(vk, 0));
  }

  @Test
  void theVerifierSendsAVersionTwoKeyToTheZkVerifier() {
    Circuit c = Net.minimal().circuit();
    VerifyingKey vk = VkCodec.decode(v2(c, publicVis(c))).value();
    long[][] in = {{1, 2, 3, 4}};
    long[][] out = {{2, 4, 6, 8}};
    VerifyResult r = Verifier.verify(vk, in, out, new byte[0], Verifier.SrsPolicy.ALLOW_DEV);
    assertFalse(r.valid());
    assertEquals("proof format: not a BZKP file (wrong magic) (at byte 0)", r.reason());
    byte[] v1 = Container.encode(Container.PROOF, vk.modelId(), new byte[0], new byte[0], new byte[0], new byte[0],
        new byte[0]);
    assertEquals("proof format: proof version 1 for a zk vk",
        Verifier.verify(vk, in, out, v1, Verifier.SrsPolicy.ALLOW_DEV).reason());
  }
}
