package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.Visibility;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Test;

/**
 * CraftedVkLimitsTest's three blow-ups as version-2 (zero-knowledge, all-public) keys: the zk verifier
 * refuses each by its cost bound ({@link ZkVerifierCost}) before any proof work, quickly, naming the
 * figure; and a chain of {@code Lin(x + x)} short enough for version 1's limits is refused by the zk
 * bound alone (its mask column and slots are what the zk terms price).
 */
class CraftedZkVkLimitsTest {
  /** A zk vk with nothing committed (1l_flatten) whose circuit is replaced, VISIBILITY all public for it. */
  static byte[] withCircuit(Circuit c) throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_flatten");
    VerifyingKey vk = Setup.runZk(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0)).vk();
    byte[] bytes = vk.bytes();
    int[] b = Container.decode(bytes, Container.VK, 8, 9).value().bounds();
    byte[][] s = new byte[9][];
    for (int i = 0; i < 9; i++) {
      s[i] = Arrays.copyOfRange(bytes, b[2 * i], b[2 * i + 1]);
    }
    byte[][] cs = VkCodec.circuitSections(c, new int[c.tensors().size()], new byte[0][32]);
    s[2] = cs[0];
    s[4] = cs[2];
    s[5] = cs[3];
    s[8] = Visibility.allPublic(c.inputs().length, c.outputs().length, vk.visibility().publicModelBins(),
        vk.visibility().beta()).encode();
    return Container.encode(Container.VK, Container.VERSION_ZK, Container.FLAG_ZK, s);
  }

  static VerifyingKey decoded(byte[] vk, String what) {
    Decoded<VerifyingKey> d = VkCodec.decode(vk);
    assertTrue(d.isOk(), what + ": the crafted vk must decode: " + (d.isOk() ? "" : d.reason()));
    assertTrue(d.value().zk(), what);
    return d.value();
  }

  static void refused(String what, Circuit c) throws Exception {
    byte[] vk = withCircuit(c);
    decoded(vk, what);
    long t0 = System.nanoTime();
    VerifyResult r = Verifier.verify(vk, new long[c.inputs().length][], new long[c.outputs().length][],
        new byte[64], Verifier.SrsPolicy.ALLOW_DEV);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("CRAFTED-ZK %s: %d-byte vk, refused in %d ms: %s%n", what, vk.length, ms, r.reason());
    assertFalse(r.valid(), what);
    assertTrue(r.reason().startsWith("verifier cost:"), what + ": " + r.reason());
    assertTrue(ms < 2000, what + ": refused only after " + ms + " ms");
  }

  @Test
  void convGeometryBlowUpIsRefused() throws Exception {
    refused("Conv out x kernel = 2^30", CraftedVkLimitsTest.convBlowUp());
  }

  @Test
  void hugeWireIsRefused() throws Exception {
    refused("Wire of 2^20 entries", CraftedVkLimitsTest.hugeWire());
  }

  @Test
  void claimDoublingChainIsRefused() throws Exception {
    refused("Lin chain doubling claims 40 times", CraftedVkLimitsTest.linChain(40));
  }

  /**
   * A chain of 15 {@code Lin(x + x)} (2^15 claims on its input, a mask column of 32,766 entries): under a
   * multiplication limit between version 1's figure of the circuit and the zk bound, the zk key is refused by
   * the zk bound, before any proof work (version 1's figure alone would have let it through).
   */
  @Test
  void zkTermsAloneRefuseAChainUnderVersionOnesFigure() throws Exception {
    byte[] vk = withCircuit(CraftedVkLimitsTest.linChain(15));
    VerifyingKey k = decoded(vk, "chain of 15");
    ZkVerifierCost z = ZkVerifierCost.of(k);
    assertTrue(z.refusal() == null && z.maskEntries() == 32_766, z.refusal() + " " + z.maskEntries());
    long mid = (z.base().fieldMuls() + z.total().fieldMuls()) / 2;
    Verifier.Limits none = Verifier.Limits.NONE;
    Verifier.Limits limits = new Verifier.Limits(mid, none.maxAllocBytes(), none.maxMsmPoints(), none.maxProofBytes(),
        none.maxKeccakPermutations());
    assertTrue(z.base().exceeds(limits) == null && z.total().exceeds(limits) != null);
    VerifyResult r = Verifier.verify(k, new long[1][], new long[1][], new byte[64], Verifier.SrsPolicy.ALLOW_DEV,
        limits, (g, from, to) -> { });
    System.out.printf("CRAFTED-ZK Lin chain of 15: base %d muls, zk bound %d: %s%n", z.base().fieldMuls(),
        z.total().fieldMuls(), r.reason());
    assertTrue(r.reason().equals("verifier cost: " + z.total().fieldMuls()
        + " field multiplications exceed the limit " + mid), r.reason());
  }
}
