package org.besuzkml.proof.e2e;

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
import org.besuzkml.codec.VkCodec;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.verify.InputValue;
import org.besuzkml.proof.verify.OutputValue;
import org.besuzkml.proof.verify.Statement;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessAttacks;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.zk.SeededRandomness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Private inputs end to end (zk-design 1.2, 4.7, 9.4, 11.5): the input is committed advice limb-backed
 * by a Decomp define Act, the statement holds only the outputs, and the proof and its JSON hold nothing
 * of the input; the verifier rejects false outputs, cheating witnesses and a key whose visibility code
 * was flipped.
 */
class ZkPrivateInputTest {
  private static VerifyResult verify(ZkPrivateFixtures.Keyed k, Statement st, byte[] proof) {
    return Verifier.verify(k.pk().vk(), st, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  private static long[][] plusOne(long[][] v) {
    long[][] out = v.clone();
    out[0] = out[0].clone();
    out[0][0] += 1;
    return out;
  }

  /**
   * lenet_5 for scale, not under mutation testing (Fixtures.MUTATION_RUN): PIT reruns every
   * covering test for each surviving mutant, and lenet_5's cheats take about 10 s a run.
   */
  static java.util.stream.Stream<String> cheatModels() {
    return Fixtures.MUTATION_RUN ? java.util.stream.Stream.of("1l_mlp") : java.util.stream.Stream.of("1l_mlp", "lenet_5");
  }

  static java.util.stream.Stream<String> smallModels() {
    return Fixtures.MUTATION_RUN ? java.util.stream.Stream.of("1l_mlp", "1l_relu")
        : java.util.stream.Stream.of("1l_mlp", "1l_relu", "lenet_5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_relu", "lenet_5", "1l_conv", "1l_max_pool", "1l_softmax"})
  void honestProofVerifiesAndFalseOutputRejected(String model) {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get(model);
    VerifyingKey vk = k.pk().vk();
    int x = vk.circuit().inputs()[0];
    assertTrue(vk.visibility().privateInput(0));
    assertEquals(TensorKind.COMMITTED, vk.circuit().tensor(x).kind());
    assertTrue(vk.circuit().gadgets().stream().anyMatch(g -> g instanceof Decomp d && d.define() && d.x() == x
        && d.bits() == Decomp.ACT_BITS && d.signed() && d.offset() == 0), "limb-backed by a Decomp define Act");
    assertNull(k.proof().inputs()[0], "a private input is not stated");
    VerifyResult r = verify(k, k.proof().statement(), k.proof().bytes());
    assertTrue(r.valid(), r.reason());
    assertFalse(verify(k, Statement.of(k.proof().inputs(), plusOne(k.proof().outputs())), k.proof().bytes()).valid());
  }

  /** The corpus input scaled by {@code f}, run through the private model's engine: a witness for input B. */
  private static Witness otherInput(ZkPrivateFixtures.Keyed k, double f) throws Exception {
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
  @org.junit.jupiter.params.provider.MethodSource("smallModels")
  void proofForInputAVerifiesOnlyForItsOutput(String model) throws Exception {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get(model);
    Prover.Proof b = ZkProver.prove(k.pk(), otherInput(k, -0.5), true, SeededRandomness.of(2));
    assertFalse(Arrays.deepEquals(k.proof().outputs(), b.outputs()), "precondition: inputs A and B differ in output");
    assertTrue(verify(k, b.statement(), b.bytes()).valid());
    VerifyResult aForB = verify(k, b.statement(), k.proof().bytes());
    assertFalse(aForB.valid(), "A's proof accepted for B's output");
    assertFalse(verify(k, k.proof().statement(), b.bytes()).valid(), "B's proof accepted for A's output");
  }

  // --- privateInputAbsentFromJsonAndProof: byte scan -------------------------------------------

  /** Every encoding the scan looks for: runs of consecutive input values and single field elements. */
  static List<byte[]> needles(long[] x) {
    List<byte[]> out = new java.util.ArrayList<>();
    int run = Math.min(4, x.length);
    for (int s = 0; s + run <= x.length; s++) {
      long[] r = Arrays.copyOfRange(x, s, s + run);
      if (Arrays.stream(r).distinct().count() < Math.min(2, run)) {
        continue; // a run of one repeated value (zeros of an image border) is not specific to this input
      }
      for (int width : new int[] {4, 8}) {
        for (boolean big : new boolean[] {true, false}) {
          java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(run * width)
              .order(big ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
          for (long v : r) {
            if (width == 4) {
              bb.putInt((int) v);
            } else {
              bb.putLong(v);
            }
          }
          out.add(bb.array());
        }
      }
    }
    for (long v : x) {
      if (v == 0) {
        continue;
      }
      byte[] be = new byte[32];
      byte[] raw = java.math.BigInteger.valueOf(v).mod(org.besuzkml.field.Fr.MODULUS).toByteArray();
      int n = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - n, be, 32 - n, n);
      byte[] le = new byte[32];
      for (int i = 0; i < 32; i++) {
        le[i] = be[31 - i];
      }
      out.add(be);
      out.add(le);
    }
    return out;
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The JSON text of runs of dequantized input values as the proof JSON writes them. */
  private static List<String> textRuns(long[] x, int scale) {
    List<String> out = new java.util.ArrayList<>();
    int run = Math.min(4, x.length);
    for (int s = 0; s + run <= x.length; s++) {
      StringBuilder sb = new StringBuilder();
      for (int i = s; i < s + run; i++) {
        sb.append(i > s ? "," : "").append(new com.fasterxml.jackson.databind.node.DoubleNode(Math.scalb(
            (double) x[i], -scale)).asText());
      }
      if (Arrays.stream(Arrays.copyOfRange(x, s, s + run)).distinct().count() >= Math.min(2, run)) {
        out.add(sb.toString());
      }
    }
    return out;
  }

  static long count(byte[] hay, List<byte[]> needles) {
    return needles.stream().filter(n -> contains(hay, n)).count();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_relu", "lenet_5"})
  void privateInputAbsentFromJsonAndProof(String model) {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get(model);
    ZkFixtures.Keyed pub = ZkFixtures.get(model);
    long[] x = k.model().honest().get(k.pk().vk().circuit().inputs()[0]);
    assertTrue(Arrays.equals(x, pub.proof().inputs()[0]), "both proofs are of the same quantized input");
    List<byte[]> needles = needles(x);
    List<String> text = textRuns(x, k.pk().vk().scales()[k.pk().vk().circuit().inputs()[0]]);
    assertFalse(needles.isEmpty() || text.isEmpty(), "the scan looks for something");

    String json = ProofJson.toJson(k.pk().vk(), k.proof()).toString();
    byte[] statement = statementBytes(k.proof());
    assertEquals(0, count(k.proof().bytes(), needles), "proof bytes hold an encoding of the private input");
    assertEquals(0, count(json.getBytes(StandardCharsets.UTF_8), needles));
    assertEquals(0, count(statement, needles), "the absorbed statement holds the private input");
    for (String t : text) {
      assertFalse(json.contains(t), "proof JSON holds the input run " + t);
    }
    // positive control: the same scan finds the input in a public-input proof's statement and JSON
    String pubJson = ProofJson.toJson(pub.pk().vk(), pub.proof()).toString();
    assertTrue(count(statementBytes(pub.proof()), needles) > 0, "the scan finds nothing even where the input is");
    assertTrue(text.stream().allMatch(pubJson::contains), "the text scan misses the public input");
  }

  /** Phase 0's {@code bzk/inputs} and {@code bzk/outputs} bytes (version 1's encoding, stated tensors only). */
  private static byte[] statementBytes(Prover.Proof p) {
    org.besuzkml.codec.ByteWriter w = new org.besuzkml.codec.ByteWriter();
    for (long[][] part : new long[][][] {p.inputs(), p.outputs()}) {
      for (long[] v : part) {
        if (v != null) {
          w.i32(v.length);
          for (long e : v) {
            w.i64(e);
          }
        }
      }
    }
    return w.toByteArray();
  }

  // --- soundness with a private input -----------------------------------------------------------

  private static String assertRejects(ZkPrivateFixtures.Keyed k, WitnessAttacks.Attack a) {
    Prover.Proof p = ZkProver.prove(k.pk(), a.apply(k.model()), false, SeededRandomness.of(3));
    assertNull(p.inputs()[0]);
    VerifyResult r = verify(k, p.statement(), p.bytes());
    assertFalse(r.valid(), a.name() + " was accepted");
    return r.reason();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("cheatModels")
  void cheatingWitnessesRejected(String model) {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get(model);
    var cm = k.model().compiled();
    assertRejects(k, WitnessAttacks.activationOffByOne(cm));
    assertRejects(k, WitnessAttacks.wrongRounding(cm));
    assertRejects(k, WitnessAttacks.weightsDifferentFromCommitted(cm));
    assertRejects(k, privateInputNotItsLimbs(cm));
  }

  @Test
  void reluLookupAndMaxSelectAttacksRejectedWithAPrivateInput() {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get("1l_mlp");
    var cm = k.model().compiled();
    assertRejects(k, WitnessAttacks.reluLettingNegativeThrough(cm));
    Prover.ProveException e = assertThrows(Prover.ProveException.class,
        () -> ZkProver.prove(k.pk(), WitnessAttacks.reluSignForged(cm).apply(k.model()), false, SeededRandomness.of(3)));
    assertTrue(e.getMessage().startsWith("the lookup proof does not verify"), e.getMessage());
    ZkPrivateFixtures.Keyed s = ZkPrivateFixtures.get("1l_sigmoid");
    Prover.ProveException f = assertThrows(Prover.ProveException.class, () -> ZkProver.prove(s.pk(),
        WitnessAttacks.lookupOutputNotInTable(s.model().compiled()).apply(s.model()), false, SeededRandomness.of(3)));
    assertTrue(f.getMessage().startsWith("the lookup proof does not verify"), f.getMessage());
    ZkPrivateFixtures.Keyed m = ZkPrivateFixtures.get("1l_max_pool");
    String r = assertRejects(m, WitnessAttacks.maxSelectTwoTaps(m.model().compiled()));
    assertTrue(r.contains("MaxSelect"), r);
  }

  /**
   * The input the model computes on is not the one its limbs recompose (the prover changes x after its
   * Decomp define): the walk's claims on x are the limbs' recomposition, so a Lin on x is caught.
   */
  private static WitnessAttacks.Attack privateInputNotItsLimbs(org.besuzkml.proof.compile.CompiledModel cm) {
    int x = cm.circuit().inputs()[0];
    int at = -1;
    for (int i = 0; i < cm.circuit().gadgets().size() && at < 0; i++) {
      if (cm.circuit().gadgets().get(i) instanceof Decomp d && d.define() && d.x() == x) {
        at = i;
      }
    }
    int define = at;
    return new WitnessAttacks.Attack("privateInputNotItsLimbs", (i, g, w) -> {
      if (i == define) {
        long[] v = w.get(x);
        for (int j = 0; j < v.length; j++) {
          v[j] += 3;
        }
      }
    }, "Decomp");
  }

  @Test
  void privateInputBeyondThirtyTwoBitsCannotBeProven() {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get("1l_mlp");
    int x = k.pk().vk().circuit().inputs()[0];
    WitnessAttacks.Attack big = new WitnessAttacks.Attack("inputBeyond32Bits", (i, g, w) -> {
      if (i == -1) {
        w.get(x)[0] = 1L << 31; // one past the signed 32-bit range: its top limb leaves its table
      }
    }, "Decomp");
    Prover.ProveException e = assertThrows(Prover.ProveException.class,
        () -> ZkProver.prove(k.pk(), big.apply(k.model()), false, SeededRandomness.of(3)));
    assertTrue(e.getMessage().startsWith("the lookup proof does not verify"), e.getMessage());
  }

  // --- P10 and P14 --------------------------------------------------------------------------

  /** The vk with input 0's VISIBILITY code replaced. */
  private static byte[] withInputCode(byte[] vk, int code) {
    int[] b = Container.decode(vk, Container.VK, 8, 9).value().bounds();
    byte[] out = vk.clone();
    out[b[16] + 3] = (byte) code; // u8 params, u16 n_in, then the input codes
    return out;
  }

  @Test
  void flippedVisibilityCodeRefused() {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get("1l_mlp");
    ZkFixtures.Keyed pub = ZkFixtures.get("1l_mlp");
    byte[] vk = k.pk().vk().bytes();
    assertEquals(1, vk[Container.decode(vk, Container.VK, 8, 9).value().bounds()[16] + 3], "the code is at the offset");
    for (int code : new int[] {0, 2}) {
      Decoded<VerifyingKey> d = VkCodec.decode(withInputCode(vk, code));
      assertFalse(d.isOk(), "code " + code);
      assertTrue(d.reason().startsWith("VISIBILITY: input 0 is a committed tensor but not private"), d.reason());
    }
    Decoded<VerifyingKey> d = VkCodec.decode(withInputCode(pub.pk().vk().bytes(), 1));
    assertFalse(d.isOk());
    assertTrue(d.reason().startsWith("VISIBILITY: input 0 is private but its tensor is not committed advice"),
        d.reason());
  }

  @Test
  void statementShapeRefusedByReason() {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get("1l_mlp");
    ZkFixtures.Keyed pub = ZkFixtures.get("1l_mlp");
    long[] x = k.model().honest().get(k.pk().vk().circuit().inputs()[0]);
    List<OutputValue> out = List.of(new OutputValue.Public(k.proof().outputs()[0]));
    assertEquals("statement: input 0 is private in the vk",
        verify(k, new Statement(List.of(new InputValue.Public(x)), out), k.proof().bytes()).reason());
    assertEquals("statement: expected 1 inputs and 1 outputs, the statement has 0 and 1",
        verify(k, new Statement(List.of(), out), k.proof().bytes()).reason());
    assertEquals("statement: input 0 is public in the vk", Verifier.verify(pub.pk().vk(),
        new Statement(List.of(new InputValue.Private()), out), pub.proof().bytes(), Verifier.SrsPolicy.ALLOW_DEV)
        .reason());
    // the long[][] API is the all-public statement: a key with a private input is refused by reason
    VerifyResult r = Verifier.verify(k.pk().vk(), new long[][] {x}, k.proof().outputs(), k.proof().bytes(),
        Verifier.SrsPolicy.ALLOW_DEV);
    assertFalse(r.valid());
    assertTrue(r.reason().startsWith("verifying key: not every input and output is public"), r.reason());
    // the public key through the Statement API: exactly its long[][] verdict
    assertTrue(Verifier.verify(pub.pk().vk(), pub.proof().statement(), pub.proof().bytes(),
        Verifier.SrsPolicy.ALLOW_DEV).valid());
    assertNotEquals(pub.pk().vk().modelIdHex(), k.pk().vk().modelIdHex(), "visibility is part of the model id");
  }
}
