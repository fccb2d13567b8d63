package org.besuzkml.precompile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Structure-aware fuzzing of the precompile: mutations of valid calls (ABI offsets and lengths,
 * huge length fields, vk bytes, proof bytes, public values, truncation, extension). Nothing
 * throws, no mutated input is accepted, gas is the same on a second evaluation, and each call
 * stays within a time bound. CI runs 2,000 cases; {@code -Dzkml.fuzz.cases=1000000} the long run
 * (seed {@code -Dzkml.fuzz.seed}).
 */
class PrecompileFuzzTest {
  static final String[] MODELS = {"1l_mlp", "1l_relu", "2l_relu_small"};

  @Test
  void mutatedCallsNeverPassNorThrow() {
    int cases = Integer.getInteger("zkml.fuzz.cases", 2000);
    long seed = Long.getLong("zkml.fuzz.seed", 20261202L);
    SplittableRandom rnd = new SplittableRandom(seed);
    ZkmlPrecompile pc = new ZkmlPrecompile();
    ZkmlFixtures.Case[] cs = Arrays.stream(MODELS).map(ZkmlFixtures::get).toArray(ZkmlFixtures.Case[]::new);
    int[] byStatus = new int[3];
    long worstNs = 0;
    for (int i = 0; i < cases; i++) {
      ZkmlFixtures.Case c = cs[rnd.nextInt(cs.length)];
      byte[] in = FuzzMutator.mutate(c, rnd);
      long t0 = System.nanoTime();
      Outcome o = pc.call(in);
      long g = pc.gas(in);
      long dt = System.nanoTime() - t0;
      worstNs = Math.max(worstNs, dt);
      assertNotNull(o);
      assertEquals(g, pc.gas(in), "gas is deterministic");
      assertTrue(g > 0);
      boolean same = Arrays.equals(in, c.calldata());
      assertTrue(o.status() != Outcome.Status.SUCCESS || same,
          "case " + i + " (seed " + seed + "): a mutated call was accepted");
      byStatus[o.status().ordinal()]++;
      assertTrue(dt < 2_000_000_000L, "case " + i + " took " + dt / 1e6 + " ms");
      if ((i + 1) % 100_000 == 0) {
        System.out.printf("FUZZ progress %d cases: revert %d, halt %d, worst %.1f ms, heap %d MB%n", i + 1,
            byStatus[1], byStatus[2], worstNs / 1e6,
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
      }
    }
    System.out.printf("FUZZ %d cases seed %d: success %d (unmutated), revert %d, halt %d, worst %.1f ms%n",
        cases, seed, byStatus[0], byStatus[1], byStatus[2], worstNs / 1e6);
    assertTrue(byStatus[1] > 0 && byStatus[2] > 0, "both rejection paths exercised");
  }
}
