package org.besuzkml.proof.gadget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessAttacks;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.proof.witness.WitnessTables;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gadget by gadget on real models: an honest claim verifies and every claim the verifier returns
 * is a true evaluation of the witness; a wrong claimed value, a corrupted witness, a tampered
 * message are rejected (or leave a false claim that the next step must catch, for the gadgets
 * whose check is a fresh-point relation).
 */
class GadgetArgumentsTest {
  static final int L = Fr.LIMBS;

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  /** One run of a gadget: the prover's bytes and claims, and the verifier's result. */
  record Run(byte[] proof, List<Claim> proverClaims, Checked<List<Claim>> verified) {}

  static Transcript transcript() {
    Transcript t = Transcript.v1();
    t.absorbBytes("test", new byte[] {1});
    return t;
  }

  static Run run(Gadget g, Circuit c, Witness w, List<Claim> proverClaims,
      List<Claim> verifierClaims, java.util.function.UnaryOperator<byte[]> tamper) {
    ProofSink sink = new ProofSink();
    List<Claim> pc = GadgetArguments.prove(g, c, new WitnessTables(w), proverClaims, sink,
        transcript());
    byte[] bytes = tamper.apply(sink.toBytes());
    FieldReader in = new FieldReader(bytes, 0, bytes.length);
    Checked<List<Claim>> v = GadgetArguments.verify(g, c, verifierClaims, in, transcript());
    if (v.isOk() && !in.atEnd()) {
      v = Checked.rejected("trailing bytes");
    }
    return new Run(bytes, pc, v);
  }

  static long[] randomPoint(int vars, SplittableRandom rnd) {
    long[] p = new long[vars * L];
    for (int i = 0; i < vars; i++) {
      Fr.fromLong(p, i * L, rnd.nextLong());
    }
    return p;
  }

  /** The honest claim on tensor id at a random point. */
  static Claim honestClaim(Circuit c, Witness w, int id, SplittableRandom rnd) {
    long[] z = randomPoint(c.tensor(id).vars(), rnd);
    return new Claim(id, z, WalkMath.evaluate(new WitnessTables(w).mle(id), c.tensor(id).vars(), z));
  }

  static boolean fresh(Gadget g) {
    return g instanceof Requant || g instanceof DivConst || g instanceof DivTensor
        || g instanceof MaxSelect || (g instanceof Decomp d && !d.define())
        || (g instanceof Poly p && p.zeroCheck());
  }

  /** The claims a gadget is given: one honest claim on its (first) output, or none. */
  static List<Claim> outputClaims(Gadget g, Circuit c, Witness w, SplittableRandom rnd) {
    if (fresh(g)) {
      return List.of();
    }
    int target = g instanceof Decomp d ? d.x() : g.outputs()[0];
    return List.of(honestClaim(c, w, target, rnd));
  }

  /** Fresh-point gadgets also receive the pending claims of their virtual outputs (DivConst r'). */
  static List<Claim> pendingOutputClaims(Gadget g, Circuit c, Witness w, SplittableRandom rnd) {
    if (g instanceof DivConst d) {
      return List.of(honestClaim(c, w, d.rPrime(), rnd));
    }
    if (g instanceof DivTensor d) {
      return List.of(honestClaim(c, w, d.rPrime(), rnd));
    }
    if (g instanceof MaxSelect || g instanceof Lookup || g instanceof ZeroBit) {
      return List.of();
    }
    return outputClaims(g, c, w, rnd);
  }

  static void assertTrueClaims(Circuit c, Witness w, List<Claim> claims, String what) {
    WitnessTables t = new WitnessTables(w);
    for (Claim cl : claims) {
      long[] v = WalkMath.evaluate(t.mle(cl.tensor()), c.tensor(cl.tensor()).vars(), cl.point());
      assertTrue(Fr.equal(v, 0, cl.value(), 0),
          what + ": returned claim on " + c.tensor(cl.tensor()).name() + " is false");
    }
  }

  static void assertSameClaims(List<Claim> a, List<Claim> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).tensor(), b.get(i).tensor());
      assertArrayEquals(a.get(i).point(), b.get(i).point());
      assertArrayEquals(a.get(i).value(), b.get(i).value());
    }
  }

  @Test
  void honestClaimsVerifyOnEverySupportedGadget() throws Exception {
    int checked = 0;
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    boolean concat = false;
    boolean perPosition = false;
    for (String model : List.of("1l_mlp", "2l_relu_fc", "1l_conv", "1l_softmax", "layernorm", "3l_relu_conv_fc",
        "1l_average", "1l_pad", "1l_max_pool", "1l_mean", "large_op_graph", "lenet_5", "self_attention", "concat", "avgpool_pads", "conv_geometry", "conv_1d")) {
      CorpusModels.Loaded l = switch (model) {
        case "conv_geometry" -> CorpusModels.fromBytes(model,
            org.besuzkml.onnx.OpModels.node("Conv").input(1, 2, 7, 6).randomConst(8, 3, 2, 3, 2)
                .attr("strides", 2L, 1L).attr("pads", 1L, 0L, 2L, 1L)
                .attr("dilations", 1L, 2L).build());
        case "conv_1d" -> CorpusModels.fromBytes(model, org.besuzkml.onnx.OpModels.node("Conv")
            .input(1, 3, 9).randomConst(12, 2, 3, 3).attr("pads", 1L, 1L).build());
        case "concat" -> CorpusModels.fromBytes(model, org.besuzkml.onnx.OpModels.node("Concat")
            .input(2, 3).input(2, 5).attr("axis", 1L).build());
        case "avgpool_pads" -> CorpusModels.fromBytes(model,
            org.besuzkml.onnx.OpModels.node("AveragePool").input(1, 2, 5, 5)
                .attr("kernel_shape", 3L, 3L).attr("pads", 1L, 1L, 1L, 1L).build());
        default -> CorpusModels.load(model);
      };
      Circuit c = l.compiled().circuit();
      Witness w = l.honest();
      SplittableRandom rnd = new SplittableRandom(model.hashCode());
      for (Gadget g : c.gadgets()) {
        if (!GadgetArguments.supported(g.kind())
            || (g instanceof Contract k && ContractArgument.of(k, c) == null)
            || (g instanceof Conv v && v.groups() != 1)) {
          continue;
        }
        List<Claim> claims = pendingOutputClaims(g, c, w, rnd);
        Run r = run(g, c, w, claims, claims, b -> b);
        assertTrue(r.verified().isOk(), model + " " + g.kind() + ": " + r.verified().reason());
        assertSameClaims(r.proverClaims(), r.verified().value());
        assertTrueClaims(c, w, r.verified().value(), model + " " + g.kind());
        checked++;
        kinds.add(g.kind());
        concat |= g instanceof Wire wi && wi.xs().length > 1;
        perPosition |= g instanceof DivConst d && d.c().length > 1;
      }
    }
    assertTrue(checked > 50, "checked " + checked);
    assertEquals(java.util.Set.of("Alias", "Contract", "Conv", "Decomp", "DivConst", "DivTensor",
        "Lin", "Lookup", "MaxSelect", "Poly", "ReduceSum", "Requant", "Wire", "ZeroBit"), kinds);
    assertTrue(concat && perPosition, "Concat wire and per-position divisor exercised");
  }

  /**
   * A gadget that only reduces claims (Contract, Conv, Wire, Lin, ReduceSum, Alias, a Poly without
   * zero check) is visited even when no consumer claimed its output (an unused output, or one that
   * only a range check reads): it then sends and reads nothing and returns no claim, on both sides.
   */
  @Test
  void claimReducingGadgetWithoutClaimsReturnsNone() throws Exception {
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    for (String model : List.of("1l_mlp", "1l_conv", "1l_pad", "1l_mean", "1l_softmax", "lenet_5")) {
      CorpusModels.Loaded l = CorpusModels.load(model);
      Circuit c = l.compiled().circuit();
      for (Gadget g : c.gadgets()) {
        if (!GadgetArguments.supported(g.kind()) || fresh(g) || g instanceof Decomp || g instanceof Lookup
            || g instanceof ZeroBit || (g instanceof Contract k && ContractArgument.of(k, c) == null)) {
          continue;
        }
        Run r = run(g, c, l.honest(), List.of(), List.of(), b -> b);
        assertTrue(r.verified().isOk(), model + " " + g.kind() + ": " + r.verified().reason());
        assertEquals(List.of(), r.verified().value(), model + " " + g.kind());
        assertEquals(List.of(), r.proverClaims(), model + " " + g.kind());
        assertEquals(0, r.proof().length, model + " " + g.kind() + " sends nothing");
        kinds.add(g.kind());
      }
    }
    assertTrue(kinds.containsAll(java.util.Set.of("Contract", "Conv", "Wire", "Lin", "Poly")), kinds.toString());
  }

  @Test
  void wrongClaimedValueRejected() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    Circuit c = l.compiled().circuit();
    Witness w = l.honest();
    SplittableRandom rnd = new SplittableRandom(7);
    int checked = 0;
    for (Gadget g : c.gadgets()) {
      if (!GadgetArguments.supported(g.kind()) || fresh(g) || g instanceof Alias
          || g instanceof ReduceSum) {
        continue;
      }
      List<Claim> honest = outputClaims(g, c, w, rnd);
      Claim h = honest.get(0);
      long[] wrong = h.value().clone();
      Fr.add(wrong, 0, wrong, 0, WalkMath.one(), 0);
      List<Claim> bad = List.of(new Claim(h.tensor(), h.point(), wrong));
      Run r = run(g, c, w, honest, bad, b -> b);
      assertFalse(r.verified().isOk(), g.kind() + " accepted a wrong claimed value");
      checked++;
    }
    assertTrue(checked >= 4, "Contract, Lin, Poly, Decomp define: " + checked);
  }

  @Test
  void tamperedMessageRejected() throws Exception {
    for (String model : List.of("1l_mlp", "1l_pad", "1l_average", "1l_conv")) {
      tamperedMessageRejected(model);
    }
  }

  private void tamperedMessageRejected(String model) throws Exception {
    CorpusModels.Loaded l = CorpusModels.load(model);
    Circuit c = l.compiled().circuit();
    Witness w = l.honest();
    SplittableRandom rnd = new SplittableRandom(9);
    for (Gadget g : c.gadgets()) {
      if (!(g instanceof Contract || g instanceof Poly || g instanceof Lin || g instanceof Wire
          || g instanceof Conv)) {
        continue;
      }
      List<Claim> claims = outputClaims(g, c, w, rnd);
      int size = run(g, c, w, claims, claims, b -> b).proof().length;
      for (int off = 31; off < size; off += 32) {
        final int at = off;
        Run r = run(g, c, w, claims, claims, b -> {
          byte[] x = b.clone();
          x[at] ^= 1;
          return x;
        });
        assertFalse(r.verified().isOk() && sameAsHonest(c, w, r),
            g.kind() + " accepted a flipped byte at " + at);
      }
    }
  }

  /** A tampered run that still verifies must at least hand on a false claim. */
  private static boolean sameAsHonest(Circuit c, Witness w, Run r) {
    WitnessTables t = new WitnessTables(w);
    for (Claim cl : r.verified().value()) {
      long[] v = WalkMath.evaluate(t.mle(cl.tensor()), c.tensor(cl.tensor()).vars(), cl.point());
      if (!Fr.equal(v, 0, cl.value(), 0)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void activationOffByOneLeavesFalseAccumulatorClaim() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    Circuit c = l.compiled().circuit();
    Witness honest = l.honest();
    Witness bad = WitnessAttacks.activationOffByOne(l.compiled()).apply(l);
    int at = 0;
    while (!(c.gadgets().get(at) instanceof Requant)) {
      at++;
    }
    Requant g = (Requant) c.gadgets().get(at);
    Run r = run(g, c, bad, List.of(), List.of(), b -> b);
    assertTrue(r.verified().isOk());
    Claim acc = r.verified().value().get(2);
    assertEquals(g.acc(), acc.tensor());
    long[] truth = WalkMath.evaluate(new WitnessTables(honest).mle(g.acc()),
        c.tensor(g.acc()).vars(), acc.point());
    assertFalse(Fr.equal(truth, 0, acc.value(), 0),
        "the off-by-one q must make the pending accumulator claim false");
  }

  @Test
  void reluLettingNegativeThroughRejected() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_relu");
    Circuit c = l.compiled().circuit();
    Witness bad = WitnessAttacks.reluLettingNegativeThrough(l.compiled()).apply(l);
    Witness honest = l.honest();
    for (Gadget g : c.gadgets()) {
      if (g instanceof Poly p && c.tensor(p.y()).name().endsWith("/relu")) {
        // the cheater claims its own (wrong) output; the honest sign and input cannot support it
        SplittableRandom rnd = new SplittableRandom(3);
        Claim claim = honestClaim(c, bad, p.y(), rnd);
        Run r = run(g, c, honest, List.of(claim), List.of(claim), b -> b);
        assertFalse(r.verified().isOk(), "relu output with a negative let through");
        return;
      }
    }
    throw new AssertionError("no relu");
  }

  @Test
  void lengthIsFixedByTheGadget() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    Circuit c = l.compiled().circuit();
    Witness w = l.honest();
    SplittableRandom rnd = new SplittableRandom(5);
    for (Gadget g : c.gadgets()) {
      if (!(g instanceof Contract)) {
        continue;
      }
      List<Claim> claims = outputClaims(g, c, w, rnd);
      Run truncated = run(g, c, w, claims, claims, b -> java.util.Arrays.copyOf(b, b.length - 32));
      assertFalse(truncated.verified().isOk());
      Run extended = run(g, c, w, claims, claims, b -> java.util.Arrays.copyOf(b, b.length + 32));
      assertFalse(extended.verified().isOk());
    }
  }

  @Test
  void randomProofBytesNeverThrow() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    Circuit c = l.compiled().circuit();
    Witness w = l.honest();
    SplittableRandom rnd = new SplittableRandom(11);
    for (Gadget g : c.gadgets()) {
      if (!GadgetArguments.supported(g.kind())) {
        continue;
      }
      List<Claim> claims = outputClaims(g, c, w, rnd);
      for (int n : new int[] {0, 5, 64, 200}) {
        byte[] junk = new byte[n];
        for (int i = 0; i < n; i++) {
          junk[i] = (byte) rnd.nextInt();
        }
        Checked<List<Claim>> v = GadgetArguments.verify(g, c, claims,
            new FieldReader(junk, 0, junk.length), transcript());
        assertTrue(v.isOk() || v.reason() != null);
      }
    }
  }
}
