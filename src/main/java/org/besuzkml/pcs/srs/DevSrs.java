package org.besuzkml.pcs.srs;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fr;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * A development SRS with a publicly derivable tau (protocol.md 3.5): {@code tau =
 * int_be(keccak256("besu-zkml/dev-srs/v1" || u64be(seed))) mod r}. INSECURE: whoever knows tau can
 * open a commitment to anything; the resulting {@link Srs} says {@link Srs#insecure()} so that the
 * vk records it and a production verifier refuses it.
 *
 * <p>It also carries a blinding base (zk-design.md 2.2) with an equally public {@code beta =
 * int_be(keccak256("besu-zkml/dev-srs/beta/v1" || u64be(seed))) mod r} (0 replaced by 1): {@code
 * [beta tau^i]_1} for i < 3 and {@code [beta]_2}. INSECURE twice over: knowing beta alone opens a
 * hiding commitment to any value (test {@code knownBetaForgesOpening}), and hiding of low-entropy
 * data falls to trial.
 *
 * <p>The powers {@code [tau^i]G} are computed with a fixed-base table of G (32 windows of 8 bits,
 * {@code d 2^(8w) G} for every byte d), i.e. 32 mixed additions per power, on all cores.
 */
public final class DevSrs {
  private DevSrs() {}

  private static final String DOMAIN = "besu-zkml/dev-srs/v1";
  private static final String BETA_DOMAIN = "besu-zkml/dev-srs/beta/v1";
  private static final int WINDOW_BITS = 8;
  private static final int WINDOWS = 32;
  private static final int DIGITS = (1 << WINDOW_BITS) - 1;

  /** tau for a seed (canonical, as a BigInteger below r). */
  public static BigInteger tau(long seed) {
    return hashToField(DOMAIN, seed);
  }

  /** The dev SRS's blinding secret for a seed (canonical, in 1..r-1). Public: tests only. */
  public static BigInteger beta(long seed) {
    BigInteger b = hashToField(BETA_DOMAIN, seed);
    return b.signum() == 0 ? BigInteger.ONE : b;
  }

  private static BigInteger hashToField(String domain, long seed) {
    KeccakDigest k = new KeccakDigest(256);
    byte[] d = domain.getBytes(StandardCharsets.US_ASCII);
    k.update(d, 0, d.length);
    for (int i = 7; i >= 0; i--) {
      k.update((byte) (seed >>> (8 * i)));
    }
    byte[] h = new byte[32];
    k.doFinal(h, 0);
    return new BigInteger(1, h).mod(Fr.MODULUS);
  }

  /** Largest SRS computed so far per seed (tests ask for the same ones again and again). */
  private static final java.util.Map<Long, Srs> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The insecure SRS of {@code 2^logSize} powers for a seed; deterministic. The largest SRS made
   * per seed is kept, and smaller requests are prefixes of it.
   */
  public static Srs create(int logSize, long seed) {
    if (logSize < 1 || logSize > Srs.MAX_LOG_SIZE) {
      throw new IllegalArgumentException("dev SRS size 2^" + logSize + " outside 2^1 .. 2^" + Srs.MAX_LOG_SIZE);
    }
    Srs cached = CACHE.get(seed);
    if (cached != null && cached.logSize() >= logSize) {
      return cached.truncate(logSize);
    }
    Srs made = compute(logSize, seed);
    CACHE.merge(seed, made, (old, now) -> old.logSize() >= now.logSize() ? old : now);
    return made;
  }

  private static Srs compute(int logSize, long seed) {
    BigInteger t = tau(seed);
    int n = 1 << logSize;
    // canonical limbs of tau^i
    long[] powers = new long[n * Fr.LIMBS];
    long[] tauM = new long[Fr.LIMBS];
    Fr.fromBigInteger(tauM, 0, t);
    long[] acc = new long[Fr.LIMBS];
    Fr.setOne(acc, 0);
    for (int i = 0; i < n; i++) {
      Fr.fromMontgomery(powers, i * Fr.LIMBS, acc, 0);
      Fr.mul(acc, 0, acc, 0, tauM, 0);
    }
    long[] table = fixedBaseTable();
    long[] jac = new long[n * G1.JACOBIAN];
    int chunks = Math.max(1, Math.min(n / 64, 4 * Runtime.getRuntime().availableProcessors()));
    IntStream.range(0, chunks).parallel().forEach(c -> {
      long[] s = new long[G1.SCRATCH];
      int lo = (int) ((long) n * c / chunks), hi = (int) ((long) n * (c + 1) / chunks);
      for (int i = lo; i < hi; i++) {
        int o = i * G1.JACOBIAN;
        G1.setInfinity(jac, o);
        for (int w = 0; w < WINDOWS; w++) {
          int digit = (int) (powers[i * Fr.LIMBS + w / 8] >>> (8 * (w % 8))) & 0xff;
          if (digit != 0) {
            G1.addMixed(jac, o, jac, o, table, (w * DIGITS + digit - 1) * G1.AFFINE, s);
          }
        }
      }
    });
    long[] g1 = new long[n * G1.AFFINE];
    G1.batchToAffine(jac, 0, g1, 0, n);
    return withPowers(logSize, seed, t, g1);
  }

  /**
   * The dev SRS of a seed around G1 powers computed before (a proving key stores them, so that a
   * load does not redo {@code 2^logSize} fixed-base multiplications): the G2 and beta points are
   * recomputed from the seed (a few multiplications). Whether the powers are the seed's is for the
   * caller to check, by comparing {@link Srs#digest()} with the digest a vk recorded.
   *
   * @param g1Powers {@code 2^logSize} affine points (8 longs each), taken as they are (not copied)
   */
  public static Srs fromPowers(int logSize, long seed, long[] g1Powers) {
    if (logSize < 1 || logSize > Srs.MAX_LOG_SIZE || g1Powers.length != (1 << logSize) * G1.AFFINE) {
      throw new IllegalArgumentException("dev SRS powers: 2^" + logSize + " affine points expected");
    }
    return withPowers(logSize, seed, tau(seed), g1Powers);
  }

  private static Srs withPowers(int logSize, long seed, BigInteger t, long[] g1) {
    long[] g2Tau = new long[G2.AFFINE];
    long[] j2 = new long[G2.JACOBIAN];
    G2.mul(j2, 0, G2.generator(), 0, t);
    G2.toAffine(g2Tau, 0, j2, 0);
    // [beta tau^i]_1 = (beta tau^i) G, i < 3, and [beta]_2 = beta H
    BigInteger beta = beta(seed);
    long[] betaG1 = new long[Srs.BETA_POWERS * G1.AFFINE];
    long[] k = new long[Fr.LIMBS], j1 = new long[G1.JACOBIAN];
    for (int i = 0; i < Srs.BETA_POWERS; i++) {
      Fr.fromBigInteger(k, 0, beta.multiply(t.pow(i)));
      G1.mulFr(j1, 0, G1.generatorJacobian(), 0, k, 0);
      G1.toAffine(betaG1, i * G1.AFFINE, j1, 0);
    }
    long[] betaG2 = new long[G2.AFFINE];
    G2.mul(j2, 0, G2.generator(), 0, beta);
    G2.toAffine(betaG2, 0, j2, 0);
    return new Srs(logSize, g1, G2.generator(), g2Tau, true, seed, betaG1, betaG2);
  }

  /** Affine {@code d 2^(8w) G} for w < 32, d in 1..255, at index {@code w 255 + d - 1}. */
  private static long[] fixedBaseTable() {
    long[] jac = new long[WINDOWS * DIGITS * G1.JACOBIAN];
    long[] s = new long[G1.SCRATCH];
    long[] base = G1.generatorJacobian();
    for (int w = 0; w < WINDOWS; w++) {
      int o = w * DIGITS * G1.JACOBIAN;
      G1.copy(jac, o, base, 0);
      for (int d = 1; d < DIGITS; d++) {
        G1.add(jac, o + d * G1.JACOBIAN, jac, o + (d - 1) * G1.JACOBIAN, base, 0, s);
      }
      G1.add(base, 0, jac, o + (DIGITS - 1) * G1.JACOBIAN, base, 0, s); // 256 * base
    }
    long[] aff = new long[WINDOWS * DIGITS * G1.AFFINE];
    G1.batchToAffine(jac, 0, aff, 0, WINDOWS * DIGITS);
    return aff;
  }
}
