package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.Decoded;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.WitnessAttacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacks of protocol.md 9.4 / Appendix B, end to end: a cheating prover (witness corrupted
 * through the proof helper's hooks, proven without the prover's own checks) or a tampered proof,
 * key or statement must be rejected by the verifier.
 */
class SoundnessTest {
  private static VerifyResult verify(Fixtures.Keyed k, long[][] in, long[][] out, byte[] proof) {
    return Verifier.verify(k.pk().vk().bytes(), in, out, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  private static void assertRejects(Fixtures.Keyed k, WitnessAttacks.Attack a) {
    Prover.Proof p = Prover.prove(k.pk(), a.apply(k.model()), false);
    VerifyResult r = verify(k, p.inputs(), p.outputs(), p.bytes());
    assertFalse(r.valid(), a.name() + " was accepted");
  }

  /** 1l_mlp, and lenet_5 for scale (not under mutation testing: the same checks, 10x the time). */
  static java.util.stream.Stream<String> models() {
    return Fixtures.MUTATION_RUN ? java.util.stream.Stream.of("1l_mlp") : java.util.stream.Stream.of("1l_mlp", "lenet_5");
  }

  @Test
  void honestProofsAccepted() {
    for (String m : models().toList()) {
      Fixtures.Keyed k = Fixtures.get(m);
      VerifyResult r = verify(k, k.proof().inputs(), k.proof().outputs(), k.proof().bytes());
      assertTrue(r.valid(), m + ": " + r);
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void activationOffByOneRejected(String model) {
    Fixtures.Keyed k = Fixtures.get(model);
    assertRejects(k, WitnessAttacks.activationOffByOne(k.model().compiled()));
  }

  @Test
  void reluLettingNegativeThroughRejected() {
    Fixtures.Keyed k = Fixtures.get("1l_mlp");
    assertRejects(k, WitnessAttacks.reluLettingNegativeThrough(k.model().compiled()));
    assertRejects(k, WitnessAttacks.reluSignForged(k.model().compiled()));
  }

  @ParameterizedTest
  @MethodSource("models")
  void wrongRoundingRejected(String model) {
    Fixtures.Keyed k = Fixtures.get(model);
    assertRejects(k, WitnessAttacks.wrongRounding(k.model().compiled()));
  }

  @Test
  void lookupOutputNotInTableRejected() {
    Fixtures.Keyed k = Fixtures.get("1l_sigmoid");
    assertRejects(k, WitnessAttacks.lookupOutputNotInTable(k.model().compiled()));
  }

  /** Issue 7 finding 1: a second selected tap forged MaxPool's output and verified. */
  @Test
  void maxPoolWithTwoSelectedTapsRejected() {
    Fixtures.Keyed k = Fixtures.get("1l_max_pool");
    WitnessAttacks.Attack a = WitnessAttacks.maxSelectTwoTaps(k.model().compiled());
    Prover.Proof p = Prover.prove(k.pk(), a.apply(k.model()), false);
    assertFalse(Arrays.deepEquals(p.outputs(), k.proof().outputs()), "the attack changes the output");
    VerifyResult r = verify(k, p.inputs(), p.outputs(), p.bytes());
    assertFalse(r.valid(), "forged max pool accepted");
    assertTrue(r.reason().contains("MaxSelect"), r.reason());
  }

  /** Issue 7 finding 2: on an identity model the honest proof verified for any output. */
  @Test
  void outputThatIsAnInputCannotBeRestated() {
    Fixtures.Keyed k = Fixtures.get("1l_identity");
    assertTrue(verify(k, k.proof().inputs(), k.proof().outputs(), k.proof().bytes()).valid());
    long[][] out = deepCopy(k.proof().outputs());
    out[0][0] += 1;
    assertFalse(verify(k, k.proof().inputs(), out, k.proof().bytes()).valid(), "changed output");
    long[][] in = deepCopy(k.proof().inputs());
    in[0][0] += 1;
    assertFalse(verify(k, in, k.proof().outputs(), k.proof().bytes()).valid(), "changed input");
  }

  @ParameterizedTest
  @MethodSource("models")
  void weightsDifferentFromCommittedRejected(String model) {
    Fixtures.Keyed k = Fixtures.get(model);
    assertRejects(k, WitnessAttacks.weightsDifferentFromCommitted(k.model().compiled()));
  }

  @ParameterizedTest
  @MethodSource("models")
  void flippedByteInEachProofSectionRejected(String model) {
    Fixtures.Keyed k = Fixtures.get(model);
    byte[] proof = k.proof().bytes();
    int[] b = Container.decode(proof, Container.PROOF, 6).value();
    SplittableRandom rnd = new SplittableRandom(7);
    for (int s = 0; s < 6; s++) {
      int from = b[2 * s];
      int to = b[2 * s + 1];
      assertTrue(to > from, "section " + (s + 1) + " is empty");
      int[] offsets = {from, to - 1, from + (to - from) / 2, from + rnd.nextInt(to - from),
          from + rnd.nextInt(to - from)};
      for (int off : offsets) {
        byte[] bad = proof.clone();
        bad[off] ^= (byte) (1 << rnd.nextInt(8));
        VerifyResult r = verify(k, k.proof().inputs(), k.proof().outputs(), bad);
        assertFalse(r.valid(), "flip in section " + (s + 1) + " at " + off + " accepted");
      }
    }
    // the container header too
    for (int off = 0; off < Container.HEADER; off++) {
      byte[] bad = proof.clone();
      bad[off] ^= 1;
      assertFalse(verify(k, k.proof().inputs(), k.proof().outputs(), bad).valid());
    }
  }

  @Test
  void changedOutputRejected() {
    Fixtures.Keyed k = Fixtures.get("1l_mlp");
    long[][] out = deepCopy(k.proof().outputs());
    out[0][0] += 1;
    VerifyResult r = verify(k, k.proof().inputs(), out, k.proof().bytes());
    assertFalse(r.valid());
  }

  @Test
  void changedInputRejected() {
    Fixtures.Keyed k = Fixtures.get("1l_mlp");
    long[][] in = deepCopy(k.proof().inputs());
    in[0][1] -= 1;
    assertFalse(verify(k, in, k.proof().outputs(), k.proof().bytes()).valid());
  }

  @Test
  void otherModelsVkRejected() {
    Fixtures.Keyed mlp = Fixtures.get("1l_mlp");
    Fixtures.Keyed other = Fixtures.get("2l_relu_fc");
    VerifyResult r = Verifier.verify(other.pk().vk().bytes(), mlp.proof().inputs(), mlp.proof().outputs(),
        mlp.proof().bytes(), Verifier.SrsPolicy.ALLOW_DEV);
    assertFalse(r.valid());
    // same model, other SRS seed: another vk, another model id
    ProvingKey pk1 = Setup.run(mlp.model().compiled(), DevSrs.create(mlp.pk().vk().nBin(), 1));
    r = Verifier.verify(pk1.vk().bytes(), mlp.proof().inputs(), mlp.proof().outputs(), mlp.proof().bytes(), Verifier.SrsPolicy.ALLOW_DEV);
    assertFalse(r.valid());
    assertTrue(r.reason().contains("another model"), r.reason());
  }

  @Test
  void developmentSrsKeyRefusedUnlessAllowed() {
    Fixtures.Keyed k = Fixtures.get("1l_mlp");
    assertTrue(k.pk().vk().dev());
    VerifyResult r = Verifier.verify(k.pk().vk().bytes(), k.proof().inputs(), k.proof().outputs(),
        k.proof().bytes());
    assertFalse(r.valid());
    assertTrue(r.reason().contains("development SRS"), r.reason());
    assertFalse(Verifier.verify(k.pk().vk(), k.proof().inputs(), k.proof().outputs(),
        k.proof().bytes()).valid());
  }

  @Test
  void truncatedProofRejected() {
    Fixtures.Keyed k = Fixtures.get("1l_mlp");
    byte[] p = k.proof().bytes();
    for (int len : new int[] {0, 1, 11, 12, 100, p.length / 2, p.length - 32, p.length - 1}) {
      assertFalse(verify(k, k.proof().inputs(), k.proof().outputs(), Arrays.copyOf(p, len)).valid(),
          "truncated to " + len);
    }
  }

  @Test
  void extendedProofRejected() {
    Fixtures.Keyed k = Fixtures.get("1l_mlp");
    byte[] p = k.proof().bytes();
    assertFalse(verify(k, k.proof().inputs(), k.proof().outputs(), Arrays.copyOf(p, p.length + 1)).valid());
    assertFalse(verify(k, k.proof().inputs(), k.proof().outputs(), Arrays.copyOf(p, p.length + 32)).valid());
    // extended with a consistent header: one more field element in the WALK section
    byte[] ext = extendWalk(p);
    VerifyResult r = verify(k, k.proof().inputs(), k.proof().outputs(), ext);
    assertFalse(r.valid());
  }

  /** The proof with 32 zero bytes appended to its WALK section and the lengths fixed. */
  private static byte[] extendWalk(byte[] p) {
    int[] b = Container.decode(p, Container.PROOF, 6).value();
    byte[][] sections = new byte[6][];
    for (int s = 0; s < 6; s++) {
      sections[s] = Arrays.copyOfRange(p, b[2 * s], b[2 * s + 1]);
    }
    sections[3] = Arrays.copyOf(sections[3], sections[3].length + 32);
    return Container.encode(Container.PROOF, sections);
  }

  @Test
  void wrongSrsRejected() {
    Fixtures.Keyed k = Fixtures.get("1l_mlp");
    // a prover holding the right vk but committing and opening with another tau
    ProvingKey wrong = new ProvingKey(k.pk().vk(), k.pk().compiled(),
        DevSrs.create(k.pk().vk().nBin(), 99), k.pk().modelBins());
    Prover.Proof p = Prover.prove(wrong, k.model().honest(), true);
    VerifyResult r = verify(k, p.inputs(), p.outputs(), p.bytes());
    assertFalse(r.valid());
  }

  @Test
  void randomBytesAsProofAndVkNeverThrow() {
    Fixtures.Keyed k = Fixtures.get("1l_mlp");
    SplittableRandom rnd = new SplittableRandom(1);
    byte[] vk = k.pk().vk().bytes();
    byte[] proof = k.proof().bytes();
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[rnd.nextInt(2 * proof.length)];
      rnd.nextBytes(junk);
      assertFalse(Verifier.verify(vk, k.proof().inputs(), k.proof().outputs(), junk, Verifier.SrsPolicy.ALLOW_DEV).valid());
      // a proof with the right header and random sections
      byte[] hdr = proof.clone();
      for (int j = Container.HEADER; j < hdr.length; j++) {
        if (rnd.nextInt(8) == 0) {
          hdr[j] = (byte) rnd.nextInt();
        }
      }
      assertFalse(Verifier.verify(vk, k.proof().inputs(), k.proof().outputs(), hdr, Verifier.SrsPolicy.ALLOW_DEV).valid());
      byte[] vjunk = vk.clone();
      vjunk[Container.HEADER + rnd.nextInt(vjunk.length - Container.HEADER)] ^= (byte) (1 + rnd.nextInt(255));
      VerifyResult r = Verifier.verify(vjunk, k.proof().inputs(), k.proof().outputs(), proof, Verifier.SrsPolicy.ALLOW_DEV);
      assertFalse(r.valid());
      byte[] vrand = new byte[rnd.nextInt(vk.length)];
      rnd.nextBytes(vrand);
      assertFalse(Verifier.verify(vrand, k.proof().inputs(), k.proof().outputs(), proof, Verifier.SrsPolicy.ALLOW_DEV).valid());
    }
    assertFalse(Verifier.verify((byte[]) null, null, null, null, Verifier.SrsPolicy.ALLOW_DEV).valid());
  }

  private static long[][] deepCopy(long[][] a) {
    long[][] c = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  static Decoded<int[]> sections(byte[] p) {
    return Container.decode(p, Container.PROOF, 6);
  }
}
