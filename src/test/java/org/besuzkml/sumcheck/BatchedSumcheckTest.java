package org.besuzkml.sumcheck;

import static org.besuzkml.sumcheck.SumcheckTestSupport.L;
import static org.besuzkml.sumcheck.SumcheckTestSupport.element;
import static org.besuzkml.sumcheck.SumcheckTestSupport.mle;
import static org.besuzkml.sumcheck.SumcheckTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

class BatchedSumcheckTest {
  private static final int[] SIZES = {3, 7, 0, 5, 7, 1};

  /** Instances alternate product (degree 2) and eq-weighted (degree 3). */
  private record Setup(List<SumcheckInstance> insts, long[][][] tables, long[][] zs) {}

  private static Setup setup(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<SumcheckInstance> insts = new ArrayList<>();
    long[][][] tables = new long[SIZES.length][][];
    long[][] zs = new long[SIZES.length][];
    for (int i = 0; i < SIZES.length; i++) {
      int k = SIZES[i];
      if (i % 2 == 0) {
        tables[i] = new long[][] {random(rnd, 1 << k), random(rnd, 1 << k)};
        insts.add(new ProductInstance(k, tables[i]));
      } else {
        tables[i] = new long[][] {random(rnd, 1 << k), random(rnd, 1 << k), random(rnd, 1 << k)};
        zs[i] = random(rnd, k);
        insts.add(new EqWeightedInstance(zs[i], k, SumcheckTestSupport.sampleP(), tables[i]));
      }
    }
    return new Setup(insts, tables, zs);
  }

  private static long[] claims(List<SumcheckInstance> insts) {
    long[] out = new long[insts.size() * L];
    for (int i = 0; i < insts.size(); i++) {
      Fr.copy(out, i * L, insts.get(i).claim(), 0);
    }
    return out;
  }

  private static int[] degrees(List<SumcheckInstance> insts) {
    return insts.stream().mapToInt(SumcheckInstance::degree).toArray();
  }

  /** g_i at its suffix point from the instance's stated final values. */
  private static long[] finals(Setup s, BatchedSubClaim bsc) {
    long[] g = new long[SIZES.length * L];
    for (int i = 0; i < SIZES.length; i++) {
      long[] vals = s.insts().get(i).finalValues();
      long[] e = i % 2 == 0 ? ProductInstance.expectedFinal(vals, 2)
          : EqWeightedInstance.expectedFinal(s.zs()[i], bsc.instancePoint(i), SIZES[i],
              SumcheckTestSupport.sampleP(), vals);
      Fr.copy(g, i * L, e, 0);
    }
    return g;
  }

  @Test
  void batchedInstancesOfDifferentSizesAgreeWithSeparateRuns() {
    Setup s = setup(10);
    long[] claims = claims(s.insts());
    int[] degrees = degrees(s.insts());
    SumcheckProver.Proved run = SumcheckProver.proveBatched(s.insts(), Transcript.v1());
    assertEquals(7, run.proof().rounds());
    assertEquals(3, run.proof().degree());
    Checked<BatchedSubClaim> bsc = SumcheckVerifier.verifyBatched(claims, SIZES, degrees, run.proof(), Transcript.v1());
    assertTrue(bsc.isOk(), bsc.reason());
    assertTrue(bsc.value().holds(finals(s, bsc.value())));
    for (int i = 0; i < SIZES.length; i++) {
      // each instance's stated values are its tables' MLEs at its suffix of the shared point
      long[] pt = bsc.value().instancePoint(i);
      assertArrayEquals(run.suffix(SIZES[i]), pt);
      long[] vals = s.insts().get(i).finalValues();
      assertArrayEquals(mle(s.tables()[i][0], SIZES[i], pt), Arrays.copyOfRange(vals, 0, L), "instance " + i);
    }
    // the same statements, run separately, verify too (same claims, own points)
    Setup fresh = setup(10);
    for (int i = 0; i < SIZES.length; i++) {
      SumcheckInstance inst = fresh.insts().get(i);
      SumcheckProver.Proved one = SumcheckProver.prove(inst, Transcript.v1());
      Checked<SubClaim> sc = SumcheckVerifier.verify(Arrays.copyOfRange(claims, i * L, i * L + L), SIZES[i],
          inst.degree(), one.proof(), Transcript.v1());
      long[] e = i % 2 == 0 ? ProductInstance.expectedFinal(inst.finalValues(), 2)
          : EqWeightedInstance.expectedFinal(fresh.zs()[i], one.point(), SIZES[i], SumcheckTestSupport.sampleP(),
              inst.finalValues());
      assertTrue(sc.value().holds(e), "separate run " + i);
    }
  }

  @Test
  void oneWrongClaimInBatchRejected() {
    for (int victim = 0; victim < SIZES.length; victim++) {
      Setup s = setup(11);
      long[] claims = claims(s.insts());
      SumcheckProver.Proved run = SumcheckProver.proveBatched(s.insts(), Transcript.v1());
      Fr.add(claims, victim * L, claims, victim * L, element(1), 0);
      Checked<BatchedSubClaim> bsc = SumcheckVerifier.verifyBatched(claims, SIZES, degrees(s.insts()), run.proof(),
          Transcript.v1());
      assertFalse(bsc.value().holds(finals(s, bsc.value())), "victim " + victim);
    }
  }

  @Test
  void batchedShapeMismatchRejected() {
    Setup s = setup(12);
    SumcheckProver.Proved run = SumcheckProver.proveBatched(s.insts(), Transcript.v1());
    int[] sizes = SIZES.clone();
    sizes[1] = 8;
    assertFalse(SumcheckVerifier.verifyBatched(claims(s.insts()), sizes, degrees(s.insts()), run.proof(),
        Transcript.v1()).isOk());
    int[] deg = degrees(s.insts());
    deg[0] = 4;
    assertFalse(SumcheckVerifier.verifyBatched(claims(s.insts()), SIZES, deg, run.proof(), Transcript.v1()).isOk());
  }
}
