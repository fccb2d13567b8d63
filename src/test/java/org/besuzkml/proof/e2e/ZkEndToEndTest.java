package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.zk.SeededRandomness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zero knowledge end to end (zk-design 1.6, 11.3, 12.1, 13 step 9): version-2 keys with all-public
 * visibility from {@code Setup.runZk}, proofs from {@code ZkProver}, checked by {@code Verifier.verify}
 * (which dispatches to the zk verifier): honest proofs verify; a false output, a +1 at sampled field
 * elements of every section and a flipped byte in every G1 point section are rejected; truncations are
 * refused by reason; fresh randomness shares no element between two proofs; seeded randomness
 * reproduces the bytes; a version-1 proof under the zk key is refused by name.
 */
class ZkEndToEndTest {
  private static final String[] NAMES = {"MODEL", "WITNESS_BINS", "LOOKUP", "WALK", "OPENING", "PCS"};

  private static VerifyResult verify(VerifyingKey vk, long[][] in, long[][] out, byte[] proof) {
    return Verifier.verify(vk, in, out, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  private static VerifyResult verify(ZkFixtures.Keyed k, byte[] proof) {
    return verify(k.pk().vk(), k.proof().inputs(), k.proof().outputs(), proof);
  }

  /** Section bounds of a version-2 proof. */
  private static int[] bounds(byte[] proof) {
    var d = Container.decode(proof, Container.PROOF, 6, 6);
    assertTrue(d.isOk(), d.isOk() ? "" : d.reason());
    assertEquals(Container.VERSION_ZK, d.value().version());
    return d.value().bounds();
  }

  /** Offsets of the field elements (kind 0) and G1 points (kind 1) of sections 2..6, as [offset, kind]. */
  private static List<int[]> elements(byte[] proof, int nBin) {
    int[] b = bounds(proof);
    List<int[]> out = new ArrayList<>();
    for (int at = b[2]; at < b[3]; at += G1.ENCODED) {
      out.add(new int[] {at, 1, 1});
    }
    for (int s = 2; s <= 4; s++) {
      for (int at = b[2 * s]; at < b[2 * s + 1]; at += Fr.BYTES) {
        out.add(new int[] {at, 0, s});
      }
    }
    int at = b[10];
    for (int i = 0; i < nBin - 1; i++, at += G1.ENCODED) {
      out.add(new int[] {at, 1, 5});
    }
    for (int i = 0; i < 3 * nBin; i++, at += Fr.BYTES) {
      out.add(new int[] {at, 0, 5});
    }
    out.add(new int[] {at, 1, 5});
    at += G1.ENCODED;
    out.add(new int[] {at, 0, 5});
    at += Fr.BYTES;
    out.add(new int[] {at, 1, 5});
    assertEquals(b[11], at + G1.ENCODED, "PCS layout (l-1) G1, 3l Fr, W_1, sigma, W_2");
    return out;
  }

  /** +1 to a 32-byte big-endian element (wrapping to a non-canonical value is also a lie). */
  private static byte[] plusOne(byte[] proof, int at) {
    byte[] p = proof.clone();
    for (int i = at + Fr.BYTES - 1; i >= at; i--) {
      if (++p[i] != 0) {
        break;
      }
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_relu", "lenet_5", "1l_softmax", "1l_conv", "1l_max_pool", "sklearn_mlp"})
  void honestZkProofVerifiesAndAFalseOutputIsRejected(String name) {
    ZkFixtures.Keyed k = ZkFixtures.get(name);
    assertTrue(k.pk().vk().zk());
    VerifyResult ok = verify(k, k.proof().bytes());
    assertTrue(ok.valid(), ok.reason());
    long[][] out = Arrays.stream(k.proof().outputs()).map(long[]::clone).toArray(long[][]::new);
    out[0][0] += 1;
    VerifyResult r = verify(k.pk().vk(), k.proof().inputs(), out, k.proof().bytes());
    assertFalse(r.valid(), name + ": a false output accepted");
    long[][] in = Arrays.stream(k.proof().inputs()).map(long[]::clone).toArray(long[][]::new);
    in[0][0] += 1;
    assertFalse(verify(k.pk().vk(), in, k.proof().outputs(), k.proof().bytes()).valid(), name + ": a false input");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_relu", "lenet_5", "1l_softmax", "1l_conv", "1l_max_pool", "sklearn_mlp"})
  void aLieAtSampledElementsOfEverySectionIsRejected(String name) {
    ZkFixtures.Keyed k = ZkFixtures.get(name);
    byte[] proof = k.proof().bytes();
    List<int[]> el = elements(proof, k.pk().vk().nBin());
    int[] seen = new int[6];
    for (int s = 1; s <= 5; s++) {
      final int sec = s;
      List<int[]> in = el.stream().filter(e -> e[2] == sec).toList();
      // up to 8 per section, evenly spread, the first and last included
      int step = Math.max(1, (in.size() - 1) / 7);
      for (int i = 0; i < in.size(); i += i + step >= in.size() && i != in.size() - 1 ? in.size() - 1 - i : step) {
        int[] e = in.get(i);
        byte[] lie;
        if (e[1] == 0) {
          lie = plusOne(proof, e[0]);
        } else {
          lie = proof.clone();
          lie[e[0] + G1.ENCODED - 1] ^= 1;
        }
        VerifyResult r = verify(k, lie);
        assertFalse(r.valid(), name + ": " + NAMES[s] + " element at byte " + e[0] + " (kind " + e[1] + ")");
        assertNotNull(r.reason());
        seen[s]++;
      }
    }
    byte[] model = proof.clone();
    model[bounds(proof)[0]] ^= 1;
    assertFalse(verify(k, model).valid(), "model id");
    assertTrue(seen[1] > 0 && seen[3] > 0 && seen[4] > 0 && seen[5] > 0, Arrays.toString(seen));
    assertTrue(seen[2] > 0 || bounds(proof)[4] == bounds(proof)[5], "LOOKUP: " + Arrays.toString(seen));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "lenet_5"})
  void truncatedProofsAreRefusedByReason(String name) {
    ZkFixtures.Keyed k = ZkFixtures.get(name);
    byte[] proof = k.proof().bytes();
    for (int len : new int[] {0, 7, 12, proof.length / 2, proof.length - 32, proof.length - 1}) {
      VerifyResult r = verify(k, Arrays.copyOf(proof, len));
      assertFalse(r.valid(), "length " + len);
      assertTrue(r.reason().startsWith("proof format: "), len + ": " + r.reason());
    }
    VerifyResult longer = verify(k, Arrays.copyOf(proof, proof.length + 32));
    assertTrue(longer.reason().startsWith("proof format: "), longer.reason());
    // a WALK one element shorter, the container relabelled to fit: the vk fixes the layout, not the proof
    int[] b = bounds(proof);
    byte[] cut = Container.encode(Container.PROOF, Container.VERSION_ZK, Container.FLAG_ZK,
        Arrays.copyOfRange(proof, b[0], b[1]), Arrays.copyOfRange(proof, b[2], b[3]),
        Arrays.copyOfRange(proof, b[4], b[5]), Arrays.copyOfRange(proof, b[6], b[7] - Fr.BYTES),
        Arrays.copyOfRange(proof, b[8], b[9]), Arrays.copyOfRange(proof, b[10], b[11]));
    VerifyResult r = verify(k, cut);
    assertFalse(r.valid());
    assertNotNull(r.reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_relu", "lenet_5"})
  void versionOneProofUnderTheZkKeyRefusedByName(String name) {
    ZkFixtures.Keyed k = ZkFixtures.get(name);
    Fixtures.Keyed v1 = Fixtures.get(name);
    assertEquals("proof format: proof version 1 for a zk vk",
        verify(k.pk().vk(), v1.proof().inputs(), v1.proof().outputs(), v1.proof().bytes()).reason());
    VerifyResult conv = verify(v1.pk().vk(), k.proof().inputs(), k.proof().outputs(), k.proof().bytes());
    assertFalse(conv.valid());
    assertTrue(v1.pk().vk().modelId().length == 32 && !Arrays.equals(v1.pk().vk().modelId(), k.pk().vk().modelId()),
        "the zk key is another key (version 2, VISIBILITY)");
  }

  /** lenet_5 for scale, not under mutation testing (five lenet_5 proofs; no other check runs). */
  static java.util.stream.Stream<String> freshRandomnessModels() {
    return Fixtures.MUTATION_RUN ? java.util.stream.Stream.of("1l_mlp", "1l_relu")
        : java.util.stream.Stream.of("1l_mlp", "1l_relu", "lenet_5");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("freshRandomnessModels")
  void freshRandomnessSharesNoElementAndSeededRandomnessRepeats(String name) {
    ZkFixtures.Keyed k = ZkFixtures.get(name);
    int nBin = k.pk().vk().nBin();
    Prover.Proof a = Prover.prove(k.pk(), k.model().honest(), true); // production randomness (DRBG)
    Prover.Proof b = Prover.prove(k.pk(), k.model().honest(), true);
    assertTrue(verify(k, a.bytes()).valid());
    assertTrue(verify(k, b.bytes()).valid());
    Set<String> fa = new HashSet<>();
    Set<String> ga = new HashSet<>();
    for (int[] e : elements(a.bytes(), nBin)) {
      (e[1] == 0 ? fa : ga).add(hex(a.bytes(), e[0], e[1] == 0 ? Fr.BYTES : G1.ENCODED));
    }
    List<int[]> eb = elements(b.bytes(), nBin);
    for (int[] e : eb) {
      String h = hex(b.bytes(), e[0], e[1] == 0 ? Fr.BYTES : G1.ENCODED);
      assertFalse((e[1] == 0 ? fa : ga).contains(h), name + ": " + NAMES[e[2]] + " element at byte " + e[0]
          + " occurs in the other proof");
    }
    assertEquals(elements(a.bytes(), nBin).size(), eb.size());
    byte[] s1 = ZkProver.prove(k.pk(), k.model().honest(), true, SeededRandomness.of(1)).bytes();
    assertArrayEquals(k.proof().bytes(), s1, "seeded randomness reproduces the proof byte for byte");
    byte[] s2 = ZkProver.prove(k.pk(), k.model().honest(), true, SeededRandomness.of(2)).bytes();
    assertFalse(Arrays.equals(s1, s2));
    assertTrue(verify(k, s2).valid());
  }

  /**
   * Known answer for the zk schedule (12.1): the keccak256 of the seeded 1l_mlp proof pins every
   * message, label and challenge in order, and the randomness order of 7. Update only with 12.1 or 7.
   */
  @Test
  void zkScheduleDigest() {
    assertEquals(ZK_MLP, org.besuzkml.codec.Hex.encode(org.besuzkml.codec.Keccak.hash(
        ZkFixtures.get("1l_mlp").proof().bytes())));
  }

  static final String ZK_MLP = "0xd98e0b52792f191af340cd4c01c3ed310665ac78cda4fb7ac1d0c81da02f7955";

  private static String hex(byte[] b, int at, int len) {
    return java.util.HexFormat.of().formatHex(b, at, at + len);
  }

  /** A rough single-run figure for the report: lenet_5 with zk off and on (printed; both must verify). */
  @Test
  void lenet5TimesAndSizesBothWays() {
    // figures for a reader, not a check that mutation testing needs (both proofs are honest)
    org.junit.jupiter.api.Assumptions.assumeFalse(Fixtures.MUTATION_RUN);
    ZkFixtures.Keyed z = ZkFixtures.get("lenet_5");
    Fixtures.Keyed v = Fixtures.get("lenet_5");
    long t0 = System.nanoTime();
    Prover.Proof pv = Prover.prove(v.pk(), v.model().honest(), true);
    long t1 = System.nanoTime();
    Prover.Proof pz = Prover.prove(z.pk(), z.model().honest(), true);
    long t2 = System.nanoTime();
    VerifyResult rv = verify(v.pk().vk(), pv.inputs(), pv.outputs(), pv.bytes());
    long t3 = System.nanoTime();
    VerifyResult rz = verify(z, pz.bytes());
    long t4 = System.nanoTime();
    System.out.printf("lenet_5 v1: prove %d ms, verify %d ms, %d bytes; zk: prove %d ms, verify %d ms, %d bytes%n",
        (t1 - t0) / 1_000_000, (t3 - t2) / 1_000_000, pv.bytes().length, (t2 - t1) / 1_000_000,
        (t4 - t3) / 1_000_000, pz.bytes().length);
    assertTrue(rv.valid() && rz.valid());
  }
}
