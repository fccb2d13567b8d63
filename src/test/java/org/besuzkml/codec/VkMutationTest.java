package org.besuzkml.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.gadget.Alias;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Structured mutations of real verifying keys (protocol.md 9.0): each mutation breaks one premise
 * of the soundness argument and must be refused when the vk is decoded, naming the premise; a
 * mutation that keeps every premise (another constant, another coefficient) decodes, and the old
 * proof does not verify against it. Mutations are spliced into the vk's TENSORS, GADGETS and
 * PUBLIC sections, keeping the rest of the bytes, as a malicious model owner would.
 */
class VkMutationTest {
  private static final Map<String, ProvingKey> KEYS = new ConcurrentHashMap<>();

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  private static ProvingKey key(String model) {
    return KEYS.computeIfAbsent(model, m -> {
      try {
        // a divisor that may be zero: the signed DivTensor with its zero bit (6.10)
        var l = m.equals("div_by_activation") ? CorpusModels.fromBytes(m,
            org.besuzkml.onnx.OpModels.node("Div").input(1, 6).input(1, 6).build())
            : CorpusModels.load(m);
        return Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The vk bytes of {@code vk} with its circuit replaced by {@code c} (function tables kept). */
  static byte[] withCircuit(VerifyingKey vk, Circuit c) {
    byte[] bytes = vk.bytes();
    int[] b = Container.decode(bytes, Container.VK, 8).value();
    byte[][] s = new byte[8][];
    for (int i = 0; i < 8; i++) {
      s[i] = Arrays.copyOfRange(bytes, b[2 * i], b[2 * i + 1]);
    }
    int[] scales = Arrays.copyOf(vk.scales(), c.tensors().size());
    byte[][] cs = VkCodec.circuitSections(c, scales, new byte[c.tables().size()][32]);
    s[2] = cs[0];
    s[4] = cs[2];
    s[5] = cs[3];
    return Container.encode(Container.VK, s);
  }

  /** The first of the candidate corpus models that has a gadget matching p. */
  static String modelWith(Predicate<Gadget> p, String... candidates) {
    for (String m : candidates) {
      if (key(m).vk().circuit().gadgets().stream().anyMatch(p)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no candidate model has such a gadget");
  }

  static int first(Circuit c, Predicate<Gadget> p) {
    for (int i = 0; i < c.gadgets().size(); i++) {
      if (p.test(c.gadgets().get(i))) {
        return i;
      }
    }
    throw new IllegalArgumentException("no such gadget");
  }

  static Circuit replace(Circuit c, int at, Gadget g) {
    List<Gadget> gs = new ArrayList<>(c.gadgets());
    gs.set(at, g);
    return new Circuit(c.tensors(), gs, c.tables(), c.limbWidth(), c.inputs(), c.outputs());
  }

  static Circuit remove(Circuit c, int at) {
    List<Gadget> gs = new ArrayList<>(c.gadgets());
    gs.remove(at);
    return new Circuit(c.tensors(), gs, c.tables(), c.limbWidth(), c.inputs(), c.outputs());
  }

  static Circuit insert(Circuit c, int at, Gadget g) {
    List<Gadget> gs = new ArrayList<>(c.gadgets());
    gs.add(at, g);
    return new Circuit(c.tensors(), gs, c.tables(), c.limbWidth(), c.inputs(), c.outputs());
  }

  static Circuit retype(Circuit c, int tensor, TensorKind kind) {
    List<TensorInfo> ts = new ArrayList<>(c.tensors());
    TensorInfo t = ts.get(tensor);
    ts.set(tensor, new TensorInfo(t.id(), t.name(), kind, t.shape()));
    return new Circuit(ts, c.gadgets(), c.tables(), c.limbWidth(), c.inputs(), c.outputs());
  }

  static Circuit publicTensors(Circuit c, int[] inputs, int[] outputs) {
    return new Circuit(c.tensors(), c.gadgets(), c.tables(), c.limbWidth(), inputs, outputs);
  }

  /** The Decomp define backing tensor x. */
  static int backing(Circuit c, int x) {
    return first(c, g -> g instanceof Decomp d && d.define() && d.x() == x);
  }

  static Decomp with(Decomp d, int bits, boolean signed, int sign) {
    return new Decomp(d.x(), d.offset(), bits, signed, d.define(), d.width(),
        Arrays.copyOf(d.limbs(), Decomp.limbCount(bits, d.width())), sign);
  }

  private static void refused(String model, String why, Function<Circuit, Circuit> mutation,
      String reasonFragment) {
    VerifyingKey vk = key(model).vk();
    byte[] honest = withCircuit(vk, vk.circuit());
    assertTrue(VkCodec.decode(honest).isOk(), "the splice itself keeps an honest vk decodable");
    Decoded<VerifyingKey> d = VkCodec.decode(withCircuit(vk, mutation.apply(vk.circuit())));
    assertFalse(d.isOk(), model + ": " + why + " was accepted");
    assertTrue(d.reason().contains(reasonFragment), model + ": " + why + ": " + d.reason());
  }

  @Test
  void requantPremisesRefused() {
    String m = "1l_mlp";
    refused(m, "shift 63", c -> {
      int i = first(c, g -> g instanceof Requant);
      Requant q = (Requant) c.gadgets().get(i);
      return replace(c, i, new Requant(q.acc(), q.q(), q.r(), 63));
    }, "shift 63");
    refused(m, "shift 0", c -> {
      int i = first(c, g -> g instanceof Requant);
      Requant q = (Requant) c.gadgets().get(i);
      return replace(c, i, new Requant(q.acc(), q.q(), q.r(), 0));
    }, "shift 0");
    refused(m, "a remainder without limbs", c -> {
      Requant q = (Requant) c.gadgets().get(first(c, g -> g instanceof Requant));
      return remove(c, backing(c, q.r()));
    }, "r must be limb-backed as Pos(");
    refused(m, "a virtual remainder", c -> {
      Requant q = (Requant) c.gadgets().get(first(c, g -> g instanceof Requant));
      return retype(remove(c, backing(c, q.r())), q.r(), TensorKind.VIRTUAL);
    }, "remainder column must be committed");
    refused(m, "a remainder one bit off", c -> {
      Requant q = (Requant) c.gadgets().get(first(c, g -> g instanceof Requant));
      int at = backing(c, q.r());
      Decomp d = (Decomp) c.gadgets().get(at);
      // one bit wider or narrower with the same limb count
      return replace(c, at, with(d, q.k() % d.width() == 0 ? q.k() - 1 : q.k() + 1, false, -1));
    }, "r must be limb-backed as Pos(");
    refused(m, "an unsigned quotient", c -> {
      Requant q = (Requant) c.gadgets().get(first(c, g -> g instanceof Requant));
      int at = backing(c, q.q());
      Decomp d = (Decomp) c.gadgets().get(at);
      return replace(c, at, with(d, Decomp.ACT_BITS, false, d.sign()));
    }, "q must be limb-backed as signed 32-bit");
  }

  @Test
  void signColumnPremisesRefused() {
    String m = "1l_relu";
    Function<Circuit, Integer> signed = c -> first(c, g -> g instanceof Decomp d && d.sign() >= 0);
    refused(m, "a sign that is a lower limb", c -> {
      int at = signed.apply(c);
      Decomp d = (Decomp) c.gadgets().get(at);
      int[] limbs = d.limbs().clone();
      limbs[0] = d.sign();
      return replace(c, at, new Decomp(d.x(), d.offset(), d.bits(), d.signed(), d.define(),
          d.width(), limbs, d.sign()));
    }, "sign column is a lower limb");
    refused(m, "a sign on an unsigned decomposition", c -> {
      int at = signed.apply(c);
      Decomp d = (Decomp) c.gadgets().get(at);
      return replace(c, at, new Decomp(d.x(), d.offset(), d.bits(), false, d.define(), d.width(),
          d.limbs(), d.sign()));
    }, "unsigned");
    refused(m, "a one-bit top limb that is not the sign", c -> {
      // 33 bits at w = 8 leave a 1-bit top limb: the sign column must then be that limb
      int at = signed.apply(c);
      Decomp d = (Decomp) c.gadgets().get(at);
      int[] limbs = Arrays.copyOf(d.limbs(), Decomp.limbCount(Decomp.DIFF_BITS, d.width()));
      limbs[limbs.length - 1] = d.limbs()[0];
      return replace(c, at, new Decomp(d.x(), d.offset(), Decomp.DIFF_BITS, true, d.define(),
          d.width(), limbs, d.sign()));
    }, "limb column appears twice");
  }

  @Test
  void divisionPremisesRefused() {
    String m = modelWith(g -> g instanceof DivConst, "1l_average", "1l_mean", "large_op_graph",
        "layernorm", "lenet_5");
    refused(m, "divisor 0", c -> {
      int i = first(c, g -> g instanceof DivConst);
      DivConst d = (DivConst) c.gadgets().get(i);
      long[] zero = new long[d.c().length];
      return replace(c, i, new DivConst(d.a(), d.q(), d.r(), d.rPrime(), zero, d.rBits()));
    }, "divisor 0");
    refused(m, "a remainder too narrow for 2c - 1", c -> {
      int i = first(c, g -> g instanceof DivConst);
      DivConst d = (DivConst) c.gadgets().get(i);
      long[] big = d.c().clone();
      Arrays.fill(big, 1L << d.rBits());
      return replace(c, i, new DivConst(d.a(), d.q(), d.r(), d.rPrime(), big, d.rBits()));
    }, "cannot hold 2c - 1");
    refused(m, "r' without its range check", c -> {
      DivConst d = (DivConst) c.gadgets().get(first(c, g -> g instanceof DivConst));
      return remove(c, first(c, g -> g instanceof Decomp k && !k.define() && k.x() == d.rPrime()));
    }, "r' has no Decomp check");
    refused("1l_softmax", "DivTensor r' without its range check", c -> {
      DivTensor d = (DivTensor) c.gadgets().get(first(c, g -> g instanceof DivTensor));
      return remove(c, first(c, g -> g instanceof Decomp k && !k.define() && k.x() == d.rPrime()));
    }, "r' has no Decomp check");
    refused("1l_softmax", "DivTensor divisor width 0", c -> {
      int i = first(c, g -> g instanceof DivTensor);
      DivTensor d = (DivTensor) c.gadgets().get(i);
      return replace(c, i, new DivTensor(d.a(), d.d(), d.q(), d.r(), d.rPrime(), 0));
    }, "divisor width 0");
  }

  /** Issue 7 finding 3: a Conv whose geometry is not its tensors' (and would loop for seconds). */
  @Test
  void convGeometryPremisesRefused() {
    String m = "lenet_5";
    Function<Conv, Conv> hugeOut = v -> new Conv(v.y(), v.x(), v.w(), v.groups(), v.in(),
        new int[] {v.kernel()[0], 1 << 20}, new int[] {v.out()[0], 1 << 20}, v.strides(),
        v.padBegin(), v.dilations());
    Function<Conv, Conv> zeroStride = v -> new Conv(v.y(), v.x(), v.w(), v.groups(), v.in(),
        v.kernel(), v.out(), new int[] {0, 1}, v.padBegin(), v.dilations());
    Function<Conv, Conv> wideIn = v -> new Conv(v.y(), v.x(), v.w(), v.groups(),
        new int[] {v.in()[0], v.in()[1] * 2}, v.kernel(), v.out(), v.strides(), v.padBegin(),
        v.dilations());
    Function<Conv, Conv> groups = v -> new Conv(v.y(), v.x(), v.w(), 2, v.in(), v.kernel(),
        v.out(), v.strides(), v.padBegin(), v.dilations());
    Function<Conv, Conv> shortGeometry = v -> new Conv(v.y(), v.x(), v.w(), 1, v.in(),
        new int[] {v.kernel()[0]}, v.out(), v.strides(), v.padBegin(), v.dilations());
    String[][] cases = {{"huge out x kernel", "disagree"}, {"stride 0", "out of range"},
        {"input wider than its tensor", "disagree"}, {"two groups", "grouped"},
        {"a one-entry kernel", "two entries"}};
    List<Function<Conv, Conv>> muts = List.of(hugeOut, zeroStride, wideIn, groups, shortGeometry);
    for (int k = 0; k < cases.length; k++) {
      Function<Conv, Conv> f = muts.get(k);
      refused(m, cases[k][0], c -> {
        int i = first(c, g -> g instanceof Conv);
        return replace(c, i, f.apply((Conv) c.gadgets().get(i)));
      }, cases[k][1]);
    }
  }

  /** 9.0 P9: without its companions a selector or a zero bit lets the prover choose a value. */
  @Test
  void companionsOfMaxSelectAndZeroBitRequired() {
    refused("1l_max_pool", "a MaxSelect without its gap check", c -> {
      MaxSelect s = (MaxSelect) c.gadgets().get(first(c, g -> g instanceof MaxSelect));
      int gap = first(c, g -> g instanceof Lin l && l.xs().length == 2 && l.xs()[1] == s.u());
      int y = ((Lin) c.gadgets().get(gap)).y();
      return remove(c, first(c, g -> g instanceof Decomp d && !d.define() && d.x() == y));
    }, "no gap check");
    refused("1l_max_pool", "a selector read twice", c -> {
      MaxSelect s = (MaxSelect) c.gadgets().get(first(c, g -> g instanceof MaxSelect));
      List<TensorInfo> ts = new ArrayList<>(c.tensors());
      ts.add(new TensorInfo(ts.size(), "argmax", TensorKind.VIRTUAL, c.tensor(s.sigma()).shape()));
      List<Gadget> gs = new ArrayList<>(c.gadgets());
      gs.add(new Alias(ts.size() - 1, s.sigma()));
      return new Circuit(ts, gs, c.tables(), c.limbWidth(), c.inputs(), c.outputs());
    }, "read exactly once");
    refused("div_by_activation", "a ZeroBit without its zero check", c -> remove(c,
        first(c, g -> g instanceof Poly p && p.zeroCheck())), "[d = 0]");
  }

  @Test
  void claimReducersMustHaveVirtualOutputs() {
    refused("1l_mlp", "a committed Contract output", c -> {
      Contract k = (Contract) c.gadgets().get(first(c, g -> g instanceof Contract));
      return retype(c, k.y(), TensorKind.COMMITTED);
    }, "must be virtual");
    refused("1l_relu", "a committed Poly output", c -> {
      Poly p = (Poly) c.gadgets().get(first(c, g -> g instanceof Poly));
      return retype(c, p.y(), TensorKind.COMMITTED);
    }, "must be virtual");
  }

  @Test
  void lookupColumnPremisesRefused() {
    refused("1l_max_pool", "a selector of another shape", c -> {
      int i = first(c, g -> g instanceof MaxSelect);
      MaxSelect s = (MaxSelect) c.gadgets().get(i);
      return replace(c, i, new MaxSelect(c.inputs()[0], s.sigma()));
    }, "sigma column has another shape");
    String withDefine = modelWith(g -> g instanceof Decomp d && d.define(), "1l_sigmoid",
        "2l_relu_sigmoid_small", "1l_softmax");
    refused(withDefine, "a table output that is also limb-backed", c -> {
      Lookup l = (Lookup) c.gadgets().get(first(c, g -> g instanceof Lookup));
      int at = first(c, g -> g instanceof Decomp d && d.define());
      Decomp d = (Decomp) c.gadgets().get(at);
      return insert(c, c.gadgets().size(), new Decomp(l.y(), 0, d.bits(), d.signed(), true,
          d.width(), d.limbs(), -1));
    }, "redefines");
    refused("1l_sigmoid", "a table column read as a constant", c -> {
      Lookup l = (Lookup) c.gadgets().get(first(c, g -> g instanceof Lookup));
      int col = c.tables().get(l.table()).values();
      List<TensorInfo> ts = new ArrayList<>(c.tensors());
      ts.add(new TensorInfo(ts.size(), "reader", TensorKind.VIRTUAL, c.tensor(col).shape()));
      List<Gadget> gs = new ArrayList<>(c.gadgets());
      gs.add(new Alias(ts.size() - 1, col));
      return new Circuit(ts, gs, c.tables(), c.limbWidth(), c.inputs(), c.outputs());
    }, "read by no gadget");
    refused("1l_mlp", "a committed tensor nothing produces", c -> {
      List<TensorInfo> ts = new ArrayList<>(c.tensors());
      ts.add(new TensorInfo(ts.size(), "orphan", TensorKind.COMMITTED, new int[] {4}));
      return new Circuit(ts, c.gadgets(), c.tables(), c.limbWidth(), c.inputs(), c.outputs());
    }, "produced by no gadget");
  }

  @Test
  void shapeAndZeroCheckPremisesRefused() {
    refused("1l_mlp", "a read zero-check output", c -> {
      int i = first(c, g -> g instanceof Poly);
      Poly p = (Poly) c.gadgets().get(i);
      return replace(c, i, new Poly(p.y(), p.xs(), p.coeffs(), p.monomials(), true));
    }, "zero-check output is public");
    refused("1l_mean", "a reduction over an axis out of range", c -> {
      int i = first(c, g -> g instanceof ReduceSum);
      ReduceSum r = (ReduceSum) c.gadgets().get(i);
      return replace(c, i, new ReduceSum(r.y(), r.x(), new int[] {9}));
    }, "axis 9");
    refused("1l_mlp", "a Lin with a coefficient missing", c -> {
      int i = first(c, g -> g instanceof Lin);
      Lin l = (Lin) c.gadgets().get(i);
      return replace(c, i, new Lin(l.y(), l.xs(), new long[0], l.c0()));
    }, "coefficient count");
  }

  @Test
  void publicTensorPremisesRefused() {
    refused("1l_mlp", "an output listed twice", c -> publicTensors(c, c.inputs(),
        new int[] {c.outputs()[0], c.outputs()[0]}), "listed twice");
    refused("1l_mlp", "an input listed twice", c -> publicTensors(c,
        new int[] {c.inputs()[0], c.inputs()[0]}, c.outputs()), "listed twice");
    refused("1l_mlp", "an input the statement does not list", c -> publicTensors(c, new int[0],
        c.outputs()), "does not list");
  }

  /** A mutation that keeps every premise is another model: it decodes, and the old proof fails. */
  @Test
  void premiseKeepingMutationIsAnotherModel() {
    ProvingKey pk = key("1l_mlp");
    VerifyingKey vk = pk.vk();
    Circuit c = vk.circuit();
    int i = first(c, g -> g instanceof Lin);
    Lin l = (Lin) c.gadgets().get(i);
    long[] coeffs = l.coeffs().clone();
    coeffs[0] += 1;
    byte[] other = withCircuit(vk, replace(c, i, new Lin(l.y(), l.xs(), coeffs, l.c0())));
    assertTrue(VkCodec.decode(other).isOk());
    Prover.Proof p = Prover.prove(pk, List.of(new double[] {0.5, -1, 2}));
    assertTrue(Verifier.verify(vk.bytes(), p.inputs(), p.outputs(), p.bytes(),
        Verifier.SrsPolicy.ALLOW_DEV).valid());
    assertFalse(Verifier.verify(other, p.inputs(), p.outputs(), p.bytes(),
        Verifier.SrsPolicy.ALLOW_DEV).valid());
  }

  /** Every corpus model's own circuit meets every premise (the checker refuses no honest model). */
  @Test
  void everyCorpusCircuitMeetsThePremises() throws Exception {
    int n = 0;
    for (String m : CorpusModels.names().toList()) {
      Circuit c = CorpusModels.load(m).compiled().circuit();
      assertEquals(null, CircuitCheck.check(c), m);
      n++;
    }
    assertTrue(n >= 30, "corpus models checked: " + n);
  }
}
