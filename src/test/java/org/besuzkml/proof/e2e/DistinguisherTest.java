package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.Container;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.zk.SeededRandomness;
import org.besuzkml.zk.ZeroRandomness;
import org.besuzkml.zk.ZkRandomness;
import org.junit.jupiter.api.Test;

/**
 * zk-design 13 step 9, {@code DistinguisherTest}: 1l_relu with a private input; inputs A and B differ
 * only in an entry the ReLU zeroes, so both prove the same public output. N proofs of each (fresh
 * seeds); at every position of every field element and G1 point of WITNESS_BINS..PCS a two-sample
 * chi-square test on the top 4 bits (bits 250..253) and on the low 8 bits, Bonferroni over all tests at
 * {@code alpha = 10^-3}. With zero knowledge no test may reject; with every mask zero (a valid proof that
 * hides nothing) some test must, or the test could not see a leak.
 */
class DistinguisherTest {
  /** Proofs per sample (about 90 ms each on the shared 2-core machine: five samples in under a minute). */
  private static final int N = Boolean.getBoolean("zkml.mutation") ? 40 : 100;
  private static final double ALPHA = 1e-3;

  private static Witness witness(ZkPrivateFixtures.Keyed k, double first) throws Exception {
    var cm = k.model().compiled();
    List<double[]> in = InputFile.read(CorpusModels.CORPUS.resolve("1l_relu").resolve("input.json"),
        cm.model().graph());
    in.get(0)[0] = first;
    return WitnessBuilder.build(cm, cm.model().run(in));
  }

  /** Byte offsets of the 32-byte words compared: field elements, and each G1 point's x. */
  static List<Integer> positions(byte[] proof, int nBin) {
    int[] b = Container.decode(proof, Container.PROOF, 6, 6).value().bounds();
    List<Integer> out = new ArrayList<>();
    for (int at = b[2]; at < b[3]; at += G1.ENCODED) {
      out.add(at);
    }
    for (int s = 2; s <= 4; s++) {
      for (int at = b[2 * s]; at < b[2 * s + 1]; at += Fr.BYTES) {
        out.add(at);
      }
    }
    int at = b[10];
    for (int i = 0; i < nBin - 1; i++, at += G1.ENCODED) {
      out.add(at);
    }
    for (int i = 0; i < 3 * nBin; i++, at += Fr.BYTES) {
      out.add(at);
    }
    out.add(at); // W_1
    at += G1.ENCODED;
    out.add(at); // sigma
    at += Fr.BYTES;
    out.add(at); // W_2
    assertEquals(b[11], at + G1.ENCODED, "PCS layout");
    return out;
  }

  private static int top4(byte[] p, int at) {
    return new BigInteger(1, Arrays.copyOfRange(p, at, at + 32)).shiftRight(250).intValue() & 15;
  }

  private static int low8(byte[] p, int at) {
    return p[at + 31] & 0xff;
  }

  /** Two-sample chi-square statistic and its degrees of freedom (non-empty cells - 1). */
  static double[] chi2(int[] a, int[] b) {
    int na = Arrays.stream(a).sum();
    int nb = Arrays.stream(b).sum();
    double s = 0;
    int cells = 0;
    for (int i = 0; i < a.length; i++) {
      int tot = a[i] + b[i];
      if (tot == 0) {
        continue;
      }
      cells++;
      double ea = (double) tot * na / (na + nb);
      double eb = tot - ea;
      s += (a[i] - ea) * (a[i] - ea) / ea + (b[i] - eb) * (b[i] - eb) / eb;
    }
    return new double[] {s, cells - 1};
  }

  /** Upper tail quantile of chi-square(df) at probability q (Wilson-Hilferty). */
  static double critical(double df, double q) {
    double z = normalUpper(q);
    double h = 2.0 / (9 * df);
    double c = 1 - h + z * Math.sqrt(h);
    return df * c * c * c;
  }

  /** z with P(Z > z) = q, by bisection on erfc (Numerical Recipes' Chebyshev erfc, relative error < 1.2e-7). */
  static double normalUpper(double q) {
    double lo = 0;
    double hi = 40;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (0.5 * erfc(mid / Math.sqrt(2)) > q) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  /** Tests rejected (statistic over its Bonferroni critical value), as "position kind". */
  static List<String> rejected(List<byte[]> a, List<byte[]> b, List<Integer> pos) {
    int tests = 2 * pos.size();
    List<String> out = new ArrayList<>();
    for (int p = 0; p < pos.size(); p++) {
      int at = pos.get(p);
      int[] ta = new int[16];
      int[] tb = new int[16];
      int[] la = new int[256];
      int[] lb = new int[256];
      for (byte[] x : a) {
        ta[top4(x, at)]++;
        la[low8(x, at)]++;
      }
      for (byte[] x : b) {
        tb[top4(x, at)]++;
        lb[low8(x, at)]++;
      }
      for (int kind = 0; kind < 2; kind++) {
        double[] s = kind == 0 ? chi2(ta, tb) : chi2(la, lb);
        if (s[1] >= 1 && s[0] > critical(s[1], ALPHA / tests)) {
          out.add(p + (kind == 0 ? " top4" : " low8") + " (" + Math.round(s[0]) + ", df " + (int) s[1] + ")");
        }
      }
    }
    return out;
  }

  private static List<byte[]> proofs(ZkPrivateFixtures.Keyed k, Witness w, long seed, boolean zeroMasks) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ZkRandomness r = zeroMasks ? new ZeroRandomness() : SeededRandomness.of(seed + i);
      out.add(ZkProver.prove(k.pk(), w, true, r).bytes());
    }
    return out;
  }

  @Test
  void statisticsAreRight() {
    // chi-square upper quantiles from tables: df 15 and 255 at 1e-3, df 12 at 1e-6
    assertEquals(37.697, critical(15, 1e-3), 0.2);
    assertEquals(330.52, critical(255, 1e-3), 0.5);
    // at small df and far tails Wilson-Hilferty is a little high (conservative): 51.8 for 50.83
    assertEquals(50.83, critical(12, 1e-6), 1.2);
    assertEquals(0, chi2(new int[] {5, 5}, new int[] {5, 5})[0], 1e-12);
    assertEquals(20, chi2(new int[] {10, 0}, new int[] {0, 10})[0], 1e-9, "separated samples: n");
  }

  @Test
  void proofsOfTwoPrivateInputsWithTheSameOutputAreIndistinguishable() throws Exception {
    ZkPrivateFixtures.Keyed k = ZkPrivateFixtures.get("1l_relu");
    Witness a = witness(k, -0.40077725052833557);
    Witness b = witness(k, -0.2);
    int x = k.pk().vk().circuit().inputs()[0];
    assertFalse(Arrays.equals(a.get(x), b.get(x)), "precondition: the private inputs differ");
    Prover.Proof pa = ZkProver.prove(k.pk(), a, true, SeededRandomness.of(1));
    Prover.Proof pb = ZkProver.prove(k.pk(), b, true, SeededRandomness.of(2));
    assertArrayEquals(pa.outputs()[0], pb.outputs()[0], "precondition: the same public output");
    // positive control first: zero masks give valid proofs that a test tells apart
    List<byte[]> za = proofs(k, a, 0, true);
    List<byte[]> zb = proofs(k, b, 0, true);
    assertTrue(Verifier.verify(k.pk().vk(), pa.statement(), za.get(0), Verifier.SrsPolicy.ALLOW_DEV).valid(),
        "the zero-mask proof is a valid proof");
    List<Integer> pos = positions(pa.bytes(), k.pk().vk().nBin());
    assertFalse(rejected(za, zb, pos).isEmpty(), "the distinguisher does not see the unmasked proofs' difference");
    // zero knowledge: no position tells A from B
    List<byte[]> ra = proofs(k, a, 1_000, false);
    List<byte[]> rb = proofs(k, b, 1_000_000, false);
    assertTrue(Verifier.verify(k.pk().vk(), pb.statement(), rb.get(0), Verifier.SrsPolicy.ALLOW_DEV).valid());
    List<String> bad = rejected(ra, rb, pos);
    assertTrue(bad.isEmpty(), "distinguishable at " + bad);
    // and the sanity of the statistics: A against A (other seeds) rejects nothing either
    assertTrue(rejected(ra, proofs(k, a, 2_000_000, false), pos).isEmpty());
  }
}
