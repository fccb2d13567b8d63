package org.besuzkml.proof.gadget;

import static org.besuzkml.proof.gadget.ZkWalkFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.junit.jupiter.api.Test;

/**
 * The division and selection gadgets of step 7, part 3 (zk-design 4.1-4.3, 4.6): DivConst with a
 * scalar divisor (additive statements only) and with per-entry divisors (the masked
 * {@code eq * c * q} run, last round degree 4), with and without pending claims on r'; DivTensor
 * (the R1 relation and the masked {@code eq * d * q} run, last round degree 5); MaxSelect (the row
 * sum stated as is, 4.1); Wire with one input (the masked {@code Sel * X} run, last round degree 3;
 * a virtual, a public and a limb-backed input, with a constant part). Completeness with every Lambda-claim and
 * returned masked claim true and both sides allocating alike; a lie in every element of every
 * message, a false input value and a moved input offset caught; refusals by reason. Concat and
 * zero-variable Wires: {@code ZkConcatGadgetTest}.
 */
class ZkDivSelectWireGadgetsTest {
  private static final int UP = 3;
  private static final int SIZE = 96;

  /** {@code q = divRound(a, c)} over shape 3 x 4, q and r limb-backed, r' virtual. */
  private static final class Div {
    final ZkWalkFixture f = new ZkWalkFixture();
    final DivConst g;

    Div(long seed, long[] c) {
      SplittableRandom rnd = new SplittableRandom(seed);
      long[] a = ZkWalkFixture.random(rnd, 12, -3000, 3000);
      long[] q = new long[12];
      long[] r = new long[12];
      long[] rp = new long[12];
      for (int i = 0; i < 12; i++) {
        long ci = c.length == 1 ? c[0] : c[i];
        q[i] = Math.floorDiv(2 * a[i] + ci, 2 * ci);
        r[i] = 2 * a[i] + ci - 2 * ci * q[i];
        rp[i] = 2 * ci - 1 - r[i];
      }
      int xa = f.tensor("a", TensorKind.VIRTUAL, a, 3, 4);
      int xq = f.limbBacked("q", q, 0, 16, true, 8, 3, 4);
      int xr = f.limbBacked("r", r, 0, 8, false, 8, 3, 4);
      int xrp = f.tensor("r'", TensorKind.VIRTUAL, rp, 3, 4);
      g = new DivConst(xa, xq, xr, xrp, c, 8);
      f.gadgets.add(g);
    }
  }

  /** {@code q = divRound(a, d)} over shape 3 x 4 (or another) for a witnessed d, q and r limb-backed, r' virtual. */
  private static final class DivT {
    final ZkWalkFixture f = new ZkWalkFixture();
    final DivTensor g;

    DivT(long seed) {
      this(seed, 3, 4);
    }

    DivT(long seed, int... shape) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
      long[] a = ZkWalkFixture.random(rnd, n, -3000, 3000);
      long[] d = ZkWalkFixture.random(rnd, n, 1, 60);
      long[] q = new long[n];
      long[] r = new long[n];
      long[] rp = new long[n];
      for (int i = 0; i < n; i++) {
        q[i] = Math.floorDiv(2 * a[i] + d[i], 2 * d[i]);
        r[i] = 2 * a[i] + d[i] - 2 * d[i] * q[i];
        rp[i] = 2 * d[i] - 1 - r[i];
      }
      int xa = f.tensor("a", TensorKind.VIRTUAL, a, shape);
      int xd = f.tensor("d", TensorKind.COMMITTED, d, shape);
      int xq = f.limbBacked("q", q, 0, 16, true, 8, shape);
      int xr = f.limbBacked("r", r, 0, 8, false, 8, shape);
      int xrp = f.tensor("r'", TensorKind.VIRTUAL, rp, shape);
      g = new DivTensor(xa, xd, xq, xr, xrp, 8);
      f.gadgets.add(g);
    }
  }

  /** One-hot selector rows over u of shape 3 x 4 (the last dimension is the reduced one). */
  private static MaxSelect maxSelect(ZkWalkFixture f, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] sigma = new long[12];
    for (int i = 0; i < 3; i++) {
      sigma[4 * i + rnd.nextInt(4)] = 1;
    }
    int u = f.tensor("u", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 12, -100, 100), 3, 4);
    MaxSelect g = new MaxSelect(u, f.tensor("sigma", TensorKind.COMMITTED, sigma, 3, 4));
    f.gadgets.add(g);
    return g;
  }

  /**
   * Y (4 x 4) gathers X (3 x 4, of the given kind) transposed into its first 12 entries; the last
   * row is the constant 7 (a Pad value).
   */
  private static Wire wire(ZkWalkFixture f, long seed, TensorKind kind, boolean limbBacked) {
    long[] x = ZkWalkFixture.random(new SplittableRandom(seed), 12, -3000, 3000);
    int xi = limbBacked ? f.limbBacked("x", x, 0, 16, true, 8, 3, 4) : f.tensor("x", kind, x, 3, 4);
    int[] src = new int[16];
    int[] idx = new int[16];
    long[] konst = new long[16];
    long[] y = new long[16];
    for (int i = 0; i < 16; i++) {
      if (i < 12) {
        idx[i] = (i % 3) * 4 + i / 3;
        y[i] = x[idx[i]];
      } else {
        src[i] = -1;
        konst[i] = 7;
        y[i] = 7;
      }
    }
    Wire g = new Wire(f.tensor("y", TensorKind.VIRTUAL, y, 4, 4), new int[] {xi}, src, idx, konst);
    f.gadgets.add(g);
    return g;
  }

  /**
   * A gadget with its honest claims, its Lambda-claims, the number of messages' elements, of slots,
   * and the run's degrees (empty without a run).
   */
  private record Case(String name, ZkWalkFixture f, Gadget g, List<ZkClaim> claims, long[] lambda, int deferred,
      int elements, int slots, int[] degrees) {}

  private static long[] perEntry() {
    long[] c = new long[12];
    for (int i = 0; i < 12; i++) {
      c[i] = 1 + (i * 5) % 9;
    }
    return c;
  }

  private static List<Case> cases(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 17 + 5);
    long[] lambda = ZkWalkFixture.column(rnd, SIZE);
    List<Case> out = new ArrayList<>();
    Div s = new Div(seed, new long[] {7});
    // per r' claim the limb of r (1); at z*: q's limbs (2) and r's (1)
    out.add(new Case("DivConst scalar", s.f, s.g, List.of(s.f.honest(s.g.rPrime(), rnd, lambda, UP)), lambda, 1,
        4, 4, new int[0]));
    Div s0 = new Div(seed + 50, new long[] {3});
    out.add(new Case("DivConst scalar, no r' claim", s0.f, s0.g, List.of(), lambda, 0, 3, 3, new int[0]));
    Div e = new Div(seed + 100, perEntry());
    // two r' claims (1 each); at z*: r's limb, Pq; the run (3 + 3 + 3 + 4); q's limbs (2)
    out.add(new Case("DivConst per entry", e.f, e.g, List.of(e.f.honest(e.g.rPrime(), rnd, lambda, UP),
        e.f.honest(e.g.rPrime(), rnd, lambda, UP)), lambda, 3, 2 + 2 + 13 + 2, 2 + 2 + 13 + 2,
        new int[] {3, 3, 3, 4}));
    ZkWalkFixture fm = new ZkWalkFixture();
    out.add(new Case("MaxSelect", fm, maxSelect(fm, seed + 150), List.of(), lambda, 0, 1, 0, new int[0]));
    DivT t = new DivT(seed + 200);
    // per r' claim d's value and r's limb (2 each); at z*: a, d, r's limb, Pdq; the run (3 + 3 + 3 + 5);
    // d's value and q's limbs (3). Lambda-claims: the r' checks, the relation, R3
    out.add(new Case("DivTensor", t.f, t.g, List.of(t.f.honest(t.g.rPrime(), rnd, lambda, UP),
        t.f.honest(t.g.rPrime(), rnd, lambda, UP)), lambda, 4, 4 + 4 + 14 + 3, 4 + 4 + 14 + 3,
        new int[] {3, 3, 3, 5}));
    String[] names = {"Wire", "Wire, public X", "Wire, limb-backed X"};
    TensorKind[] kinds = {TensorKind.VIRTUAL, TensorKind.PUBLIC_INPUT, TensorKind.COMMITTED};
    int[][] counts = {{10, 10}, {9, 8}, {11, 11}}; // the run (9, or 8 for a public X), X's value or limbs
    for (int j = 0; j < 3; j++) {
      ZkWalkFixture fw = new ZkWalkFixture();
      Wire w = wire(fw, seed + 300 + j, kinds[j], j == 2);
      out.add(new Case(names[j], fw, w, List.of(fw.honest(w.y(), rnd, lambda, UP)), lambda, 1, counts[j][0],
          counts[j][1], j == 1 ? new int[] {2, 2, 2, 2} : new int[] {2, 2, 2, 3}));
    }
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
        assertEquals(k.slots(), r.verifierMasks().cursor().used() - UP, what + ": one slot per element");
        assertEquals(k.elements(), r.bytes().length / Fr.BYTES, what);
        List<ZkClaim> vc = r.verified().value();
        for (ZkClaim b : vc) {
          assertTrue(r.verifierMasks().limbBacked(b.tensor()) == null, what + ": limbs, not the limb-backed tensor");
        }
        int a = k.g() instanceof DivConst d ? d.a() : k.g() instanceof DivTensor d ? d.a() : -1;
        assertEquals(a < 0 ? 0 : 1, vc.stream().filter(x -> x.tensor() == a).count(), what + ": one claim on a");
        assertEquals(k.deferred(), r.verifierMasks().lambdaClaims().size(), what);
        assertEquals(k.deferred(), r.proverMasks().lambdaClaims().size(), what);
      }
    }
  }

  @Test
  void theRunsRaiseOnlyTheLastRoundAsTable46Says() {
    for (Case k : cases(10)) {
      Circuit c = k.f().circuit();
      ZkMasks m = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
      if (k.g() instanceof Wire w) {
        assertArrayEquals(k.degrees(), ZkWireArgument.degrees(w, c, m), k.name());
      } else if (k.g() instanceof DivTensor d) {
        assertArrayEquals(k.degrees(), ZkSelectionArguments.degrees(d, c, m), k.name());
      } else if (k.degrees().length > 0) {
        assertArrayEquals(k.degrees(), ZkDivConstArgument.degrees((DivConst) k.g(), c, m), k.name());
      }
    }
  }

  @Test
  void aLieInEveryElementOfEveryMessageIsCaught() {
    int lies = 0;
    for (Case k : cases(4)) {
      lies += k.f().assertEveryLieCaught(k.name(), k.lambda(), t -> run(k, k.claims(), SIZE, t));
    }
    assertEquals(4 + 3 + 19 + 1 + 25 + 10 + 9 + 11, lies);
  }

  @Test
  void aFalseInputValueOrAMovedOffsetIsCaughtByItsLambdaClaim() {
    for (Case k : cases(5)) {
      for (int i = 0; i < k.claims().size(); i++) {
        List<ZkClaim> bad = new ArrayList<>(k.claims());
        ZkClaim h = bad.get(i);
        bad.set(i, ZkWalkFixture.plusOne(h));
        Run r = run(k, bad, SIZE, b -> b);
        assertTrue(r.verified().isOk(), k.name());
        String f = k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(), r.verified().value());
        assertNotNull(f, k.name() + ": a false value of claim " + i);
        assertEquals("Lambda-claim " + i, f, k.name());
        bad.set(i, ZkWalkFixture.movedOffset(h, UP));
        r = run(k, bad, SIZE, b -> b);
        assertEquals("Lambda-claim " + i, k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(),
            r.verified().value()), k.name() + ": a moved offset of claim " + i);
      }
    }
  }

  @Test
  void theClaimOnACarriesHalfTheOffsetsOfItsParts() {
    Case k = cases(6).get(0);
    Run r = run(k);
    ZkClaim a = r.verified().value().get(r.verified().value().size() - 1);
    assertEquals(((DivConst) k.g()).a(), a.tensor());
    // q's two limbs (2c 2^(8j) / 2), r's limb (1/2) at slots UP + 1 .. UP + 3
    assertEquals(3, a.omega().terms());
    long[] half = WalkMath.fr(2);
    Fr.inv(half, 0, half, 0);
    long[] expect = new long[L];
    long[] got = new long[L];
    long[][] coeff = {WalkMath.fr(14), WalkMath.fr(14 * 256), WalkMath.one()};
    for (int j = 0; j < 3; j++) {
      assertEquals(UP + 1 + j, a.omega().index(j), "slots in message order");
      Fr.mul(expect, 0, coeff[j], 0, half, 0);
      a.omega().coefficient(j, got, 0);
      assertArrayEquals(expect, got, "term " + j);
    }
  }

  @Test
  void theMaxSelectRowSumIsStatedAsIsAndStillChecked() {
    Case k = cases(7).get(3);
    Run r = run(k);
    ZkClaim sigma = r.verified().value().get(0);
    assertEquals(0, sigma.omega().terms(), "fixed by the vk: no slot (4.1)");
    assertArrayEquals(k.f().mle(sigma.tensor(), sigma.point()), sigma.value());
    Run lie = run(k, List.of(), SIZE, b -> ZkWalkFixture.plusOne(b, 0));
    assertEquals("MaxSelect: a row does not select exactly one tap", lie.verified().reason());
    Run none = run(k, List.of(), SIZE, b -> new byte[0]);
    assertEquals("MaxSelect: proof too short", none.verified().reason());
  }

  @Test
  void aShortColumnOrProofAndMalformedGadgetsAreRefusedByReason() {
    for (Case k : cases(8)) {
      if (k.slots() == 0) {
        continue; // MaxSelect takes no slot
      }
      int used = run(k).verifierMasks().cursor().used();
      Run shortColumn = run(k, k.claims(), used - 1, b -> b);
      assertFalse(shortColumn.verified().isOk(), k.name());
      assertTrue(shortColumn.verified().reason().contains("mask column overrun"), shortColumn.verified().reason());
      assertTrue(run(k, k.claims(), used, b -> b).verified().isOk(), k.name() + ": the exact size suffices");
      Run shortProof = run(k, k.claims(), SIZE, b -> Arrays.copyOf(b, b.length - Fr.BYTES));
      assertFalse(shortProof.verified().isOk(), k.name());
      assertTrue(shortProof.verified().reason().contains("proof too short"), shortProof.verified().reason());
    }
    long[] lambda = ZkWalkFixture.column(new SplittableRandom(9), SIZE);
    Div d = new Div(9, new long[] {5});
    DivConst zero = new DivConst(d.g.a(), d.g.q(), d.g.r(), d.g.rPrime(), new long[] {0}, 8);
    Circuit c = d.f.circuit();
    ZkMasks vm = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
    assertEquals("DivConst: divisor below 1", ZkGadgetArguments.verify(zero, c, List.of(),
        new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), vm).reason());
    // divisors neither scalar nor one per entry (a single entry is the scalar case: no zero-variable run)
    ZkWalkFixture f = new ZkWalkFixture();
    int a = f.tensor("a", TensorKind.VIRTUAL, new long[] {9}, 1, 1);
    int q = f.limbBacked("q", new long[] {2}, 0, 16, true, 8, 1, 1);
    int r = f.limbBacked("r", new long[] {5}, 0, 8, false, 8, 1, 1);
    int rp = f.tensor("r'", TensorKind.VIRTUAL, new long[] {2}, 1, 1);
    DivConst one = new DivConst(a, q, r, rp, new long[] {4}, 8);
    DivConst oneEntry = new DivConst(a, q, r, rp, new long[] {4, 4}, 8);
    Circuit c1 = f.circuit();
    ZkMasks m1 = ZkMasks.verifier(c1, c1.outputs(), MaskCursor.of(SIZE));
    assertEquals("DivConst: divisor count is neither 1 nor the size of q", ZkGadgetArguments.verify(oneEntry, c1, List.of(),
        new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), m1).reason());
    ZkMasks pm = ZkMasks.prover(c1, c1.outputs(), lambda, MaskCursor.of(SIZE));
    assertThrows(IllegalArgumentException.class, () -> ZkGadgetArguments.prove(oneEntry, c1, f.tables(), List.of(),
        new ProofSink(), ZkWalkFixture.transcript(), pm));
    assertNull(ZkDivConstArgument.refusal(one, c1), "a scalar divisor needs no run");
    Wire concat = new Wire(a, new int[] {q, r}, new int[] {0}, new int[] {0}, new long[1]);
    ZkClaim ya = f.honest(a, new SplittableRandom(3), lambda, UP);
    // a Concat and a zero-variable Wire are proven now (ZkConcatGadgetTest); without bytes, refused by reason
    assertEquals("Concat: proof too short", ZkGadgetArguments.verify(concat, c1,
        List.of(ya), new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), m1).reason());
    Wire scalarWire = new Wire(a, new int[] {q}, new int[] {0}, new int[] {0}, new long[1]);
    assertEquals("Wire: limbs of q: Decomp: proof too short", ZkGadgetArguments.verify(scalarWire, c1, List.of(ya),
        new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), m1).reason());
    assertEquals("Wire: expected one merged claim, got 2", ZkGadgetArguments.verify(scalarWire, c1,
        List.of(ya, ya), new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), m1).reason());
    DivTensor same = new DivTensor(a, q, q, r, rp, 8);
    assertEquals("DivTensor: d and q are one tensor", ZkGadgetArguments.verify(same, c1, List.of(),
        new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), m1).reason());
    DivTensor scalar = new DivTensor(a, rp, q, r, rp, 8);
    assertEquals("DivTensor: proof too short", ZkGadgetArguments.verify(scalar, c1, List.of(),
        new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), m1).reason(), "no longer refused: no bytes");
  }

  @Test
  void aZeroVariableDivTensorRunsOverADummyVariable() {
    for (long seed = 1; seed <= 3; seed++) {
      DivT t = new DivT(seed + 40, 1, 1);
      Circuit c = t.f.circuit();
      SplittableRandom rnd = new SplittableRandom(seed);
      long[] lambda = ZkWalkFixture.column(rnd, SIZE);
      ZkMasks m = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
      assertArrayEquals(new int[] {5}, ZkSelectionArguments.degrees(t.g, c, m), "one dummy round: eq d' q'");
      Case k = new Case("DivTensor, scalars", t.f, t.g, List.of(t.f.honest(t.g.rPrime(), rnd, lambda, UP)), lambda,
          3, 14, 14, new int[] {5});
      Run r = run(k);
      t.f.assertHonest(r, lambda, k.name());
      // per r' claim d and r's limb (2); at z*: a, d, r's limb, Pdq (4); the run (5); d and q's limbs (3)
      assertEquals(k.elements(), r.bytes().length / Fr.BYTES);
      assertEquals(k.slots(), r.verifierMasks().cursor().used() - UP);
      assertEquals(k.deferred(), r.verifierMasks().lambdaClaims().size(), "r', the relation, R3");
      for (ZkClaim cl : r.verified().value()) {
        assertEquals(0, cl.point().length, "claims on the scalars themselves");
      }
      assertEquals(14, t.f.assertEveryLieCaught(k.name(), lambda, tamper -> run(k, k.claims(), SIZE, tamper)));
      Run lie = run(k, List.of(ZkWalkFixture.plusOne(k.claims().get(0))), SIZE, b -> b);
      assertEquals("Lambda-claim 0", t.f.falseClaim(lambda, lie.verifierMasks().lambdaClaims(),
          lie.verified().value()), "a false r' value caught by its R1");
    }
  }
}
