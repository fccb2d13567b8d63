package org.besuzkml.proof.gadget;

import static org.besuzkml.proof.gadget.ZkWalkFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.proof.gadget.ZkWalkFixture.Run;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

/**
 * The zero-knowledge walk arguments of step 7, part 1 (zk-design 4.2-4.3): Lin (R1), ReduceSum and
 * Alias (R2), Decomp define and check, Requant. Completeness with every Lambda-claim and returned
 * masked claim true and both sides allocating alike; a lie in every stated element and a false
 * input claim or offset leave a false deferred or returned claim; public values unmasked, every
 * other stated value with its own slot, limb-backed values never stated; with an all-zero column
 * the messages are version 1's with the limb-backed values taken out.
 */
class ZkWalkArgumentsTest {
  /** Entries before the gadget's own: the offsets of the input claims use them. */
  private static final int UP = 3;
  private static final int SIZE = 64;

  /** Lin with broadcast, public, constant, limb-backed and virtual inputs; Alias, ReduceSum. */
  private static final class Linear {
    final ZkWalkFixture f = new ZkWalkFixture();
    final int in;
    final int bias;
    final int q;
    final int v;
    final int y;
    final int y2;
    final int aq;
    final int s;
    final Lin lin;
    final Lin lin2;
    final Alias alias;
    final ReduceSum reduce;
    final Decomp qDefine;

    Linear(long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      long[] inv = ZkWalkFixture.random(rnd, 9, -50, 50);
      long[] bv = ZkWalkFixture.random(rnd, 3, -50, 50);
      long[] qv = ZkWalkFixture.random(rnd, 9, -32768, 32768);
      long[] vv = ZkWalkFixture.random(rnd, 9, -1000, 1000);
      in = f.tensor("in", TensorKind.PUBLIC_INPUT, inv, 3, 3);
      bias = f.tensor("bias", TensorKind.CONSTANT, bv, 1, 3);
      q = f.limbBacked("q", qv, 0, 16, true, 8, 3, 3);
      qDefine = (Decomp) f.gadgets.get(f.gadgets.size() - 1);
      v = f.tensor("v", TensorKind.VIRTUAL, vv, 3, 3);
      long[] yv = new long[9];
      long[] y2v = new long[9];
      for (int i = 0; i < 9; i++) {
        yv[i] = 2 * inv[i] + 3 * bv[i % 3] - qv[i] + 5 * vv[i] + 7;
        y2v[i] = yv[i] - inv[i];
      }
      y = f.tensor("y", TensorKind.VIRTUAL, yv, 3, 3);
      lin = new Lin(y, new int[] {in, bias, q, v}, new long[] {2, 3, -1, 5}, 7);
      f.gadgets.add(lin);
      y2 = f.tensor("y2", TensorKind.VIRTUAL, y2v, 3, 3);
      lin2 = new Lin(y2, new int[] {y, in}, new long[] {1, -1}, 0);
      f.gadgets.add(lin2);
      f.outputs.add(y); // a public output feeding another gadget: its stated value is not masked
      aq = f.tensor("aq", TensorKind.VIRTUAL, qv, 1, 3, 3);
      alias = new Alias(aq, q);
      f.gadgets.add(alias);
      long[] sv = new long[3];
      for (int i = 0; i < 9; i++) {
        sv[i / 3] += vv[i];
      }
      s = f.tensor("s", TensorKind.VIRTUAL, sv, 3, 1);
      reduce = new ReduceSum(s, v, new int[] {1});
      f.gadgets.add(reduce);
    }
  }

  /** Requant (q signed 32-bit in two 16-bit limbs, r = Pos(4)) and a Decomp check. */
  private static final class Fresh {
    final ZkWalkFixture f = new ZkWalkFixture();
    final int acc;
    final int q;
    final int r;
    final int d;
    final Requant requant;
    final Decomp check;

    Fresh(long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      long[] qv = ZkWalkFixture.random(rnd, 6, -1000, 1000);
      long[] rv = ZkWalkFixture.random(rnd, 6, 0, 16);
      long[] av = new long[6];
      for (int i = 0; i < 6; i++) {
        av[i] = 16 * qv[i] + rv[i] - 8;
      }
      acc = f.tensor("acc", TensorKind.VIRTUAL, av, 2, 3);
      q = f.limbBacked("q", qv, 0, 32, true, 16, 2, 3);
      r = f.limbBacked("r", rv, 0, 4, false, 16, 2, 3);
      requant = new Requant(acc, q, r, 4);
      f.gadgets.add(requant);
      d = f.decomposed("d", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 6, -5, 4091), -5, 12, false,
          false, 8, 2, 3);
      check = (Decomp) f.gadgets.get(f.gadgets.size() - 1);
    }
  }

  /** One gadget with its honest claims, and how many stated elements are public per run. */
  private record Case(String name, ZkWalkFixture f, Gadget g, List<ZkClaim> claims, long[] lambda,
      int publicStated) {}

  private static List<Case> cases(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 31 + 1);
    long[] lambda = ZkWalkFixture.column(rnd, SIZE);
    Linear a = new Linear(seed);
    Fresh b = new Fresh(seed);
    List<Case> out = new ArrayList<>();
    out.add(new Case("Lin", a.f, a.lin, List.of(a.f.honest(a.y, rnd, lambda, UP),
        a.f.honest(a.y, rnd, lambda, UP)), lambda, 2));
    out.add(new Case("Lin on a public output", a.f, a.lin2, List.of(a.f.honest(a.y2, rnd, lambda, UP)),
        lambda, 2));
    out.add(new Case("Alias", a.f, a.alias, List.of(a.f.honest(a.aq, rnd, lambda, UP)), lambda, 0));
    out.add(new Case("ReduceSum", a.f, a.reduce, List.of(a.f.honest(a.s, rnd, lambda, UP),
        a.f.honest(a.s, rnd, lambda, 1)), lambda, 0));
    out.add(new Case("Decomp define", a.f, a.qDefine, List.of(a.f.honest(a.q, rnd, lambda, UP)), lambda,
        0));
    out.add(new Case("Decomp check", b.f, b.check, List.of(), lambda, 0));
    out.add(new Case("Requant", b.f, b.requant, List.of(), lambda, 0));
    return out;
  }

  private static Run run(Case k, List<ZkClaim> verifierClaims, int verifierSize, UnaryOperator<byte[]> tamper) {
    return k.f().run(ZkWalkFixture.gadget(k.g()), k.lambda(), UP, k.claims(), verifierClaims, verifierSize, tamper);
  }

  private static Run run(Case k) {
    return run(k, k.claims(), SIZE, b -> b);
  }

  @Test
  void honestRunsVerifyAndEveryDeferredAndReturnedClaimIsTrue() {
    for (long seed = 1; seed <= 3; seed++) {
      for (Case k : cases(seed)) {
        Run r = run(k);
        String what = k.name() + " seed " + seed;
        k.f().assertHonest(r, k.lambda(), what);
        int elements = r.bytes().length / Fr.BYTES;
        assertEquals(elements - k.publicStated(), r.verifierMasks().cursor().used() - UP,
            what + ": one fresh slot per masked stated element, none for public ones");
        for (ZkClaim b : r.verified().value()) {
          assertEquals(TensorKind.COMMITTED == k.f().tensors.get(b.tensor()).kind()
              && r.verifierMasks().limbBacked(b.tensor()) != null, k.g() instanceof Alias,
              what + ": no claim on a limb-backed tensor leaves a stating gadget");
        }
        boolean checks = k.g() instanceof Lin || (k.g() instanceof Decomp d && d.define());
        assertEquals(checks ? k.claims().size() : 0, r.verifierMasks().lambdaClaims().size(),
            what + ": one Lambda-claim per checked claim (R1), none for linear maps (R2)");
      }
    }
  }

  @Test
  void aLieInEveryStatedElementIsCaught() {
    int lies = 0;
    for (Case k : cases(4)) {
      lies += k.f().assertEveryLieCaught(k.name(), k.lambda(), t -> run(k, k.claims(), SIZE, t));
    }
    // Lin: 2 x (3 values + 2 limbs), Lin on y: 2, Decomp define: 2, check: 2, Requant: 2 + 1
    assertEquals(10 + 2 + 2 + 2 + 3, lies);
  }

  @Test
  void aFalseInputClaimOrOffsetIsCaught() {
    for (Case k : cases(5)) {
      if (k.claims().isEmpty()) {
        continue;
      }
      boolean check = k.g() instanceof Lin || k.g() instanceof Decomp;
      for (int i = 0; i < k.claims().size(); i++) {
        List<ZkClaim> bad = new ArrayList<>(k.claims());
        bad.set(i, ZkWalkFixture.plusOne(bad.get(i)));
        Run r = run(k, bad, SIZE, b -> b);
        assertTrue(r.verified().isOk(), k.name());
        String f = k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(), r.verified().value());
        assertNotNull(f, k.name() + ": a false value of claim " + i);
        assertTrue(f.startsWith(check ? "Lambda-claim" : "claim on"), k.name() + ": " + f);
        // the same value with an offset that names another entry
        bad.set(i, ZkWalkFixture.movedOffset(k.claims().get(i), UP));
        r = run(k, bad, SIZE, b -> b);
        assertNotNull(k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(), r.verified().value()),
            k.name() + ": a moved offset of claim " + i);
      }
    }
  }

  @Test
  void publicValuesAreStatedAsIsOthersWithOneFreshSlotAndLimbBackedValuesNever() {
    Linear a = new Linear(6);
    long[] lambda = ZkWalkFixture.column(new SplittableRandom(6), SIZE);
    Case k = new Case("Lin", a.f, a.lin, List.of(a.f.honest(a.y, new SplittableRandom(60), lambda, UP)), lambda, 1);
    Run r = run(k);
    assertTrue(r.verified().isOk(), r.verified().reason());
    long[] stated = new long[r.bytes().length / Fr.BYTES * L];
    for (int e = 0; e < stated.length / L; e++) {
      assertTrue(Fr.fromBytes(stated, e * L, r.bytes(), e * Fr.BYTES));
    }
    // the Lin record holds in, bias, v (q is limb-backed: its two limbs follow in their own record)
    assertEquals(5, stated.length / L, "in, bias, v, q/limb0, q/limb1: no value of q");
    List<ZkClaim> out = r.verified().value();
    int[] tensors = out.stream().mapToInt(ZkClaim::tensor).toArray();
    int l0 = a.qDefine.limbs()[0];
    int l1 = a.qDefine.limbs()[1];
    assertArrayEquals(new int[] {a.in, a.bias, l0, l1, a.v}, tensors, "the claims in input order, q as its limbs");
    int[] expectedSlot = {-1, UP, UP + 2, UP + 3, UP + 1};
    int[] position = {0, 1, 3, 4, 2};
    for (int i = 0; i < out.size(); i++) {
      ZkClaim cl = out.get(i);
      long[] truth = a.f.mle(cl.tensor(), cl.point());
      if (expectedSlot[i] < 0) {
        assertEquals(0, cl.omega().terms(), "a public input's value has no offset");
      } else {
        assertEquals(1, cl.omega().terms());
        assertEquals(expectedSlot[i], cl.omega().index(0));
        Fr.add(truth, 0, truth, 0, lambda, expectedSlot[i] * L);
      }
      assertTrue(Fr.equal(truth, 0, stated, position[i] * L), "element " + position[i] + " is T~(z) + its slot");
    }
    // the public output y feeding Lin2 is stated as is too
    Case k2 = new Case("Lin2", a.f, a.lin2, List.of(a.f.honest(a.y2, new SplittableRandom(61), lambda, UP)),
        lambda, 2);
    Run r2 = run(k2);
    assertEquals(UP, r2.verifierMasks().cursor().used(), "two public values, no slot");
    assertTrue(r2.verified().value().stream().allMatch(c -> c.omega().terms() == 0));
    // changing every entry the gadget took changes every masked element and no public one
    long[] other = lambda.clone();
    for (int s = UP; s < UP + 4; s++) {
      Fr.add(other, s * L, other, s * L, WalkMath.one(), 0);
    }
    Run moved = run(new Case("Lin", a.f, a.lin, k.claims(), other, 1));
    for (int e = 0; e < 5; e++) {
      boolean same = Arrays.equals(Arrays.copyOfRange(r.bytes(), e * Fr.BYTES, (e + 1) * Fr.BYTES),
          Arrays.copyOfRange(moved.bytes(), e * Fr.BYTES, (e + 1) * Fr.BYTES));
      assertEquals(e == 0, same, "element " + e);
    }
  }

  /** Version 1's bytes for a gadget and the Decomp defines of the limb-backed values it states. */
  private static byte[] versionOne(ZkWalkFixture f, Gadget g, List<Claim> claims) {
    Circuit c = f.circuit();
    ProofSink sink = new ProofSink();
    Transcript t = ZkWalkFixture.transcript();
    List<Claim> out = GadgetArguments.prove(g, c, f.tables(), claims, sink, t);
    for (Claim cl : out) {
      for (Gadget d : f.gadgets) {
        if (d instanceof Decomp dd && dd.define() && dd.x() == cl.tensor()) {
          GadgetArguments.prove(d, c, f.tables(), List.of(cl), sink, t);
        }
      }
    }
    return sink.toBytes();
  }

  private static byte[] without(byte[] b, int element) {
    byte[] out = new byte[b.length - Fr.BYTES];
    System.arraycopy(b, 0, out, 0, element * Fr.BYTES);
    System.arraycopy(b, (element + 1) * Fr.BYTES, out, element * Fr.BYTES, out.length - element * Fr.BYTES);
    return out;
  }

  @Test
  void withAZeroColumnTheMessagesAreVersionOnesWithoutLimbBackedValues() {
    long[] zero = new long[SIZE * L];
    Linear a = new Linear(7);
    ZkClaim y = a.f.honest(a.y, new SplittableRandom(70), zero, 0);
    Run lin = run(new Case("Lin", a.f, a.lin, List.of(y), zero, 1));
    assertArrayEquals(without(versionOne(a.f, a.lin, List.of(y.unmasked())), 2), lin.bytes(),
        "Lin: version 1's record without q's value, then q's limbs");
    ZkClaim q = a.f.honest(a.q, new SplittableRandom(71), zero, 0);
    Run define = run(new Case("Decomp define", a.f, a.qDefine, List.of(q), zero, 0));
    assertArrayEquals(versionOne(a.f, a.qDefine, List.of(q.unmasked())), define.bytes());
    assertArrayEquals(transcriptAfterVersionOne(a.f, a.qDefine, List.of(q.unmasked())), define.pt().challengeFr("next"),
        "same transcript as version 1");
    Fresh b = new Fresh(7);
    Run check = run(new Case("Decomp check", b.f, b.check, List.of(), zero, 0));
    assertArrayEquals(versionOne(b.f, b.check, List.of()), check.bytes());
    assertArrayEquals(transcriptAfterVersionOne(b.f, b.check, List.of()), check.pt().challengeFr("next"));
    Run requant = run(new Case("Requant", b.f, b.requant, List.of(), zero, 0));
    assertArrayEquals(without(without(versionOne(b.f, b.requant, List.of()), 0), 0), requant.bytes(),
        "Requant: no q~ and r~, their limbs as version 1 states them");
  }

  private static long[] transcriptAfterVersionOne(ZkWalkFixture f, Gadget g, List<Claim> claims) {
    Transcript t = ZkWalkFixture.transcript();
    GadgetArguments.prove(g, f.circuit(), f.tables(), claims, new ProofSink(), t);
    return t.challengeFr("next");
  }

  @Test
  void aShortColumnOrProofIsRefusedByReason() {
    for (Case k : cases(8)) {
      Run honest = run(k);
      int used = honest.verifierMasks().cursor().used();
      if (used == UP) {
        continue;
      }
      Run shortColumn = run(k, k.claims(), used - 1, b -> b);
      assertFalse(shortColumn.verified().isOk(), k.name());
      assertTrue(shortColumn.verified().reason().contains("mask column overrun"), shortColumn.verified().reason());
      assertTrue(run(k, k.claims(), used, b -> b).verified().isOk(), k.name() + ": the exact size suffices");
      Run shortProof = run(k, k.claims(), SIZE, b -> Arrays.copyOf(b, b.length - 1));
      assertFalse(shortProof.verified().isOk(), k.name());
      assertTrue(shortProof.verified().reason().contains("proof too short"), shortProof.verified().reason());
      Circuit c = k.f().circuit();
      MaskCursor pc = MaskCursor.of(used - 1);
      pc.take(UP);
      ZkMasks pm = ZkMasks.prover(c, c.outputs(), Arrays.copyOf(k.lambda(), (used - 1) * L), pc);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ZkGadgetArguments.prove(k.g(), c,
          k.f().tables(), k.claims(), new ProofSink(), ZkWalkFixture.transcript(), pm), k.name());
      assertEquals("mask column overrun", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ZkMasks.prover(c, c.outputs(), k.lambda(),
          MaskCursor.of(used)), "the prover's column must have its cursor's size");
    }
  }

  @Test
  void malformedGadgetsAreRefusedByReason() {
    Linear a = new Linear(9);
    Fresh b = new Fresh(9);
    Circuit ca = a.f.circuit();
    Circuit cb = b.f.circuit();
    byte[] none = new byte[0];
    ZkMasks m = ZkMasks.verifier(ca, ca.outputs(), MaskCursor.of(SIZE));
    long[] lambda = ZkWalkFixture.column(new SplittableRandom(9), SIZE);
    ZkClaim y = a.f.honest(a.y, new SplittableRandom(90), lambda, UP);
    assertEquals("Lin: one coefficient per input", verify(new Lin(a.y, a.lin.xs(), new long[] {1}, 0), ca,
        List.of(y), none, m));
    assertEquals("Alias between layouts that are not bit-compatible", verify(new Alias(a.s, a.v), ca, List.of(),
        none, m));
    Decomp d = b.check;
    assertEquals("Decomp: malformed parameters", verify(new Decomp(d.x(), d.offset(), d.bits(), d.signed(), false, 4,
        d.limbs(), -1), cb, List.of(), none, m));
    assertEquals("Requant: shift out of range", verify(new Requant(b.acc, b.q, b.r, 0), cb, List.of(), none, m));
    assertEquals("Decomp: a claim on another tensor than x", verify(a.qDefine, ca, List.of(y), none, m));
    assertEquals("no zero-knowledge argument for gadget kind ZeroBit",
        verify(new ZeroBit(a.y, a.v), ca, List.of(), none, m));
    assertFalse(ZkGadgetArguments.supported("ZeroBit"));
    assertTrue(ZkGadgetArguments.supported("Lin") && ZkGadgetArguments.supported("Requant"));
  }

  private static String verify(Gadget g, Circuit c, List<ZkClaim> claims, byte[] bytes, ZkMasks m) {
    return ZkGadgetArguments.verify(g, c, claims, new FieldReader(bytes, 0, bytes.length),
        ZkWalkFixture.transcript(), m).reason();
  }
}
