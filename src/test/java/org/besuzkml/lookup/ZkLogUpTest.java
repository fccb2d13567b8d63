package org.besuzkml.lookup;

import static org.besuzkml.lookup.LogUpFixture.L;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

/**
 * The zero-knowledge lookup phase (zk-design 5): the layout with reserved mask leaves, completeness
 * with every Lambda-claim and leaf claim true, lies in every message caught by a check or a deferred
 * claim, an entry outside its table caught, the mask column's allocation, and top values whose
 * distribution does not depend on the witness (with a control that has no masks).
 */
class ZkLogUpTest {
  /** x = a + 4 b + 16 c + 5 (an affine encoding of three stated elements, as a Decomp with an offset). */
  private static final ColumnEncoding THREE_LIMBS_PLUS_FIVE = new ColumnEncoding() {
    @Override
    public int statedCount() {
      return 3;
    }

    @Override
    public void value(long[] out, int outOff, long[] stated, int so, long[] point, int po, int m) {
      long[] t = new long[L];
      Fr.fromLong(out, outOff, 5);
      Fr.add(out, outOff, out, outOff, stated, so);
      Fr.fromLong(t, 0, 4);
      Fr.mul(t, 0, t, 0, stated, so + L);
      Fr.add(out, outOff, out, outOff, t, 0);
      Fr.fromLong(t, 0, 16);
      Fr.mul(t, 0, t, 0, stated, so + 2 * L);
      Fr.add(out, outOff, out, outOff, t, 0);
    }
  };

  /**
   * A function table larger than everything else, so that its unmasked output sits early in the
   * leaves message with masked elements after it, and an affine three-limb column.
   */
  private static LogUpFixture functionFirst(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    LogUpFixture f = new LogUpFixture();
    long[] fv = new long[40];
    for (int i = 0; i < 40; i++) {
      fv[i] = 3 * i - 7;
    }
    int fn = f.table(Table.function(6, fv));
    int r6 = f.table(Table.range(6));
    long[] idx = values(rnd, 5, 64);
    long[] ys = new long[5];
    for (int i = 0; i < 5; i++) {
      ys[i] = fv[(int) Math.min(idx[i], 39)];
    }
    f.lookup(fn, idx, ys);
    long[][] limbs = {values(rnd, 4, 4), values(rnd, 4, 4), values(rnd, 4, 4)};
    long[] x = new long[4];
    for (int i = 0; i < 4; i++) {
      x[i] = limbs[0][i] + 4 * limbs[1][i] + 16 * limbs[2][i] + 5;
    }
    f.instances.add(LookupInstance.of(r6, new int[] {4}, THREE_LIMBS_PLUS_FIVE));
    f.columns.add(new LookupColumn[] {LookupColumn.ofLongs(x).withStater((point, m) -> {
      long[] out = new long[3 * L];
      for (int j = 0; j < 3; j++) {
        Multilinear.evaluate(out, j * L, LogUpFixture.toFr(limbs[j]), 0, m, point, 0);
      }
      return out;
    })});
    f.lookup(r6, values(rnd, 3, 64), null);
    return f;
  }

  private static long[] values(SplittableRandom rnd, int n, int bound) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(bound);
    }
    return v;
  }

  /** A range table with a 1-D and a limb-encoded instance, an MSB pair table and a function table. */
  private static LogUpFixture mixed(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    LogUpFixture f = new LogUpFixture();
    int r8 = f.table(Table.range(8));
    int msb = f.table(Table.msb(4));
    int fn = f.table(Table.function(3, new long[] {-2, 0, 5, 9, 11}));
    f.lookup(r8, values(rnd, 20, 256), null);
    long[] lo = values(rnd, 8, 16);
    long[] hi = values(rnd, 8, 16);
    long[] x = new long[8];
    for (int i = 0; i < 8; i++) {
      x[i] = lo[i] + 16 * hi[i];
    }
    f.instances.add(LookupInstance.of(r8, new int[] {8}, LogUpFixture.TWO_NIBBLES));
    f.columns.add(new LookupColumn[] {LookupColumn.ofLongs(x).withStater((point, m) -> {
      long[] out = new long[2 * L];
      Multilinear.evaluate(out, 0, LogUpFixture.toFr(lo), 0, m, point, 0);
      Multilinear.evaluate(out, L, LogUpFixture.toFr(hi), 0, m, point, 0);
      return out;
    })});
    long[] limbs = values(rnd, 6, 16);
    long[] bits = new long[6];
    for (int i = 0; i < 6; i++) {
      bits[i] = limbs[i] >= 8 ? 1 : 0;
    }
    f.lookup(msb, limbs, bits);
    long[] idx = values(rnd, 5, 8);
    long[] ys = new long[5];
    long[] fv = {-2, 0, 5, 9, 11};
    for (int i = 0; i < 5; i++) {
      ys[i] = fv[(int) Math.min(idx[i], 4)];
    }
    f.lookup(fn, idx, ys);
    return f;
  }

  private static LeafLayout zkLayout(LogUpFixture f) {
    Checked<LeafLayout> l = LeafLayout.ofZk(f.tables, f.instances);
    assertTrue(l.isOk(), l.reason());
    return l.value();
  }

  /** |Lambda| for the lookup phase alone: mask leaves, each layer's coefficients and slots, the leaf slots. */
  private static int columnSize(LeafLayout layout) {
    int n = 4;
    for (int k = 1; k < layout.leafVars(); k++) {
      n += 3 * (k - 1) + 5 + 4;
    }
    return n + ZkLogUpVerifier.maskedLeafCount(layout);
  }

  private static long[] column(SplittableRandom rnd, int size) {
    long[] lambda = new long[size * L];
    for (int i = 0; i < size; i++) {
      Fr.random(lambda, i * L, rnd);
    }
    ZkLogUpProver.cancelMaskLeaves(lambda);
    return lambda;
  }

  private record Run(LogUpFixture f, LeafLayout layout, long[][] mult, long[] lambda, ZkLogUpProver.Result result) {}

  private static Run prove(LogUpFixture f, long[] lambda, boolean strict) {
    LeafLayout layout = zkLayout(f);
    long[][] mult = Multiplicities.compute(layout, f.columns, strict);
    ZkLogUpProver.Result r = ZkLogUpProver.prove(layout, f.columns, mult, lambda, MaskCursor.of(lambda.length / L),
        LogUpFixture.transcript());
    return new Run(f, layout, mult, lambda, r);
  }

  private static Checked<ZkLogUpClaims> verify(Run run, byte[] bytes) {
    return ZkLogUpVerifier.verify(run.layout(), new FieldReader(bytes, 0, bytes.length),
        MaskCursor.of(run.lambda().length / L), LogUpFixture.transcript());
  }

  /** Null when every deferred claim is true for the witness and the column; else which is false. */
  private static String falseClaim(Run run, ZkLogUpClaims c) {
    for (int i = 0; i < c.lambdaClaims().size(); i++) {
      LambdaClaim lc = c.lambdaClaims().get(i);
      if (!Fr.equal(lc.omega().evaluate(run.lambda()), 0, lc.value(), 0)) {
        return "Lambda-claim " + i;
      }
    }
    for (int i = 0; i < c.claims().size(); i++) {
      LeafClaim lc = c.claims().get(i);
      long[] column = switch (lc.kind()) {
        case INSTANCE_COLUMN -> run.f().columns.get(lc.index())[lc.column()].values();
        case MULTIPLICITY -> LogUpFixture.toFr(run.mult()[lc.index()]);
        case FUNCTION_OUTPUT -> run.f().tables.get(lc.index()).outColumn();
      };
      long[] truth = new long[L];
      Multilinear.evaluate(truth, 0, column, 0, lc.point().length / L, lc.point(), 0);
      Fr.add(truth, 0, truth, 0, c.offsets().get(i).evaluate(run.lambda()), 0);
      if (!Fr.equal(truth, 0, lc.value(), 0)) {
        return "leaf claim " + i + " " + lc.kind();
      }
    }
    return null;
  }

  @Test
  void zkLayoutReservesTheMaskLeavesAndPlacesAlignedDisjointSegments() {
    LogUpFixture f = mixed(1);
    LeafLayout plain = f.layout();
    LeafLayout zk = zkLayout(f);
    assertTrue(zk.isZk());
    assertFalse(plain.isZk());
    assertEquals(plain.totalSize(), zk.totalSize());
    assertTrue(zk.leafVars() >= plain.leafVars());
    long leaves = 1L << zk.leafVars();
    boolean[] used = new boolean[(int) leaves];
    for (LeafLayout.Segment s : zk.segments()) {
      long size = 1L << s.numVars();
      assertEquals(0, s.offset() % size, "aligned: " + s);
      for (long i = s.offset(); i < s.offset() + size; i++) {
        assertFalse(used[(int) i], "disjoint at " + i);
        used[(int) i] = true;
      }
    }
    assertFalse(used[(int) zk.maskLeafA()]);
    assertFalse(used[(int) zk.maskLeafB()]);
    assertEquals(leaves / 2 - 1, zk.maskLeafA());
    assertEquals(leaves - 1, zk.maskLeafB());
    // two segments of 16: 32 leaves suffice without mask leaves, with them each half loses a leaf
    LogUpFixture g = new LogUpFixture();
    int t = g.table(Table.range(4));
    g.lookup(t, new long[16], null);
    assertEquals(5, g.layout().leafVars());
    assertEquals(6, zkLayout(g).leafVars());
    // 4 + 4 leaves fill 2^3 exactly: with the mask leaves they need 2^4
    LogUpFixture h = new LogUpFixture();
    h.table(Table.range(2));
    h.lookup(0, new long[] {1, 2, 3, 0}, null);
    assertEquals(3, h.layout().leafVars());
    assertEquals(4, zkLayout(h).leafVars());
    // 4 + 4 + 1 (a padding row) need 2^4 either way: the mask leaves fit in the gaps
    LogUpFixture p = new LogUpFixture();
    p.table(Table.range(2));
    p.lookup(0, new long[] {1, 2, 3}, null);
    assertEquals(4, p.layout().leafVars());
    assertEquals(4, zkLayout(p).leafVars());
    long expected = 4 + zk.leavesMessageSize();
    for (int k = 1; k < zk.leafVars(); k++) {
      expected += 3L * (k - 1) + 5 + 4;
    }
    assertEquals(expected, zk.proofSize(), "proof size with degree-5 last rounds");
  }

  /**
   * The zero-knowledge placement against a brute-force first fit: for L from the least possible up,
   * each segment (in layout order) at the lowest aligned offset whose block is free and holds
   * neither mask leaf; the first L where all fit.
   */
  private static long[] firstFit(List<LeafLayout.Segment> segments, long total) {
    for (int lv = Math.max(2, 64 - Long.numberOfLeadingZeros(total + 1)); lv <= 30; lv++) {
      long leaves = 1L << lv;
      boolean[] used = new boolean[(int) leaves];
      used[(int) (leaves / 2 - 1)] = true;
      used[(int) (leaves - 1)] = true;
      long[] out = new long[segments.size() + 1];
      out[segments.size()] = lv;
      boolean all = true;
      for (int i = 0; i < segments.size() && all; i++) {
        long size = 1L << segments.get(i).numVars();
        long at = -1;
        for (long o = 0; o + size <= leaves && at < 0; o += size) {
          boolean free = true;
          for (long j = o; j < o + size && free; j++) {
            free = !used[(int) j];
          }
          if (free) {
            at = o;
          }
        }
        if (at < 0) {
          all = false;
        } else {
          Arrays.fill(used, (int) at, (int) (at + size), true);
          out[i] = at;
        }
      }
      if (all) {
        return out;
      }
    }
    return null;
  }

  @Test
  void zkPlacementIsTheFirstFitAndItsLeastL() {
    SplittableRandom rnd = new SplittableRandom(12);
    for (int trial = 0; trial < 300; trial++) {
      LogUpFixture f = new LogUpFixture();
      int tables = 1 + rnd.nextInt(3);
      for (int t = 0; t < tables; t++) {
        f.table(Table.range(1 + rnd.nextInt(5)));
      }
      int instances = rnd.nextInt(5);
      for (int i = 0; i < instances; i++) {
        int t = rnd.nextInt(tables);
        f.lookup(t, new long[1 + rnd.nextInt(20)], null);
      }
      LeafLayout zk = zkLayout(f);
      long[] expected = firstFit(zk.segments(), zk.totalSize());
      long[] got = new long[zk.segments().size() + 1];
      for (int i = 0; i < zk.segments().size(); i++) {
        got[i] = zk.segments().get(i).offset();
      }
      got[zk.segments().size()] = zk.leafVars();
      assertArrayEquals(expected, got, "trial " + trial + ": " + zk.segments());
    }
    // one case by hand: the padding row exactly fills the left half up to A
    LogUpFixture g = new LogUpFixture();
    g.table(Table.range(2));
    g.table(Table.range(1));
    g.lookup(0, new long[3], null);
    LeafLayout zk = zkLayout(g);
    assertEquals(4, zk.leafVars());
    assertEquals("[0, 8, 4, 6]", Arrays.toString(zk.segments().stream().mapToLong(LeafLayout.Segment::offset)
        .toArray()), "I0 at 0, T0 in the right half, T1 at 4, the padding row at 6 = A - 1");
  }

  @Test
  void honestRunVerifiesAndEveryDeferredClaimIsTrue() {
    for (long seed = 1; seed <= 4; seed++) {
      LogUpFixture f = seed == 4 ? functionFirst(seed) : mixed(seed);
      LeafLayout layout = zkLayout(f);
      long[] lambda = column(new SplittableRandom(seed), columnSize(layout));
      Transcript pt = LogUpFixture.transcript();
      ZkLogUpProver.Result pr = ZkLogUpProver.prove(layout, f.columns, Multiplicities.compute(layout, f.columns,
          true), lambda, MaskCursor.of(lambda.length / L), pt);
      Run run = new Run(f, layout, Multiplicities.compute(layout, f.columns, true), lambda, pr);
      byte[] bytes = run.result().proof().encode();
      assertEquals(layout.proofSize() * Fr.BYTES, bytes.length);
      MaskCursor cursor = MaskCursor.of(columnSize(layout));
      Transcript vt = LogUpFixture.transcript();
      Checked<ZkLogUpClaims> c = ZkLogUpVerifier.verify(layout, new FieldReader(bytes, 0, bytes.length), cursor, vt);
      assertTrue(c.isOk(), c.reason());
      assertArrayEquals(pt.challengeFr("next"), vt.challengeFr("next"), "transcripts in step");
      assertTrue(cursor.exhausted(), "the phase used exactly its entries");
      assertEquals(null, falseClaim(run, c.value()));
      assertEquals(layout.leafVars() - 1 + 2, c.value().lambdaClaims().size(), "one per layer, two leaf checks");
      assertEquals(run.result().claims().claims().size(), c.value().claims().size());
      assertArrayEquals(run.result().claims().rho(), c.value().rho());
      for (int i = 0; i < c.value().lambdaClaims().size(); i++) {
        assertArrayEquals(run.result().claims().lambdaClaims().get(i).value(), c.value().lambdaClaims().get(i).value(),
            "the prover derives the verifier's claims");
      }
    }
  }

  /** Each refusal of the proof-object form by its reason, and the column running out at layer 1. */
  @Test
  void refusalsByReasonAndAColumnThatRunsOutAtTheFirstLayer() {
    LogUpFixture f = mixed(31);
    LeafLayout layout = zkLayout(f);
    long[] lambda = column(new SplittableRandom(31), columnSize(layout));
    Run run = prove(f, lambda, true);
    LogUpProof proof = run.result().proof();
    MaskCursor cursor = MaskCursor.of(columnSize(layout));
    org.besuzkml.transcript.Transcript t = LogUpFixture.transcript();
    assertEquals("lookup: missing input", ZkLogUpVerifier.verify(null, proof, cursor, t).reason());
    assertEquals("lookup: missing input", ZkLogUpVerifier.verify(layout, (LogUpProof) null, cursor, t).reason());
    assertEquals("lookup: missing input", ZkLogUpVerifier.verify(layout, proof, null, t).reason());
    assertEquals("lookup: missing input", ZkLogUpVerifier.verify(layout, proof, cursor, null).reason());
    LeafLayout plain = LeafLayout.of(f.tables, f.instances).value();
    assertEquals("lookup: proof does not match the zero-knowledge layout",
        ZkLogUpVerifier.verify(plain, proof, cursor, t).reason());
    assertEquals(0, cursor.used(), "nothing taken by a refusal before the mask leaves");
    assertTrue(layout.leafVars() >= 2, "the fixture has a layer 1");
    // entries 0-3 are the mask leaves and layer 1's run has 5 coefficients (4..8), then 4 slots
    assertEquals("lookup layer 1: masked sumcheck: mask column overrun", ZkLogUpVerifier.verify(layout, proof,
        MaskCursor.of(8), LogUpFixture.transcript()).reason());
    assertEquals("lookup layer 1: mask column overrun", ZkLogUpVerifier.verify(layout, proof,
        MaskCursor.of(9), LogUpFixture.transcript()).reason());
    assertTrue(ZkLogUpVerifier.verify(layout, proof, MaskCursor.of(columnSize(layout)),
        LogUpFixture.transcript()).isOk());
  }

  @Test
  void theFunctionOutputIsStatedUnmaskedWhereverItSits() {
    LogUpFixture f = functionFirst(9);
    LeafLayout layout = zkLayout(f);
    assertEquals(LeafLayout.Kind.TABLE, layout.segments().get(0).kind(), "the function table comes first");
    long[] lambda = column(new SplittableRandom(9), columnSize(layout));
    Run run = prove(f, lambda, true);
    ZkLogUpClaims c = verify(run, run.result().proof().encode()).value();
    assertEquals(null, falseClaim(run, c));
    assertEquals(LeafClaim.Kind.FUNCTION_OUTPUT, c.claims().get(1).kind());
    assertEquals(0, c.offsets().get(1).terms(), "F_out is a function of the statement: no slot");
    int limbed = java.util.stream.IntStream.range(0, c.claims().size())
        .filter(i -> c.claims().get(i).stated().length == 3 * L).findFirst().orElseThrow();
    assertEquals(3, c.offsets().get(limbed).terms(), "the three-limb column has three slots");
  }

  @Test
  void aLieInAnyMessageIsCaught() {
    LogUpFixture f = mixed(4);
    LeafLayout layout = zkLayout(f);
    long[] lambda = column(new SplittableRandom(4), columnSize(layout));
    Run run = prove(f, lambda, true);
    byte[] bytes = run.result().proof().encode();
    int n = bytes.length / Fr.BYTES;
    int caught = 0;
    for (int e = 0; e < n; e++) {
      byte[] lie = bytes.clone();
      lie[e * Fr.BYTES + Fr.BYTES - 1] ^= 1;
      Checked<ZkLogUpClaims> c = verify(run, lie);
      if (!c.isOk() || falseClaim(run, c.value()) != null) {
        caught++;
      } else {
        throw new AssertionError("a lie at element " + e + " of " + n + " passed every check");
      }
    }
    assertEquals(n, caught);
  }

  @Test
  void anEntryOutsideItsTableIsCaught() {
    LogUpFixture f = new LogUpFixture();
    int t = f.table(Table.range(4));
    f.lookup(t, new long[] {1, 2, 3, 16, 5}, null);
    LeafLayout layout = zkLayout(f);
    long[] lambda = column(new SplittableRandom(5), columnSize(layout));
    Run run;
    try {
      run = prove(f, lambda, false);
    } catch (IllegalStateException refused) {
      assertTrue(refused.getMessage().startsWith("the lookup proof does not verify: lookup: root numerator"),
          refused.getMessage());
      return;
    }
    Checked<ZkLogUpClaims> c = verify(run, run.result().proof().encode());
    assertTrue(!c.isOk() || falseClaim(run, c.value()) != null);
  }

  @Test
  void theMaskColumnIsAllocatedExactlyAndFirst() {
    LogUpFixture f = mixed(6);
    LeafLayout layout = zkLayout(f);
    int size = columnSize(layout);
    Run run = prove(f, column(new SplittableRandom(6), size), true);
    byte[] bytes = run.result().proof().encode();
    assertEquals("lookup leaves: mask column overrun", ZkLogUpVerifier.verify(layout,
        new FieldReader(bytes, 0, bytes.length), MaskCursor.of(size - 1), LogUpFixture.transcript()).reason());
    assertTrue(ZkLogUpVerifier.verify(layout, new FieldReader(bytes, 0, bytes.length), MaskCursor.of(size + 1),
        LogUpFixture.transcript()).isOk(), "the walk takes what follows");
    MaskCursor late = MaskCursor.of(size + 1);
    late.take(1);
    assertEquals("lookup: the mask leaves must be the mask column's first four entries", ZkLogUpVerifier.verify(
        layout, new FieldReader(bytes, 0, bytes.length), late, LogUpFixture.transcript()).reason());
    assertEquals("lookup: not a zero-knowledge layout", ZkLogUpVerifier.verify(f.layout(),
        new FieldReader(bytes, 0, bytes.length), MaskCursor.of(size), LogUpFixture.transcript()).reason());
    assertTrue(ZkLogUpVerifier.verify(layout, new FieldReader(bytes, 0, bytes.length - 1), MaskCursor.of(size),
        LogUpFixture.transcript()).reason().startsWith("lookup"));
  }

  /** chi-square of two samples over 16 buckets of the low 4 bits, per position. */
  private static double[] chiSquare(List<long[]> a, List<long[]> b, int positions) {
    double[] out = new double[positions];
    for (int pos = 0; pos < positions; pos++) {
      int[] ca = new int[16];
      int[] cb = new int[16];
      for (long[] m : a) {
        ca[Fr.toBigInteger(m, pos * L).intValue() & 15]++;
      }
      for (long[] m : b) {
        cb[Fr.toBigInteger(m, pos * L).intValue() & 15]++;
      }
      double s = 0;
      for (int j = 0; j < 16; j++) {
        int tot = ca[j] + cb[j];
        if (tot > 0) {
          double ea = tot * a.size() / (double) (a.size() + b.size());
          double eb = tot - ea;
          s += (ca[j] - ea) * (ca[j] - ea) / ea + (cb[j] - eb) * (cb[j] - eb) / eb;
        }
      }
      out[pos] = s;
    }
    return out;
  }

  @Test
  void topValuesDoNotDependOnTheWitness() {
    // two witnesses with different histograms under one layout
    LogUpFixture a = new LogUpFixture();
    a.table(Table.range(3));
    a.lookup(0, new long[] {0, 0, 0, 0, 1, 2, 3, 4}, null);
    LogUpFixture b = new LogUpFixture();
    b.table(Table.range(3));
    b.lookup(0, new long[] {7, 6, 5, 4, 3, 2, 1, 7}, null);
    int size = columnSize(zkLayout(a));
    SplittableRandom rnd = new SplittableRandom(7);
    List<long[]> ta = new ArrayList<>();
    List<long[]> tb = new ArrayList<>();
    List<long[]> ca = new ArrayList<>();
    List<long[]> cb = new ArrayList<>();
    long[] neutral = new long[size * L];
    Fr.setOne(neutral, L);
    Fr.setOne(neutral, 3 * L); // mask leaves (0, 1), (0, 1): valid, hiding nothing
    // under mutation testing (zkml.mutation) fewer runs: the test is about the prover's masks, and
    // PIT reruns it for every covered verifier mutant; the zero-mask control still differs at once
    int runs = Boolean.getBoolean("zkml.mutation") ? 40 : 300;
    for (int i = 0; i < runs; i++) {
      ta.add(prove(a, column(rnd, size), true).result().proof().top());
      tb.add(prove(b, column(rnd, size), true).result().proof().top());
      ca.add(prove(a, neutral, true).result().proof().top());
      cb.add(prove(b, neutral, true).result().proof().top());
    }
    // df 15, Bonferroni over the 4 positions at alpha = 1e-3: about 42.3
    double critical = 42.3;
    double[] stat = chiSquare(ta, tb, 4);
    for (int pos = 0; pos < 4; pos++) {
      assertTrue(stat[pos] < critical, "position " + pos + ": " + stat[pos]);
    }
    assertTrue(Arrays.stream(chiSquare(ca, cb, 4)).anyMatch(s -> s > critical), "the unmasked control differs");
  }
}
