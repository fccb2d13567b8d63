package org.besuzkml.pcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.msm.Msm;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.transcript.Transcript;
import org.besuzkml.zk.SeededRandomness;
import org.besuzkml.zk.ZkRandomness;
import org.junit.jupiter.api.Test;

/**
 * The simulator of zk-design.md 8.5 for the opening: with the dev SRS's trapdoor ({@code tau},
 * {@code beta}) and no witness it outputs, under real Fiat-Shamir, openings the verifier accepts,
 * even of a false value; and the statistics of its output match real openings, while a
 * zero-mask prover (valid but not hiding) is told apart at once (the test has teeth): by the
 * per-position statistics (its proofs of one statement are all equal) and, sharper, by a
 * distinguisher that knows the witness and finds the evaluations equal to the witness's own.
 *
 * <p>{@code Sim}: {@code C_M}, {@code m}, the folds, {@code W_1} and {@code sigma} uniform; the
 * evaluations those of a uniform polynomial on the support T with value {@code y = v + rho_M m}
 * at the point (uniform on {@code {w in image(Phi): w_y = y}}, 2.4); {@code W_2 = (tau -
 * z)^(-1) (gSum C_B - gb G - sigma [beta]_1 - Z(z) W_1)}, the unique point passing the pairing.
 */
class PcsSimulatorTest {
  static final long SEED = 31;
  static final int l = 3, N = 1 << l, LIMBS = Fr.LIMBS;
  static final Srs SRS = DevSrs.create(l, SEED);
  static final HyperKzgVerifierKey VK = HyperKzgVerifierKey.of(SRS);

  /** A statement: one hiding commitment and one public one, scalars, a point, the claimed value. */
  record Statement(long[][] polys, long[][] shadows, long[] cs, long[] scalars, long[] point, long[] value) {}

  record Output(long[] maskCommitment, long[] maskValue, HyperKzgProof proof) {}

  static Statement statement() {
    SeededRandomness d = SeededRandomness.of(5);
    long[][] polys = {d.nextFrs(N), d.nextFrs(N)};
    long[][] shadows = {d.nextFrs(1), null};
    long[] cs = new long[2 * G1.AFFINE];
    System.arraycopy(HyperKzg.commitHiding(SRS, polys[0], N, shadows[0]), 0, cs, 0, G1.AFFINE);
    System.arraycopy(HyperKzg.commit(SRS, polys[1], N), 0, cs, G1.AFFINE, G1.AFFINE);
    long[] scalars = d.nextFrs(2), point = d.nextFrs(l), value = new long[LIMBS], t = new long[LIMBS];
    for (int k = 0; k < 2; k++) {
      Fr.mul(t, 0, HyperKzgZkTest.mle(polys[k], point, l), 0, scalars, k * LIMBS);
      Fr.add(value, 0, value, 0, t, 0);
    }
    return new Statement(polys, shadows, cs, scalars, point, value);
  }

  /** The statement is bound before the opening (commitments only: C_M is bound by the opening's caller too). */
  static Transcript bound(Statement s, long[] cm) {
    return HyperKzgZkTest.bound(s.cs, cm);
  }

  static Output real(Statement s, ZkRandomness rnd, boolean zeroMasks) {
    OpeningMask mask = zeroMasks ? new OpeningMask(l, new long[2 * l * LIMBS], new long[3 * LIMBS])
        : HyperKzgZkTest.sampleMask(rnd, l);
    long[] folds = zeroMasks ? new long[(l - 1) * LIMBS] : rnd.nextFrs(l - 1);
    long[] cm = mask.commit(SRS);
    HyperKzgZk.Opening o = HyperKzgZk.open(SRS, s.polys, s.shadows, s.scalars, mask, s.point, l, folds, bound(s, cm));
    return new Output(cm, o.maskValue(), o.proof());
  }

  static long[] randomPoint(ZkRandomness rnd) {
    long[] k = new long[LIMBS], j = new long[G1.JACOBIAN], a = new long[G1.AFFINE];
    rnd.nextFr(k, 0);
    G1.mulFr(j, 0, G1.generatorJacobian(), 0, k, 0);
    G1.toAffine(a, 0, j, 0);
    return a;
  }

  /** Sim: no witness, only the statement {@code (cs, scalars, point, value)} and the trapdoor. */
  static Output simulate(Statement s, long[] value, ZkRandomness rnd) {
    long[] cm = randomPoint(rnd);
    Transcript t = bound(s, cm);
    long[] m = new long[LIMBS];
    rnd.nextFr(m, 0);
    t.absorbFrs("zk/pcsm", m, 0, 1);
    long[] rhoM = t.challengeFr("zk/rhoM");
    long[] y = new long[LIMBS];
    Fr.mul(y, 0, rhoM, 0, m, 0);
    Fr.add(y, 0, y, 0, value, 0);
    long[] folds = new long[(l - 1) * G1.AFFINE];
    for (int i = 0; i < l - 1; i++) {
      System.arraycopy(randomPoint(rnd), 0, folds, i * G1.AFFINE, G1.AFFINE);
      t.absorbG1("hkzg/folds", G1.encode(folds, i * G1.AFFINE));
    }
    long[] r = t.challengeFr("hkzg/r");
    // a uniform polynomial on T with Q~(point) = y: random on T, then fix the entry at index 0
    long[] q0 = new OpeningMask(l, rnd.nextFrs(2 * l), new long[3 * LIMBS]).dense();
    long[] have = HyperKzgZkTest.mle(q0, s.point, l), eq0 = new long[LIMBS], one = new long[LIMBS], tmp = new long[LIMBS];
    Fr.setOne(eq0, 0);
    Fr.setOne(one, 0);
    for (int v = 0; v < l; v++) {
      Fr.sub(tmp, 0, one, 0, s.point, v * LIMBS);
      Fr.mul(eq0, 0, eq0, 0, tmp, 0);
    }
    Fr.inv(eq0, 0, eq0, 0);
    Fr.sub(tmp, 0, y, 0, have, 0);
    Fr.mul(tmp, 0, tmp, 0, eq0, 0);
    Fr.add(q0, 0, q0, 0, tmp, 0);
    long[][] qf = HyperKzg.fold(q0, s.point, l);
    long[] r2 = new long[LIMBS];
    Fr.sqr(r2, 0, r, 0);
    long[] evals = new long[3 * l * LIMBS];
    for (int i = 0; i < l; i++) {
      HyperKzg.evaluateAtPlusMinusAndSquare(qf[i], N >> i, r, r2, evals, 3 * i * LIMBS);
    }
    t.absorbFrs("hkzg/evals", evals, 0, 3 * l);
    long[] q = t.challengeFr("hkzg/q"), d = t.challengeFr("hkzg/d");
    long[] w1 = randomPoint(rnd);
    t.absorbG1("hkzg/w1", G1.encode(w1, 0));
    long[] z = t.challengeFr("hkzg/z");
    long[] sigma = new long[LIMBS];
    rnd.nextFr(sigma, 0);
    t.absorbFrs("zk/sigma", sigma, 0, 1);
    // W_2 from the trapdoor: (tau - z) W_2 = gSum C_B - gb G - sigma [beta]_1 - Z(z) W_1
    long[] w = new long[3 * LIMBS], g = new long[3 * LIMBS], zz = new long[LIMBS];
    Fr.copy(w, 0, r, 0);
    Fr.neg(w, LIMBS, r, 0);
    Fr.copy(w, 2 * LIMBS, r2, 0);
    assertTrue(HyperKzgVerifier.shplonkScalars(w, d, z, g, zz));
    long[] bk = new long[3 * LIMBS], gSum = new long[LIMBS], gb = new long[LIMBS];
    for (int i = l - 1; i >= 0; i--) {
      for (int k = 0; k < 3; k++) {
        Fr.mul(bk, k * LIMBS, bk, k * LIMBS, q, 0);
        Fr.add(bk, k * LIMBS, bk, k * LIMBS, evals, (3 * i + k) * LIMBS);
      }
    }
    for (int k = 0; k < 3; k++) {
      Fr.add(gSum, 0, gSum, 0, g, k * LIMBS);
      Fr.mul(tmp, 0, g, k * LIMBS, bk, k * LIMBS);
      Fr.add(gb, 0, gb, 0, tmp, 0);
    }
    int nb = 2 + 1 + (l - 1) + 3;
    long[] bases = new long[nb * G1.AFFINE], sc = new long[nb * LIMBS];
    System.arraycopy(s.cs, 0, bases, 0, 2 * G1.AFFINE);
    Fr.mul(sc, 0, s.scalars, 0, gSum, 0);
    Fr.mul(sc, LIMBS, s.scalars, LIMBS, gSum, 0);
    System.arraycopy(cm, 0, bases, 2 * G1.AFFINE, G1.AFFINE);
    Fr.mul(sc, 2 * LIMBS, rhoM, 0, gSum, 0);
    Fr.copy(tmp, 0, gSum, 0);
    for (int i = 1; i < l; i++) {
      Fr.mul(tmp, 0, tmp, 0, q, 0);
      System.arraycopy(folds, (i - 1) * G1.AFFINE, bases, (2 + i) * G1.AFFINE, G1.AFFINE);
      Fr.copy(sc, (2 + i) * LIMBS, tmp, 0);
    }
    int o = 2 + l;
    System.arraycopy(G1.generator(), 0, bases, o * G1.AFFINE, G1.AFFINE);
    Fr.neg(sc, o * LIMBS, gb, 0);
    System.arraycopy(SRS.betaG1(), 0, bases, (o + 1) * G1.AFFINE, G1.AFFINE);
    Fr.neg(sc, (o + 1) * LIMBS, sigma, 0);
    System.arraycopy(w1, 0, bases, (o + 2) * G1.AFFINE, G1.AFFINE);
    Fr.neg(sc, (o + 2) * LIMBS, zz, 0);
    long[] tauMinusZ = new long[LIMBS];
    Fr.fromBigInteger(tauMinusZ, 0, DevSrs.tau(SEED));
    Fr.sub(tauMinusZ, 0, tauMinusZ, 0, z, 0);
    Fr.inv(tauMinusZ, 0, tauMinusZ, 0);
    for (int i = 0; i < nb; i++) {
      Fr.mul(sc, i * LIMBS, sc, i * LIMBS, tauMinusZ, 0);
    }
    long[] w2 = Msm.msmAffine(bases, 0, sc, nb);
    return new Output(cm, m, new HyperKzgProof(l, folds, evals, w1, sigma, w2));
  }

  static PcsResult verify(Statement s, long[] value, Output out) {
    return HyperKzgVerifier.verifyZk(VK, s.cs, 2, s.scalars, value, out.maskCommitment, out.maskValue, s.point, l,
        out.proof, bound(s, out.maskCommitment));
  }

  @Test
  void simulatedOpeningsAreAcceptedEvenOfAFalseValue() {
    Statement s = statement();
    ZkRandomness rnd = SeededRandomness.of(1);
    assertTrue(verify(s, s.value, real(s, rnd, false)).valid());
    assertTrue(verify(s, s.value, simulate(s, s.value, rnd)).valid());
    long[] wrong = HyperKzgZkTest.plusOne(s.value, 0);
    PcsResult r = verify(s, wrong, simulate(s, wrong, rnd));
    assertTrue(r.valid(), "the trapdoor simulator needs no witness: " + r);
  }

  /** Top 4 bits of a field element (p is 254 bits: bits 253..250). */
  static int top4(long[] a, int off) {
    return Fr.toBigInteger(a, off).shiftRight(250).intValue();
  }

  /** Every field element of an output, and the x coordinate of every point, reduced to its top 4 bits. */
  static int[] features(Output o) {
    HyperKzgProof p = o.proof;
    long[] fr = new long[(3 * l + 2) * LIMBS];
    System.arraycopy(p.evals(), 0, fr, 0, 3 * l * LIMBS);
    System.arraycopy(p.sigma(), 0, fr, 3 * l * LIMBS, LIMBS);
    System.arraycopy(o.maskValue, 0, fr, (3 * l + 1) * LIMBS, LIMBS);
    long[] pts = new long[(l + 2) * G1.AFFINE];
    System.arraycopy(o.maskCommitment, 0, pts, 0, G1.AFFINE);
    System.arraycopy(p.folds(), 0, pts, G1.AFFINE, (l - 1) * G1.AFFINE);
    System.arraycopy(p.w1(), 0, pts, l * G1.AFFINE, G1.AFFINE);
    System.arraycopy(p.w2(), 0, pts, (l + 1) * G1.AFFINE, G1.AFFINE);
    int[] f = new int[3 * l + 2 + l + 2];
    for (int i = 0; i < 3 * l + 2; i++) {
      f[i] = top4(fr, i * LIMBS);
    }
    for (int i = 0; i < l + 2; i++) {
      byte[] e = G1.encode(pts, i * G1.AFFINE);
      f[3 * l + 2 + i] = (e[0] & 0xff) >>> 2; // x < q < 2^254: top 4 bits of x
    }
    return f;
  }

  /** Two-sample chi-square statistic over 16 bins. */
  static double chi2(int[] a, int[] b) {
    double s = 0;
    int na = 0, nb = 0;
    for (int i = 0; i < 16; i++) {
      na += a[i];
      nb += b[i];
    }
    for (int i = 0; i < 16; i++) {
      if (a[i] + b[i] == 0) {
        continue;
      }
      double ea = (double) (a[i] + b[i]) * na / (na + nb), eb = (double) (a[i] + b[i]) * nb / (na + nb);
      s += (a[i] - ea) * (a[i] - ea) / ea + (b[i] - eb) * (b[i] - eb) / eb;
    }
    return s;
  }

  /** Largest per-position statistic between two samples of outputs. */
  static double maxChi2(Output[] x, Output[] y) {
    int positions = features(x[0]).length;
    double max = 0;
    for (int pos = 0; pos < positions; pos++) {
      int[] a = new int[16], b = new int[16];
      for (Output o : x) {
        a[features(o)[pos]]++;
      }
      for (Output o : y) {
        b[features(o)[pos]]++;
      }
      max = Math.max(max, chi2(a, b));
    }
    return max;
  }

  /**
   * The witness-aware distinguisher: the evaluations minus those of the witness part {@code sum_k
   * G_k P_k} at the proof's own r. Real zk openings leave {@code rho_M Phi(M)}, uniform; a zero-mask
   * opening leaves exactly 0.
   */
  static boolean evaluationsAreTheWitnesses(Statement s, Output o) {
    long[] pStar = new long[N * LIMBS], tmp = new long[LIMBS];
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < N; j++) {
        Fr.mul(tmp, 0, s.polys[k], j * LIMBS, s.scalars, k * LIMBS);
        Fr.add(pStar, j * LIMBS, pStar, j * LIMBS, tmp, 0);
      }
    }
    Transcript t = bound(s, o.maskCommitment);
    t.absorbFrs("zk/pcsm", o.maskValue, 0, 1);
    t.challengeFr("zk/rhoM");
    for (int i = 0; i < l - 1; i++) {
      t.absorbG1("hkzg/folds", G1.encode(o.proof.folds(), i * G1.AFFINE));
    }
    long[] r = t.challengeFr("hkzg/r"), r2 = new long[LIMBS];
    Fr.sqr(r2, 0, r, 0);
    long[][] f = HyperKzg.fold(pStar, s.point, l);
    long[] ev = new long[3 * LIMBS];
    HyperKzg.evaluateAtPlusMinusAndSquare(f[0], N, r, r2, ev, 0);
    return java.util.Arrays.equals(ev, 0, 3 * LIMBS, o.proof.evals(), 0, 3 * LIMBS);
  }

  @Test
  void simulatedAndRealOpeningsLookAlikeAndTheZeroMaskControlIsCaught() {
    Statement s = statement();
    int samples = 200;
    ZkRandomness rnd = SeededRandomness.of(2);
    Output[] real = new Output[samples], sim = new Output[samples], zero = new Output[samples];
    for (int i = 0; i < samples; i++) {
      real[i] = real(s, rnd, false);
      sim[i] = simulate(s, s.value, rnd);
      zero[i] = real(s, rnd, true);
      assertTrue(verify(s, s.value, zero[i]).valid()); // the control is a valid opening
    }
    // chi-square, 15 degrees of freedom, Bonferroni over about 20 positions at 1e-3: critical value about 46.5
    double realVsSim = maxChi2(real, sim);
    assertTrue(realVsSim < 46.5, "real and simulated openings differ: chi2 = " + realVsSim);
    double zeroVsSim = maxChi2(zero, sim);
    assertTrue(zeroVsSim > 46.5, "control: " + zeroVsSim);
    int hitsReal = 0, hitsSim = 0, hitsZero = 0;
    for (int i = 0; i < samples; i++) {
      hitsReal += evaluationsAreTheWitnesses(s, real[i]) ? 1 : 0;
      hitsSim += evaluationsAreTheWitnesses(s, sim[i]) ? 1 : 0;
      hitsZero += evaluationsAreTheWitnesses(s, zero[i]) ? 1 : 0;
    }
    assertEquals(0, hitsReal);
    assertEquals(0, hitsSim);
    assertEquals(samples, hitsZero);
  }
}
