package org.besuzkml.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.Visibility;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.PtauReader;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.verify.VerifierCost;
import org.besuzkml.proof.verify.ZkVerifierCost;
import org.besuzkml.proof.ZkProver;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.zk.SeededRandomness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * zk-design 11.5: the precompile's {@code verify} accepts version-2 (zero-knowledge) keys with all-public
 * visibility, priced from the zk verifier's bound ({@link ZkVerifierCost}) with version 1's gas formula, and
 * takes an empty list for each private input; a committed value or private parameters are refused by reason. 1l_mlp is keyed on the ceremony file (n_bin 8), as ZkmlFixtures.
 */
class ZkmlPrecompileZkTest {
  private static byte[] vk;
  private static Prover.Proof proof;
  private static byte[] calldata;

  @BeforeAll
  static void prove() {
    Assumptions.assumeTrue(ZkmlFixtures.PTAU.toFile().exists());
    ZkmlFixtures.Case c = ZkmlFixtures.getZk("1l_mlp"); // the zk prover with the production DRBG
    vk = c.vk();
    VerifyingKey k = decoded(vk);
    assertTrue(k.zk() && k.visibility().allPublic() && !k.dev());
    proof = new Prover.Proof(c.proof(), c.inputs(), c.outputs());
    calldata = c.calldata();
  }

  private static VerifyingKey decoded(byte[] bytes) {
    return VkCodec.decode(bytes).value();
  }

  @Test
  void honestZkProofVerifiesWithTheZkBoundsGas() {
    ZkmlPrecompile pc = new ZkmlPrecompile();
    long gas = pc.gas(calldata);
    Outcome o = pc.call(calldata);
    assertEquals(Outcome.Status.SUCCESS, o.status(), o.reason());
    assertArrayEquals(decoded(vk).modelId(), o.output());
    ZkVerifierCost z = ZkVerifierCost.of(decoded(vk));
    assertEquals(null, z.refusal());
    assertEquals(GasSchedule.gas(calldata.length, GasSchedule.vkCost(z.total())), gas);
    assertNotEquals(GasSchedule.gas(calldata.length, GasSchedule.vkCost(z.base())), gas,
        "priced from the zk bound, not version 1's figure of the circuit");
    // cold cache, no cache: the same gas and outcome
    ZkmlPrecompile cold = new ZkmlPrecompile(1 << 22, 0);
    assertEquals(gas, cold.gas(calldata));
    assertEquals(Outcome.Status.SUCCESS, cold.call(calldata).status());
  }

  @Test
  void falseOutputAndTamperedProofRevert() {
    ZkmlPrecompile pc = new ZkmlPrecompile();
    long[][] out = Arrays.stream(proof.outputs()).map(long[]::clone).toArray(long[][]::new);
    out[0][0] += 1;
    Outcome o = pc.call(ZkmlAbi.encodeVerify(vk, proof.inputs(), out, proof.bytes()));
    assertEquals(Outcome.Status.REVERT, o.status());
    assertArrayEquals(ZkmlAbi.INVALID_PROOF, Arrays.copyOf(o.output(), 4));
    byte[] p = proof.bytes().clone();
    p[p.length - 100] ^= 1;
    assertEquals(Outcome.Status.REVERT, pc.call(ZkmlAbi.encodeVerify(vk, proof.inputs(), proof.outputs(), p)).status());
    byte[] longer = Arrays.copyOf(proof.bytes(), proof.bytes().length + 32);
    Outcome l = pc.call(ZkmlAbi.encodeVerify(vk, proof.inputs(), proof.outputs(), longer));
    assertEquals(Outcome.Status.REVERT, l.status());
    assertTrue(l.reason().startsWith("proof format: "), l.reason());
  }

  @Test
  void zkGasIsAtLeastVersionOnesForTheSameModel() {
    ZkmlPrecompile pc = new ZkmlPrecompile();
    ZkmlFixtures.Case v1 = ZkmlFixtures.get("1l_mlp");
    long v1Cost = GasSchedule.vkCost(VerifierCost.of(decoded(v1.vk())));
    long zkCost = GasSchedule.vkCost(VerifierCost.of(decoded(vk)));
    assertTrue(zkCost > v1Cost, zkCost + " vs " + v1Cost);
    assertTrue(pc.gas(calldata) >= pc.gas(v1.calldata()), pc.gas(calldata) + " vs " + pc.gas(v1.calldata()));
    assertEquals(Outcome.Status.SUCCESS, pc.call(v1.calldata()).status(), "version 1 unchanged");
  }

  /**
   * lenet_5 (n_bin 15, over the ceremony file): gas depends on the vk and the input length only, so the call
   * carries a proof-sized placeholder; dev-SRS keys (refused by verify, priced like any other).
   */
  @Test
  void lenetZkGasIsAtLeastVersionOnes() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("lenet_5");
    int nBin = Setup.binVars(l.compiled());
    VerifyingKey v1 = Setup.run(l.compiled(), DevSrs.create(nBin, 0)).vk();
    VerifyingKey zk = Setup.runZk(l.compiled(), DevSrs.create(nBin, 0)).vk();
    long[][] in = {new long[(int) v1.circuit().tensor(v1.circuit().inputs()[0]).size()]};
    long[][] out = {new long[(int) v1.circuit().tensor(v1.circuit().outputs()[0]).size()]};
    VerifierCost c1 = VerifierCost.of(v1);
    VerifierCost cz = VerifierCost.of(zk);
    byte[] call1 = ZkmlAbi.encodeVerify(v1.bytes(), in, out, new byte[(int) c1.proofBytes()]);
    byte[] callZ = ZkmlAbi.encodeVerify(zk.bytes(), in, out, new byte[(int) cz.proofBytes()]);
    ZkmlPrecompile pc = new ZkmlPrecompile();
    long g1 = pc.gas(call1);
    long gz = pc.gas(callZ);
    System.out.printf("LENET gas v1 %d (vkCost %d, muls %d, msm %d, g1 %d, keccak %d, proof %d B, call %d B)%n",
        g1, GasSchedule.vkCost(c1), c1.fieldMuls(), c1.msmPoints(), c1.g1Decodings(), c1.keccakPermutations(),
        c1.proofBytes(), call1.length);
    System.out.printf("LENET gas zk %d (vkCost %d, muls %d, msm %d, g1 %d, keccak %d, proof %d B, call %d B)%n",
        gz, GasSchedule.vkCost(cz), cz.fieldMuls(), cz.msmPoints(), cz.g1Decodings(), cz.keccakPermutations(),
        cz.proofBytes(), callZ.length);
    assertEquals(GasSchedule.gas(callZ.length, GasSchedule.vkCost(cz)), gz);
    assertTrue(gz >= g1 && GasSchedule.vkCost(cz) > GasSchedule.vkCost(c1), gz + " vs " + g1);
  }

  /** Private and committed values have no place in verify's ABI: such a key is refused by reason, before verifying. */
  @Test
  void visibilitiesOtherThanAllPublicAreRefusedByReason() {
    VerifyingKey k = decoded(vk);
    int[] b = Container.decode(vk, Container.VK, 8, 9).value().bounds();
    byte[][] s = new byte[9][];
    for (int i = 0; i < 9; i++) {
      s[i] = Arrays.copyOfRange(vk, b[2 * i], b[2 * i + 1]);
    }
    Visibility v = k.visibility();
    // a private input needs its tensor committed (P10): relabelling a public one does not decode
    s[8] = new Visibility(v.params(), new int[] {Visibility.PRIVATE}, new int[] {Visibility.PUBLIC},
        v.publicModelBins(), v.beta()).encode();
    assertFalse(VkCodec.decode(Container.encode(Container.VK, Container.VERSION_ZK, Container.FLAG_ZK, s)).isOk());
    // nor a committed one (P10: its tensor must be a committed, Act-checked column of its own)
    s[8] = new Visibility(v.params(), new int[] {Visibility.COMMITTED}, new int[] {Visibility.PUBLIC},
        v.publicModelBins(), v.beta()).encode();
    assertFalse(VkCodec.decode(Container.encode(Container.VK, Container.VERSION_ZK, Container.FLAG_ZK, s)).isOk());
    int[][] inputs = {{Visibility.PUBLIC}};
    int[][] outputs = {{Visibility.COMMITTED}};
    for (int i = 0; i < inputs.length; i++) {
      s[8] = new Visibility(v.params(), inputs[i], outputs[i], v.publicModelBins(), v.beta()).encode();
      byte[] other = Container.encode(Container.VK, Container.VERSION_ZK, Container.FLAG_ZK, s);
      assertTrue(VkCodec.decode(other).isOk(), "case " + i + ": the key decodes");
      Outcome o = new ZkmlPrecompile().call(ZkmlAbi.encodeVerify(other, proof.inputs(), proof.outputs(), proof.bytes()));
      assertEquals(Outcome.Status.REVERT, o.status());
      assertEquals(ZkmlPrecompile.NOT_ALL_PUBLIC, o.reason(), "case " + i);
    }
  }

  /**
   * A real private-input key (the input relowered as committed advice) on the ceremony SRS: verify
   * takes an empty list for the private input and states the outputs only.
   */
  @Test
  void aPrivateInputProofVerifiesWithAnEmptyInputList() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    CompiledModel cm = Setup.withPrivateInputs(l.compiled(), new boolean[] {true});
    ProvingKey pk = Setup.runZk(cm, PtauReader.readZk(ZkmlFixtures.PTAU, Setup.binVars(cm)));
    assertTrue(pk.vk().visibility().inputs()[0] == Visibility.PRIVATE, "the key has a private input");
    Prover.Proof p = ZkProver.prove(pk, WitnessBuilder.build(cm, l.trace()), true, SeededRandomness.of(5));
    assertEquals(null, p.inputs()[0], "the proof states no input");
    byte[] vkBytes = pk.vk().bytes();
    ZkmlPrecompile pc = new ZkmlPrecompile();
    byte[] call = ZkmlAbi.encodeVerify(vkBytes, new long[][] {new long[0]}, p.outputs(), p.bytes());
    Outcome o = pc.call(call);
    assertEquals(Outcome.Status.SUCCESS, o.status(), o.reason());
    assertArrayEquals(pk.vk().modelId(), o.output());
    assertTrue(pc.gas(call) >= GasSchedule.vkCost(VerifierCost.of(pk.vk())), "priced from the zk bound");

    // the input's values in the call: refused by name, before any proof work
    Outcome stated = pc.call(ZkmlAbi.encodeVerify(vkBytes, new long[][] {new long[3]}, p.outputs(),
        p.bytes()));
    assertEquals(Outcome.Status.REVERT, stated.status());
    assertEquals("input 0 is private in the vk: its list must be empty", stated.reason());
    // a false output, and a proof with one byte changed, revert
    long[][] wrong = {p.outputs()[0].clone()};
    wrong[0][0]++;
    assertEquals(Outcome.Status.REVERT, pc.call(ZkmlAbi.encodeVerify(vkBytes, new long[][] {new long[0]}, wrong,
        p.bytes())).status());
    byte[] tampered = p.bytes().clone();
    tampered[tampered.length / 2] ^= 1;
    assertEquals(Outcome.Status.REVERT, pc.call(ZkmlAbi.encodeVerify(vkBytes, new long[][] {new long[0]},
        p.outputs(), tampered)).status());
  }

  /** A real committed-input key (zk-design 4.7) on the ceremony SRS: refused by reason too. */
  @Test
  void aCommittedInputKeyIsRefusedByReason() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    CompiledModel cm = Setup.withInputVisibility(l.compiled(), new int[] {Visibility.COMMITTED});
    ProvingKey pk = Setup.runZk(cm, PtauReader.readZk(ZkmlFixtures.PTAU, Setup.binVars(cm)));
    assertTrue(pk.vk().visibility().committedInput(0), "the key has a committed input");
    Outcome o = new ZkmlPrecompile().call(ZkmlAbi.encodeVerify(pk.vk().bytes(), new long[][] {new long[3]},
        proof.outputs(), proof.bytes()));
    assertEquals(Outcome.Status.REVERT, o.status());
    assertEquals(ZkmlPrecompile.NOT_ALL_PUBLIC, o.reason());
  }
}
