package org.besuzkml.proof.gadget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessTables;
import org.besuzkml.sumcheck.Checked;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ZkWalkShape}, the walk's mask entries and elements from the circuit alone, held against the
 * real prover: the cursor's used count after {@link ZkBackwardWalk#prove}, the walk bytes' element count,
 * and {@link ZkBackwardWalk#requiredSize}'s dry run; on every corpus model the zk walk supports and on
 * synthetic circuits (Concat with a zero-variable part, merges, zero-variable runs, broadcast Poly,
 * limb-backed outputs and inputs, a zero check); refusals are by reason.
 */
class ZkWalkShapeTest {
  private static final int START = 4;
  /** ZkBackwardWalkTest's models: every gadget kind the walk proves, zero-variable runs, broadcasts. */
  private static final List<String> MODELS = List.of("1l_mlp", "1l_max_pool", "1l_softmax", "1l_mean",
      "sklearn_mlp", "1l_conv", "lenet_5", "1l_div", "2l_relu_fc", "1l_linear", "layernorm", "self_attention",
      "1l_batch_norm", "1l_gelu_tanh_appx", "1l_leakyrelu", "1l_prelu");

  /** The prover's figures: entries used from START on, elements written. */
  private record Taken(long slots, long elements) {}

  private static Taken prove(Circuit c, ProverTables t, long[][] pub) {
    Checked<Integer> size = ZkBackwardWalk.requiredSize(c, t, pub, List.of(), START);
    assertTrue(size.isOk(), size.reason());
    long[] lambda = ZkWalkFixture.column(new SplittableRandom(7), size.value());
    MaskCursor cursor = MaskCursor.of(size.value());
    cursor.take(START);
    ProofSink sink = new ProofSink();
    Checked<ZkBackwardWalk.Result> r = ZkBackwardWalk.prove(c, t, pub, List.of(), lambda, cursor, sink,
        ZkWalkFixture.transcript());
    assertTrue(r.isOk(), r.reason());
    byte[] bytes = sink.toBytes();
    assertEquals(0, bytes.length % Fr.BYTES);
    assertEquals(size.value(), cursor.used(), "the dry run's size is what the prover uses");
    return new Taken(cursor.used() - START, bytes.length / Fr.BYTES);
  }

  private static void assertShape(String name, Circuit c, ProverTables t, long[][] pub) {
    Taken real = prove(c, t, pub);
    Checked<ZkWalkShape.Shape> s = ZkWalkShape.of(c, new int[0]);
    assertTrue(s.isOk(), name + ": " + s.reason());
    assertEquals(real.slots(), s.value().slots(), name + ": mask entries");
    assertEquals(real.elements(), s.value().elements(), name + ": walk elements");
    Checked<Integer> size = ZkWalkShape.requiredSize(c, new int[0], START);
    assertTrue(size.isOk(), size.reason());
    assertEquals(ZkBackwardWalk.requiredSize(c, t, pub, List.of(), START).value(), size.value(), name);
    assertTrue(s.value().elements() > 0, name + ": the walk says something");
  }

  private static long[][] publicValues(Circuit c, java.util.function.IntFunction<long[]> v) {
    long[][] pub = new long[c.tensors().size()][];
    for (int i : c.inputs()) {
      pub[i] = v.apply(i).clone();
    }
    for (int o : c.outputs()) {
      pub[o] = v.apply(o).clone();
    }
    return pub;
  }

  @Test
  void corpusModelsHaveTheShapeTheProverTakes() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    for (String name : MODELS) {
      CorpusModels.Loaded l = CorpusModels.load(name);
      Circuit c = l.compiled().circuit();
      Witness w = l.honest();
      assertShape(name, c, new WitnessTables(w), publicValues(c, w::get));
    }
  }

  private static void assertShape(String name, ZkWalkFixture f) {
    Circuit c = f.circuit();
    assertShape(name, c, f.tables(), publicValues(c, f.values::get));
  }

  @Test
  void concatsWithAZeroVariablePartAndAConstant() {
    ZkWalkFixture f = new ZkWalkFixture();
    int a = f.tensor("a", TensorKind.COMMITTED, new long[] {1, -2, 3, 4}, 4);
    int b = f.tensor("b", TensorKind.COMMITTED, new long[] {5, 6}, 2);
    int c = f.tensor("c", TensorKind.COMMITTED, new long[] {-9}, 1);
    int y = f.tensor("y", TensorKind.VIRTUAL, new long[] {1, -2, 3, 4, 5, 6, -9, 7}, 8);
    f.gadgets.add(new Wire(y, new int[] {a, b, c}, new int[] {0, 0, 0, 0, 1, 1, 2, -1},
        new int[] {0, 1, 2, 3, 0, 1, 0, 0}, new long[] {0, 0, 0, 0, 0, 0, 0, 7}));
    int v = f.tensor("v", TensorKind.VIRTUAL, new long[] {11, 13}, 2);
    f.gadgets.add(new Lin(v, new int[] {b}, new long[] {2}, 1));
    int u = f.tensor("u", TensorKind.VIRTUAL, new long[] {1, -2, 3, 4, 5, 6, -9, 7, 11, 13}, 10);
    f.gadgets.add(new Wire(u, new int[] {y, v}, new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1},
        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 0, 1}, new long[10]));
    f.outputs.add(u);
    assertShape("concat", f);
  }

  /**
   * y = a * b (virtual, 4 entries) read by two Lins and by a Poly with a broadcast scalar s, so three
   * claims on y merge; ss = s * s a Poly of scalars (a run over a dummy variable, s stated twice as one
   * distinct input), read once (a claim on a tensor of no variable cannot be merged).
   */
  @Test
  void mergesBroadcastsAndZeroVariableRuns() {
    ZkWalkFixture f = new ZkWalkFixture();
    long[] av = {3, -1, 4, 2};
    long[] bv = {2, 5, -3, 7};
    long[] yv = new long[4];
    for (int i = 0; i < 4; i++) {
      yv[i] = av[i] * bv[i];
    }
    int a = f.tensor("a", TensorKind.COMMITTED, av, 4);
    int b = f.tensor("b", TensorKind.COMMITTED, bv, 4);
    int s = f.tensor("s", TensorKind.COMMITTED, new long[] {3}, 1);
    int y = f.tensor("y", TensorKind.VIRTUAL, yv, 4);
    f.gadgets.add(new Poly(y, new int[] {a, b}, new long[] {1}, new int[][] {{0, 1}}, false));
    int ss = f.tensor("ss", TensorKind.VIRTUAL, new long[] {9}, 1);
    f.gadgets.add(new Poly(ss, new int[] {s, s}, new long[] {1}, new int[][] {{0, 1}}, false));
    long[] l1 = new long[4];
    long[] l2 = new long[4];
    long[] p = new long[4];
    for (int i = 0; i < 4; i++) {
      l1[i] = 2 * yv[i] + 1;
      l2[i] = yv[i] - 9;
      p[i] = yv[i] * 9;
    }
    int u1 = f.tensor("u1", TensorKind.VIRTUAL, l1, 4);
    f.gadgets.add(new Lin(u1, new int[] {y}, new long[] {2}, 1));
    int u2 = f.tensor("u2", TensorKind.VIRTUAL, l2, 4);
    f.gadgets.add(new Lin(u2, new int[] {y}, new long[] {1}, -9));
    int u3 = f.tensor("u3", TensorKind.VIRTUAL, p, 4);
    f.gadgets.add(new Poly(u3, new int[] {y, ss}, new long[] {1}, new int[][] {{0, 1}}, false));
    f.outputs.add(u1);
    f.outputs.add(u2);
    f.outputs.add(u3);
    assertShape("merges", f);
  }

  @Test
  void limbBackedOutputsAndInputs() {
    ZkWalkFixture f = new ZkWalkFixture();
    long[] qv = {3, -5, 7, 1};
    int q = f.limbBacked("q", qv, 0, 16, true, 8, 4);
    long[] yv = new long[4];
    long[] bv = {1, 2, 3, 4};
    for (int i = 0; i < 4; i++) {
      yv[i] = qv[i] * bv[i];
    }
    int b = f.tensor("b", TensorKind.COMMITTED, bv, 4);
    int y = f.tensor("y", TensorKind.VIRTUAL, yv, 4);
    f.gadgets.add(new Poly(y, new int[] {q, b}, new long[] {1}, new int[][] {{0, 1}}, false));
    f.outputs.add(q);
    f.outputs.add(y);
    assertShape("limbs", f);
  }

  @Test
  void aZeroCheckWithoutAnyClaim() {
    ZkWalkFixture f = new ZkWalkFixture();
    long[] a = {2, 3, -4, 5};
    long[] ab = {4, 9, 16, 25};
    int z = f.tensor("zero", TensorKind.VIRTUAL, new long[4], 4);
    int xa = f.tensor("xa", TensorKind.COMMITTED, a, 4);
    int xab = f.tensor("xab", TensorKind.COMMITTED, ab, 4);
    f.gadgets.add(new Poly(z, new int[] {xa, xab}, new long[] {1, -1}, new int[][] {{0, 0}, {1}}, true));
    assertShape("zero check", f);
  }

  @Test
  void refusalsAreByReasonNotThrown() {
    ZkWalkFixture f = new ZkWalkFixture();
    int a = f.tensor("a", TensorKind.COMMITTED, new long[] {1, 2}, 2);
    int y = f.tensor("y", TensorKind.VIRTUAL, new long[] {1, 2}, 2);
    f.gadgets.add(new Lin(y, new int[] {a}, new long[] {1, 2}, 0)); // two coefficients, one input
    f.outputs.add(y);
    Checked<ZkWalkShape.Shape> s = ZkWalkShape.of(f.circuit(), null);
    assertFalse(s.isOk());
    assertTrue(s.reason().contains("one coefficient per input"), s.reason());
    // an output out of range, an initial claim out of range
    ZkWalkFixture g = new ZkWalkFixture();
    g.tensor("a", TensorKind.COMMITTED, new long[] {1}, 1);
    g.outputs.add(5);
    assertFalse(ZkWalkShape.of(g.circuit(), new int[0]).isOk());
    assertFalse(ZkWalkShape.of(f.circuit(), new int[] {-1}).isOk());
    // two claims on a scalar virtual tensor: no variable to mask the merge with, as the walk refuses
    ZkWalkFixture k = new ZkWalkFixture();
    int s0 = k.tensor("s", TensorKind.COMMITTED, new long[] {3}, 1);
    int sq = k.tensor("sq", TensorKind.VIRTUAL, new long[] {9}, 1);
    k.gadgets.add(new Poly(sq, new int[] {s0, s0}, new long[] {1}, new int[][] {{0, 1}}, false));
    int y1 = k.tensor("y1", TensorKind.VIRTUAL, new long[] {10}, 1);
    k.gadgets.add(new Lin(y1, new int[] {sq}, new long[] {1}, 1));
    int y2 = k.tensor("y2", TensorKind.VIRTUAL, new long[] {18}, 1);
    k.gadgets.add(new Lin(y2, new int[] {sq}, new long[] {2}, 0));
    k.outputs.add(y1);
    k.outputs.add(y2);
    Checked<ZkWalkShape.Shape> ms = ZkWalkShape.of(k.circuit(), new int[0]);
    assertFalse(ms.isOk());
    assertTrue(ms.reason().contains("no variable to mask"), ms.reason());
    Circuit kc = k.circuit();
    assertFalse(ZkBackwardWalk.requiredSize(kc, k.tables(), publicValues(kc, k.values::get), List.of(), START)
        .isOk(), "the prover's dry run refuses it too");
    // a virtual tensor nothing defines keeps its claim pending
    ZkWalkFixture h = new ZkWalkFixture();
    h.outputs.add(h.tensor("v", TensorKind.VIRTUAL, new long[] {1}, 1));
    Checked<ZkWalkShape.Shape> p = ZkWalkShape.of(h.circuit(), new int[0]);
    assertFalse(p.isOk());
    assertTrue(p.reason().contains("pending"), p.reason());
  }


  /**
   * y = a * b on 2^28 entries, y the public output: by hand, the run has 27 rounds of degree 3 and a last
   * of 1 + 2 + 2 (a and b masked), 86 coefficients, then a and b stated: 88 elements, 88 slots; computed
   * without touching a table of that size.
   */
  @Test
  void largeTensorsCostNothingToShapeAndMatchTheHandCount() {
    List<TensorInfo> ts = List.of(new TensorInfo(0, "y", TensorKind.VIRTUAL, new int[] {1 << 28}),
        new TensorInfo(1, "a", TensorKind.COMMITTED, new int[] {1 << 28}),
        new TensorInfo(2, "b", TensorKind.COMMITTED, new int[] {1 << 28}));
    Circuit c = new Circuit(ts, List.of(new Poly(0, new int[] {1, 2}, new long[] {1}, new int[][] {{0, 1}}, false)),
        List.of(), 8, new int[0], new int[] {0});
    Checked<ZkWalkShape.Shape> s = ZkWalkShape.of(c, new int[0]);
    assertTrue(s.isOk(), s.reason());
    assertEquals(88, s.value().elements());
    assertEquals(88, s.value().slots());
    assertEquals(1, s.value().openingsOn(1));
    assertEquals(1, s.value().openingsOn(2));
    assertEquals(0, s.value().openingsOn(0));
    // an initial claim on y as well: two claims merge (27 rounds of 2, a last of 1 + 1, y public), then
    // the same Poly: 54 + 2 coefficients and y's value (public, no slot)
    Checked<ZkWalkShape.Shape> m = ZkWalkShape.of(c, new int[] {0});
    assertTrue(m.isOk(), m.reason());
    assertEquals(88 + 57, m.value().elements());
    assertEquals(88 + 56, m.value().slots());
  }

  /** y_(k+1) = Lin(y_k, y_k): claims double per level; past 2^40 the shape is refused, not overflowed. */
  @Test
  void claimCountsThatExplodeAreRefusedByReason() {
    ZkWalkFixture f = new ZkWalkFixture();
    int y = f.tensor("x", TensorKind.COMMITTED, new long[] {1, 2}, 2);
    for (int k = 0; k < 60; k++) {
      int next = f.tensor("y" + k, TensorKind.VIRTUAL, new long[2], 2);
      f.gadgets.add(new Lin(next, new int[] {y, y}, new long[] {1, 1}, 0));
      y = next;
    }
    f.outputs.add(y);
    Checked<ZkWalkShape.Shape> s = ZkWalkShape.of(f.circuit(), new int[0]);
    assertFalse(s.isOk());
    assertTrue(s.reason().contains("more than"), s.reason());
  }
}
