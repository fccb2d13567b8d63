package org.besuzkml.proof.gadget;

import static org.besuzkml.proof.gadget.ZkWalkFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.besuzkml.proof.gadget.ZkWalkFixture.Run;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.junit.jupiter.api.Test;

/**
 * Conv in zero-knowledge mode (zk-design 4.2, 4.3 R3, 4.6; step 7): the masked kernel run, whose stated
 * im2col value {@code u} (a stated factor that is not a tensor) carries {@code kappa1 Lambda[slot_u]} and is
 * the masked input claim of the masked window run. Cases: a plain 2-D Conv (stride, padding), a Conv with
 * bias (the compiler's {@code Lin(acc + Alias(bias))} above it, run as the walk does), a public input, a
 * limb-backed input, public weights, a 1-D Conv, a 1 x 1 input (no window run: R1). Completeness with
 * every Lambda-claim and returned claim true and both sides allocating alike; the degrees of 4.6; a lie
 * in every element of every message, a false input value and a moved input offset caught; refusals by
 * reason; a kernel without variables over a dummy variable.
 */
class ZkConvGadgetTest {
  private static final int UP = 3;
  private static final int SIZE = 128;

  /**
   * A chain of gadgets run in walk order on the claims of the first one's output (each takes the pending
   * claims on its output), the Conv among them, and what the chain sends: elements, slots, Lambda-claims,
   * the elements before the Conv's messages, and the Conv's two degree lists.
   */
  private record Case(String name, ZkWalkFixture f, List<Gadget> chain, Conv conv, List<ZkClaim> claims,
      long[] lambda, int elements, int slots, int deferred, int pre, int[] kernel, int[] window) {
    Case with(long[] column, List<ZkClaim> cl) {
      return new Case(name, f, chain, conv, cl, column, elements, slots, deferred, pre, kernel, window);
    }
  }

  private static int[] ones() {
    return new int[] {1, 1};
  }

  private static List<Case> cases(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
    long[] lambda = ZkWalkFixture.column(rnd, SIZE);
    List<Case> out = new ArrayList<>();
    // kernel (c, i, j) = (2, 2, 1) variables, window (h, w) = (3, 2); the run, w and u, the run, x0
    ZkWalkFixture fa = new ZkWalkFixture();
    int xa = fa.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 60, -100, 100), 1, 3, 5, 4);
    int wa = fa.tensor("w", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 36, -50, 50), 2, 3, 3, 2);
    Conv ga = fa.conv("y", xa, wa, new int[] {1, 2}, new int[] {1, 0}, ones());
    out.add(new Case("Conv", fa, List.of(ga), ga, List.of(fa.honest(ga.y(), rnd, lambda, UP)), lambda, 26, 26, 2,
        0, new int[] {2, 2, 2, 2, 4}, new int[] {2, 2, 2, 2, 3}));
    // with bias: Lin states acc and the broadcast bias (2), then the Conv (8 + 2 + 9 + 1); a dilation
    ZkWalkFixture fb = new ZkWalkFixture();
    int xb = fb.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 32, -100, 100), 1, 2, 4, 4);
    int wb = fb.tensor("w", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 24, -50, 50), 3, 2, 2, 2);
    Conv gb = fb.conv("acc", xb, wb, new int[] {1, 2}, new int[] {0, 0}, new int[] {2, 1});
    long[] bias = ZkWalkFixture.random(rnd, 3, -500, 500);
    int bt = fb.tensor("bias", TensorKind.CONSTANT, bias, 3);
    int bb = fb.tensor("bias_b", TensorKind.VIRTUAL, bias, 1, 3, 1, 1);
    Alias ab = new Alias(bb, bt);
    long[] biased = fb.values.get(gb.y()).clone();
    for (int i = 0; i < biased.length; i++) {
      biased[i] += bias[i / 4];
    }
    int yb = fb.tensor("biased", TensorKind.VIRTUAL, biased, 1, 3, 2, 2);
    Lin lin = new Lin(yb, new int[] {gb.y(), bb}, new long[] {1, 1}, 0);
    fb.gadgets.add(ab);
    fb.gadgets.add(lin);
    out.add(new Case("Conv with bias", fb, List.of(lin, ab, gb), gb, List.of(fb.honest(yb, rnd, lambda, UP)),
        lambda, 22, 22, 3, 2, new int[] {2, 2, 4}, new int[] {2, 2, 2, 3}));
    // public input: x0 stated as is, the window run keeps degree 2
    ZkWalkFixture fc = new ZkWalkFixture();
    int xc = fc.tensor("x", TensorKind.PUBLIC_INPUT, ZkWalkFixture.random(rnd, 18, -100, 100), 1, 2, 3, 3);
    int wc = fc.tensor("w", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 16, -50, 50), 2, 2, 2, 2);
    Conv gc = fc.conv("y", xc, wc, ones(), ones(), ones());
    out.add(new Case("Conv, public input", fc, List.of(gc), gc, List.of(fc.honest(gc.y(), rnd, lambda, UP)), lambda,
        19, 18, 2, 0, new int[] {2, 2, 4}, new int[] {2, 2, 2, 2}));
    // limb-backed input: x0 as its two limbs
    ZkWalkFixture fd = new ZkWalkFixture();
    int xd = fd.limbBacked("x", ZkWalkFixture.random(rnd, 36, -3000, 3000), 0, 16, true, 8, 1, 3, 4, 3);
    int wd = fd.tensor("w", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 54, -50, 50), 2, 3, 3, 3);
    Conv gd = fd.conv("y", xd, wd, ones(), ones(), ones());
    out.add(new Case("Conv, limb-backed input", fd, List.of(gd), gd, List.of(fd.honest(gd.y(), rnd, lambda, UP)),
        lambda, 27, 27, 2, 0, new int[] {2, 2, 2, 2, 2, 4}, new int[] {2, 2, 2, 3}));
    // public weights: the kernel's last round one lower
    ZkWalkFixture fe = new ZkWalkFixture();
    int xe = fe.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 36, -100, 100), 1, 3, 3, 4);
    int we = fe.tensor("w", TensorKind.PUBLIC_INPUT, ZkWalkFixture.random(rnd, 24, -50, 50), 2, 3, 2, 2);
    Conv ge = fe.conv("y", xe, we, ones(), new int[] {0, 0}, ones());
    out.add(new Case("Conv, public weights", fe, List.of(ge), ge, List.of(fe.honest(ge.y(), rnd, lambda, UP)),
        lambda, 21, 20, 2, 0, new int[] {2, 2, 2, 3}, new int[] {2, 2, 2, 3}));
    // 1-D: no height variables
    ZkWalkFixture ff = new ZkWalkFixture();
    int xf = ff.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 18, -100, 100), 1, 3, 6);
    int wf = ff.tensor("w", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 18, -50, 50), 2, 3, 3);
    Conv gf = ff.conv("y", xf, wf, ones(), new int[] {0, 1}, ones());
    out.add(new Case("Conv 1-D", ff, List.of(gf), gf, List.of(ff.honest(gf.y(), rnd, lambda, UP)), lambda, 20, 20,
        2, 0, new int[] {2, 2, 2, 4}, new int[] {2, 2, 3}));
    // a 1 x 1 input (padded 3 x 3 kernel): no window run, x0 stated additively and A x0 = u as R1
    ZkWalkFixture fg = new ZkWalkFixture();
    int xg = fg.tensor("x", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 2, -100, 100), 1, 2, 1, 1);
    int wg = fg.tensor("w", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 36, -50, 50), 2, 2, 3, 3);
    Conv gg = fg.conv("y", xg, wg, ones(), ones(), ones());
    out.add(new Case("Conv, 1 x 1 input", fg, List.of(gg), gg, List.of(fg.honest(gg.y(), rnd, lambda, UP)), lambda,
        15, 15, 2, 0, new int[] {2, 2, 2, 2, 4}, new int[0]));
    return out;
  }

  private static Run run(Case k, List<ZkClaim> verifierClaims, int verifierSize, UnaryOperator<byte[]> tamper) {
    return k.f().run(ZkWalkFixture.chain(k.chain()), k.lambda(), UP, k.claims(), verifierClaims, verifierSize,
        tamper);
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
        assertEquals(k.slots(), r.verifierMasks().cursor().used() - UP,
            what + ": the runs' coefficients, then one slot per masked stated element");
        assertEquals(k.elements(), r.bytes().length / Fr.BYTES, what);
        List<ZkClaim> vc = r.verified().value();
        for (ZkClaim b : vc) {
          assertTrue(b.tensor() >= 0, what + ": u's claim stays with the Conv");
          assertTrue(r.verifierMasks().limbBacked(b.tensor()) == null, what + ": limbs, not the limb-backed tensor");
        }
        // the Conv hands back W's claim, then X's (or its two limbs)
        int limbs = r.verifierMasks().limbBacked(k.conv().x()) == null ? 1 : 2;
        List<ZkClaim> conv = vc.subList(vc.size() - 1 - limbs, vc.size());
        assertEquals(k.conv().w(), conv.get(0).tensor(), what);
        assertEquals(limbs == 1 ? k.conv().x() : r.verifierMasks().limbBacked(k.conv().x()).limbs()[0],
            conv.get(1).tensor(), what);
        assertEquals(k.deferred(), r.verifierMasks().lambdaClaims().size(), what);
        assertEquals(k.deferred(), r.proverMasks().lambdaClaims().size(), what);
      }
    }
  }

  @Test
  void theKernelAndWindowRunsRaiseOnlyTheLastRoundAsTable46Says() {
    for (Case k : cases(10)) {
      Circuit c = k.f().circuit();
      ZkMasks m = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
      int[] kd = ZkConvArgument.kernelDegrees(k.conv(), c, m);
      int[] wd = ZkConvArgument.windowDegrees(k.conv(), c, m);
      assertArrayEquals(k.kernel(), kd, k.name());
      assertArrayEquals(k.window(), wd, k.name());
      for (int t = 0; t < kd.length - 1; t++) {
        assertEquals(2, kd[t], k.name() + ": kernel round " + t + " keeps version 1's degree");
      }
      for (int t = 0; t < wd.length - 1; t++) {
        assertEquals(2, wd[t], k.name() + ": window round " + t + " keeps version 1's degree");
      }
      // 2 for u plus 2 for masked weights (1 for public ones); 1 for Ah Aw plus 2 for a masked X (1 for public)
      boolean publicW = !m.masked(k.conv().w());
      boolean publicX = !m.masked(k.conv().x());
      assertEquals(publicW ? 3 : 4, kd[kd.length - 1], k.name());
      if (wd.length > 0) {
        assertEquals(publicX ? 2 : 3, wd[wd.length - 1], k.name());
      }
    }
  }

  private static BigInteger element(byte[] bytes, int e) {
    return new BigInteger(1, Arrays.copyOfRange(bytes, e * Fr.BYTES, (e + 1) * Fr.BYTES));
  }

  @Test
  void withoutMasksTheCoefficientsAboveVersion1sDegreeAreZero() {
    for (Case k : cases(11)) {
      long[] zero = new long[SIZE * L];
      List<ZkClaim> plain = new ArrayList<>();
      for (ZkClaim h : k.claims()) {
        plain.add(new ZkClaim(h.tensor(), h.point(), k.f().mle(h.tensor(), h.point()), new MaskForm()));
      }
      Run z = run(k.with(zero, plain));
      assertTrue(z.verified().isOk(), k.name());
      int k1 = Arrays.stream(k.kernel()).sum();
      int k2 = Arrays.stream(k.window()).sum();
      int dk = k.kernel()[k.kernel().length - 1];
      int dw = k.window().length == 0 ? 0 : k.window()[k.window().length - 1];
      int lastKernel = k.pre() + k1 - dk; // c_0 of the kernel's last round (c_1 is not sent)
      for (int c = 3; c <= dk; c++) {
        assertEquals(BigInteger.ZERO, element(z.bytes(), lastKernel + c - 1), k.name() + ": kernel c_" + c);
      }
      int lastWindow = k.pre() + k1 + 2 + k2 - dw;
      for (int c = 3; c <= dw; c++) {
        assertEquals(BigInteger.ZERO, element(z.bytes(), lastWindow + c - 1), k.name() + ": window c_" + c);
      }
      // the kernel run's own mask coefficients zero: its top coefficient comes from the slots of w and u
      long[] slotsOnly = k.lambda().clone();
      Arrays.fill(slotsOnly, (UP + k.pre()) * L, (UP + k.pre() + k1) * L, 0L);
      Run r = run(k.with(slotsOnly, k.claims()));
      assertTrue(r.verified().isOk(), k.name());
      assertFalse(element(r.bytes(), k.pre() + k1 - 1).equals(BigInteger.ZERO), k.name() + ": kernel c_" + dk);
    }
  }

  @Test
  void aLieInEveryElementOfEveryMessageIsCaught() {
    int lies = 0;
    for (Case k : cases(4)) {
      lies += k.f().assertEveryLieCaught(k.name(), k.lambda(), t -> run(k, k.claims(), SIZE, t));
    }
    assertEquals(26 + 22 + 19 + 27 + 21 + 20 + 15, lies);
  }

  @Test
  void aFalseInputValueOrAMovedOffsetIsCaughtByTheFirstLambdaClaim() {
    for (Case k : cases(5)) {
      List<ZkClaim> bad = new ArrayList<>(k.claims());
      ZkClaim h = bad.get(0);
      bad.set(0, ZkWalkFixture.plusOne(h));
      Run r = run(k, bad, SIZE, b -> b);
      assertTrue(r.verified().isOk(), k.name());
      String f = k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(), r.verified().value());
      assertNotNull(f, k.name() + ": a false value");
      // the kernel's R3 (or the bias Lin's R1, which comes first)
      assertEquals("Lambda-claim 0", f, k.name());
      bad.set(0, ZkWalkFixture.movedOffset(h, UP));
      r = run(k, bad, SIZE, b -> b);
      assertTrue(r.verified().isOk(), k.name());
      assertEquals("Lambda-claim 0", k.f().falseClaim(k.lambda(), r.verifierMasks().lambdaClaims(),
          r.verified().value()), k.name() + ": a moved offset");
    }
  }

  /** {@code kappa = r (1 - r)}. */
  private static long[] kappa(long[] r) {
    long[] k = WalkMath.one();
    Fr.sub(k, 0, k, 0, r, 0);
    Fr.mul(k, 0, k, 0, r, 0);
    return k;
  }

  /** The sum of a form's coefficients at entry {@code index}. */
  private static long[] coefficientAt(MaskForm f, int index) {
    long[] acc = new long[L];
    long[] c = new long[L];
    for (int j = 0; j < f.terms(); j++) {
      if (f.index(j) == index) {
        f.coefficient(j, c, 0);
        Fr.add(acc, 0, acc, 0, c, 0);
      }
    }
    return acc;
  }

  @Test
  void theStatedImToColValueCarriesKappaTimesItsSlotAndIsTheWindowRunsClaim() {
    for (Case k : cases(6)) {
      Run r = run(k);
      assertTrue(r.verified().isOk(), k.name());
      Conv g = k.conv();
      Circuit c = k.f().circuit();
      ConvArgument.Vars s = ConvArgument.Vars.of(g, c);
      int k1 = Arrays.stream(k.kernel()).sum();
      boolean publicW = !r.verifierMasks().masked(g.w());
      int slotU = UP + k.pre() + k1 + (publicW ? 0 : 1);
      // r1 from the claim on W (z_o, r1); the claim point (z_o, z_y, z_x) on the Conv's output
      ZkClaim onW = r.verified().value().stream().filter(x -> x.tensor() == g.w()).findFirst().orElseThrow();
      long[] r1 = ConvArgument.slice(onW.point(), s.mo(), s.kernelVars());
      long[] kappa1 = kappa(WalkMath.at(r1, s.kernelVars() - 1));
      if (!publicW) {
        assertEquals(1, onW.omega().terms(), k.name());
        assertEquals(slotU - 1, onW.omega().index(0), k.name() + ": w's slot follows the kernel run's coefficients");
        assertArrayEquals(kappa1, coefficientAt(onW.omega(), slotU - 1), k.name());
      }
      long[] zYX = k.claims().get(0).point(); // with bias: the Lin passes its point on to acc (same shape)
      // U~(r1) from its definition: T[c, i, j, y, x] = X[c, s y + d i - p, ..] has U~(r1) = T~(r1, z_y, z_x)
      int[] in = g.in();
      int[] kk = g.kernel();
      int[] out = g.out();
      int cin = c.tensor(g.x()).dim(1);
      long[] xv = k.f().values.get(g.x());
      TensorInfo ti = new TensorInfo(0, "im2col", TensorKind.VIRTUAL, new int[] {cin, kk[0], kk[1], out[0], out[1]});
      long[] tab = new long[(1 << ti.vars()) * L];
      int n = 0;
      for (int ch = 0; ch < cin; ch++) {
        for (int i = 0; i < kk[0]; i++) {
          for (int j = 0; j < kk[1]; j++) {
            for (int oy = 0; oy < out[0]; oy++) {
              for (int ox = 0; ox < out[1]; ox++, n++) {
                int h = oy * g.strides()[0] + i * g.dilations()[0] - g.padBegin()[0];
                int w = ox * g.strides()[1] + j * g.dilations()[1] - g.padBegin()[1];
                if (h >= 0 && h < in[0] && w >= 0 && w < in[1]) {
                  Fr.fromLong(tab, ti.paddedIndex(n) * L, xv[(ch * in[0] + h) * in[1] + w]);
                }
              }
            }
          }
        }
      }
      long[] u = WalkMath.evaluate(tab, ti.vars(), ConvArgument.concat(r1,
          ConvArgument.slice(zYX, s.mo(), s.moh() + s.mow())));
      long[] mask = WalkMath.at(k.lambda(), slotU);
      Fr.mul(mask, 0, mask, 0, kappa1, 0);
      Fr.add(u, 0, u, 0, mask, 0);
      long[] sent = new long[L];
      assertTrue(Fr.fromBytes(sent, 0, r.bytes(), (k.pre() + k1 + 1) * Fr.BYTES)); // w is sent even when public
      assertArrayEquals(u, sent, k.name() + ": u = U~(r1) + kappa1 Lambda[slot_u]");
      // the window run takes (u, kappa1 e_slot_u): R3 spreads it as 2^(-k2 rounds) kappa1 at slot_u
      long[] spread = WalkMath.fr(1L << k.window().length);
      Fr.inv(spread, 0, spread, 0);
      Fr.mul(spread, 0, spread, 0, kappa1, 0);
      List<LambdaClaim> lc = r.verifierMasks().lambdaClaims();
      int kernelR3 = lc.size() - 2; // after the bias Lin's R1, if any
      assertArrayEquals(spread, coefficientAt(lc.get(kernelR3 + 1).omega(), slotU), k.name() + ": the window's R3");
      assertTrue(Fr.isZero(coefficientAt(lc.get(kernelR3).omega(), slotU), 0), k.name() + ": not in the kernel's R3");
    }
  }

  @Test
  void aDegenerateChallengeIsRefusedByReason() {
    Case k = cases(7).get(0);
    Circuit c = k.f().circuit();
    Conv g = k.conv();
    ConvArgument.Vars s = ConvArgument.Vars.of(g, c);
    int kv = s.kernelVars();
    for (long last : new long[] {0, 1}) {
      long[] r = new long[kv * L];
      Fr.fromLong(r, 0, 5);
      Fr.fromLong(r, (kv - 1) * L, last);
      long[] wPoint = ConvArgument.concat(new long[s.mo() * L], r);
      ZkMasks vm = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
      byte[] none = new byte[0];
      Checked<ZkStatements.Stated> v = ZkSumcheckEnd.verify(List.of(new ZkStatements.Target(g.w(), wPoint),
          ZkStatements.Target.factor(r, null)), r, kv, c, vm, new FieldReader(none, 0, 0), ZkWalkFixture.transcript());
      assertFalse(v.isOk());
      assertEquals("degenerate challenge (r_k (1 - r_k) = 0)", v.reason(), "r_k = " + last);
      assertEquals(0, vm.cursor().used(), "nothing taken");
      ZkMasks pm = ZkMasks.prover(c, c.outputs(), k.lambda(), MaskCursor.of(SIZE));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ZkSumcheckEnd.prove(
          List.of(new ZkStatements.Target(g.w(), wPoint), ZkStatements.Target.factor(r, WalkMath.one())), r, kv, c,
          k.f().tables(), pm, new ProofSink(), ZkWalkFixture.transcript()));
      assertTrue(e.getMessage().startsWith("degenerate challenge"), e.getMessage());
      assertEquals(0, pm.cursor().used(), "nothing taken");
    }
    // a factor's value is the prover's to give
    long[] r = new long[kv * L];
    Fr.fromLong(r, 0, 3);
    Fr.fromLong(r, (kv - 1) * L, 4);
    ZkMasks pm = ZkMasks.prover(c, c.outputs(), k.lambda(), MaskCursor.of(SIZE));
    assertThrows(IllegalArgumentException.class, () -> ZkSumcheckEnd.prove(List.of(ZkStatements.Target.factor(r,
        null)), r, kv, c, k.f().tables(), pm, new ProofSink(), ZkWalkFixture.transcript()));
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
      assertTrue(shortProof.verified().reason().startsWith("Conv window: "), shortProof.verified().reason());
      assertTrue(shortProof.verified().reason().contains("proof too short"), shortProof.verified().reason());
      int k1 = Arrays.stream(k.kernel()).sum();
      Run noU = run(k, k.claims(), SIZE, b -> Arrays.copyOf(b, (k.pre() + k1 + 1) * Fr.BYTES));
      assertEquals("Conv kernel: proof too short", noU.verified().reason(), k.name() + ": w without u");
      if (k.window().length > 0) {
        Run cutWindow = run(k, k.claims(), SIZE, b -> Arrays.copyOf(b, (k.pre() + k1 + 3) * Fr.BYTES));
        assertFalse(cutWindow.verified().isOk(), k.name());
        assertTrue(cutWindow.verified().reason().startsWith("Conv window"), cutWindow.verified().reason());
      }
    }
  }

  @Test
  void malformedConvsAreRefusedByReason() {
    Case k = cases(9).get(0);
    Circuit c = k.f().circuit();
    Conv g = k.conv();
    ZkClaim y = k.claims().get(0);
    ZkMasks vm = ZkMasks.verifier(c, c.outputs(), MaskCursor.of(SIZE));
    assertEquals("Conv: expected one merged claim, got 2", verify(g, c, List.of(y, y), vm).reason());
    Conv grouped = new Conv(g.y(), g.x(), g.w(), 3, g.in(), g.kernel(), g.out(), g.strides(), g.padBegin(),
        g.dilations());
    assertEquals("Conv: grouped convolution is not proven", verify(grouped, c, List.of(y), vm).reason());
    Checked<List<ZkClaim>> none = verify(g, c, List.of(), vm);
    assertTrue(none.isOk() && none.value().isEmpty(), "no claim on Y, nothing to reduce");
    assertEquals(0, vm.cursor().used());
  }

  @Test
  void aKernelWithoutVariablesRunsOverADummyVariable() {
    // a 1 x 1 kernel on one channel: no kernel variable, and w u is a product of two stated values
    for (long seed = 1; seed <= 3; seed++) {
      ZkWalkFixture f = new ZkWalkFixture();
      SplittableRandom rnd = new SplittableRandom(9 + seed);
      int x1 = f.tensor("x1", TensorKind.VIRTUAL, ZkWalkFixture.random(rnd, 9, -9, 9), 1, 1, 3, 3);
      int w1 = f.tensor("w1", TensorKind.CONSTANT, ZkWalkFixture.random(rnd, 2, -9, 9), 2, 1, 1, 1);
      Conv pointwise = f.conv("y1", x1, w1, ones(), new int[] {0, 0}, ones());
      Circuit cf = f.circuit();
      long[] lambda = ZkWalkFixture.column(rnd, SIZE);
      ZkMasks mf = ZkMasks.verifier(cf, cf.outputs(), MaskCursor.of(SIZE));
      assertArrayEquals(new int[] {4}, ZkConvArgument.kernelDegrees(pointwise, cf, mf), "one dummy round");
      assertArrayEquals(new int[] {2, 2, 2, 3}, ZkConvArgument.windowDegrees(pointwise, cf, mf));
      List<ZkClaim> y1 = List.of(f.honest(pointwise.y(), rnd, lambda, UP));
      ZkWalkFixture.Argument a = ZkWalkFixture.gadget(pointwise);
      Run r = f.run(a, lambda, UP, y1, y1, SIZE, b -> b);
      f.assertHonest(r, lambda, "seed " + seed);
      // the kernel's round (4), w and u, the window run (9), x0
      assertEquals(4 + 2 + 9 + 1, r.bytes().length / Fr.BYTES);
      assertEquals(4 + 2 + 9 + 1, r.verifierMasks().cursor().used() - UP);
      assertEquals(2, r.verifierMasks().lambdaClaims().size(), "the kernel's R3, the window's");
      assertEquals(List.of(w1, x1), r.verified().value().stream().map(ZkClaim::tensor).toList());
      assertEquals(cf.tensor(w1).vars() * L, r.verified().value().get(0).point().length,
          "w at (z_o): the dummy variable is no coordinate of W");
      assertEquals(16, f.assertEveryLieCaught("pointwise Conv", lambda, t -> f.run(a, lambda, UP, y1, y1, SIZE, t)));
      Run lie = f.run(a, lambda, UP, y1, List.of(ZkWalkFixture.plusOne(y1.get(0))), SIZE, b -> b);
      assertEquals("Lambda-claim 0", f.falseClaim(lambda, lie.verifierMasks().lambdaClaims(), lie.verified().value()),
          "a false value caught by the kernel's R3 on the doubled claim");
    }
  }

  private static Checked<List<ZkClaim>> verify(Conv g, Circuit c, List<ZkClaim> claims, ZkMasks m) {
    return ZkGadgetArguments.verify(g, c, claims, new FieldReader(new byte[0], 0, 0), ZkWalkFixture.transcript(), m);
  }
}
