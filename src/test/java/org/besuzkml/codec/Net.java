package org.besuzkml.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.curve.G1;
import org.besuzkml.pcs.HyperKzgVerifierKey;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Test support: a hand-built circuit (tensors, gadgets, tables, public tensors) and its complete vk
 * bytes, so a boundary test states exactly the circuit it means instead of mutating a corpus model.
 */
final class Net {
  static final TensorKind PUB = TensorKind.PUBLIC_INPUT;
  static final TensorKind CONST = TensorKind.CONSTANT;
  static final TensorKind COM = TensorKind.COMMITTED;
  static final TensorKind VIRT = TensorKind.VIRTUAL;

  /** A dev key (tau from seed 0): any 32-byte digest is accepted by the vk decoder. */
  static final HyperKzgVerifierKey KEY = HyperKzgVerifierKey.of(DevSrs.create(2, 0));

  final List<TensorInfo> tensors = new ArrayList<>();
  final List<Gadget> gadgets = new ArrayList<>();
  final List<TableInfo> tables = new ArrayList<>();
  final List<Integer> inputs = new ArrayList<>();
  final List<Integer> outputs = new ArrayList<>();
  int w = 8;

  /** A new tensor; a public input is listed in the statement. */
  int t(TensorKind k, int... shape) {
    int id = tensors.size();
    tensors.add(new TensorInfo(id, "t" + id, k, shape));
    if (k == PUB) {
      inputs.add(id);
    }
    return id;
  }

  Net g(Gadget... gs) {
    gadgets.addAll(Arrays.asList(gs));
    return this;
  }

  Net out(int... ts) {
    for (int t : ts) {
      outputs.add(t);
    }
    return this;
  }

  /** n fresh committed tensors of the given shape. */
  int[] cols(int n, int... shape) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = t(COM, shape);
    }
    return a;
  }

  /** A Decomp of x (bits, signed, define) with fresh committed limbs of x's shape; sign -1. */
  Decomp decomp(int x, long offset, int bits, boolean signed, boolean define) {
    int[] limbs = cols(Decomp.limbCount(Math.max(bits, 1), w), tensors.get(x).shape());
    return new Decomp(x, offset, bits, signed, define, w, limbs, -1);
  }

  Circuit circuit() {
    return new Circuit(tensors, gadgets, tables, w,
        inputs.stream().mapToInt(Integer::intValue).toArray(),
        outputs.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The circuit's own verdict (CircuitCheck then CircuitInvariants): null if accepted. */
  String check() {
    return CircuitCheck.check(circuit());
  }

  /** The complete vk of c at the layout's n_bin, with infinity model bins. */
  static byte[] vk(Circuit c) {
    return vk(c, ColumnLayout.of(c, LookupPlan.of(c)).nBin());
  }

  static byte[] vk(Circuit c, int nBin) {
    int nb = ColumnLayout.of(c, LookupPlan.of(c)).modelBins();
    return VkCodec.encode(nBin, true, 0, KEY.srsDigest(), KEY, c, null,
        new byte[c.tables().size()][32], new long[nb * G1.AFFINE], nb);
  }

  /** A circuit the layout cannot even be computed for: empty model sections (never reached). */
  private static byte[] vkWithoutLayout(Circuit c) {
    byte[] params = new ByteWriter().u16(VkCodec.PROTOCOL_VERSION).u8(c.limbWidth()).u8(8).u8(1)
        .i64(0).bytes(KEY.srsDigest()).toByteArray();
    byte[][] cs = VkCodec.circuitSections(c, null, new byte[c.tables().size()][32]);
    byte[] none = new ByteWriter().i32(0).toByteArray();
    return Container.encode(Container.VK, params, KEY.encodeG2(), cs[0], cs[1], cs[2], cs[3], none,
        none);
  }

  byte[] vk() {
    try {
      return vk(circuit());
    } catch (RuntimeException e) {
      return vkWithoutLayout(circuit());
    }
  }

  /** Accepted by the circuit check and as a complete vk. */
  void accepted() {
    assertEquals(null, check());
    Decoded<VerifyingKey> d = VkCodec.decode(vk());
    assertTrue(d.isOk(), d.reason());
  }

  /** Refused by the circuit check, and by the vk decoder, with a reason containing fragment. */
  void refused(String fragment) {
    String why = check();
    assertTrue(why != null && why.contains(fragment), "expected '" + fragment + "', got " + why);
    Decoded<VerifyingKey> d = VkCodec.decode(vk());
    assertFalse(d.isOk());
    assertTrue(d.reason().contains("gadget list rejected: " + why), d.reason());
  }

  /** The 8 section bodies of a vk. */
  static byte[][] sections(byte[] vk) {
    int[] b = Container.decode(vk, Container.VK, 8).value();
    byte[][] s = new byte[8][];
    for (int i = 0; i < 8; i++) {
      s[i] = Arrays.copyOfRange(vk, b[2 * i], b[2 * i + 1]);
    }
    return s;
  }

  /** vk with section tag (1-based) replaced by body. */
  static byte[] withSection(byte[] vk, int tag, byte[] body) {
    byte[][] s = sections(vk);
    s[tag - 1] = body;
    return Container.encode(Container.VK, s);
  }

  /**
   * {@link #minimal} with x a private input (zk-design 4.7): committed, limb-backed by the given
   * Decomp define (bits, signed), listed as graph input 0; {@code bits = 0} leaves it without one.
   */
  static Net minimalPrivate(int bits, boolean signed) {
    Net n = new Net();
    int x = n.t(COM, 4);
    n.inputs.add(x);
    if (bits > 0) {
      n.g(n.decomp(x, 0, bits, signed, true));
    }
    int y = n.t(VIRT, 4);
    return n.g(new org.besuzkml.proof.gadget.Lin(y, new int[] {x}, new long[] {2}, 0)).out(y);
  }

  /**
   * A committed input (zk-design 4.7): committed x (4) with a Decomp check of {@code bits}
   * ({@code signed}; none for 0), then y = 2x.
   */
  static Net minimalCommitted(int bits, boolean signed) {
    Net n = new Net();
    int x = n.t(COM, 4);
    n.inputs.add(x);
    if (bits > 0) {
      n.g(n.decomp(x, 0, bits, signed, false));
    }
    int y = n.t(VIRT, 4);
    return n.g(new org.besuzkml.proof.gadget.Lin(y, new int[] {x}, new long[] {2}, 0)).out(y);
  }

  /** A minimal accepted net: public x (4), virtual y = 2x, output y. */
  static Net minimal() {
    Net n = new Net();
    int x = n.t(PUB, 4);
    int y = n.t(VIRT, 4);
    return n.g(new org.besuzkml.proof.gadget.Lin(y, new int[] {x}, new long[] {2}, 0)).out(y);
  }
}
