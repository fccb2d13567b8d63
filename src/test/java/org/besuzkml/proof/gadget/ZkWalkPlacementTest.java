package org.besuzkml.proof.gadget;

import static org.besuzkml.proof.gadget.ZkWalkFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

/**
 * What the zero-knowledge walk must do on both sides, checked against what the circuit says rather
 * than against the other side (prover and verifier share the walk's bookkeeping, so a shared slip
 * would pass a comparison of the two): a claim on a limb-backed tensor ends as openings of its
 * limbs at that point, a zero-check Poly runs without any claim, and an output may be tensor 0.
 */
class ZkWalkPlacementTest {
  private static final int START = 4;

  private record Run(byte[] bytes, ZkBackwardWalk.Result result, long[] lambda, int size) {}

  private static Transcript transcript() {
    Transcript t = ZkWalkFixture.transcript();
    t.absorbBytes("placement", new byte[] {1});
    return t;
  }

  private static long[][] publicOutputs(ZkWalkFixture f) {
    long[][] pub = new long[f.tensors.size()][];
    for (int o : f.outputs) {
      pub[o] = f.values.get(o).clone();
    }
    return pub;
  }

  private static Run prove(ZkWalkFixture f, long seed) {
    Circuit c = f.circuit();
    long[][] pub = publicOutputs(f);
    Checked<Integer> size = ZkWalkShape.requiredSize(c, new int[0], START); // static (ZkWalkShapeTest)
    assertTrue(size.isOk(), size.reason());
    long[] lambda = ZkWalkFixture.column(new SplittableRandom(seed), size.value());
    MaskCursor cursor = MaskCursor.of(size.value());
    cursor.take(START);
    ProofSink sink = new ProofSink();
    Checked<ZkBackwardWalk.Result> r = ZkBackwardWalk.prove(c, f.tables(), pub, List.of(), lambda, cursor, sink,
        transcript());
    assertTrue(r.isOk(), r.reason());
    return new Run(sink.toBytes(), r.value(), lambda, size.value());
  }

  private static Checked<ZkBackwardWalk.Result> verify(ZkWalkFixture f, byte[] bytes, int size) {
    MaskCursor cursor = MaskCursor.of(size);
    cursor.take(START);
    return ZkBackwardWalk.verify(f.circuit(), publicOutputs(f), List.of(), cursor,
        new FieldReader(bytes, 0, bytes.length), transcript());
  }

  /** Null when every opening (MLE plus offset) and Lambda-claim holds on f's values, else the first that fails. */
  private static String falseClaim(ZkWalkFixture f, long[] lambda, ZkBackwardWalk.Result r) {
    for (MaskedOpening o : r.openings()) {
      long[] truth = f.mle(o.object(), o.point());
      Fr.add(truth, 0, truth, 0, o.omega().evaluate(lambda), 0);
      if (!Fr.equal(truth, 0, o.value(), 0)) {
        return "opening on " + f.tensors.get(o.object()).name();
      }
    }
    for (int i = 0; i < r.lambdaClaims().size(); i++) {
      LambdaClaim lc = r.lambdaClaims().get(i);
      if (!Fr.equal(lc.omega().evaluate(lambda), 0, lc.value(), 0)) {
        return "Lambda-claim " + i;
      }
    }
    return null;
  }

  private static byte[] add(byte[] bytes, int e, long delta) {
    long[] x = new long[L];
    assertTrue(Fr.fromBytes(x, 0, bytes, e * Fr.BYTES));
    long[] d = new long[L];
    Fr.fromLong(d, 0, delta);
    Fr.add(x, 0, x, 0, d, 0);
    byte[] out = bytes.clone();
    Fr.toBytes(out, e * Fr.BYTES, x, 0);
    return out;
  }

  @Test
  void aClaimOnALimbBackedOutputEndsAsOpeningsOfItsLimbsAtThatPoint() {
    ZkWalkFixture f = new ZkWalkFixture();
    int q = f.limbBacked("q", new long[] {3, -5, 7, 1}, 0, 16, true, 8, 4); // two limbs of 8 bits
    f.outputs.add(q);
    Decomp d = (Decomp) f.gadgets.get(0);
    Run p = prove(f, 1);
    Checked<ZkBackwardWalk.Result> v = verify(f, p.bytes(), p.size());
    assertTrue(v.isOk(), v.reason());
    long[] z = transcript().challengeFrs("walk/out", f.tensors.get(q).vars());
    List<MaskedOpening> open = v.value().openings();
    assertEquals(d.limbs().length, open.size(), "one opening per limb");
    for (int j = 0; j < open.size(); j++) {
      assertEquals(d.limbs()[j], open.get(j).object(), "limb " + j);
      assertArrayEquals(z, open.get(j).point(), "limb " + j + " at the output's point");
    }
    assertNull(falseClaim(f, p.lambda(), v.value()));
    // a lie that keeps the recomposition (limb 0 + 2^8, limb 1 - 1): only the limb openings see it
    assertEquals(2 * Fr.BYTES, p.bytes().length, "the walk states the two limbs and nothing else");
    byte[] lie = add(add(p.bytes(), 0, 256), 1, -1);
    Checked<ZkBackwardWalk.Result> lied = verify(f, lie, p.size());
    assertTrue(lied.isOk(), "the recomposition still holds: " + lied.reason());
    assertNotNull(falseClaim(f, p.lambda(), lied.value()), "a limb opening is false");
  }

  /** xa * xb - xab = 0 on a 3 x 4 shape; no tensor is an output, so no claim ever reaches the Poly. */
  private static ZkWalkFixture zeroCheck(long skew) {
    ZkWalkFixture f = new ZkWalkFixture();
    SplittableRandom rnd = new SplittableRandom(5);
    long[] a = ZkWalkFixture.random(rnd, 12, -50, 50);
    long[] b = ZkWalkFixture.random(rnd, 12, -50, 50);
    long[] ab = new long[12];
    for (int i = 0; i < 12; i++) {
      ab[i] = a[i] * b[i];
    }
    ab[0] += skew;
    int z = f.tensor("zero", TensorKind.VIRTUAL, new long[12], 3, 4);
    int xa = f.tensor("xa", TensorKind.COMMITTED, a, 3, 4);
    int xb = f.tensor("xb", TensorKind.COMMITTED, b, 3, 4);
    int xab = f.tensor("xab", TensorKind.COMMITTED, ab, 3, 4);
    f.gadgets.add(new Poly(z, new int[] {xa, xb, xab}, new long[] {1, -1}, new int[][] {{0, 1}, {2}}, true));
    return f;
  }

  @Test
  void aZeroCheckPolyRunsWithoutAnyClaimAndCatchesAFalseProduct() {
    ZkWalkFixture honest = zeroCheck(0);
    Run p = prove(honest, 2);
    assertTrue(p.bytes().length > 0, "the zero check sends its run");
    Checked<ZkBackwardWalk.Result> v = verify(honest, p.bytes(), p.size());
    assertTrue(v.isOk(), v.reason());
    assertEquals(3, v.value().openings().size(), "xa, xb and xab are opened at the run's end");
    assertFalse(v.value().lambdaClaims().isEmpty(), "the product xa xb is an R3 Lambda-claim");
    assertNull(falseClaim(honest, p.lambda(), v.value()));
    // xab off by one at one entry: the prover runs honestly on it and some claim is false
    ZkWalkFixture skewed = zeroCheck(1);
    Run q = prove(skewed, 2);
    Checked<ZkBackwardWalk.Result> w = verify(skewed, q.bytes(), q.size());
    assertTrue(!w.isOk() || falseClaim(skewed, q.lambda(), w.value()) != null, "a false product is caught");
  }

  @Test
  void anOutputThatIsTensorZeroWalks() {
    ZkWalkFixture f = new ZkWalkFixture();
    SplittableRandom rnd = new SplittableRandom(9);
    long[] a = ZkWalkFixture.random(rnd, 4, -20, 20);
    long[] b = ZkWalkFixture.random(rnd, 4, -20, 20);
    long[] y = new long[4];
    for (int i = 0; i < 4; i++) {
      y[i] = a[i] * b[i];
    }
    int yi = f.tensor("y", TensorKind.VIRTUAL, y, 4);
    int xa = f.tensor("a", TensorKind.COMMITTED, a, 4);
    int xb = f.tensor("b", TensorKind.COMMITTED, b, 4);
    f.gadgets.add(new Poly(yi, new int[] {xa, xb}, new long[] {1}, new int[][] {{0, 1}}, false));
    f.outputs.add(yi);
    assertEquals(0, yi);
    Run p = prove(f, 3);
    Checked<ZkBackwardWalk.Result> v = verify(f, p.bytes(), p.size());
    assertTrue(v.isOk(), v.reason());
    assertEquals(2, v.value().openings().size());
    assertNull(falseClaim(f, p.lambda(), v.value()));
  }
}
