package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.ZkLogUpVerifier;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.ProofSink;
import org.besuzkml.proof.gadget.ProverTables;
import org.besuzkml.proof.gadget.ZkBackwardWalk;
import org.besuzkml.proof.gadget.ZkClaim;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessTables;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ZkMaskShape}, |Lambda| and its three parts from the vk alone, against the real phases on corpus
 * models with lookups (function tables: 1l_softmax; chunked weights and multiplicities: lenet_5; single
 * bins: 1l_mlp; MaxSelect: 1l_max_pool): the walk, started after the lookup's entries with one honest
 * claim per leaf claim on a tensor, uses exactly {@code [lookupEnd, walkEnd)} and writes exactly
 * {@code walkElements}; the bin mapping of the multiplicities' and the walk's openings takes exactly
 * {@code size - walkEnd} ({@link ZkColumnOpenings#slots}); the lookup's count is its layout's proof
 * size with the leaves message's masked elements as slots. Refusals are by reason.
 */
class ZkMaskShapeTest {
  private static final int L = Fr.LIMBS;
  /** A synthetic model whose limb columns are larger than a bin (no corpus model has one). */
  private static final String CHUNKED_LIMBS = "chunked_limbs";
  private static final List<String> MODELS = List.of("1l_softmax", "lenet_5", "1l_mlp", "1l_max_pool", CHUNKED_LIMBS);

  /**
   * A Mul of 2048 activations by a constant: its Requant output is the graph output, limb-backed, so
   * the output claim goes straight to its limbs; they are most of the columns, so each is chunked.
   */
  private static CorpusModels.Loaded chunkedLimbs() throws Exception {
    byte[] onnx = org.besuzkml.onnx.OpModels.node("Mul").input(1, 2048).floatConst(new int[] {1}, new float[] {0.37f})
        .build();
    CorpusModels.Loaded l = CorpusModels.fromBytes(CHUNKED_LIMBS, onnx);
    Circuit c = l.compiled().circuit();
    ColumnLayout lay = ColumnLayout.of(c, LookupPlan.of(c));
    boolean chunked = false;
    for (Gadget g : c.gadgets()) {
      if (g instanceof Decomp d && d.define()) {
        for (int limb : d.limbs()) {
          for (ColumnLayout.Column col : lay.witness()) {
            chunked |= col.tensor() == limb && col.chunks() > 1;
          }
        }
      }
    }
    assertTrue(chunked, "the fixture's limb columns are chunked");
    return l;
  }

  private static long[] mle(ProverTables t, Circuit c, int tensor, long[] z) {
    long[] out = new long[L];
    Multilinear.evaluate(out, 0, t.mle(tensor), 0, c.tensor(tensor).vars(), z, 0);
    return out;
  }

  private static long[] point(SplittableRandom rnd, int vars) {
    long[] z = new long[vars * L];
    for (int i = 0; i < vars; i++) {
      Fr.random(z, i * L, rnd);
    }
    return z;
  }

  @Test
  void corpusModelsHaveTheShapeThePhasesTake() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    for (String name : MODELS) {
      CorpusModels.Loaded l = name.equals(CHUNKED_LIMBS) ? chunkedLimbs() : CorpusModels.load(name);
      VerifyingKey vk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0)).vk();
      Circuit c = vk.circuit();
      Checked<LeafLayout> lay = LookupSetup.zkLayout(vk, null);
      assertTrue(lay.isOk(), name + ": " + lay.reason());
      LeafLayout layout = lay.value();
      Checked<ZkMaskShape> s = ZkMaskShape.of(vk, layout);
      assertTrue(s.isOk(), name + ": " + s.reason());
      ZkMaskShape shape = s.value();
      // lookup: every element of the phase but the leaves message takes a slot, and the masked leaves do
      assertEquals(layout.proofSize() - layout.leavesMessageSize() + ZkLogUpVerifier.maskedLeafCount(layout),
          shape.lookupEnd(), name);
      // the walk from the lookup's claims on tensors, honest, without offsets (counts do not depend on them)
      Witness w = l.honest();
      ProverTables t = new WitnessTables(w);
      SplittableRandom rnd = new SplittableRandom(name.hashCode());
      List<ZkClaim> initial = new ArrayList<>();
      List<MaskedOpening> multiplicities = new ArrayList<>();
      LookupPlan plan = vk.plan();
      for (LeafLayout.Segment seg : layout.segments()) {
        if (seg.kind() == LeafLayout.Kind.INSTANCE) {
          LookupPlan.Instance in = plan.instances().get(seg.index());
          for (int col = 0; col < layout.instances().get(seg.index()).columns(); col++) {
            int x = col == 0 ? in.column1() : in.column2();
            long[] z = point(rnd, c.tensor(x).vars());
            initial.add(new ZkClaim(x, z, mle(t, c, x, z), new MaskForm()));
          }
        } else if (seg.kind() == LeafLayout.Kind.TABLE) {
          multiplicities.add(new MaskedOpening(ZkColumnOpenings.multiplicityObject(seg.index()),
              new long[ColumnIndex.of(vk).multiplicity()[seg.index()].vars() * L], new long[L], new MaskForm()));
          if (layout.tables().get(seg.index()).hasCommittedOutput()) {
            int x = c.tables().get(plan.tables().get(seg.index()).function()).values();
            long[] z = point(rnd, c.tensor(x).vars());
            initial.add(new ZkClaim(x, z, mle(t, c, x, z), new MaskForm()));
          }
        }
      }
      long[][] pub = Statement.byTensor(c, inputs(c, w), outputs(c, w));
      Checked<Integer> dry = ZkBackwardWalk.requiredSize(c, t, pub, initial, shape.lookupEnd());
      assertTrue(dry.isOk(), name + ": " + dry.reason());
      assertEquals(dry.value(), shape.walkEnd(), name + ": the dry run's size");
      MaskCursor cursor = MaskCursor.of(shape.walkEnd());
      cursor.take(shape.lookupEnd());
      long[] lambda = new long[shape.walkEnd() * L];
      for (int i = 0; i < shape.walkEnd(); i++) {
        Fr.random(lambda, i * L, rnd);
      }
      ProofSink sink = new ProofSink();
      Checked<ZkBackwardWalk.Result> walk = ZkBackwardWalk.prove(c, t, pub, initial, lambda, cursor, sink,
          Transcript.v1());
      assertTrue(walk.isOk(), name + ": " + walk.reason());
      assertTrue(cursor.exhausted(), name + ": the walk uses its entries exactly");
      assertEquals(shape.walkElements(), sink.elements(), name + ": walk elements");
      List<MaskedOpening> claims = new ArrayList<>(multiplicities);
      claims.addAll(walk.value().openings());
      assertEquals(ZkColumnOpenings.slots(vk, claims), shape.size() - shape.walkEnd(), name + ": bin mapping");
      assertEquals(shape.size() - shape.walkEnd(), shape.mappingElements(), name);
    }
  }

  private static long[][] inputs(Circuit c, Witness w) {
    long[][] in = new long[c.inputs().length][];
    for (int i = 0; i < in.length; i++) {
      in[i] = w.get(c.inputs()[i]).clone();
    }
    return in;
  }

  private static long[][] outputs(Circuit c, Witness w) {
    long[][] out = new long[c.outputs().length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = w.get(c.outputs()[i]).clone();
    }
    return out;
  }

  @Test
  void aLayoutThatDoesNotFitTheKeyIsRefusedByReason() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    VerifyingKey vk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0)).vk();
    Checked<ZkMaskShape> none = ZkMaskShape.of(vk, null);
    assertFalse(none.isOk(), "a key with lookups needs its zk layout");
    assertTrue(none.reason().contains("leaf layout"), none.reason());
    Checked<LeafLayout> v1 = LookupSetup.layout(vk, null);
    assertTrue(v1.isOk());
    assertFalse(ZkMaskShape.of(vk, v1.value()).isOk(), "version 1's layout is not the zk one");
    assertFalse(ZkMaskShape.of(null, null).isOk());
    assertEquals(0, ZkMaskShape.lookupSlots(null));
  }
}
