package org.besuzkml.proof.gadget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessAttacks;
import org.besuzkml.proof.witness.WitnessTables;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backward walk (phase 3) over whole models: from random claims on the public outputs to claims
 * on inputs, constants and committed columns, all of which are true on an honest witness; the
 * issue's attacks are rejected by the walk or leave a claim that contradicts the commitment.
 */
class BackwardWalkTest {
  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  static Transcript transcript() {
    Transcript t = Transcript.v1();
    t.absorbBytes("bzk/model", new byte[32]);
    return t;
  }

  /** Output claims at z_O = CHS("walk/out", m_O) with values from the witness's outputs. */
  static List<Claim> outputClaims(Circuit c, Witness w, Transcript t) {
    List<Claim> r = new ArrayList<>();
    WitnessTables tab = new WitnessTables(w);
    for (int o : c.outputs()) {
      long[] z = t.challengeFrs("walk/out", c.tensor(o).vars());
      r.add(new Claim(o, z, WalkMath.evaluate(tab.mle(o), c.tensor(o).vars(), z)));
    }
    return r;
  }

  /** Prover on witness pw, verifier on the same bytes; returns the verifier's final claims. */
  static Checked<List<Claim>> run(CompiledModel m, Witness pw) {
    Circuit c = m.circuit();
    Transcript pt = transcript();
    ProofSink sink = new ProofSink();
    List<Claim> proverFinal = BackwardWalk.prove(c, new WitnessTables(pw), outputClaims(c, pw, pt),
        sink, pt);
    byte[] bytes = sink.toBytes();
    Transcript vt = transcript();
    FieldReader in = new FieldReader(bytes, 0, bytes.length);
    Checked<List<Claim>> v = BackwardWalk.verify(c, outputClaims(c, pw, vt), in, vt);
    if (v.isOk()) {
      assertTrue(in.atEnd(), "verifier read every byte");
      assertEquals(proverFinal.size(), v.value().size());
      assertTrue(Fr.equal(pt.challengeFr("end"), 0, vt.challengeFr("end"), 0),
          "transcripts in step");
    }
    return v;
  }

  /** Final claims that are false against the committed data (honest witness's constants). */
  static int falseClaims(CompiledModel m, Witness reference, List<Claim> claims) {
    WitnessTables tab = new WitnessTables(reference);
    int bad = 0;
    for (Claim cl : claims) {
      TensorInfo t = m.circuit().tensor(cl.tensor());
      assertFalse(t.kind() == TensorKind.VIRTUAL, "final claim on virtual " + t.name());
      long[] v = WalkMath.evaluate(tab.mle(cl.tensor()), t.vars(), cl.point());
      if (!Fr.equal(v, 0, cl.value(), 0)) {
        bad++;
      }
    }
    return bad;
  }

  @Test
  void honestWalkEndsInTrueClaims() throws Exception {
    for (String name : List.of("1l_mlp", "2l_relu_fc", "3l_relu_conv_fc", "1l_average",
        "1l_mean", "lenet_5")) {
      CorpusModels.Loaded l = CorpusModels.load(name);
      Witness w = l.honest();
      Checked<List<Claim>> v = run(l.compiled(), w);
      assertTrue(v.isOk(), name + ": " + v.reason());
      assertEquals(0, falseClaims(l.compiled(), w, v.value()), name);
      System.out.println(name + ": walk ends in " + v.value().size() + " claims");
    }
  }

  static java.util.stream.Stream<String> models() throws Exception {
    return CorpusModels.MUTATION_RUN ? CorpusModels.names().filter(CorpusModels.EVERY_GADGET_KIND::contains)
        : CorpusModels.names(); // div_by_activation is built by a test, not in the corpus
  }

  /** Every corpus model whose gadgets all have arguments walks to true claims. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("models")
  void corpusWalk(String name) throws Exception {
    CorpusModels.Loaded l = CorpusModels.load(name);
    Circuit c = l.compiled().circuit();
    for (Gadget g : c.gadgets()) {
      Assumptions.assumeTrue(GadgetArguments.supported(g.kind()), g.kind());
      Assumptions.assumeFalse(g instanceof Contract k && ContractArgument.of(k, c) == null,
          "batch-broadcast Contract");
      Assumptions.assumeFalse(g instanceof Conv v && v.groups() != 1, "grouped Conv");
    }
    Witness w = l.honest();
    long t0 = System.nanoTime();
    Checked<List<Claim>> v = run(l.compiled(), w);
    assertTrue(v.isOk(), name + ": " + v.reason());
    assertEquals(0, falseClaims(l.compiled(), w, v.value()), name);
    System.out.printf("walk %s: %d final claims, prove+verify %.1f ms%n", name, v.value().size(),
        (System.nanoTime() - t0) / 1e6);
  }

  /**
   * Flipping one bit of any field element of the walk's messages is rejected, or leaves a final
   * claim that contradicts the committed data (the opening phase then rejects).
   */
  @Test
  void flippedByteInWalkRejected() throws Exception {
    for (String name : List.of("1l_mlp", "1l_softmax", "lenet_5")) {
      CorpusModels.Loaded l = CorpusModels.load(name);
      Circuit c = l.compiled().circuit();
      Witness w = l.honest();
      Transcript pt = transcript();
      ProofSink sink = new ProofSink();
      BackwardWalk.prove(c, new WitnessTables(w), outputClaims(c, w, pt), sink, pt);
      byte[] honest = sink.toBytes();
      int elements = honest.length / 32;
      int step = Math.max(1, elements / 40);
      int tried = 0;
      for (int e = 0; e < elements; e += step) {
        byte[] bad = honest.clone();
        bad[e * 32 + 31] ^= 1;
        Transcript vt = transcript();
        Checked<List<Claim>> v = BackwardWalk.verify(c, outputClaims(c, w, vt),
            new FieldReader(bad, 0, bad.length), vt);
        assertFalse(v.isOk() && falseClaims(l.compiled(), w, v.value()) == 0,
            name + ": flipped element " + e + " accepted");
        tried++;
      }
      assertTrue(tried >= Math.min(elements, 20));
    }
  }

  @Test
  void activationOffByOneRejected() throws Exception {
    for (String name : List.of("1l_mlp", "lenet_5")) {
      CorpusModels.Loaded l = CorpusModels.load(name);
      Witness bad = WitnessAttacks.activationOffByOne(l.compiled()).apply(l);
      Checked<List<Claim>> v = run(l.compiled(), bad);
      assertFalse(v.isOk() && falseClaims(l.compiled(), bad, v.value()) == 0, name);
    }
  }

  @Test
  void reluLettingNegativeThroughRejected() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("2l_relu_fc");
    Witness bad = WitnessAttacks.reluLettingNegativeThrough(l.compiled()).apply(l);
    Checked<List<Claim>> v = run(l.compiled(), bad);
    assertFalse(v.isOk() && falseClaims(l.compiled(), bad, v.value()) == 0);
  }

  @Test
  void weightsDifferentFromCommittedRejected() throws Exception {
    for (String name : List.of("1l_mlp", "lenet_5")) {
      CorpusModels.Loaded l = CorpusModels.load(name);
      Witness bad = WitnessAttacks.weightsDifferentFromCommitted(l.compiled()).apply(l);
      Checked<List<Claim>> v = run(l.compiled(), bad);
      // the walk itself is consistent; the claim on the weights contradicts the commitment
      assertTrue(v.isOk(), v.reason());
      assertTrue(falseClaims(l.compiled(), l.honest(), v.value()) > 0, name);
    }
  }
}
