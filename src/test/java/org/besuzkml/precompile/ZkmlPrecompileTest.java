package org.besuzkml.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.besuzkml.codec.Keccak;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Test;

class ZkmlPrecompileTest {
  final ZkmlPrecompile pc = new ZkmlPrecompile();

  @Test
  void validProofReturnsTheModelId() {
    ZkmlFixtures.Case c = ZkmlFixtures.get("1l_mlp");
    Outcome o = pc.call(c.calldata());
    assertEquals(Outcome.Status.SUCCESS, o.status(), o.reason());
    assertArrayEquals(Keccak.hash(c.vk()), o.output());
    assertArrayEquals(c.modelId(), o.output());
    // cached outcome: the same object, the same gas
    assertSame(o, pc.call(c.calldata()));
    assertEquals(pc.gas(c.calldata()), new ZkmlPrecompile(1 << 22, 0).gas(c.calldata()));
    assertEquals(Outcome.Status.SUCCESS, new ZkmlPrecompile(1 << 22, 0).call(c.calldata()).status());
  }

  /** The vk cache matches whole bytes: a copy hits, a vk one byte away does not borrow its entry. */
  @Test
  void vkCacheIsKeyedByTheWholeVk() {
    ZkmlFixtures.Case c = ZkmlFixtures.get("1l_mlp");
    ZkmlPrecompile fresh = new ZkmlPrecompile();
    assertEquals(Outcome.Status.SUCCESS, fresh.call(c.calldata()).status());
    assertEquals(1, fresh.cachedVks());
    byte[] proof = c.proof().clone();
    proof[proof.length - 1] ^= 1;
    assertEquals(Outcome.Status.REVERT,
        fresh.call(ZkmlAbi.encodeVerify(c.vk().clone(), c.inputs(), c.outputs(), proof)).status());
    assertEquals(1, fresh.cachedVks(), "an equal copy of the vk is the same entry");
    byte[] other = c.vk().clone();
    other[other.length - 5] ^= 1;
    Outcome o = fresh.call(ZkmlAbi.encodeVerify(other, c.inputs(), c.outputs(), c.proof()));
    assertEquals(Outcome.Status.REVERT, o.status());
    assertEquals(Outcome.Status.SUCCESS, new ZkmlPrecompile().call(c.calldata()).status());
    assertArrayEquals(c.modelId(), fresh.call(ZkmlAbi.encodeVerify(c.vk().clone(), c.inputs(), c.outputs(),
        c.proof())).output());
  }

  @Test
  void wrongOutputRevertsWithInvalidProof() {
    ZkmlFixtures.Case c = ZkmlFixtures.get("1l_mlp");
    long[][] out = Arrays.stream(c.outputs()).map(long[]::clone).toArray(long[][]::new);
    out[0][0] += 1;
    Outcome o = pc.call(ZkmlAbi.encodeVerify(c.vk(), c.inputs(), out, c.proof()));
    assertEquals(Outcome.Status.REVERT, o.status());
    assertArrayEquals(ZkmlAbi.INVALID_PROOF, Arrays.copyOf(o.output(), 4));
  }

  @Test
  void tamperedProofAndVkRevert() {
    ZkmlFixtures.Case c = ZkmlFixtures.get("1l_mlp");
    byte[] proof = c.proof().clone();
    proof[proof.length / 2] ^= 1;
    assertEquals(Outcome.Status.REVERT,
        pc.call(ZkmlAbi.encodeVerify(c.vk(), c.inputs(), c.outputs(), proof)).status());
    byte[] vk = c.vk().clone();
    vk[vk.length - 5] ^= 1;
    Outcome o = pc.call(ZkmlAbi.encodeVerify(vk, c.inputs(), c.outputs(), c.proof()));
    assertEquals(Outcome.Status.REVERT, o.status());
  }

  @Test
  void developmentSrsKeysAreRefused() throws Exception {
    CorpusModels.Loaded l = CorpusModels.load("1l_mlp");
    ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
    Prover.Proof p = Prover.prove(pk, l.honest(), true);
    Outcome o = pc.call(ZkmlAbi.encodeVerify(pk.vk().bytes(), p.inputs(), p.outputs(), p.bytes()));
    assertEquals(Outcome.Status.REVERT, o.status());
    assertTrue(o.reason().contains("development SRS"), o.reason());
  }

  @Test
  void malformedInputHalts() {
    ZkmlFixtures.Case c = ZkmlFixtures.get("1l_mlp");
    byte[] in = c.calldata();
    assertEquals(Outcome.Status.HALT, pc.call(Arrays.copyOf(in, in.length - 1)).status());
    assertEquals(Outcome.Status.HALT, pc.call(new byte[0]).status());
    assertEquals(Outcome.Status.HALT, pc.call(null).status());
    assertEquals(Outcome.Status.HALT, pc.call(new byte[] {1, 2, 3, 4}).status());
    assertEquals(Outcome.Status.HALT, new ZkmlPrecompile(1000, 0).call(in).status());
    assertEquals(GasSchedule.MALFORMED, new ZkmlPrecompile(1000, 0).gas(in));
  }

  @Test
  void modelIdIsKeccakOfTheVk() {
    byte[] vk = {9, 8, 7};
    Outcome o = pc.call(ZkmlAbi.encodeModelId(vk));
    assertEquals(Outcome.Status.SUCCESS, o.status());
    assertArrayEquals(Keccak.hash(vk), o.output());
    assertEquals(GasSchedule.modelIdGas(ZkmlAbi.encodeModelId(vk).length), pc.gas(ZkmlAbi.encodeModelId(vk)));
  }

  @Test
  void gasIsTheLengthAndTheVerifierCostBound() {
    ZkmlFixtures.Case c = ZkmlFixtures.get("1l_mlp");
    long g = pc.gas(c.calldata());
    assertTrue(g > GasSchedule.BASE);
    long cost = GasSchedule.vkCost(org.besuzkml.proof.verify.VerifierCost.of(
        org.besuzkml.codec.VkCodec.decode(c.vk()).value()));
    assertTrue(cost > 0);
    assertEquals(GasSchedule.gas(c.calldata().length, cost), g);
    // the same with a cold cache and with no cache at all
    assertEquals(g, new ZkmlPrecompile(1 << 22, 0).gas(c.calldata()));
    // a vk that does not decode prices at the base and the length (and the call reverts)
    byte[] vk = c.vk().clone();
    vk[vk.length - 3] ^= 1;
    byte[] bad = ZkmlAbi.encodeVerify(vk, c.inputs(), c.outputs(), c.proof());
    assertEquals(GasSchedule.gas(bad.length, 0), pc.gas(bad));
    // a proof byte changes neither the vk header nor the length: same gas
    byte[] t = c.calldata().clone();
    t[t.length - 40] ^= 1;
    assertEquals(g, pc.gas(t));
  }

  @Test
  void vkCacheIsBoundedInBytes() {
    ZkmlFixtures.Case c = ZkmlFixtures.get("1l_mlp");
    ZkmlPrecompile tiny = new ZkmlPrecompile(1 << 22, 1000);
    assertEquals(Outcome.Status.SUCCESS, tiny.call(c.calldata()).status());
    assertTrue(tiny.cachedBytes() <= 1000);
  }
}
