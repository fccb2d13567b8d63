package org.besuzkml.proof.gadget;

import static org.besuzkml.proof.gadget.ZkWalkFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.junit.jupiter.api.Test;

/**
 * Poly with broadcast inputs in zero knowledge (zk-design 4.2 "Broadcast inputs", 4.6): an input of
 * fewer variables than Y is masked as {@code (X~ + x_k (1 - x_k) s) D} in the run's last variable, stated
 * at version 1's point {@code r|X} as {@code X~(r|X) + kappa s}. Cases: a column and a row broadcast, a
 * scalar, a public and a limb-backed broadcast input, one broadcast tensor named twice, batch norm's
 * {@code (1, C, 1, 1)} over {@code (1, C, H, W)}, a zero check. Completeness on three seeds with exact
 * element and slot counts; the degree lists (the last round cubic in an input broadcast along an odd last
 * dimension); every lie caught; refusals by reason.
 */
class ZkPolyBroadcastTest {
  private static final int UP = 3;
  private static final int SIZE = 64;

  /** Y = P(inputs) with numpy broadcasting, as the engine computes it; a zero check must come out zero. */
  private static Poly poly(ZkWalkFixture f, int[] shape, int[] xs, long[] coeffs, int[][] monos, boolean zero) {
    int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    long[] yv = new long[n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < coeffs.length; t++) {
        long term = coeffs[t];
        for (int j : monos[t]) {
          term *= f.values.get(xs[j])[PolyArgument.broadcastIndex(shape, f.tensors.get(xs[j]).shape(), i)];
        }
        yv[i] += term;
      }
    }
    if (zero) {
      assertTrue(Arrays.stream(yv).allMatch(v -> v == 0), "a zero check's output is zero");
    }
    Poly g = new Poly(f.tensor("y", TensorKind.VIRTUAL, yv, shape), xs, coeffs, monos, zero);
    f.gadgets.add(g);
    return g;
  }

  /** A Poly with its honest claim, the degree list, version 1's degree, stated and masked element counts. */
  private record Case(String name, ZkWalkFixture f, Poly g, List<ZkClaim> claims, long[] lambda, int[] degrees,
      int v1Degree, int stated, int masked) {
    Case with(long[] column, List<ZkClaim> cl) {
      return new Case(name, f, g, cl, column, degrees, v1Degree, stated, masked);
    }

    ZkWalkFixture.Run run(List<ZkClaim> verifierClaims, int size, UnaryOperator<byte[]> tamper) {
      return f.run(ZkWalkFixture.gadget(g), lambda, UP, claims, verifierClaims, size, tamper);
    }

    ZkWalkFixture.Run run() {
      return run(claims, SIZE, b -> b);
    }

    int coefficients() {
      return Arrays.stream(degrees).sum();
    }
  }

  private static Case of(String name, ZkWalkFixture f, Poly g, SplittableRandom rnd, long[] lambda, int[] degrees,
      int v1, int stated, int masked) {
    List<ZkClaim> claims = g.zeroCheck() ? List.of() : List.of(f.honest(g.y(), rnd, lambda, UP));
    return new Case(name, f, g, claims, lambda, degrees, v1, stated, masked);
  }

  private static List<Case> cases(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 29 + 1);
    long[] lambda = ZkWalkFixture.column(rnd, SIZE);
    List<Case> out = new ArrayList<>();
    ZkWalkFixture f = new ZkWalkFixture();
    int x = f.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 15, -50, 50), 3, 5);
    int s = f.tensor("s", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 3, -50, 50), 3, 1);
    // eq, x (2) and s (3: Y's last variable lies in the broadcast block of size 5)
    out.add(of("column (3, 1), odd last dimension", f, poly(f, new int[] {3, 5}, new int[] {x, s},
        new long[] {1, -2, 3}, new int[][] {{0, 1}, {1}, {}}, false), rnd, lambda, new int[] {3, 3, 3, 3, 6}, 3, 2, 2));
    f = new ZkWalkFixture();
    x = f.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 15, -50, 50), 3, 5);
    s = f.tensor("s", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 5, -50, 50), 1, 5);
    out.add(of("row (1, 5)", f, poly(f, new int[] {3, 5}, new int[] {x, s}, new long[] {1}, new int[][] {{0, 1}},
        false), rnd, lambda, new int[] {3, 3, 3, 3, 5}, 3, 2, 2));
    f = new ZkWalkFixture();
    x = f.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 12, -50, 50), 3, 4);
    s = f.tensor("s", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 1, -50, 50), 1, 1);
    // LT_4 = 1 and LT_3 does not involve x_k: the scalar's factor is quadratic
    out.add(of("scalar, even last dimension", f, poly(f, new int[] {3, 4}, new int[] {x, s}, new long[] {1, 1},
        new int[][] {{0, 1}, {1}}, false), rnd, lambda, new int[] {3, 3, 3, 5}, 3, 2, 2));
    f = new ZkWalkFixture();
    x = f.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 15, -50, 50), 3, 5);
    int p = f.tensor("p", TensorKind.PUBLIC_INPUT, ZkWalkFixture.random(rnd, 3, -50, 50), 3, 1);
    out.add(of("public (3, 1)", f, poly(f, new int[] {3, 5}, new int[] {x, p}, new long[] {1},
        new int[][] {{0, 1}}, false), rnd, lambda, new int[] {3, 3, 3, 3, 4}, 3, 2, 1));
    f = new ZkWalkFixture();
    x = f.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 15, -50, 50), 3, 5);
    int q = f.limbBacked("q", ZkWalkFixture.random(rnd, 3, -3000, 3000), 0, 16, true, 8, 3, 1);
    out.add(of("limb-backed (3, 1)", f, poly(f, new int[] {3, 5}, new int[] {x, q}, new long[] {1},
        new int[][] {{0, 1, 1}}, false), rnd, lambda, new int[] {4, 4, 4, 4, 9}, 4, 3, 3));
    f = new ZkWalkFixture();
    x = f.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 15, -50, 50), 3, 5);
    s = f.tensor("s", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 5, -50, 50), 1, 5);
    out.add(of("row (1, 5) named twice", f, poly(f, new int[] {3, 5}, new int[] {x, s, s}, new long[] {1},
        new int[][] {{0, 1, 2}}, false), rnd, lambda, new int[] {4, 4, 4, 4, 7}, 4, 2, 2));
    f = new ZkWalkFixture();
    x = f.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 18, -50, 50), 1, 2, 3, 3);
    int sc = f.tensor("scale", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 2, -50, 50), 1, 2, 1, 1);
    int b = f.tensor("bias", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 2, -50, 50), 1, 2, 1, 1);
    out.add(of("batch norm (1, 2, 1, 1) over (1, 2, 3, 3)", f, poly(f, new int[] {1, 2, 3, 3},
        new int[] {x, sc, b}, new long[] {1, 1}, new int[][] {{0, 1}, {2}}, false), rnd, lambda,
        new int[] {3, 3, 3, 3, 6}, 3, 3, 3));
    f = new ZkWalkFixture();
    long[] xv = ZkWalkFixture.random(rnd, 15, -50, 50);
    long[] sv = ZkWalkFixture.random(rnd, 3, -50, 50);
    long[] xsv = new long[15];
    for (int i = 0; i < 15; i++) {
      xsv[i] = xv[i] * sv[i / 5];
    }
    x = f.tensor("x", TensorKind.VIRTUAL, xv, 3, 5);
    s = f.tensor("s", TensorKind.CONSTANT, sv, 3, 1);
    int xs = f.tensor("xs", TensorKind.VIRTUAL, xsv, 3, 5);
    out.add(of("zero check, column (3, 1)", f, poly(f, new int[] {3, 5}, new int[] {x, s, xs}, new long[] {1, -1},
        new int[][] {{0, 1}, {2}}, true), rnd, lambda, new int[] {3, 3, 3, 3, 6}, 3, 3, 3));
    return out;
  }

  /** The run's point r: the first input has Y's shape in every case, so its claim is at r. */
  private static long[] runPoint(Case k, List<ZkClaim> returned) {
    assertEquals(k.f().tensors.get(k.g().xs()[0]).vars(), k.f().tensors.get(k.g().y()).vars());
    return returned.get(0).point();
  }

  @Test
  void honestRunsVerifyWithBroadcastInputsStatedAtVersion1sPoint() {
    for (long seed = 1; seed <= 3; seed++) {
      for (Case k : cases(seed)) {
        String what = k.name() + " seed " + seed;
        ZkWalkFixture.Run r = k.run();
        k.f().assertHonest(r, k.lambda(), what);
        assertEquals(k.coefficients() + k.masked(), r.verifierMasks().cursor().used() - UP,
            what + ": the run's coefficients, then one slot per masked stated element");
        assertEquals(k.coefficients() + k.stated(), r.bytes().length / Fr.BYTES, what + ": the run, then the values");
        assertEquals(1, r.verifierMasks().lambdaClaims().size(), what + ": one R3 Lambda-claim");
        List<ZkClaim> out = r.verified().value();
        long[] rr = runPoint(k, out);
        TensorInfo y = k.f().tensors.get(k.g().y());
        long[] rk = WalkMath.at(rr, y.vars() - 1);
        long[] kappa = WalkMath.one();
        Fr.sub(kappa, 0, kappa, 0, rk, 0);
        Fr.mul(kappa, 0, kappa, 0, rk, 0);
        int first = UP + k.coefficients();
        int slot = first;
        for (ZkClaim cl : out) {
          TensorInfo info = k.f().tensors.get(cl.tensor()); // a limb has its tensor's shape
          long[] f = new long[L];
          assertArrayEquals(WalkMath.restrict(y, info, rr, f), cl.point(),
              what + ": " + info.name() + " at version 1's point r|X");
          assertEquals(info.vars() * L, cl.point().length, what);
          if (info.kind() == TensorKind.PUBLIC_INPUT) {
            assertEquals(0, cl.omega().terms(), what + ": a public input's value carries no slot");
            continue;
          }
          assertEquals(1, cl.omega().terms(), what);
          assertEquals(slot++, cl.omega().index(0), what + ": slots follow the run's coefficients, in message order");
          long[] c = new long[L];
          cl.omega().coefficient(0, c, 0);
          assertArrayEquals(kappa, c, what + ": omega = r_k (1 - r_k) e_slot, r_k Y's last coordinate");
        }
        assertEquals(first + k.masked(), slot, what + ": every masked stated element has its slot");
      }
    }
  }

  @Test
  void theBroadcastInputsPointIsAPrefixSuffixOrMiddleOfR() {
    List<Case> all = cases(12);
    long[] r0 = runPoint(all.get(0), all.get(0).run().verified().value());
    assertArrayEquals(Arrays.copyOf(r0, 2 * L), all.get(0).run().verified().value().get(1).point(),
        "(3, 1) in (3, 5): the first block of r");
    List<ZkClaim> row = all.get(1).run().verified().value();
    assertArrayEquals(Arrays.copyOfRange(runPoint(all.get(1), row), 2 * L, 5 * L), row.get(1).point(),
        "(1, 5) in (3, 5): the last block of r");
    assertEquals(0, all.get(2).run().verified().value().get(1).point().length, "a scalar: no coordinate");
    List<ZkClaim> bn = all.get(6).run().verified().value();
    assertArrayEquals(Arrays.copyOf(runPoint(all.get(6), bn), L), bn.get(1).point(),
        "(1, 2, 1, 1) in (1, 2, 3, 3): the channel's variable");
  }

  @Test
  void onlyTheLastRoundIsRaisedAndItsDegreeIsReached() {
    for (Case k : cases(10)) {
      Circuit c = k.f().circuit();
      ZkMasks m = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
      int[] d = ZkPolyArgument.degrees(k.g(), c, m);
      assertArrayEquals(k.degrees(), d, k.name());
      for (int t = 0; t < d.length - 1; t++) {
        assertEquals(k.v1Degree(), d[t], k.name() + ": round " + t + " keeps version 1's degree");
      }
      int coeffs = k.coefficients();
      int dLast = d[d.length - 1];
      // the run's own mask coefficients zero: the top coefficient comes from the masked extensions alone
      long[] slotsOnly = k.lambda().clone();
      Arrays.fill(slotsOnly, UP * L, (UP + coeffs) * L, 0L);
      ZkWalkFixture.Run r = k.with(slotsOnly, k.claims()).run();
      assertTrue(r.verified().isOk(), k.name());
      assertFalse(element(r.bytes(), coeffs - 1).equals(BigInteger.ZERO),
          k.name() + ": the masked extensions reach degree " + dLast);
      // a zero column and plain input claims: every coefficient above version 1's degree is zero
      List<ZkClaim> plain = new ArrayList<>();
      for (ZkClaim h : k.claims()) {
        plain.add(new ZkClaim(h.tensor(), h.point(), k.f().mle(h.tensor(), h.point()), new MaskForm()));
      }
      ZkWalkFixture.Run z = k.with(new long[SIZE * L], plain).run();
      assertTrue(z.verified().isOk(), k.name());
      for (int e = k.v1Degree() + 1; e <= dLast; e++) {
        assertEquals(BigInteger.ZERO, element(z.bytes(), coeffs - dLast + e - 1), k.name() + ": c_" + e);
      }
    }
  }

  @Test
  void movingABroadcastInputsSlotChangesOnlyTheLastRoundAboveC0AndTheValues() {
    Case k = cases(6).get(0);
    ZkWalkFixture.Run r = k.run();
    int sSlot = UP + k.coefficients() + 1; // x, then s
    long[] other = k.lambda().clone();
    Fr.add(other, sSlot * L, other, sSlot * L, WalkMath.one(), 0);
    ZkWalkFixture.Run moved = k.with(other, k.claims()).run();
    int lastRound = k.coefficients() - k.degrees()[k.degrees().length - 1];
    for (int e = 0; e < k.coefficients() + k.stated(); e++) {
      boolean same = element(r.bytes(), e).equals(element(moved.bytes(), e));
      // c_0 = s_k(0) is untouched (x_k (1 - x_k) vanishes at 0); r_k, and so every stated value, moves
      assertEquals(e <= lastRound, same, "element " + e);
    }
  }

  private static BigInteger element(byte[] bytes, int e) {
    return new BigInteger(1, Arrays.copyOfRange(bytes, e * Fr.BYTES, (e + 1) * Fr.BYTES));
  }

  @Test
  void aLieInEveryElementIsCaught() {
    int lies = 0;
    for (Case k : cases(4)) {
      lies += k.f().assertEveryLieCaught(k.name(), k.lambda(), tamper -> k.run(k.claims(), SIZE, tamper));
    }
    // per case the run's coefficients plus the stated values: 18 + 2, 17 + 2, 14 + 2, 16 + 2, 25 + 3, 23 + 2,
    // 18 + 3, 18 + 3
    assertEquals(20 + 19 + 16 + 18 + 28 + 25 + 21 + 21, lies);
  }

  @Test
  void aFalseInputValueOrAMovedOffsetIsCaughtByTheLambdaClaim() {
    for (Case k : cases(5)) {
      for (int i = 0; i < k.claims().size(); i++) {
        List<ZkClaim> bad = new ArrayList<>(k.claims());
        bad.set(i, ZkWalkFixture.plusOne(k.claims().get(i)));
        ZkWalkFixture.Run r = k.run(bad, SIZE, b -> b);
        assertTrue(r.verified().isOk(), k.name());
        assertEquals("Lambda-claim 0", k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(),
            r.verified().value()), k.name() + ": a false value");
        bad.set(i, ZkWalkFixture.movedOffset(k.claims().get(i), UP));
        r = k.run(bad, SIZE, b -> b);
        assertEquals("Lambda-claim 0", k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(),
            r.verified().value()), k.name() + ": a moved offset");
      }
    }
  }

  @Test
  void aShortColumnOrProofAndBadShapesAreRefusedByReason() {
    for (Case k : cases(8)) {
      int used = k.run().verifierMasks().cursor().used();
      ZkWalkFixture.Run shortColumn = k.run(k.claims(), used - 1, b -> b);
      assertFalse(shortColumn.verified().isOk(), k.name());
      assertTrue(shortColumn.verified().reason().contains("mask column overrun"), shortColumn.verified().reason());
      assertTrue(k.run(k.claims(), used, b -> b).verified().isOk(), k.name() + ": the exact size suffices");
      ZkWalkFixture.Run shortProof = k.run(k.claims(), SIZE, b -> Arrays.copyOf(b, b.length - Fr.BYTES));
      assertFalse(shortProof.verified().isOk(), k.name());
      assertTrue(shortProof.verified().reason().contains("proof too short"), shortProof.verified().reason());
      ZkWalkFixture.Run cut = k.run(k.claims(), SIZE, b -> Arrays.copyOf(b, 3 * Fr.BYTES));
      assertFalse(cut.verified().isOk(), k.name() + ": a cut sumcheck");
      assertTrue(cut.verified().reason().startsWith("Poly: masked sumcheck"), cut.verified().reason());
    }
    // inputs that do not broadcast to Y: another rank, a dimension neither Y's nor 1
    long[] lambda = ZkWalkFixture.column(new SplittableRandom(9), SIZE);
    ZkWalkFixture f = new ZkWalkFixture();
    int x = f.tensor("x", TensorKind.VIRTUAL, new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
    int rank1 = f.tensor("v", TensorKind.CONSTANT, new long[] {1, 2, 3}, 3);
    int wide = f.tensor("w", TensorKind.CONSTANT, new long[] {1, 2}, 1, 2);
    int y = f.tensor("y", TensorKind.VIRTUAL, new long[6], 2, 3);
    Circuit c = f.circuit();
    for (int bad : new int[] {rank1, wide}) {
      Poly g = new Poly(y, new int[] {x, bad}, new long[] {1}, new int[][] {{0, 1}}, false);
      ZkMasks vm = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
      Checked<List<ZkClaim>> v = ZkGadgetArguments.verify(g, c, List.of(f.honest(y, new SplittableRandom(bad),
          lambda, UP)), new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), vm);
      assertEquals("Poly: broadcast shape", v.reason());
      assertEquals(0, vm.cursor().used(), "nothing taken");
    }
  }
}
