package org.besuzkml.transcript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class TranscriptTest {
  private static final HexFormat HEX = HexFormat.of();

  static byte[] keccak(byte[]... parts) {
    KeccakDigest d = new KeccakDigest(256);
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  static long[] fr(long v) {
    long[] a = new long[4];
    Fr.fromLong(a, 0, v);
    return a;
  }

  static String hexOf(long[] frElement) {
    return HEX.formatHex(Fr.toBytes(frElement, 0));
  }

  static long[] challengeAfter(Consumer<Transcript> script, String challengeLabel) {
    Transcript t = Transcript.v1();
    script.accept(t);
    return t.challengeFr(challengeLabel);
  }

  @Test
  void keccakDigestIsEthereumKeccakNotSha3() {
    assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", HEX.formatHex(keccak(new byte[0])));
    assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        HEX.formatHex(keccak("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  /**
   * The transcript's own known-answer vector. It pins the byte-level construction of the package
   * documentation: a verifier written elsewhere (Solidity, another client) must reproduce exactly
   * these bytes, and proofs made by one version must verify under the next. If this test fails,
   * the construction changed: that must be a deliberate protocol-version change (new protocol
   * label, new vector), never a side effect of a refactoring.
   */
  @Test
  void pinnedKnownAnswerVector() {
    Transcript t = Transcript.v1();
    t.absorbBytes("model", "lenet".getBytes(StandardCharsets.US_ASCII));
    t.absorbU64("layers", 7);
    t.absorbFr("claim", fr(42), 0);
    long[] first = t.challengeFr("alpha");
    long[] two = t.challengeFrs("beta", 2);
    long index = t.challengeIndex("query", 1000);
    String got = hexOf(first) + " " + hexOf(Arrays.copyOfRange(two, 0, 4)) + " "
        + hexOf(Arrays.copyOfRange(two, 4, 8)) + " " + index;
    assertEquals(PINNED, got);
  }

  /** Reproduced independently by a from-scratch Python Keccak + spec implementation when pinned. */
  private static final String PINNED = "280e73105279358c4e193ab91202add57e0085f1da72574893b701ed76464a13 "
      + "08a6d5520071eec2f0879d701f09b21b8571fbbc7b09b4c4659f8e26dce190fb "
      + "0235cefa11f4340ddf9bad1efec7db570764c48d8b20046c9864b58a01c90c6d 393";

  /** An independent implementation written from the package documentation, with BigInteger. */
  static final class SpecTranscript {
    byte[] state;
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    int rejections;

    SpecTranscript(String protocol) {
      ByteArrayOutputStream init = new ByteArrayOutputStream();
      init.write(0x00);
      lp(init, protocol.getBytes(StandardCharsets.UTF_8));
      state = keccak(init.toByteArray());
    }

    static void lp(ByteArrayOutputStream o, byte[] b) {
      o.writeBytes(u32(b.length));
      o.writeBytes(b);
    }

    static byte[] u32(int v) {
      return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] u64(long v) {
      byte[] b = new byte[8];
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (v >>> (56 - 8 * i));
      }
      return b;
    }

    void record(int tag, String label, byte[] body) {
      pending.write(tag);
      lp(pending, label.getBytes(StandardCharsets.UTF_8));
      pending.writeBytes(body);
    }

    static byte[] be32(BigInteger x) {
      byte[] raw = x.toByteArray();
      byte[] out = new byte[32];
      int n = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - n, out, 32 - n, n);
      return out;
    }

    byte[] seed(byte[] challengeRecordBody, int tag, String label) {
      record(tag, label, challengeRecordBody);
      byte[] s = keccak(state, pending.toByteArray());
      state = s;
      pending.reset();
      return s;
    }

    BigInteger[] challengeFrs(String label, int n) {
      byte[] s = seed(u32(n), 0x10, label);
      BigInteger[] out = new BigInteger[n];
      long t = 0;
      for (int i = 0; i < n; i++) {
        while (true) {
          byte[] block = keccak(s, u64(t++));
          block[0] &= 0x3f;
          BigInteger c = new BigInteger(1, block);
          if (c.compareTo(Fr.MODULUS) < 0) {
            out[i] = c;
            break;
          }
          rejections++;
        }
      }
      return out;
    }

    long challengeIndex(String label, long bound) {
      byte[] s = seed(u64(bound), 0x11, label);
      BigInteger mask = BigInteger.ONE.shiftLeft(BigInteger.valueOf(bound - 1).bitLength()).subtract(BigInteger.ONE);
      for (long t = 0; ; t++) {
        BigInteger c = new BigInteger(1, Arrays.copyOf(keccak(s, u64(t)), 8)).and(mask);
        if (c.compareTo(BigInteger.valueOf(bound)) < 0) {
          return c.longValue();
        }
      }
    }
  }

  @Test
  void implementationMatchesTheDocumentedConstruction() {
    SplittableRandom rnd = new SplittableRandom(2024);
    Transcript t = Transcript.v1();
    SpecTranscript spec = new SpecTranscript("besu-zkml/v1");
    long[] v = new long[3 * 4];
    long[] q = new long[4];
    for (int round = 0; round < 40; round++) {
      byte[] data = new byte[rnd.nextInt(0, 80)];
      rnd.nextBytes(data);
      t.absorbBytes("data", data);
      spec.record(0x01, "data", concat(SpecTranscript.u32(data.length), data));
      long x = rnd.nextLong();
      t.absorbU64("u64", x);
      spec.record(0x02, "u64", SpecTranscript.u64(x));
      for (int i = 0; i < 3; i++) {
        Fr.random(v, 4 * i, rnd);
      }
      t.absorbFr("one", v, 4);
      spec.record(0x03, "one", SpecTranscript.be32(Fr.toBigInteger(v, 4)));
      t.absorbFrs("vec", v, 0, 3);
      spec.record(0x04, "vec", concat(SpecTranscript.u32(3), SpecTranscript.be32(Fr.toBigInteger(v, 0)),
          SpecTranscript.be32(Fr.toBigInteger(v, 4)), SpecTranscript.be32(Fr.toBigInteger(v, 8))));
      Fq.random(q, 0, rnd);
      t.absorbFq("fq", q, 0);
      spec.record(0x05, "fq", SpecTranscript.be32(Fq.toBigInteger(q, 0)));
      byte[] g1 = new byte[64];
      rnd.nextBytes(g1);
      t.absorbG1("g1", g1);
      spec.record(0x06, "g1", g1);
      byte[] g2 = new byte[128];
      rnd.nextBytes(g2);
      t.absorbG2("g2", g2);
      spec.record(0x07, "g2", g2);
      int n = 1 + rnd.nextInt(4);
      long[] got = t.challengeFrs("c", n);
      BigInteger[] expect = spec.challengeFrs("c", n);
      for (int i = 0; i < n; i++) {
        assertEquals(expect[i], Fr.toBigInteger(got, 4 * i), "round " + round + " element " + i);
      }
      long bound = 1 + rnd.nextLong(1L << rnd.nextInt(1, 62));
      assertEquals(spec.challengeIndex("i", bound), t.challengeIndex("i", bound), "index, bound " + bound);
    }
    assertTrue(spec.rejections > 0, "rejection sampling was exercised");
    assertFalse(t.isMalformed());
  }

  /** A length of four significant bytes: every byte of u32 is hashed, in order. */
  @Test
  void lengthPrefixUsesAllFourBytes() {
    byte[] data = new byte[(1 << 24) + 0x010203];
    data[data.length - 1] = 7;
    Transcript t = Transcript.v1();
    t.absorbBytes("big", data);
    SpecTranscript spec = new SpecTranscript("besu-zkml/v1");
    spec.record(0x01, "big", concat(SpecTranscript.u32(data.length), data));
    assertEquals(spec.challengeFrs("c", 1)[0], Fr.toBigInteger(t.challengeFrs("c", 1), 0));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  @Test
  void exhaustedRejectionFallsBackToReductionOfTheLastBlock() {
    // With one block per element, about a quarter of the candidates are >= r and must come out
    // reduced mod r (the documented fallback), never as a non-canonical element.
    Transcript t = Transcript.v1();
    SpecTranscript spec = new SpecTranscript("besu-zkml/v1");
    int n = 64;
    long[] out = new long[4 * n];
    t.challengeFrs("x", out, 0, n, 1);
    byte[] seed = spec.seed(SpecTranscript.u32(n), 0x10, "x");
    int reduced = 0;
    for (int i = 0; i < n; i++) {
      byte[] block = keccak(seed, SpecTranscript.u64(i));
      block[0] &= 0x3f;
      BigInteger c = new BigInteger(1, block);
      if (c.compareTo(Fr.MODULUS) >= 0) {
        reduced++;
      }
      assertEquals(c.mod(Fr.MODULUS), Fr.toBigInteger(out, 4 * i), "element " + i);
      assertTrue(new BigInteger(1, limbBytes(Arrays.copyOfRange(out, 4 * i, 4 * i + 4))).compareTo(Fr.MODULUS) < 0);
    }
    assertTrue(reduced > 0, "the fallback was exercised");
  }

  @Test
  void deterministic() {
    Consumer<Transcript> script = t -> {
      t.absorbBytes("x", new byte[] {1, 2, 3});
      t.absorbFr("y", fr(5), 0);
    };
    assertArrayEquals(challengeAfter(script, "c"), challengeAfter(script, "c"));
  }

  @Test
  void differentLabelsGiveDifferentChallenges() {
    byte[] data = {9, 9};
    long[] base = challengeAfter(t -> t.absorbBytes("a", data), "c");
    assertFalse(Arrays.equals(base, challengeAfter(t -> t.absorbBytes("b", data), "c")), "absorb label");
    assertFalse(Arrays.equals(base, challengeAfter(t -> t.absorbBytes("a", data), "d")), "challenge label");
    Transcript other = new Transcript("besu-zkml/v2");
    other.absorbBytes("a", data);
    assertFalse(Arrays.equals(base, other.challengeFr("c")), "protocol label");
  }

  @Test
  void orderAndLengthSensitive() {
    byte[] ab = {'a', 'b'};
    byte[] c = {'c'};
    byte[] a = {'a'};
    byte[] bc = {'b', 'c'};
    long[] split1 = challengeAfter(t -> { t.absorbBytes("m", ab); t.absorbBytes("m", c); }, "ch");
    long[] split2 = challengeAfter(t -> { t.absorbBytes("m", a); t.absorbBytes("m", bc); }, "ch");
    assertFalse(Arrays.equals(split1, split2), "('ab','c') vs ('a','bc')");
    long[] swapped = challengeAfter(t -> { t.absorbBytes("m", c); t.absorbBytes("m", ab); }, "ch");
    assertFalse(Arrays.equals(split1, swapped), "order");
    long[] labelVsData = challengeAfter(t -> t.absorbBytes("ma", new byte[] {'b'}), "ch");
    long[] labelVsData2 = challengeAfter(t -> t.absorbBytes("m", ab), "ch");
    assertFalse(Arrays.equals(labelVsData, labelVsData2), "label/data boundary");
    // the same 32 bytes as raw bytes and as an Fr element are different records (type tags)
    long[] x = fr(12345);
    assertFalse(Arrays.equals(challengeAfter(t -> t.absorbFr("m", x, 0), "ch"),
        challengeAfter(t -> t.absorbBytes("m", Fr.toBytes(x, 0)), "ch")), "type tag");
    // a vector is not the concatenation of single absorbs
    long[] two = new long[8];
    Fr.fromLong(two, 0, 1);
    Fr.fromLong(two, 4, 2);
    assertFalse(Arrays.equals(challengeAfter(t -> t.absorbFrs("m", two, 0, 2), "ch"),
        challengeAfter(t -> { t.absorbFr("m", two, 0); t.absorbFr("m", two, 4); }, "ch")), "vector vs singles");
  }

  @Test
  void successiveChallengesDifferAndAreCanonical() {
    Transcript t = Transcript.v1();
    long[] prev = null;
    for (int i = 0; i < 500; i++) {
      long[] c = t.challengeFr("same label");
      assertTrue(Fr.toBigInteger(c, 0).compareTo(Fr.MODULUS) < 0);
      // Montgomery limbs are themselves reduced
      assertTrue(new BigInteger(1, limbBytes(c)).compareTo(Fr.MODULUS) < 0);
      assertFalse(Arrays.equals(prev, c));
      prev = c;
    }
    long[] many = t.challengeFrs("batch", 64);
    for (int i = 0; i < 64; i++) {
      assertTrue(new BigInteger(1, limbBytes(Arrays.copyOfRange(many, 4 * i, 4 * i + 4))).compareTo(Fr.MODULUS) < 0);
    }
  }

  static byte[] limbBytes(long[] limbs) {
    byte[] b = new byte[32];
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 8; k++) {
        b[31 - 8 * i - k] = (byte) (limbs[i] >>> (8 * k));
      }
    }
    return b;
  }

  @Test
  void singleChallengeIsTheOneElementBatch() {
    Transcript a = Transcript.v1();
    Transcript b = Transcript.v1();
    assertArrayEquals(a.challengeFr("c"), b.challengeFrs("c", 1));
    long[] out = new long[8];
    a.challengeFr("d", out, 4);
    assertArrayEquals(b.challengeFr("d"), Arrays.copyOfRange(out, 4, 8));
  }

  @Test
  void challengeIndexStaysInRangeAndCoversIt() {
    Transcript t = Transcript.v1();
    assertEquals(0, t.challengeIndex("one", 1));
    int[] counts = new int[3];
    for (int i = 0; i < 3000; i++) {
      counts[(int) t.challengeIndex("three", 3)]++;
    }
    for (int c : counts) {
      assertTrue(c > 850 && c < 1150, Arrays.toString(counts));
    }
    for (int i = 0; i < 200; i++) {
      long v = t.challengeIndex("big", Long.MAX_VALUE);
      assertTrue(v >= 0);
    }
  }

  @Test
  void copyIsIndependent() {
    Transcript t = Transcript.v1();
    t.absorbU64("n", 3);
    Transcript c = t.copy();
    c.absorbU64("n", 4);
    long[] fromCopy = c.challengeFr("x");
    long[] fromOriginal = t.challengeFr("x");
    assertFalse(Arrays.equals(fromCopy, fromOriginal));
    Transcript fresh = Transcript.v1();
    fresh.absorbU64("n", 3);
    assertArrayEquals(fresh.challengeFr("x"), fromOriginal);
  }

  @Test
  void hostileArgumentsNeverThrowAndMarkTheTranscript() {
    Transcript t = Transcript.v1();
    t.absorbBytes("null data", null);
    assertTrue(t.isMalformed());
    Transcript[] cases = new Transcript[10];
    for (int i = 0; i < cases.length; i++) {
      cases[i] = Transcript.v1();
    }
    cases[0].absorbFr("offset past end", new long[4], 1);
    cases[1].absorbFr("negative offset", new long[4], -4);
    cases[2].absorbFrs("count past end", new long[8], 0, 3);
    cases[3].absorbFrs("negative count", new long[8], 0, -1);
    cases[4].absorbG1("short g1", new byte[63]);
    cases[5].absorbG2("g1 given as g2", new byte[64]);
    cases[6].absorbFq(null, null, 0);
    assertEquals(0, cases[7].challengeFrs("negative n", -1).length);
    assertEquals(0, cases[8].challengeIndex("zero bound", 0));
    cases[9].challengeFrs("overflowing n", new long[4], 0, Integer.MAX_VALUE);
    long[] wellFormed = Transcript.v1().challengeFr("after");
    for (Transcript c : cases) {
      assertTrue(c.isMalformed());
      assertFalse(Arrays.equals(wellFormed, c.challengeFr("after")), "malformed call changes the transcript");
    }
    assertFalse(new Transcript(null).challengeFr("x").length != 4);
  }
}
