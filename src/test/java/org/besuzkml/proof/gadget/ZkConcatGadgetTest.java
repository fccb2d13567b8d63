package org.besuzkml.proof.gadget;

import static org.besuzkml.proof.gadget.ZkWalkFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.proof.gadget.ZkWalkFixture.Run;
import org.junit.jupiter.api.Test;

/**
 * Concat (a Wire with several inputs) in zero-knowledge mode (zk-design 4.2, 4.3 R1 and R3, 4.6; step 7):
 * the parts stated additively with their sum as R1, then one masked batched run with every input's masked
 * extension in the run's last round. Cases: two virtual parts of different sizes (a dormant round), a
 * public, a limb-backed and a virtual part, a zero-variable part (a dummy variable) with a constant tail;
 * and a one-input Wire of a zero-variable input (no run: R1). Completeness on three seeds with every
 * Lambda-claim and returned claim true and both sides allocating alike, exact element and slot counts;
 * the degrees of 4.6; each stated part equals {@code S_k + Lambda[slot_k]} with {@code S_k} from its
 * definition; a lie in every element of every message, a false input value and a moved input offset
 * caught; refusals by reason.
 */
class ZkConcatGadgetTest {
  private static final int UP = 3;
  private static final int SIZE = 128;

  /**
   * A Wire with its honest claim, the elements and slots it takes, its Lambda-claims and the batched run's
   * degrees (empty without a run).
   */
  private record Case(String name, ZkWalkFixture f, Wire g, List<ZkClaim> claims, long[] lambda, int elements,
      int slots, int deferred, int[] degrees) {}

  /** y (1-D) = the inputs' entries in order, then {@code tail} constants. */
  private static Wire concat(ZkWalkFixture f, int[] xs, long[] tail) {
    int n = tail.length;
    for (int x : xs) {
      n += (int) f.tensors.get(x).size();
    }
    int[] src = new int[n];
    int[] idx = new int[n];
    long[] konst = new long[n];
    long[] y = new long[n];
    int i = 0;
    for (int k = 0; k < xs.length; k++) {
      long[] v = f.values.get(xs[k]);
      for (int j = 0; j < v.length; j++, i++) {
        src[i] = k;
        idx[i] = j;
        y[i] = v[j];
      }
    }
    for (long t : tail) {
      src[i] = -1;
      konst[i] = t;
      y[i++] = t;
    }
    Wire g = new Wire(f.tensor("y", TensorKind.VIRTUAL, y, n), xs.clone(), src, idx, konst);
    f.gadgets.add(g);
    return g;
  }

  private static List<Case> cases(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 13 + 5);
    long[] lambda = ZkWalkFixture.column(rnd, SIZE);
    List<Case> out = new ArrayList<>();
    // (4 + 3 variables): parts 2, the run (2, 2, 2, 3), the two values
    ZkWalkFixture fa = new ZkWalkFixture();
    int a1 = fa.tensor("x1", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 12, -500, 500), 3, 4);
    int a2 = fa.tensor("x2", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 8, -500, 500), 2, 4);
    Wire ga = concat(fa, new int[] {a1, a2}, new long[0]);
    out.add(new Case("Concat", fa, ga, List.of(fa.honest(ga.y(), rnd, lambda, UP)), lambda, 13, 13, 2,
        new int[] {2, 2, 2, 3}));
    // a public (3 variables, degrees (2, 2, 2)), a limb-backed (2 limbs) and a virtual part: parts 3, the run
    // (2, 2, 3), x1 and x3 in one record (x1 without a slot), x2's limbs
    ZkWalkFixture fb = new ZkWalkFixture();
    int b1 = fb.tensor("x1", TensorKind.PUBLIC_INPUT, ZkWalkFixture.random(rnd, 6, -500, 500), 2, 3);
    int b2 = fb.limbBacked("x2", ZkWalkFixture.random(rnd, 4, -3000, 3000), 0, 16, true, 8, 4);
    int b3 = fb.tensor("x3", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 5, -500, 500), 5);
    Wire gb = concat(fb, new int[] {b1, b2, b3}, new long[0]);
    out.add(new Case("Concat, public, limb-backed and virtual parts", fb, gb,
        List.of(fb.honest(gb.y(), rnd, lambda, UP)), lambda, 3 + 7 + 2 + 2, 3 + 7 + 1 + 2, 2, new int[] {2, 2, 3}));
    // a zero-variable part (one dummy variable: degrees (3)) and a constant tail: parts 2, the run (2, 3), values 2
    ZkWalkFixture fc = new ZkWalkFixture();
    int c1 = fc.tensor("x1", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 1, -500, 500), 1, 1);
    int c2 = fc.tensor("x2", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 3, -500, 500), 3);
    Wire gc = concat(fc, new int[] {c1, c2}, new long[] {7, -2});
    out.add(new Case("Concat, a zero-variable part and constants", fc, gc,
        List.of(fc.honest(gc.y(), rnd, lambda, UP)), lambda, 9, 9, 2, new int[] {2, 3}));
    // one zero-variable input: no run, x stated additively, R1
    ZkWalkFixture fd = new ZkWalkFixture();
    int d1 = fd.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 1, -500, 500), 1);
    Wire gd = concat(fd, new int[] {d1}, new long[] {7});
    out.add(new Case("Wire, a zero-variable input", fd, gd, List.of(fd.honest(gd.y(), rnd, lambda, UP)), lambda, 1,
        1, 1, new int[0]));
    return out;
  }

  private static Run run(Case k, List<ZkClaim> verifierClaims, int verifierSize, UnaryOperator<byte[]> tamper) {
    return k.f().run(ZkWalkFixture.gadget(k.g()), k.lambda(), UP, k.claims(), verifierClaims, verifierSize, tamper);
  }

  private static Run run(Case k) {
    return run(k, k.claims(), SIZE, b -> b);
  }

  private static boolean isConcat(Case k) {
    return k.g().xs().length > 1;
  }

  @Test
  void honestRunsVerifyAndEveryDeferredAndReturnedClaimIsTrue() {
    for (long seed = 1; seed <= 3; seed++) {
      for (Case k : cases(seed)) {
        Run r = run(k);
        String what = k.name() + " seed " + seed;
        k.f().assertHonest(r, k.lambda(), what);
        assertEquals(k.slots(), r.verifierMasks().cursor().used() - UP,
            what + ": a slot per part, the run's coefficients, a slot per masked stated element");
        assertEquals(k.elements(), r.bytes().length / Fr.BYTES, what);
        assertEquals(k.deferred(), r.verifierMasks().lambdaClaims().size(), what + ": the parts' R1, then R3");
        // the claims on the inputs in input order, a limb-backed input as its limbs
        List<Integer> expect = new ArrayList<>();
        for (int x : k.g().xs()) {
          Decomp d = r.verifierMasks().limbBacked(x);
          if (d == null) {
            expect.add(x);
          } else {
            Arrays.stream(d.limbs()).forEach(expect::add);
          }
        }
        assertEquals(expect, r.verified().value().stream().map(ZkClaim::tensor).toList(), what);
        for (ZkClaim b : r.verified().value()) {
          int vars = k.f().tensors.get(b.tensor()).vars();
          assertEquals(vars * L, b.point().length, what + ": a claim at the input's own point");
          boolean isPublic = k.f().tensors.get(b.tensor()).kind() == TensorKind.PUBLIC_INPUT;
          assertEquals(isPublic ? 0 : 1, b.omega().terms(), what + ": one slot unless public");
        }
      }
    }
  }

  @Test
  void theBatchedRunRaisesOnlyTheLastRoundAsTable46Says() {
    for (Case k : cases(10)) {
      Circuit c = k.f().circuit();
      ZkMasks m = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
      if (!isConcat(k)) {
        assertArrayEquals(k.degrees(), ZkWireArgument.degrees(k.g(), c, m), k.name() + ": no run");
        continue;
      }
      int[] d = ZkConcatArgument.combinedDegrees(k.g(), c, m);
      assertArrayEquals(k.degrees(), d, k.name());
      for (int t = 0; t < d.length - 1; t++) {
        assertEquals(2, d[t], k.name() + ": round " + t + " keeps version 1's degree");
      }
      int[][] per = ZkConcatArgument.degrees(k.g(), c, m);
      for (int i = 0; i < per.length; i++) {
        int x = k.g().xs()[i];
        assertEquals(Math.max(1, c.tensor(x).vars()), per[i].length, k.name() + ": part " + i + "'s rounds");
        assertEquals(m.masked(x) ? 3 : 2, per[i][per[i].length - 1], k.name() + ": part " + i + "'s last round");
      }
    }
  }

  @Test
  void aLieInEveryElementOfEveryMessageIsCaught() {
    int lies = 0;
    for (Case k : cases(4)) {
      lies += k.f().assertEveryLieCaught(k.name(), k.lambda(), t -> run(k, k.claims(), SIZE, t));
    }
    assertEquals(13 + 14 + 9 + 1, lies);
  }

  @Test
  void aFalseInputValueOrAMovedOffsetIsCaughtByTheFirstLambdaClaim() {
    for (Case k : cases(5)) {
      ZkClaim h = k.claims().get(0);
      Run r = run(k, List.of(ZkWalkFixture.plusOne(h)), SIZE, b -> b);
      assertTrue(r.verified().isOk(), k.name());
      String f = k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(), r.verified().value());
      assertNotNull(f, k.name() + ": a false value");
      assertEquals("Lambda-claim 0", f, k.name() + ": the parts' R1 (the zero-variable Wire's R1)");
      r = run(k, List.of(ZkWalkFixture.movedOffset(h, UP)), SIZE, b -> b);
      assertTrue(r.verified().isOk(), k.name());
      assertEquals("Lambda-claim 0", k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(),
          r.verified().value()), k.name() + ": a moved offset");
    }
  }

  /** {@code S_k = sum_{i: src(i) = k} eq(z, i) X_k[idx(i)]} from the definition, over Y's padded layout. */
  private static long[] part(Case k, int part, long[] z) {
    TensorInfo y = k.f().tensors.get(k.g().y());
    long[] eq = Multilinear.eqTable(z, 0, y.vars());
    long[] acc = new long[L];
    long[] t = new long[L];
    long[] xv = k.f().values.get(k.g().xs()[part]);
    for (int i = 0; i < k.g().srcInput().length; i++) {
      if (k.g().srcInput()[i] == part) {
        Fr.fromLong(t, 0, xv[k.g().srcIndex()[i]]);
        Fr.mul(t, 0, t, 0, eq, y.paddedIndex(i) * L);
        Fr.add(acc, 0, acc, 0, t, 0);
      }
    }
    return acc;
  }

  @Test
  void eachStatedPartIsItsSumPlusItsSlotAndTheirSumIsR1() {
    for (Case k : cases(6)) {
      if (!isConcat(k)) {
        continue;
      }
      Run r = run(k);
      assertTrue(r.verified().isOk(), k.name());
      ZkClaim y = k.claims().get(0);
      int a = k.g().xs().length;
      for (int p = 0; p < a; p++) {
        long[] expect = part(k, p, y.point());
        Fr.add(expect, 0, expect, 0, k.lambda(), (UP + p) * L);
        long[] sent = new long[L];
        assertTrue(Fr.fromBytes(sent, 0, r.bytes(), p * Fr.BYTES));
        assertArrayEquals(expect, sent, k.name() + ": part " + p + " = S_k + Lambda[UP + k]");
      }
      // R1: the parts' slots with coefficient 1, the claim's offset with -1
      LambdaClaim r1 = r.verifierMasks().lambdaClaims().get(0);
      MaskForm expect = new MaskForm();
      for (int p = 0; p < a; p++) {
        expect.add(UP + p, WalkMath.one(), 0);
      }
      expect.addScaled(y.omega(), WalkMath.fr(-1), 0);
      assertTrue(ZkWalkFixture.sameForm(expect, r1.omega()), k.name());
    }
  }

  private static BigInteger element(byte[] bytes, int e) {
    return new BigInteger(1, Arrays.copyOfRange(bytes, e * Fr.BYTES, (e + 1) * Fr.BYTES));
  }

  @Test
  void withoutMasksTheCoefficientsAboveVersion1sDegreeAreZero() {
    for (Case k : cases(11)) {
      if (!isConcat(k)) {
        continue;
      }
      long[] zero = new long[SIZE * L];
      ZkClaim h = k.claims().get(0);
      List<ZkClaim> plain = List.of(new ZkClaim(h.tensor(), h.point(), k.f().mle(h.tensor(), h.point()),
          new MaskForm()));
      Run z = k.f().run(ZkWalkFixture.gadget(k.g()), zero, UP, plain, plain, SIZE, b -> b);
      assertTrue(z.verified().isOk(), k.name());
      int a = k.g().xs().length;
      int coeffs = Arrays.stream(k.degrees()).sum();
      int dLast = k.degrees()[k.degrees().length - 1];
      for (int c = 3; c <= dLast; c++) {
        assertEquals(BigInteger.ZERO, element(z.bytes(), a + coeffs - dLast + c - 1), k.name() + ": c_" + c);
      }
      // the run's own coefficients zeroed: the top one comes from the inputs' slots
      long[] slotsOnly = k.lambda().clone();
      Arrays.fill(slotsOnly, (UP + a) * L, (UP + a + coeffs) * L, 0L);
      Run r = k.f().run(ZkWalkFixture.gadget(k.g()), slotsOnly, UP, k.claims(), k.claims(), SIZE, b -> b);
      assertTrue(r.verified().isOk(), k.name());
      assertFalse(element(r.bytes(), a + coeffs - 1).equals(BigInteger.ZERO), k.name() + ": c_" + dLast);
    }
  }

  @Test
  void aShortColumnOrProofIsRefusedByReason() {
    for (Case k : cases(8)) {
      int used = run(k).verifierMasks().cursor().used();
      Run shortColumn = run(k, k.claims(), used - 1, b -> b);
      assertFalse(shortColumn.verified().isOk(), k.name());
      assertTrue(shortColumn.verified().reason().contains("mask column overrun"), shortColumn.verified().reason());
      assertTrue(run(k, k.claims(), used, b -> b).verified().isOk(), k.name() + ": the exact size suffices");
      Run shortProof = run(k, k.claims(), SIZE, b -> Arrays.copyOf(b, b.length - Fr.BYTES));
      assertFalse(shortProof.verified().isOk(), k.name());
      String who = isConcat(k) ? "Concat: " : "Wire: ";
      assertTrue(shortProof.verified().reason().startsWith(who), shortProof.verified().reason());
      assertTrue(shortProof.verified().reason().contains("proof too short"), shortProof.verified().reason());
      if (isConcat(k)) {
        int a = k.g().xs().length;
        Run onlyParts = run(k, k.claims(), SIZE, b -> Arrays.copyOf(b, a * Fr.BYTES));
        assertFalse(onlyParts.verified().isOk(), k.name());
        assertTrue(onlyParts.verified().reason().startsWith("Concat: masked batched sumcheck"),
            onlyParts.verified().reason());
        Run noParts = run(k, k.claims(), SIZE, b -> Arrays.copyOf(b, (a - 1) * Fr.BYTES));
        assertEquals("Concat: proof too short", noParts.verified().reason(), k.name());
        Run columnForParts = run(k, k.claims(), UP + a - 1, b -> b);
        assertEquals("Concat: mask column overrun", columnForParts.verified().reason(), k.name());
      }
      Run two = run(k, List.of(k.claims().get(0), k.claims().get(0)), SIZE, b -> b);
      assertEquals("Wire: expected one merged claim, got 2", two.verified().reason(), k.name());
      Run none = run(k, List.of(), SIZE, b -> new byte[0]);
      assertTrue(none.verified().isOk() && none.verified().value().isEmpty(), "no claim on Y, nothing to reduce");
    }
  }
}
