package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifierCost;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * protocol.md 10.1 gadget by gadget: on models that together have every gadget kind, the Fr
 * multiplications the verifier does between two gadget visits (the merges, the argument and the
 * limb statements of that gadget's step) are at most {@link VerifierCost#walkMulsByGadget}'s entry
 * for it, and the entry is at most {@link #SLACK} times them plus {@link #FIXED}. Checked per
 * gadget, a term of the price that is missing or inflated for one kind shows, where the whole
 * proof's total ({@link VerifierCostTest}) hides it under the other phases.
 */
class GadgetCostTest {
  static final double SLACK = 2.0;
  static final long FIXED = 64;

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    Assumptions.assumeTrue(Fr.COUNTING, "field counting is off (-Dzkml.countFieldOps=true)");
  }

  @Test
  void everyGadgetsPriceBoundsItsWorkTightly() {
    Map<String, double[]> ratios = new TreeMap<>(); // kind -> {min, max} of bound / measured
    List<String> failures = new ArrayList<>();
    for (String name : WalkCoverageTest.MODELS) {
      Fixtures.Keyed k = Fixtures.get(name);
      VerifyingKey vk = k.pk().vk();
      long[] bound = VerifierCost.walkMulsByGadget(vk);
      long[] measured = new long[bound.length];
      long[] last = new long[1];
      VerifyResult r = Verifier.verify(vk, k.proof().inputs(), k.proof().outputs(), k.proof().bytes(),
          Verifier.SrsPolicy.ALLOW_DEV, new org.besuzkml.proof.gadget.BackwardWalk.Visits() {
            @Override
            public void started() {
              last[0] = Fr.mulCount();
            }

            @Override
            public void visited(int gadget, int fromByte, int toByte) {
              long now = Fr.mulCount();
              measured[gadget] = now - last[0];
              last[0] = now;
            }
          });
      assertTrue(r.valid(), name + ": " + r);
      for (int gi = 0; gi < bound.length; gi++) {
        Gadget g = vk.circuit().gadgets().get(gi);
        double ratio = bound[gi] / (double) Math.max(1, measured[gi]);
        double[] mm = ratios.computeIfAbsent(g.kind(), x -> new double[] {Double.MAX_VALUE, 0});
        mm[0] = Math.min(mm[0], ratio);
        mm[1] = Math.max(mm[1], ratio);
        String what = name + " gadget " + gi + " (" + g.kind() + "): bound " + bound[gi] + ", measured "
            + measured[gi];
        if (measured[gi] > bound[gi]) {
          failures.add(what + ": under the work");
        } else if (bound[gi] > SLACK * measured[gi] + FIXED) {
          failures.add(what + ": over " + SLACK + "x the work");
        }
      }
    }
    ratios.forEach((kind, mm) -> System.out.printf("GADGETCOST %s: bound/measured %.2f..%.2f%n", kind,
        mm[0], mm[1]));
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** Each limit is inclusive: a cost equal to it passes, one past it is refused by its own name. */
  @Test
  void eachLimitAdmitsItsOwnValueAndRefusesOneLess() {
    VerifierCost c = VerifierCost.of(Fixtures.get("1l_mlp").pk().vk());
    long[] f = {c.fieldMuls(), c.allocBytes(), c.msmPoints(), c.proofBytes(), c.keccakPermutations()};
    String[] names = {"field multiplications", "bytes of tables", "an MSM of", "a proof of", "Keccak permutations"};
    assertNull(c.exceeds(limits(f, -1)), "the cost's own figures as limits");
    for (int i = 0; i < f.length; i++) {
      assertTrue(f[i] > 0, names[i]);
      String why = c.exceeds(limits(f, i));
      assertTrue(why != null && why.startsWith("verifier cost: ") && why.contains(names[i])
          && why.contains(Long.toString(f[i])) && why.contains(Long.toString(f[i] - 1)), i + ": " + why);
    }
    VerifierCost none = VerifierCost.of(null);
    assertEquals(new VerifierCost(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), none);
  }

  /** The figures as limits, the one at {@code lower} (if any) one below its figure. */
  private static Verifier.Limits limits(long[] f, int lower) {
    long[] l = f.clone();
    if (lower >= 0) {
      l[lower]--;
    }
    return new Verifier.Limits(l[0], l[1], l[2], l[3], l[4]);
  }
}
