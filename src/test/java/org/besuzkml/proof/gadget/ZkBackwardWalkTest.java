package org.besuzkml.proof.gadget;

import static org.besuzkml.proof.gadget.ZkWalkFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessTables;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The zero-knowledge backward walk on whole corpus circuits whose gadgets all have a zk argument:
 * prover and verifier walk from bytes to the same opening claims and Lambda-claims, every one true
 * against the witness and the mask column, the column used exactly; a lie at any element of the
 * walk's bytes, a false output and a false public input are caught; the same for a circuit of Concats
 * (no corpus model has one).
 */
class ZkBackwardWalkTest {
  /** Where the walk's cursor starts (the lookup phase's mask leaves take the first entries). */
  private static final int START = 4;
  /**
   * Requant and Decomp (1l_mlp, sklearn_mlp), MaxSelect (1l_max_pool, 1l_softmax), DivTensor, DivConst; runs of
   * zero variables over a dummy variable: Polys of scalars (1l_div, 2l_relu_fc), an outer product (1l_linear);
   * Polys with broadcast inputs (layernorm, self_attention, 1l_batch_norm, 1l_gelu_tanh_appx, 1l_leakyrelu,
   * 1l_prelu).
   */
  private static final List<String> MODELS = List.of("1l_mlp", "1l_max_pool", "1l_softmax", "1l_mean",
      "sklearn_mlp", "1l_conv", "lenet_5", "1l_div", "2l_relu_fc", "1l_linear", "layernorm", "self_attention",
      "1l_batch_norm", "1l_gelu_tanh_appx", "1l_leakyrelu", "1l_prelu");
  /**
   * Under mutation testing (CorpusModels.MUTATION_RUN) 20 a model: PIT reruns this whole sweep for
   * every surviving mutant it covers, and a check that a mutant breaks shows at any of the first,
   * last and random positions.
   */
  private static final int MAX_LIES = CorpusModels.MUTATION_RUN ? 20 : 150;

  private record Model(String name, Circuit c, ProverTables t, long[][] pub) {}

  private record Proved(byte[] bytes, ZkBackwardWalk.Result result, long[] lambda, int size, Transcript pt,
      int used) {}

  private record Verified(Checked<ZkBackwardWalk.Result> result, boolean atEnd, Transcript vt, int used) {}

  private static Model model(String name) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    CorpusModels.Loaded l = CorpusModels.load(name);
    Circuit c = l.compiled().circuit();
    Witness w = l.honest();
    return new Model(name, c, new WitnessTables(w), publicValues(c, w::get));
  }

  private interface Values {
    long[] get(int tensor);
  }

  private static long[][] publicValues(Circuit c, Values v) {
    long[][] pub = new long[c.tensors().size()][];
    for (int i : c.inputs()) {
      pub[i] = v.get(i).clone();
    }
    for (int o : c.outputs()) {
      pub[o] = v.get(o).clone();
    }
    return pub;
  }

  private static Transcript transcript(long seed) {
    Transcript t = ZkWalkFixture.transcript();
    t.absorbBytes("seed", new byte[] {(byte) seed});
    return t;
  }

  private static Proved prove(Model m, long seed) {
    // the static size (ZkWalkShape); ZkWalkShapeTest holds it against the dry run
    Checked<Integer> size = ZkWalkShape.requiredSize(m.c(), new int[0], START);
    assertTrue(size.isOk(), m.name() + ": " + size.reason());
    long[] lambda = ZkWalkFixture.column(new SplittableRandom(seed * 31 + m.name().hashCode()), size.value());
    MaskCursor cursor = MaskCursor.of(size.value());
    cursor.take(START);
    ProofSink sink = new ProofSink();
    Transcript pt = transcript(seed);
    Checked<ZkBackwardWalk.Result> r = ZkBackwardWalk.prove(m.c(), m.t(), m.pub(), List.of(), lambda, cursor, sink,
        pt);
    assertTrue(r.isOk(), m.name() + ": " + r.reason());
    return new Proved(sink.toBytes(), r.value(), lambda, size.value(), pt, cursor.used());
  }

  private static Verified verify(Model m, long seed, byte[] bytes, long[][] pub, int size) {
    MaskCursor cursor = MaskCursor.of(size);
    cursor.take(START);
    FieldReader in = new FieldReader(bytes, 0, bytes.length);
    Transcript vt = transcript(seed);
    Checked<ZkBackwardWalk.Result> r = ZkBackwardWalk.verify(m.c(), pub, List.of(), cursor, in, vt);
    return new Verified(r, in.atEnd(), vt, cursor.used());
  }

  /** Null when every opening claim (MLE plus offset) and every Lambda-claim is true, else the first false one. */
  private static String falseClaim(Model m, long[] lambda, ZkBackwardWalk.Result r) {
    for (MaskedOpening o : r.openings()) {
      long[] truth = WalkMath.evaluate(m.t().mle(o.object()), m.c().tensor(o.object()).vars(), o.point());
      Fr.add(truth, 0, truth, 0, o.omega().evaluate(lambda), 0);
      if (!Fr.equal(truth, 0, o.value(), 0)) {
        return "opening on " + m.c().tensor(o.object()).name();
      }
    }
    for (int i = 0; i < r.lambdaClaims().size(); i++) {
      LambdaClaim lc = r.lambdaClaims().get(i);
      if (!Fr.equal(lc.omega().evaluate(lambda), 0, lc.value(), 0)) {
        return "Lambda-claim " + i;
      }
    }
    return null;
  }

  /** Null when the lie was caught: rejected, or a false opening or Lambda-claim left for the reduction. */
  private static String passed(Model m, long[] lambda, Verified v) {
    if (!v.result().isOk()) {
      return null;
    }
    return falseClaim(m, lambda, v.result().value()) == null ? "passed every check" : null;
  }

  @Test
  void proverAndVerifierWalkWholeCircuitsToTheSameTrueClaimsUsingTheColumnExactly() throws Exception {
    Set<String> kinds = new TreeSet<>();
    for (String name : MODELS) {
      Model m = model(name);
      for (Gadget g : m.c().gadgets()) {
        kinds.add(g.kind());
      }
      assertWalks(m);
    }
    assertTrue(kinds.containsAll(Set.of("Contract", "Requant", "Decomp", "MaxSelect", "DivTensor", "DivConst",
        "Lookup", "Wire", "Alias", "ReduceSum", "Poly", "Lin")), kinds.toString());
  }

  /** On three seeds: verified from bytes to the prover's openings and Lambda-claims, all true, the column used up. */
  private static void assertWalks(Model m) {
    String name = m.name();
    for (long seed = 1; seed <= 3; seed++) {
      String what = name + " seed " + seed;
      Proved p = prove(m, seed);
      Verified v = verify(m, seed, p.bytes(), m.pub(), p.size());
      assertTrue(v.result().isOk(), what + ": " + v.result().reason());
      assertTrue(v.atEnd(), what + ": the verifier read every element");
      assertArrayEquals(p.pt().challengeFr("next"), v.vt().challengeFr("next"), what + ": transcripts in step");
      assertEquals(p.size(), p.used(), what + ": the prover used the column exactly");
      assertEquals(p.size(), v.used(), what + ": the verifier used the column exactly");
      ZkBackwardWalk.Result a = p.result();
      ZkBackwardWalk.Result b = v.result().value();
      assertEquals(a.openings().size(), b.openings().size(), what);
      assertFalse(b.openings().isEmpty(), what + ": claims reach committed tensors");
      for (int i = 0; i < a.openings().size(); i++) {
        MaskedOpening x = a.openings().get(i);
        MaskedOpening y = b.openings().get(i);
        assertEquals(x.object(), y.object(), what);
        assertArrayEquals(x.point(), y.point(), what);
        assertArrayEquals(x.value(), y.value(), what);
        assertTrue(ZkWalkFixture.sameForm(x.omega(), y.omega()), what + ": same offset");
        TensorKind k = m.c().tensor(y.object()).kind();
        assertTrue(k == TensorKind.COMMITTED || k == TensorKind.CONSTANT, what + ": an opening on " + k);
        ZkMasks roles = ZkMasks.verifier(m.c(), m.c().outputs(), MaskCursor.of(0));
        assertNull(roles.limbBacked(y.object()), what + ": limbs opened, never a limb-backed tensor");
      }
      assertEquals(a.lambdaClaims().size(), b.lambdaClaims().size(), what);
      assertFalse(b.lambdaClaims().isEmpty(), what);
      for (int i = 0; i < a.lambdaClaims().size(); i++) {
        assertArrayEquals(a.lambdaClaims().get(i).value(), b.lambdaClaims().get(i).value(), what);
        assertTrue(ZkWalkFixture.sameForm(a.lambdaClaims().get(i).omega(), b.lambdaClaims().get(i).omega()), what);
      }
      assertNull(falseClaim(m, p.lambda(), b), what);
      // the column itself matters: another column makes some claim false
      long[] other = ZkWalkFixture.column(new SplittableRandom(-seed), p.size());
      assertTrue(falseClaim(m, other, b) != null, what + ": the claims depend on the column");
    }
  }

  @Test
  void aColumnOfAnotherSizeThanTheWalkNeedsIsRefusedByReason() throws Exception {
    for (String name : List.of("1l_mlp", "1l_max_pool")) {
      Model m = model(name);
      Proved p = prove(m, 7);
      Verified over = verify(m, 7, p.bytes(), m.pub(), p.size() + 1);
      assertFalse(over.result().isOk(), name);
      assertTrue(over.result().reason().contains("under-used: " + p.size() + " of " + (p.size() + 1)),
          over.result().reason());
      Verified under = verify(m, 7, p.bytes(), m.pub(), p.size() - 1);
      assertFalse(under.result().isOk(), name);
      assertTrue(under.result().reason().contains("overrun"), under.result().reason());
      // the prover refuses a column it does not use up, by reason
      MaskCursor big = MaskCursor.of(p.size() + 1);
      big.take(START);
      long[] lambda = ZkWalkFixture.column(new SplittableRandom(3), p.size() + 1);
      Checked<ZkBackwardWalk.Result> r = ZkBackwardWalk.prove(m.c(), m.t(), m.pub(), List.of(), lambda, big,
          new ProofSink(), transcript(7));
      assertFalse(r.isOk(), name);
      assertTrue(r.reason().contains("under-used"), r.reason());
      MaskCursor small = MaskCursor.of(p.size() - 1);
      small.take(START);
      r = ZkBackwardWalk.prove(m.c(), m.t(), m.pub(), List.of(), new long[(p.size() - 1) * L], small,
          new ProofSink(), transcript(7));
      assertFalse(r.isOk(), name);
      assertTrue(r.reason().contains("overrun"), r.reason());
    }
  }

  @Test
  void aLieAtAnyElementOfTheWalksBytesIsCaught() throws Exception {
    int lies = 0;
    for (String name : MODELS) {
      lies += assertLiesCaught(model(name));
    }
    assertTrue(lies > (CorpusModels.MUTATION_RUN ? 100 : 200), "lies " + lies);
  }

  /** +1 at every element (at most {@link #MAX_LIES} of them) caught, a short proof rejected; the lies tried. */
  private static int assertLiesCaught(Model m) {
    int lies = 0;
    String name = m.name();
    Proved p = prove(m, 4);
    int n = p.bytes().length / Fr.BYTES;
    assertEquals(n * Fr.BYTES, p.bytes().length, name);
    List<Integer> at = new ArrayList<>();
    if (n <= MAX_LIES) {
      for (int e = 0; e < n; e++) {
        at.add(e);
      }
    } else {
      SplittableRandom rnd = new SplittableRandom(name.hashCode());
      at.add(0);
      at.add(n - 1);
      while (at.size() < MAX_LIES) {
        at.add(rnd.nextInt(n));
      }
    }
    for (int e : at) {
      assertNull(passed(m, p.lambda(), verify(m, 4, ZkWalkFixture.plusOne(p.bytes(), e), m.pub(), p.size())),
          name + ": +1 at element " + e + " of " + n);
      lies++;
    }
    byte[] cut = java.util.Arrays.copyOf(p.bytes(), p.bytes().length - Fr.BYTES);
    Verified v = verify(m, 4, cut, m.pub(), p.size());
    assertFalse(v.result().isOk(), name + ": a proof one element short");
    byte[] longer = java.util.Arrays.copyOf(p.bytes(), p.bytes().length + Fr.BYTES);
    assertFalse(verify(m, 4, longer, m.pub(), p.size()).atEnd(), name + ": a trailing element is left unread");
    return lies;
  }

  @Test
  void aFalseOutputValueOrPublicInputIsCaught() throws Exception {
    for (String name : MODELS) {
      assertFalsePublicValuesCaught(model(name));
    }
  }

  /** A false output, a false public input caught; missing public values refused by reason. */
  private static void assertFalsePublicValuesCaught(Model m) {
    String name = m.name();
    Proved p = prove(m, 5);
    for (int o : m.c().outputs()) {
      long[][] pub = m.pub().clone();
      pub[o] = pub[o].clone();
      pub[o][pub[o].length - 1] += 1;
      assertNull(passed(m, p.lambda(), verify(m, 5, p.bytes(), pub, p.size())), name + ": a false output");
    }
    for (int i : m.c().inputs()) {
      long[][] pub = m.pub().clone();
      pub[i] = pub[i].clone();
      pub[i][0] += 1;
      assertNull(passed(m, p.lambda(), verify(m, 5, p.bytes(), pub, p.size())), name + ": a false input");
    }
    long[][] missing = m.pub().clone();
    missing[m.c().outputs()[0]] = null;
    Verified v = verify(m, 5, p.bytes(), missing, p.size());
    assertFalse(v.result().isOk(), name);
    assertTrue(v.result().reason().contains("no public values"), v.result().reason());
  }

  /**
   * y = Concat(a, b, c, 7) of committed tensors of 2, 1 and 0 variables and a constant, y the public output;
   * then u = Concat(y, v) with v virtual, {@code v = Lin(2 b + 1)}, and u the public output.
   */
  private static Model concat() {
    ZkWalkFixture f = new ZkWalkFixture();
    long[] av = {1, -2, 3, 4};
    long[] bv = {5, 6};
    long[] cv = {-9};
    int a = f.tensor("a", TensorKind.COMMITTED, av, 4);
    int b = f.tensor("b", TensorKind.COMMITTED, bv, 2);
    int c = f.tensor("c", TensorKind.COMMITTED, cv, 1);
    int y = f.tensor("y", TensorKind.VIRTUAL, new long[] {1, -2, 3, 4, 5, 6, -9, 7}, 8);
    f.gadgets.add(new Wire(y, new int[] {a, b, c}, new int[] {0, 0, 0, 0, 1, 1, 2, -1},
        new int[] {0, 1, 2, 3, 0, 1, 0, 0}, new long[] {0, 0, 0, 0, 0, 0, 0, 7}));
    int v = f.tensor("v", TensorKind.VIRTUAL, new long[] {11, 13}, 2);
    f.gadgets.add(new Lin(v, new int[] {b}, new long[] {2}, 1));
    int u = f.tensor("u", TensorKind.VIRTUAL, new long[] {1, -2, 3, 4, 5, 6, -9, 7, 11, 13}, 10);
    f.gadgets.add(new Wire(u, new int[] {y, v}, new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1},
        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 0, 1}, new long[10]));
    f.outputs.add(u);
    Circuit cc = f.circuit();
    return new Model("concat", cc, f.tables(), publicValues(cc, f.values::get));
  }

  @Test
  void aModelWithConcatsWalksInZeroKnowledge() {
    Model m = concat();
    assertWalks(m);
    assertTrue(assertLiesCaught(m) >= Math.min(21, MAX_LIES));
    assertFalsePublicValuesCaught(m);
    // a claim of the wrong length handed in is refused by reason, not thrown
    ZkClaim bad = new ZkClaim(0, new long[L], WalkMath.one(), null);
    MaskCursor cursor = MaskCursor.of(16);
    Checked<ZkBackwardWalk.Result> r = ZkBackwardWalk.verify(m.c(), m.pub(), List.of(bad), cursor,
        new FieldReader(new byte[0], 0, 0), transcript(1));
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("wrong length"), r.reason());
  }
}
