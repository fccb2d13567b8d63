package org.besuzkml.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.pcs.HyperKzg;
import org.besuzkml.pcs.HyperKzgProof;
import org.besuzkml.pcs.HyperKzgVerifier;
import org.besuzkml.pcs.HyperKzgVerifierKey;
import org.besuzkml.pcs.HyperKzgZk;
import org.besuzkml.pcs.OpeningMask;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.transcript.Transcript;
import org.besuzkml.zk.DrbgRandomness;
import org.besuzkml.zk.ZkRandomness;

/**
 * The cost of the zero-knowledge opening (zk-design.md 10): the plain batched opening of K bins
 * (protocol.md 3.4 step 4) against the hiding one (zk-design.md 2.3-2.6: mask commitment, mask
 * value, hiding folds, sigma, blinded witnesses; masks drawn from the production DRBG) on the same
 * polynomials and point, interleaved run by run, medians. Bins hold 16-bit signed values, as
 * witness bins do.
 *
 * <p>Run: {@code mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.besuzkml.bench.ZkOpeningBench
 * [l=15] [K=8] [runs=15]}
 */
public final class ZkOpeningBench {
  private ZkOpeningBench() {}

  private static final int L = Fr.LIMBS;

  public static void main(String[] args) {
    int l = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    int n = 1 << l;
    Srs srs = DevSrs.create(l, 1);
    HyperKzgVerifierKey vk = HyperKzgVerifierKey.of(srs);
    SplittableRandom rnd = new SplittableRandom(42);
    long[][] polys = new long[k][];
    long[] cs = new long[k * G1.AFFINE], evals = new long[k * L];
    long[] point = new long[l * L], eta = new long[L];
    for (int i = 0; i < l; i++) {
      Fr.random(point, i * L, rnd);
    }
    Fr.random(eta, 0, rnd);
    for (int j = 0; j < k; j++) {
      polys[j] = new long[n * L];
      for (int i = 0; i < n; i++) {
        Fr.fromLong(polys[j], i * L, rnd.nextLong(-(1L << 15), 1L << 15));
      }
      System.arraycopy(HyperKzg.commit(srs, polys[j], n), 0, cs, j * G1.AFFINE, G1.AFFINE);
      org.besuzkml.poly.Multilinear.evaluate(evals, j * L, polys[j], 0, l, point, 0);
    }
    // zk: same bins with constant shadows; scalars = eta powers (what the reduction's weights replace)
    ZkRandomness drbg = DrbgRandomness.forProof(new byte[0]);
    long[][] shadows = new long[k][];
    long[] hcs = new long[k * G1.AFFINE], scalars = new long[k * L];
    Fr.setOne(scalars, 0);
    for (int j = 0; j < k; j++) {
      shadows[j] = drbg.nextFrs(1);
      System.arraycopy(HyperKzg.commitHiding(srs, polys[j], n, shadows[j]), 0, hcs, j * G1.AFFINE, G1.AFFINE);
      if (j > 0) {
        Fr.mul(scalars, j * L, scalars, (j - 1) * L, eta, 0);
      }
    }
    long[] value = new long[L];
    for (int j = k - 1; j >= 0; j--) {
      Fr.mul(value, 0, value, 0, eta, 0);
      Fr.add(value, 0, value, 0, evals, j * L);
    }
    long[] tPlain = new long[runs], tZk = new long[runs], vPlain = new long[runs], vZk = new long[runs];
    int plainBytes = 0, zkBytes = 0;
    for (int run = -3; run < runs; run++) { // 3 warm-up rounds
      long t0 = System.nanoTime();
      HyperKzg.Opening o = HyperKzg.open(srs, polys, eta, point, l, Transcript.v1());
      long t1 = System.nanoTime();
      // zk prove: draw the masks, commit the mask (phase 1), open
      OpeningMask mask = new OpeningMask(l, drbg.nextFrs(2 * l), drbg.nextFrs(3));
      long[] folds = drbg.nextFrs(l - 1);
      long[] cm = mask.commit(srs);
      HyperKzgZk.Opening z = HyperKzgZk.open(srs, polys, shadows, scalars, mask, point, l, folds, Transcript.v1());
      long t2 = System.nanoTime();
      boolean okPlain = HyperKzgVerifier.verify(vk, cs, k, evals, eta, point, l, o.proof(), Transcript.v1()).valid();
      long t3 = System.nanoTime();
      boolean okZk = HyperKzgVerifier.verifyZk(vk, hcs, k, scalars, value, cm, z.maskValue(), point, l, z.proof(),
          Transcript.v1()).valid();
      long t4 = System.nanoTime();
      if (!okPlain || !okZk || !Arrays.equals(z.value(), value)) {
        throw new IllegalStateException("benchmark openings do not verify");
      }
      plainBytes = o.proof().encode().length;
      zkBytes = z.proof().encode().length + Fr.BYTES + G1.ENCODED; // + m (OPENING) + C_M (WITNESS_BINS)
      if (run >= 0) {
        tPlain[run] = t1 - t0;
        tZk[run] = t2 - t1;
        vPlain[run] = t3 - t2;
        vZk[run] = t4 - t3;
      }
    }
    System.out.printf("l = %d, K = %d bins (16-bit entries), %d runs, medians, %d cores%n", l, k, runs,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("prove  plain %8.2f ms   zk %8.2f ms   ratio %.3f%n", ms(tPlain), ms(tZk), ms(tZk) / ms(tPlain));
    System.out.printf("verify plain %8.3f ms   zk %8.3f ms   ratio %.3f%n", ms(vPlain), ms(vZk), ms(vZk) / ms(vPlain));
    System.out.printf("bytes  plain %8d      zk %8d      (+sigma, +m, +C_M)%n", plainBytes, zkBytes);
  }

  private static double ms(long[] t) {
    long[] s = t.clone();
    Arrays.sort(s);
    return (s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0) / 1e6;
  }
}
