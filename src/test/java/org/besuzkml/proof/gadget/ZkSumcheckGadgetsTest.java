package org.besuzkml.proof.gadget;

import static org.besuzkml.proof.gadget.ZkWalkFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.besuzkml.proof.gadget.ZkWalkFixture.Run;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.junit.jupiter.api.Test;

/**
 * The sumcheck gadgets of step 7, part 2 (zk-design 4.2 masked extension, 4.3 R3, 4.6): Contract
 * without and with batch variables (also {@code m_k = 0}, and a public and a limb-backed operand),
 * ClaimMerge (on a virtual, a limb-backed and a public tensor), Poly (plain, with public and
 * limb-backed inputs, a zero check, and one tensor named twice; broadcast inputs in ZkPolyBroadcastTest), and
 * with zero variables (an outer product, a Poly of scalars: one dummy variable, the claim doubled).
 * Completeness with every Lambda-claim and returned masked claim true and both sides allocating
 * alike; the round degrees of 4.6 (only the last raised); a lie in every element of every message,
 * a false input value and a moved input offset caught; a degenerate challenge refused by reason.
 */
class ZkSumcheckGadgetsTest {
  private static final int UP = 3;
  private static final int SIZE = 96;

  /** {@code Y = A B} over a batch of {@code nb} (0: rank 2) with the given kinds of A and B. */
  private static final class Mat {
    final ZkWalkFixture f = new ZkWalkFixture();
    final int a;
    final int b;
    final int y;
    final Contract g;

    Mat(long seed, int nb, int ni, int nk, int nj, TensorKind ka, boolean aLimbBacked, TensorKind kb) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int batch = Math.max(1, nb);
      long[] av = ZkWalkFixture.random(rnd, batch * ni * nk, -100, 100);
      long[] bv = ZkWalkFixture.random(rnd, batch * nk * nj, -100, 100);
      long[] yv = new long[batch * ni * nj];
      for (int p = 0; p < batch; p++) {
        for (int i = 0; i < ni; i++) {
          for (int j = 0; j < nj; j++) {
            for (int k = 0; k < nk; k++) {
              yv[(p * ni + i) * nj + j] += av[(p * ni + i) * nk + k] * bv[(p * nk + k) * nj + j];
            }
          }
        }
      }
      int[] sa = nb > 0 ? new int[] {nb, ni, nk} : new int[] {ni, nk};
      int[] sb = nb > 0 ? new int[] {nb, nk, nj} : new int[] {nk, nj};
      int[] sy = nb > 0 ? new int[] {nb, ni, nj} : new int[] {ni, nj};
      a = aLimbBacked ? f.limbBacked("a", av, 0, 16, true, 8, sa) : f.tensor("a", ka, av, sa);
      b = f.tensor("b", kb, bv, sb);
      y = f.tensor("y", TensorKind.VIRTUAL, yv, sy);
      g = new Contract(y, a, b);
      f.gadgets.add(g);
    }
  }

  /** Merges of claims on one tensor of kind {@code kind} (limb-backed when COMMITTED), shape 3 x 4. */
  private static final class Merge {
    final ZkWalkFixture f = new ZkWalkFixture();
    final int y;

    Merge(long seed, TensorKind kind) {
      long[] v = ZkWalkFixture.random(new SplittableRandom(seed), 12, -3000, 3000);
      y = kind == TensorKind.COMMITTED ? f.limbBacked("y", v, 0, 16, true, 8, 3, 4) : f.tensor("y", kind, v, 3, 4);
    }

    List<ZkClaim> claims(int n, SplittableRandom rnd, long[] lambda) {
      List<ZkClaim> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(f.honest(y, rnd, lambda, UP));
      }
      return out;
    }
  }

  /** Poly gadgets over shape 3 x 4: plain, with a public and a limb-backed input, and a zero check. */
  private static final class Polys {
    final ZkWalkFixture f = new ZkWalkFixture();
    final Poly plain;
    final Poly mixed;
    final Poly zero;
    final Poly square;
    final int y;

    Polys(long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      long[] a = ZkWalkFixture.random(rnd, 12, -50, 50);
      long[] b = ZkWalkFixture.random(rnd, 12, -50, 50);
      long[] p = ZkWalkFixture.random(rnd, 12, -50, 50);
      long[] q = ZkWalkFixture.random(rnd, 12, -3000, 3000);
      int xa = f.tensor("a", TensorKind.VIRTUAL, a, 3, 4);
      int xb = f.tensor("b", TensorKind.CONSTANT, b, 3, 4);
      int xp = f.tensor("p", TensorKind.PUBLIC_INPUT, p, 3, 4);
      int xq = f.limbBacked("q", q, 0, 16, true, 8, 3, 4);
      long[] yv = new long[12];
      long[] uv = new long[12];
      long[] ab = new long[12];
      for (int i = 0; i < 12; i++) {
        yv[i] = 3 * a[i] * b[i] - 2 * a[i] * a[i] + 5;
        uv[i] = p[i] * q[i] + q[i] * q[i] * q[i];
        ab[i] = a[i] * b[i];
      }
      y = f.tensor("y", TensorKind.VIRTUAL, yv, 3, 4);
      plain = new Poly(y, new int[] {xa, xb}, new long[] {3, -2, 5}, new int[][] {{0, 1}, {0, 0}, {}}, false);
      int u = f.tensor("u", TensorKind.VIRTUAL, uv, 3, 4);
      mixed = new Poly(u, new int[] {xp, xq}, new long[] {1, 1}, new int[][] {{0, 1}, {1, 1, 1}}, false);
      int xab = f.tensor("ab", TensorKind.VIRTUAL, ab, 3, 4);
      int z = f.tensor("zero", TensorKind.VIRTUAL, new long[12], 3, 4);
      zero = new Poly(z, new int[] {xa, xb, xab}, new long[] {1, -1}, new int[][] {{0, 1}, {2}}, true);
      long[] sqv = new long[12];
      for (int i = 0; i < 12; i++) {
        sqv[i] = a[i] * a[i];
      }
      int sq = f.tensor("sq", TensorKind.VIRTUAL, sqv, 3, 4);
      square = new Poly(sq, new int[] {xa, xa}, new long[] {1}, new int[][] {{0, 1}}, false); // Mul(a, a)
      f.gadgets.add(square);
      f.gadgets.add(plain);
      f.gadgets.add(mixed);
      f.gadgets.add(zero);
    }
  }

  /** {@code y = 3 a b - 2 a^2 + 5} of scalars (shape 1 x 1: no variable), a virtual and b constant. */
  private static final class Scalar {
    final ZkWalkFixture f = new ZkWalkFixture();
    final Poly g;

    Scalar(long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      long a = rnd.nextLong(-50, 50);
      long b = rnd.nextLong(-50, 50);
      int xa = f.tensor("a", TensorKind.VIRTUAL, new long[] {a}, 1, 1);
      int xb = f.tensor("b", TensorKind.CONSTANT, new long[] {b}, 1, 1);
      int y = f.tensor("y", TensorKind.VIRTUAL, new long[] {3 * a * b - 2 * a * a + 5}, 1, 1);
      g = new Poly(y, new int[] {xa, xb}, new long[] {3, -2, 5}, new int[][] {{0, 1}, {0, 0}, {}}, false);
      f.gadgets.add(g);
    }
  }

  /**
   * A gadget (or, when {@code g} is null, a merge on {@code mergeTensor}) with its honest claims, the
   * degree list 4.6 gives it, version 1's degree and the number of stated elements.
   */
  private record Case(String name, ZkWalkFixture f, Gadget g, int mergeTensor, List<ZkClaim> claims, long[] lambda,
      int[] degrees, int v1Degree, int stated) {
    Case(String name, ZkWalkFixture f, Gadget g, List<ZkClaim> claims, long[] lambda, int[] degrees, int v1Degree,
        int stated) {
      this(name, f, g, -1, claims, lambda, degrees, v1Degree, stated);
    }

    Case with(long[] column, List<ZkClaim> cl) {
      return new Case(name, f, g, mergeTensor, cl, column, degrees, v1Degree, stated);
    }

    int[] degreesOf(Circuit c, ZkMasks m) {
      if (g instanceof Poly p) {
        return ZkPolyArgument.degrees(p, c, m);
      }
      return g instanceof Contract ct ? ZkContractArgument.degrees(ContractArgument.of(ct, c), ct, m)
          : ZkClaimMerge.degrees(mergeTensor, c, m);
    }
  }

  private static List<Case> cases(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 17 + 3);
    long[] lambda = ZkWalkFixture.column(rnd, SIZE);
    List<Case> out = new ArrayList<>();
    Mat plain = new Mat(seed, 0, 3, 4, 2, TensorKind.VIRTUAL, false, TensorKind.CONSTANT);
    out.add(new Case("Contract", plain.f, plain.g, List.of(plain.f.honest(plain.y, rnd, lambda, UP)), lambda,
        new int[] {2, 4}, 2, 2));
    Mat pub = new Mat(seed + 100, 0, 2, 3, 3, TensorKind.PUBLIC_INPUT, false, TensorKind.CONSTANT);
    out.add(new Case("Contract, public A", pub.f, pub.g, List.of(pub.f.honest(pub.y, rnd, lambda, UP)), lambda,
        new int[] {2, 3}, 2, 2));
    Mat batch = new Mat(seed + 200, 2, 3, 4, 2, TensorKind.VIRTUAL, false, TensorKind.CONSTANT);
    out.add(new Case("Contract with batch", batch.f, batch.g, List.of(batch.f.honest(batch.y, rnd, lambda, UP)),
        lambda, new int[] {3, 3, 4}, 3, 2));
    Mat outer = new Mat(seed + 300, 4, 3, 1, 2, TensorKind.VIRTUAL, false, TensorKind.COMMITTED);
    out.add(new Case("Contract with batch, m_k = 0", outer.f, outer.g,
        List.of(outer.f.honest(outer.y, rnd, lambda, UP)), lambda, new int[] {3, 5}, 3, 2));
    Mat limbs = new Mat(seed + 400, 0, 2, 4, 3, TensorKind.COMMITTED, true, TensorKind.CONSTANT);
    out.add(new Case("Contract, limb-backed A", limbs.f, limbs.g, List.of(limbs.f.honest(limbs.y, rnd, lambda, UP)),
        lambda, new int[] {2, 4}, 2, 3));
    Merge mv = new Merge(seed + 500, TensorKind.VIRTUAL);
    out.add(new Case("merge", mv.f, null, mv.y, mv.claims(2, rnd, lambda), lambda, new int[] {2, 2, 2, 3}, 2, 1));
    Merge ml = new Merge(seed + 600, TensorKind.COMMITTED);
    out.add(new Case("merge, limb-backed", ml.f, null, ml.y, ml.claims(3, rnd, lambda), lambda,
        new int[] {2, 2, 2, 3}, 2, 2));
    Merge mp = new Merge(seed + 700, TensorKind.PUBLIC_INPUT);
    out.add(new Case("merge, public", mp.f, null, mp.y, mp.claims(2, rnd, lambda), lambda, new int[] {2, 2, 2, 2}, 2,
        1));
    Polys p = new Polys(seed + 800);
    out.add(new Case("Poly", p.f, p.plain, List.of(p.f.honest(p.y, rnd, lambda, UP)), lambda,
        new int[] {3, 3, 3, 5}, 3, 2));
    out.add(new Case("Poly, public and limb-backed inputs", p.f, p.mixed,
        List.of(p.f.honest(p.mixed.y(), rnd, lambda, UP)), lambda, new int[] {4, 4, 4, 7}, 4, 3));
    out.add(new Case("Poly zero check", p.f, p.zero, List.of(), lambda, new int[] {3, 3, 3, 5}, 3, 3));
    out.add(new Case("Poly, one tensor twice", p.f, p.square, List.of(p.f.honest(p.square.y(), rnd, lambda, UP)),
        lambda, new int[] {3, 3, 3, 5}, 3, 1));
    // zero variables: one dummy variable, every factor constant in it, the claim doubled
    Mat op = new Mat(seed + 900, 0, 2, 1, 2, TensorKind.VIRTUAL, false, TensorKind.CONSTANT);
    out.add(new Case("Contract, outer product (m_b + m_k = 0)", op.f, op.g, List.of(op.f.honest(op.y, rnd, lambda,
        UP)), lambda, new int[] {4}, 2, 2));
    Scalar sc = new Scalar(seed + 1000);
    out.add(new Case("Poly of scalars", sc.f, sc.g, List.of(sc.f.honest(sc.g.y(), rnd, lambda, UP)), lambda,
        new int[] {4}, 3, 2));
    return out;
  }

  private static Run run(Case k, List<ZkClaim> verifierClaims, int verifierSize, UnaryOperator<byte[]> tamper) {
    ZkWalkFixture.Argument a = k.g() == null ? ZkWalkFixture.merge(k.mergeTensor()) : ZkWalkFixture.gadget(k.g());
    return k.f().run(a, k.lambda(), UP, k.claims(), verifierClaims, verifierSize, tamper);
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
        int coefficients = Arrays.stream(k.degrees()).sum();
        int masked = k.name().contains("public") ? k.stated() - 1 : k.stated();
        assertEquals(coefficients + masked, r.verifierMasks().cursor().used() - UP,
            what + ": the run's coefficients, then one slot per masked stated element");
        assertEquals(coefficients + k.stated(), r.bytes().length / Fr.BYTES, what + ": the run, then the values");
        for (ZkClaim b : r.verified().value()) {
          assertTrue(r.verifierMasks().limbBacked(b.tensor()) == null, what + ": limbs, not the limb-backed tensor");
        }
        assertEquals(1, r.verifierMasks().lambdaClaims().size(), what + ": one R3 Lambda-claim");
        assertEquals(1, r.proverMasks().lambdaClaims().size(), what);
      }
    }
  }

  @Test
  void onlyTheLastRoundsDegreeIsRaisedAsTable46Says() {
    for (Case k : cases(10)) {
      Circuit c = k.f().circuit();
      ZkMasks m = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
      int[] d = k.degreesOf(c, m);
      assertArrayEquals(k.degrees(), d, k.name());
      for (int t = 0; t < d.length - 1; t++) {
        assertEquals(k.v1Degree(), d[t], k.name() + ": round " + t + " keeps version 1's degree");
      }
      // raised unless the only stated factor is public (a merge on a public tensor)
      assertEquals(!k.name().equals("merge, public"), d[d.length - 1] > k.v1Degree(), k.name());
      // the proof has exactly these degrees: the verifier reads them, one fewer element is short
      Run r = run(k);
      assertTrue(r.verified().isOk(), k.name());
    }
  }

  @Test
  void theLastRoundHasItsRaisedDegreeOnlyThroughTheSlots() {
    for (Case k : cases(11)) {
      int coeffs = Arrays.stream(k.degrees()).sum();
      int dLast = k.degrees()[k.degrees().length - 1];
      // the run's own mask coefficients zero: what is left of c_D comes from the masked extensions
      long[] slotsOnly = k.lambda().clone();
      Arrays.fill(slotsOnly, UP * L, (UP + coeffs) * L, 0L);
      Run r = run(k.with(slotsOnly, k.claims()));
      assertTrue(r.verified().isOk(), k.name());
      assertFalse(element(r.bytes(), coeffs - 1).equals(BigInteger.ZERO),
          k.name() + ": the masked extensions give the last round degree " + dLast);
      // a zero column (and offsets): every coefficient above version 1's degree is zero
      long[] zero = new long[SIZE * L];
      List<ZkClaim> plain = new ArrayList<>();
      for (ZkClaim h : k.claims()) {
        plain.add(new ZkClaim(h.tensor(), h.point(), k.f().mle(h.tensor(), h.point()), new MaskForm()));
      }
      Run z = run(k.with(zero, plain));
      assertTrue(z.verified().isOk(), k.name());
      for (int c = k.v1Degree() + 1; c <= dLast; c++) {
        assertEquals(BigInteger.ZERO, element(z.bytes(), coeffs - dLast + c - 1),
            k.name() + ": c_" + c + " of the last round without masks");
      }
    }
  }

  private static BigInteger element(byte[] bytes, int e) {
    return new BigInteger(1, Arrays.copyOfRange(bytes, e * Fr.BYTES, (e + 1) * Fr.BYTES));
  }

  @Test
  void aLieInEveryElementOfEveryMessageIsCaught() {
    int lies = 0;
    for (Case k : cases(4)) {
      lies += k.f().assertEveryLieCaught(k.name(), k.lambda(), t -> run(k, k.claims(), SIZE, t));
    }
    // Contract: the runs' coefficients (6, 5, 10, 8, 6) and stated values (2, 2, 2, 2, 3); merges: (9, 9, 8),
    // (1, 2, 1); Poly: (14, 19, 14, 14), (2, 3, 3, 1: a tensor named twice is stated once); zero variables:
    // the outer product (4, 2), the Poly of scalars (4, 2)
    assertEquals(6 + 5 + 10 + 8 + 6 + 2 + 2 + 2 + 2 + 3 + 9 + 9 + 8 + 1 + 2 + 1 + 14 + 19 + 14 + 14 + 2 + 3 + 3 + 1
        + 4 + 2 + 4 + 2, lies);
  }

  @Test
  void aFalseInputValueOrAMovedOffsetIsCaughtByTheLambdaClaim() {
    for (Case k : cases(5)) {
      for (int i = 0; i < k.claims().size(); i++) {
        List<ZkClaim> bad = new ArrayList<>(k.claims());
        ZkClaim h = bad.get(i);
        bad.set(i, ZkWalkFixture.plusOne(h));
        Run r = run(k, bad, SIZE, b -> b);
        assertTrue(r.verified().isOk(), k.name());
        String f = k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(), r.verified().value());
        assertNotNull(f, k.name() + ": a false value of claim " + i);
        assertEquals("Lambda-claim 0", f, k.name());
        bad.set(i, ZkWalkFixture.movedOffset(h, UP));
        r = run(k, bad, SIZE, b -> b);
        assertEquals("Lambda-claim 0", k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(),
            r.verified().value()), k.name() + ": a moved offset of claim " + i);
      }
    }
  }

  @Test
  void statedValuesAreTheMaskedExtensionsWithKappaTimesTheirSlot() {
    Case k = cases(6).get(0);
    Run r = run(k);
    List<ZkClaim> out = r.verified().value();
    int first = UP + Arrays.stream(k.degrees()).sum();
    for (int i = 0; i < 2; i++) {
      ZkClaim cl = out.get(i);
      assertEquals(1, cl.omega().terms());
      assertEquals(first + i, cl.omega().index(0), "slots follow the run's coefficients, in message order");
      long[] kappa = new long[L];
      cl.omega().coefficient(0, kappa, 0);
      long[] r0 = out.get(0).point(); // A at (z_i, r_k): the run's last variable is its last coordinate
      long[] rk = WalkMath.at(r0, r0.length / L - 1);
      long[] expect = WalkMath.one();
      Fr.sub(expect, 0, expect, 0, rk, 0);
      Fr.mul(expect, 0, expect, 0, rk, 0);
      assertArrayEquals(expect, kappa, "omega = r_k (1 - r_k) e_slot");
    }
    // moving A's slot leaves every round but the last alone, and the last one's c_0 = s_k(0) (the
    // mask term x_k (1 - x_k) s vanishes on {0,1}); the rest of the last round and the values move
    long[] other = k.lambda().clone();
    Fr.add(other, first * L, other, first * L, WalkMath.one(), 0);
    Run moved = run(k.with(other, k.claims()));
    int coeffs = first - UP;
    int lastRound = coeffs - k.degrees()[k.degrees().length - 1];
    for (int e = 0; e < coeffs + 2; e++) {
      boolean same = Arrays.equals(Arrays.copyOfRange(r.bytes(), e * Fr.BYTES, (e + 1) * Fr.BYTES),
          Arrays.copyOfRange(moved.bytes(), e * Fr.BYTES, (e + 1) * Fr.BYTES));
      assertEquals(e <= lastRound, same, "element " + e);
    }
  }

  @Test
  void aDegenerateChallengeIsRefusedByReason() {
    Case k = cases(7).get(0);
    Circuit c = k.f().circuit();
    Contract g = (Contract) k.g();
    List<ZkStatements.Target> targets = List.of(new ZkStatements.Target(g.a(), new long[2 * L]),
        new ZkStatements.Target(g.b(), new long[2 * L]));
    for (long last : new long[] {0, 1}) {
      long[] r = new long[2 * L];
      Fr.fromLong(r, 0, 5);
      Fr.fromLong(r, L, last);
      assertNull(ZkSumcheckEnd.kappa(r, 2), "r_k = " + last);
      ZkMasks vm = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
      byte[] none = new byte[0];
      Checked<ZkStatements.Stated> v = ZkSumcheckEnd.verify(targets, r, 2, c, vm, new FieldReader(none, 0, 0),
          ZkWalkFixture.transcript());
      assertFalse(v.isOk());
      assertEquals("degenerate challenge (r_k (1 - r_k) = 0)", v.reason());
      assertEquals(0, vm.cursor().used(), "nothing taken");
      ZkMasks pm = ZkMasks.prover(c, c.outputs(), k.lambda(), MaskCursor.of(SIZE));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ZkSumcheckEnd.prove(targets, r, 2,
          c, k.f().tables(), pm, new ProofSink(), ZkWalkFixture.transcript()));
      assertTrue(e.getMessage().startsWith("degenerate challenge"), e.getMessage());
    }
    long[] r = new long[2 * L];
    Fr.fromLong(r, L, 2);
    long[] kappa = ZkSumcheckEnd.kappa(r, 2);
    assertArrayEquals(WalkMath.fr(-2), kappa, "2 (1 - 2) = -2");
    assertNull(ZkSumcheckEnd.kappa(r, 0), "no variable, nothing to mask");
  }

  @Test
  void aShortColumnOrProofAndMalformedClaimsAreRefusedByReason() {
    for (Case k : cases(8)) {
      int used = run(k).verifierMasks().cursor().used();
      Run shortColumn = run(k, k.claims(), used - 1, b -> b);
      assertFalse(shortColumn.verified().isOk(), k.name());
      assertTrue(shortColumn.verified().reason().contains("mask column overrun"), shortColumn.verified().reason());
      assertTrue(run(k, k.claims(), used, b -> b).verified().isOk(), k.name() + ": the exact size suffices");
      Run shortProof = run(k, k.claims(), SIZE, b -> Arrays.copyOf(b, b.length - Fr.BYTES));
      assertFalse(shortProof.verified().isOk(), k.name());
      assertTrue(shortProof.verified().reason().contains("proof too short"), shortProof.verified().reason());
      Run shortRun = run(k, k.claims(), SIZE, b -> Arrays.copyOf(b, 3 * Fr.BYTES));
      assertFalse(shortRun.verified().isOk(), k.name() + ": a cut sumcheck");
      if (k.g() == null) {
        Run one = run(k, List.of(k.claims().get(0)), SIZE, b -> b);
        assertEquals("merge: bad claim list", one.verified().reason(), k.name());
        ZkClaim h = k.claims().get(0);
        Run other = run(k, List.of(h, new ZkClaim(h.tensor() + 1, h.point(), h.value(), h.omega())), SIZE, b -> b);
        assertEquals("merge: claim on another tensor or of wrong size", other.verified().reason(), k.name());
        continue;
      }
      if (k.g() instanceof Poly p && p.zeroCheck()) {
        ZkClaim stray = k.f().honest(p.y(), new SplittableRandom(8), k.lambda(), UP);
        assertEquals("Poly: a claim reached a zero-check output", run(k, List.of(stray), SIZE, b -> b).verified()
            .reason());
        continue;
      }
      Run twoClaims = run(k, List.of(k.claims().get(0), k.claims().get(0)), SIZE, b -> b);
      assertEquals(k.g().kind() + ": expected one merged claim, got 2", twoClaims.verified().reason());
      Run none = run(k, List.of(), SIZE, b -> new byte[0]);
      assertTrue(none.verified().isOk() && none.verified().value().isEmpty(), "no claim on Y, nothing to reduce");
    }
    // no variable: a 1 x 1 inner dimension without batch runs over a dummy variable (a case above); no bytes
    Mat dot = new Mat(9, 0, 2, 1, 2, TensorKind.VIRTUAL, false, TensorKind.CONSTANT);
    Circuit c = dot.f.circuit();
    ZkMasks vm = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
    long[] lambda = ZkWalkFixture.column(new SplittableRandom(9), SIZE);
    ZkClaim y = dot.f.honest(dot.y, new SplittableRandom(90), lambda, UP);
    Checked<List<ZkClaim>> v = ZkGadgetArguments.verify(dot.g, c, List.of(y), new FieldReader(new byte[0], 0, 0),
        ZkWalkFixture.transcript(), vm);
    assertEquals("Contract: masked sumcheck: sumcheck proof: truncated at byte 0: need 4 elements", v.reason());
    // Poly: an input that does not broadcast to the output, a zero-variable output
    ZkWalkFixture f = new ZkWalkFixture();
    int x = f.tensor("x", TensorKind.VIRTUAL, new long[] {1, 2, 3, 4}, 2, 2);
    int s = f.tensor("s", TensorKind.CONSTANT, new long[] {3, 5, 7}, 1, 3);
    int yb = f.tensor("y", TensorKind.VIRTUAL, new long[] {3, 6, 15, 20}, 2, 2);
    int one = f.tensor("one", TensorKind.VIRTUAL, new long[] {7}, 1, 1);
    int sq = f.tensor("sq", TensorKind.VIRTUAL, new long[] {49}, 1, 1);
    Circuit cp = f.circuit();
    ZkMasks pm = ZkMasks.verifier(cp, cp.outputs(), MaskCursor.of(SIZE));
    Poly bcast = new Poly(yb, new int[] {x, s}, new long[] {1}, new int[][] {{0, 1}}, false);
    assertEquals("Poly: broadcast shape", ZkGadgetArguments.verify(bcast, cp,
        List.of(f.honest(yb, new SplittableRandom(1), lambda, UP)), new FieldReader(new byte[0], 0, 0),
        ZkWalkFixture.transcript(), pm).reason());
    Poly scalar = new Poly(sq, new int[] {one}, new long[] {1}, new int[][] {{0, 0}}, false);
    assertEquals("Poly: masked sumcheck: sumcheck proof: truncated at byte 0: need 4 elements",
        ZkGadgetArguments.verify(scalar, cp, List.of(f.honest(sq, new SplittableRandom(2), lambda, UP)),
            new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), pm).reason());
  }
}
