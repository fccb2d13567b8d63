package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.Visibility;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.curve.G1;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.proof.InputOpening;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.verify.InputValue;
import org.besuzkml.proof.verify.OutputValue;
import org.besuzkml.proof.verify.Statement;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.verify.ZkVerifier;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessAttacks;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.zk.SeededRandomness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Committed inputs end to end (zk-design 1.4, 4.7, 9.4): the input is a committed column alone in its
 * own witness bin, Decomp-checked as Act, and that bin's hiding commitment is the statement's C_x.
 * The verifier rejects a false output, a proof made with another input, a cheating prover that opens
 * other values under C_x, a commitment under another blinding, and a key whose code was flipped.
 */
class ZkCommittedInputTest {
  private static VerifyResult verify(ZkCommittedFixtures.Keyed k, Statement st, byte[] proof) {
    return Verifier.verify(k.pk().vk(), st, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  /** The statement of proof p's outputs with the given commitment for input 0. */
  private static Statement with(Prover.Proof p, byte[] commitment) {
    byte[][] c = p.commitments().clone();
    c[0] = commitment;
    return Statement.of(p.inputs(), c, p.outputs());
  }

  private static long[][] plusOne(long[][] v) {
    long[][] out = v.clone();
    out[0] = out[0].clone();
    out[0][0] += 1;
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_relu", "lenet_5", "1l_conv", "1l_max_pool", "1l_softmax", "1l_sigmoid"})
  void honestProofVerifiesAndFalseOutputRejected(String model) {
    ZkCommittedFixtures.Keyed k = ZkCommittedFixtures.get(model);
    VerifyingKey vk = k.pk().vk();
    int x = vk.circuit().inputs()[0];
    assertTrue(vk.visibility().committedInput(0));
    assertEquals(TensorKind.COMMITTED, vk.circuit().tensor(x).kind());
    assertTrue(vk.circuit().gadgets().stream().anyMatch(g -> g instanceof Decomp d && !d.define() && d.x() == x
        && d.bits() == Decomp.ACT_BITS && d.signed() && d.offset() == 0), "range-checked by a Decomp check Act");
    assertFalse(vk.circuit().gadgets().stream().anyMatch(g -> g instanceof Decomp d && d.define() && d.x() == x));
    int bin = ZkVerifier.inputBin(vk, 0);
    assertEquals(0, bin, "the committed input comes first, in a bin of its own");
    for (ColumnLayout.Column c : vk.layout().witness()) {
      assertTrue(c.tensor() == x || c.bin() != bin, "another column shares the committed input's bin");
    }
    assertNull(k.proof().inputs()[0], "a committed input is not stated");
    assertArrayEquals(k.openings()[0].commitment(), k.proof().commitments()[0]);
    byte[] inProof = Arrays.copyOfRange(k.proof().bytes(), Container.decode(k.proof().bytes(), Container.PROOF, 6, 6)
        .value().bounds()[2], Container.decode(k.proof().bytes(), Container.PROOF, 6, 6).value().bounds()[2] + 64);
    assertArrayEquals(k.proof().commitments()[0], inProof, "the input's bin commitment is C_x");
    VerifyResult r = verify(k, k.proof().statement(), k.proof().bytes());
    assertTrue(r.valid(), r.reason());
    assertFalse(verify(k, Statement.of(k.proof().inputs(), k.proof().commitments(), plusOne(k.proof().outputs())),
        k.proof().bytes()).valid());
  }

  /** The corpus input scaled by f through the committed model's engine: a witness for input B. */
  private static Witness otherInput(ZkCommittedFixtures.Keyed k, double f) throws Exception {
    var cm = k.model().compiled();
    List<double[]> in = InputFile.read(CorpusModels.CORPUS.resolve(k.model().name()).resolve("input.json"),
        cm.model().graph());
    for (double[] a : in) {
      for (int i = 0; i < a.length; i++) {
        a[i] *= f;
      }
    }
    return WitnessBuilder.build(cm, cm.model().run(in));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "lenet_5"})
  void committedInputSwapRejected(String model) throws Exception {
    ZkCommittedFixtures.Keyed k = ZkCommittedFixtures.get(model);
    byte[] ca = k.proof().commitments()[0];
    Witness wb = otherInput(k, -0.5);
    // an honest prover run with input B (its own opening): valid for C_B, rejected for C_A
    InputOpening[] ob = ZkCommittedFixtures.openings(k.pk(), wb, 8);
    Prover.Proof b = ZkProver.prove(k.pk(), wb, true, SeededRandomness.of(2), ob);
    assertTrue(verify(k, b.statement(), b.bytes()).valid());
    VerifyResult bForA = verify(k, with(b, ca), b.bytes());
    assertFalse(bForA.valid(), "B's proof accepted under A's commitment");
    assertEquals("committed input 0: the proof's column is not the statement's commitment", bForA.reason());
    // ... even with A's outputs stated
    assertFalse(verify(k, Statement.of(b.inputs(), k.proof().commitments(), k.proof().outputs()), b.bytes()).valid());
    // a cheating prover: B's values in the input's bin, A's commitment stated for it (the message lies)
    Prover.Proof cheat = ZkProver.prove(k.pk(), wb, false, SeededRandomness.of(3), k.openings());
    assertArrayEquals(ca, cheat.commitments()[0]);
    VerifyResult r = verify(k, cheat.statement(), cheat.bytes());
    assertFalse(r.valid(), "B's values opened under A's commitment");
    assertTrue(r.reason().startsWith("opening"), r.reason());
    // and A's honest proof is rejected for B's commitment
    assertFalse(verify(k, with(k.proof(), b.commitments()[0]), k.proof().bytes()).valid());
  }

  @Test
  void committedInputOtherBlindingRejected() {
    ZkCommittedFixtures.Keyed k = ZkCommittedFixtures.get("1l_mlp");
    InputOpening a = k.openings()[0];
    InputOpening other = InputOpening.create(k.pk().srs(), k.pk().vk(), 0, a.values(), SeededRandomness.of(99));
    assertFalse(Arrays.equals(a.commitment(), other.commitment()), "precondition: another blinding, another point");
    assertNull(other.check(k.pk().srs(), k.pk().vk(), 0));
    VerifyResult r = verify(k, with(k.proof(), other.commitment()), k.proof().bytes());
    assertFalse(r.valid());
    assertEquals("committed input 0: the proof's column is not the statement's commitment", r.reason());
    // a cheating prover that writes Com(x; r') while it committed the bin under r
    InputOpening lie = new InputOpening(a.values(), a.blinding(), other.commitment());
    Prover.Proof p = ZkProver.prove(k.pk(), k.model().honest(), false, SeededRandomness.of(4), new InputOpening[] {lie});
    VerifyResult q = verify(k, p.statement(), p.bytes());
    assertFalse(q.valid(), "an opening of C_x under another blinding accepted");
  }

  @Test
  void proverChecksTheOpening() {
    ZkCommittedFixtures.Keyed k = ZkCommittedFixtures.get("1l_mlp");
    InputOpening a = k.openings()[0];
    long[] v = a.values();
    v[0] += 1;
    InputOpening forOther = InputOpening.create(k.pk().srs(), k.pk().vk(), 0, v, SeededRandomness.of(5));
    Prover.ProveException e = assertThrows(Prover.ProveException.class, () -> ZkProver.prove(k.pk(),
        k.model().honest(), true, SeededRandomness.of(6), new InputOpening[] {forOther}));
    assertEquals("input 0: the opening is for other values than this input", e.getMessage());
    InputOpening wrong = new InputOpening(a.values(), forOther.blinding(), a.commitment());
    assertEquals("the opening does not recompute its commitment", wrong.check(k.pk().srs(), k.pk().vk(), 0));
    e = assertThrows(Prover.ProveException.class, () -> ZkProver.prove(k.pk(), k.model().honest(), true,
        SeededRandomness.of(6), new InputOpening[] {wrong}));
    assertEquals("input 0: the opening does not recompute its commitment", e.getMessage());
    e = assertThrows(Prover.ProveException.class, () -> ZkProver.prove(k.pk(), k.model().honest(), true,
        SeededRandomness.of(6)));
    assertEquals("input 0 is committed: proving needs its opening", e.getMessage());
  }

  @Test
  void statementMustCarryAValidCommitment() {
    ZkCommittedFixtures.Keyed k = ZkCommittedFixtures.get("1l_mlp");
    Prover.Proof p = k.proof();
    List<OutputValue> outs = p.statement().outputs();
    assertEquals("statement: input 0 is committed in the vk",
        verify(k, new Statement(List.of(new InputValue.Private()), outs), p.bytes()).reason());
    assertEquals("statement: input 0 is committed in the vk",
        verify(k, new Statement(List.of(new InputValue.Public(k.model().honest().get(
            k.pk().vk().circuit().inputs()[0]))), outs), p.bytes()).reason());
    assertEquals("statement: input 0: a commitment is 64 bytes (G1 x || y)",
        verify(k, new Statement(List.of(new InputValue.Committed(new byte[63])), outs), p.bytes()).reason());
    byte[] off = p.commitments()[0].clone();
    off[63] ^= 1;
    assertEquals("public values: input 0's commitment is not a G1 point",
        verify(k, new Statement(List.of(new InputValue.Committed(off)), outs), p.bytes()).reason());
    // the long[][] API cannot state a committed input
    assertFalse(Verifier.verify(k.pk().vk(), p.inputs(), p.outputs(), p.bytes(), Verifier.SrsPolicy.ALLOW_DEV,
        Verifier.Limits.DEFAULT, (g, a, b) -> { }).valid());
  }

  @Test
  void committedInputCheatsRejected() {
    ZkCommittedFixtures.Keyed k = ZkCommittedFixtures.get("1l_mlp");
    var cm = k.model().compiled();
    for (WitnessAttacks.Attack a : List.of(WitnessAttacks.activationOffByOne(cm), WitnessAttacks.wrongRounding(cm),
        WitnessAttacks.weightsDifferentFromCommitted(cm))) {
      Prover.Proof p = ZkProver.prove(k.pk(), a.apply(k.model()), false, SeededRandomness.of(3), k.openings());
      assertFalse(verify(k, p.statement(), p.bytes()).valid(), a.name() + " was accepted");
    }
    int x = k.pk().vk().circuit().inputs()[0];
    WitnessAttacks.Attack big = new WitnessAttacks.Attack("inputBeyond32Bits", (i, g, w) -> {
      if (i == -1) {
        w.get(x)[0] = 1L << 31; // one past the signed 32-bit range: the Decomp check's top limb leaves its table
      }
    }, "Decomp");
    Witness wbig = big.apply(k.model());
    InputOpening[] ob = ZkCommittedFixtures.openings(k.pk(), wbig, 9);
    // the limbs cannot recompose 2^31 + 2^31 = 2^32 within 32 bits: refused at proving, or the
    // recomposed claim on x is not what the input's bin (C_x) holds and the opening fails
    String why;
    try {
      Prover.Proof p = ZkProver.prove(k.pk(), wbig, false, SeededRandomness.of(3), ob);
      VerifyResult r = verify(k, p.statement(), p.bytes());
      assertFalse(r.valid(), "an input beyond 32 bits was accepted");
      why = r.reason();
    } catch (Prover.ProveException e) {
      why = e.getMessage();
    }
    assertTrue(why.contains("lookup") || why.startsWith("opening"), why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "lenet_5"})
  void committedInputAbsentFromJsonAndProof(String model) throws Exception {
    ZkCommittedFixtures.Keyed k = ZkCommittedFixtures.get(model);
    long[] x = k.model().honest().get(k.pk().vk().circuit().inputs()[0]);
    List<byte[]> needles = ZkPrivateInputTest.needles(x);
    assertFalse(needles.isEmpty());
    String json = ProofJson.toJson(k.pk().vk(), k.proof()).toString();
    assertEquals(0, ZkPrivateInputTest.count(k.proof().bytes(), needles), "proof bytes hold the input");
    assertEquals(0, ZkPrivateInputTest.count(json.getBytes(StandardCharsets.UTF_8), needles));
    String blinding = org.besuzkml.codec.Hex.encode(k.openings()[0].blindingBytes()).substring(2);
    assertFalse(json.contains(blinding) || org.besuzkml.codec.Hex.encode(k.proof().bytes()).contains(blinding),
        "the blinding leaked");
    assertTrue(json.contains(org.besuzkml.codec.Hex.encode(k.proof().commitments()[0])), "the JSON states C_x");
    // the JSON reads back to the same statement
    ProofJson.Parsed back = ProofJson.parse(json, "proof.json", k.pk().vk());
    assertTrue(verify(k, back.statement(), back.proof()).valid());
    assertArrayEquals(k.proof().commitments()[0], back.statement().commitments()[0]);
  }

  /** The vk with input 0's VISIBILITY code replaced. */
  private static byte[] withInputCode(byte[] vk, int code) {
    int[] b = Container.decode(vk, Container.VK, 8, 9).value().bounds();
    byte[] out = vk.clone();
    out[b[16] + 3] = (byte) code;
    return out;
  }

  @Test
  void committedCodeMustNameACommittedInputsColumn() {
    byte[] vk = ZkCommittedFixtures.get("1l_mlp").pk().vk().bytes();
    assertEquals(Visibility.COMMITTED, vk[Container.decode(vk, Container.VK, 8, 9).value().bounds()[16] + 3]);
    for (int code : new int[] {0, 1}) {
      Decoded<VerifyingKey> d = VkCodec.decode(withInputCode(vk, code));
      assertFalse(d.isOk(), "code " + code);
      assertTrue(d.reason().startsWith("VISIBILITY: input 0 is a committed input's column but VISIBILITY says"),
          d.reason());
    }
    for (byte[] other : new byte[][] {ZkFixtures.get("1l_mlp").pk().vk().bytes(),
        ZkPrivateFixtures.get("1l_mlp").pk().vk().bytes()}) {
      Decoded<VerifyingKey> d = VkCodec.decode(withInputCode(other, Visibility.COMMITTED));
      assertFalse(d.isOk());
    }
    Decoded<VerifyingKey> d = VkCodec.decode(withInputCode(ZkFixtures.get("1l_mlp").pk().vk().bytes(), 2));
    assertTrue(d.reason().startsWith("VISIBILITY: input 0 is committed but its tensor is not wired as a committed"
        + " input"), d.reason());
  }

  /** The zk cost bound covers a committed-input verification (the C_x record, decoding and check). */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "lenet_5"})
  void costBoundCoversTheCommittedInput(String model) {
    ZkCommittedFixtures.Keyed k = ZkCommittedFixtures.get(model);
    VerifyingKey vk = k.pk().vk();
    org.besuzkml.proof.verify.VerifierCost cost = org.besuzkml.proof.verify.ZkVerifierCost.of(vk).total();
    assertEquals(cost.proofBytes(), k.proof().bytes().length);
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long a0 = 0;
    VerifyResult r = null;
    for (int run = 0; run < 2; run++) { // the first run warms up (class loading, JIT)
      org.besuzkml.field.Fr.resetMulCount();
      org.besuzkml.msm.Msm.resetCounts();
      a0 = mx.getThreadAllocatedBytes(tid);
      r = verify(k, k.proof().statement(), k.proof().bytes());
    }
    long alloc = mx.getThreadAllocatedBytes(tid) - a0;
    assertTrue(r.valid(), r.reason());
    assertTrue(alloc <= cost.allocBytes() + org.besuzkml.proof.verify.VerifierCost.FIXED_ALLOC, "allocation " + alloc);
    org.junit.jupiter.api.Assumptions.assumeTrue(org.besuzkml.field.Fr.COUNTING, "field counting is off");
    assertEquals(cost.msmPoints(), org.besuzkml.msm.Msm.countedPoints());
    assertTrue(org.besuzkml.field.Fr.mulCount() <= cost.fieldMuls(), org.besuzkml.field.Fr.mulCount() + " muls");
  }
}
