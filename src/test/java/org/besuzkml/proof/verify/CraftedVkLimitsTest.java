package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.Wire;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Test;

/**
 * protocol.md 10.4: vks that decode (every premise of 9.0 holds) but whose verification would
 * loop or allocate far beyond any real model are refused by {@link Verifier.Limits#DEFAULT} before
 * any proof work, quickly, with a reason that names the cost: the audit's Conv whose geometry makes
 * the verifier loop over out x kernel with 2^20-entry eq tables, a 2^20-entry Wire, and a chain of
 * Lin gadgets that doubles the claims at every step (2^40 claims from a few hundred bytes).
 */
class CraftedVkLimitsTest {
  /** A vk with nothing committed (1l_flatten) whose circuit is replaced, as a model owner could. */
  static byte[] withCircuit(Circuit c) throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_flatten");
    VerifyingKey vk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0)).vk();
    byte[] bytes = vk.bytes();
    int[] b = Container.decode(bytes, Container.VK, 8).value();
    byte[][] s = new byte[8][];
    for (int i = 0; i < 8; i++) {
      s[i] = Arrays.copyOfRange(bytes, b[2 * i], b[2 * i + 1]);
    }
    byte[][] cs = VkCodec.circuitSections(c, new int[c.tensors().size()], new byte[0][32]);
    s[2] = cs[0];
    s[4] = cs[2];
    s[5] = cs[3];
    return Container.encode(Container.VK, s);
  }

  static TensorInfo t(int id, TensorKind k, int... shape) {
    return new TensorInfo(id, "t" + id, k, shape);
  }

  static void refused(String what, Circuit c) throws Exception {
    byte[] vk = withCircuit(c);
    Decoded<VerifyingKey> d = VkCodec.decode(vk);
    assertTrue(d.isOk(), what + ": the crafted vk must decode (it breaks no premise): "
        + (d.isOk() ? "" : d.reason()));
    long t0 = System.nanoTime();
    VerifierCost cost = VerifierCost.of(d.value());
    VerifyResult r = Verifier.verify(vk, new long[1][], new long[1][], new byte[64],
        Verifier.SrsPolicy.ALLOW_DEV);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("CRAFTED %s: %d-byte vk, %s, refused in %d ms: %s%n", what, vk.length,
        cost, ms, r.reason());
    assertFalse(r.valid(), what);
    assertNotNull(r.reason());
    assertTrue(r.reason().startsWith("verifier cost:"), what + ": " + r.reason());
    assertTrue(ms < 2000, what + ": refused only after " + ms + " ms");
  }

  /** A Conv whose out x kernel is 2^30 multiplications, on tensors of 2^20 and 2^10 entries. */
  static Circuit convBlowUp() {
    int w = 1 << 20;
    int k = 1 << 10;
    int out = w - k + 1;
    return new Circuit(List.of(t(0, TensorKind.PUBLIC_INPUT, 1, 1, w),
        t(1, TensorKind.PUBLIC_INPUT, 1, 1, k), t(2, TensorKind.VIRTUAL, 1, 1, out)),
        List.<Gadget>of(new Conv(2, 0, 1, 1, new int[] {1, w}, new int[] {1, k},
            new int[] {1, out}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1})),
        List.of(), 8, new int[] {0, 1}, new int[] {2});
  }

  /** A Wire of 2^20 entries gathered from a 4-entry input. */
  static Circuit hugeWire() {
    int n = 1 << 20;
    int[] src = new int[n];
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i % 4;
    }
    return new Circuit(List.of(t(0, TensorKind.PUBLIC_INPUT, 1, 4), t(1, TensorKind.VIRTUAL, 1, n)),
        List.<Gadget>of(new Wire(1, new int[] {0}, src, idx, new long[n])),
        List.of(), 8, new int[] {0}, new int[] {1});
  }

  /**
   * The same 2^20-entry gather in the affine form (gadget kind 15): a few hundred bytes of vk, so
   * only the cost bound (which prices its expansion too) stands between it and the verifier.
   */
  static Circuit hugeAffineWire() {
    int n = 1 << 20;
    org.besuzkml.proof.gadget.WireMap m = new org.besuzkml.proof.gadget.WireMap(0, List.of(
        new org.besuzkml.proof.gadget.WireMap.Piece(0, new int[] {n / 4, 4}, 0, new int[] {4, 1},
            new int[] {0, 0}, new int[][] {{0, 0}, {0, 1}})));
    return new Circuit(List.of(t(0, TensorKind.PUBLIC_INPUT, 1, 4), t(1, TensorKind.VIRTUAL, 1, n)),
        List.<Gadget>of(new Wire(1, new int[] {0}, new int[0], new int[0], new long[0], m)),
        List.of(), 8, new int[] {0}, new int[] {1});
  }

  /** {@code depth} gadgets {@code Lin(x + x)} in a chain: claims on the input double at each. */
  static Circuit linChain(int depth) {
    List<TensorInfo> ts = new ArrayList<>();
    List<Gadget> gs = new ArrayList<>();
    ts.add(t(0, TensorKind.PUBLIC_INPUT, 1, 4));
    for (int i = 1; i <= depth; i++) {
      ts.add(t(i, TensorKind.VIRTUAL, 1, 4));
      gs.add(new Lin(i, new int[] {i - 1, i - 1}, new long[] {1, 1}, 0));
    }
    return new Circuit(ts, gs, List.of(), 8, new int[] {0}, new int[] {depth});
  }

  @Test
  void convGeometryBlowUpIsRefused() throws Exception {
    refused("Conv out x kernel = 2^30", convBlowUp());
  }

  @Test
  void hugeWireIsRefused() throws Exception {
    refused("Wire of 2^20 entries", hugeWire());
  }

  @Test
  void hugeAffineWireIsRefused() throws Exception {
    assertTrue(withCircuit(hugeAffineWire()).length < 1024);
    refused("affine Wire of 2^20 entries", hugeAffineWire());
  }

  @Test
  void claimDoublingChainIsRefused() throws Exception {
    refused("Lin chain doubling claims 40 times", linChain(40));
  }
}
