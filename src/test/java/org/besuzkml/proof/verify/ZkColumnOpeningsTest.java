package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.ProofSink;
import org.besuzkml.proof.gadget.ProverTables;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.ZkBackwardWalk;
import org.besuzkml.proof.gadget.ZkWalkShape;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.LookupCounts;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBins;
import org.besuzkml.proof.witness.WitnessTables;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The zero-knowledge bin mapping after the zk walk, on corpus models with chunked columns (lenet_5: a
 * weight of two bins and two multiplicity columns of two; 1l_softmax: a multiplicity column of four)
 * and with single-bin ones only (1l_mlp): both sides reach the same bin openings and Lambda-claims,
 * every opening true against the bins built as version 1 builds them, every Lambda-claim true, the
 * column used exactly; a +1 at any stated chunk value caught; a short proof and claims that name no
 * column or sit at a point of the wrong length refused by reason.
 */
class ZkColumnOpeningsTest {
  private static final int L = Fr.LIMBS;
  /** Where the walk's cursor starts (the lookup phase's mask leaves take the first entries). */
  private static final int START = 4;
  private static final List<String> MODELS = List.of("lenet_5", "1l_softmax", "1l_mlp");
  private static final Map<String, Model> CACHE = new ConcurrentHashMap<>();

  /** A model with its vk, witness, bins (Fr, the reduction's order) and multiplicity columns (integers). */
  private record Model(String name, VerifyingKey vk, Witness w, ProverTables t, long[][] pub, long[][] bins,
      long[][] mult) {}

  private record Run(byte[] bytes, int walkElements, int walkSize, int total, long[] lambda,
      List<MaskedOpening> claims, ZkColumnOpenings.Result result, Transcript pt, boolean exhausted) {}

  private record Verified(Checked<ZkColumnOpenings.Result> result, boolean atEnd, Transcript vt,
      boolean exhausted) {}

  private static Model model(String name) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    Model cached = CACHE.get(name);
    if (cached != null) {
      return cached;
    }
    CorpusModels.Loaded l = CorpusModels.load(name);
    ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
    VerifyingKey vk = pk.vk();
    Circuit c = vk.circuit();
    Witness w = l.honest();
    long[][] mult = LookupCounts.of(vk.plan(), w);
    long[][] wb = WitnessBins.witnessBins(vk.layout(), w, mult);
    long[][] bins = new long[wb.length + pk.modelBins().length][];
    for (int k = 0; k < bins.length; k++) {
      bins[k] = fr(k < wb.length ? wb[k] : pk.modelBins()[k - wb.length]);
    }
    long[][] pub = new long[c.tensors().size()][];
    for (int i : c.inputs()) {
      pub[i] = w.get(i).clone();
    }
    for (int o : c.outputs()) {
      pub[o] = w.get(o).clone();
    }
    Model m = new Model(name, vk, w, new WitnessTables(w), pub, bins, mult);
    CACHE.put(name, m);
    return m;
  }

  private static long[] fr(long[] ints) {
    long[] out = new long[ints.length * L];
    for (int i = 0; i < ints.length; i++) {
      Fr.fromLong(out, i * L, ints[i]);
    }
    return out;
  }

  private static long[] mle(long[] table, int vars, long[] z) {
    long[] out = new long[L];
    Multilinear.evaluate(out, 0, table, 0, vars, z, 0);
    return out;
  }

  private static long[] randomPoint(SplittableRandom rnd, int vars) {
    long[] z = new long[vars * L];
    for (int i = 0; i < vars; i++) {
      Fr.random(z, i * L, rnd);
    }
    return z;
  }

  private static Transcript transcript(long seed) {
    Transcript t = Transcript.v1();
    t.absorbBytes("seed", new byte[] {(byte) seed});
    return t;
  }

  /** Table j's multiplicity column as an Fr table of its column's size (zero padding). */
  private static long[] multiplicityTable(Model m, int j) {
    ColumnLayout.Column col = ColumnIndex.of(m.vk()).multiplicity()[j];
    return fr(Arrays.copyOf(m.mult()[j], 1 << col.vars()));
  }

  /**
   * The lookup phase's stand-in: per table a masked claim on its multiplicity column at a random point
   * (offset one of the entries before the walk), first as version 1 takes them; then the walk's openings.
   */
  private static Run run(Model m, long seed) {
    Circuit c = m.vk().circuit();
    Checked<Integer> size = ZkWalkShape.requiredSize(c, new int[0], START); // static (ZkWalkShapeTest)
    assertTrue(size.isOk(), m.name() + ": " + size.reason());
    int walkSize = size.value();
    SplittableRandom rnd = new SplittableRandom(seed * 131 + m.name().hashCode());
    long[] walkLambda = column(rnd, walkSize);
    MaskCursor wc = MaskCursor.of(walkSize);
    wc.take(START);
    ProofSink sink = new ProofSink();
    Transcript pt = transcript(seed);
    Checked<ZkBackwardWalk.Result> walk = ZkBackwardWalk.prove(c, m.t(), m.pub(), List.of(), walkLambda, wc, sink,
        pt);
    assertTrue(walk.isOk(), m.name() + ": " + walk.reason());
    int walkElements = sink.elements();
    List<MaskedOpening> claims = new ArrayList<>();
    for (int j = 0; j < m.mult().length; j++) {
      long[] table = multiplicityTable(m, j);
      int vars = Integer.numberOfTrailingZeros(table.length / L);
      long[] z = randomPoint(rnd, vars);
      long[] v = mle(table, vars, z);
      int slot = j % START;
      Fr.add(v, 0, v, 0, walkLambda, slot * L);
      claims.add(new MaskedOpening(ZkColumnOpenings.multiplicityObject(j), z, v,
          MaskForm.single(slot, one(), 0)));
    }
    claims.addAll(walk.value().openings());
    int extra = ZkColumnOpenings.slots(m.vk(), claims);
    assertTrue(extra >= 0, m.name());
    int total = walkSize + extra;
    long[] lambda = Arrays.copyOf(walkLambda, total * L);
    for (int i = walkSize; i < total; i++) {
      Fr.random(lambda, i * L, rnd);
    }
    MaskCursor cursor = MaskCursor.of(total);
    cursor.take(walkSize);
    Checked<ZkColumnOpenings.Result> r = ZkColumnOpenings.prove(m.vk(), claims, m.bins(), lambda, cursor, sink, pt);
    assertTrue(r.isOk(), m.name() + ": " + r.reason());
    return new Run(sink.toBytes(), walkElements, walkSize, total, lambda, claims, r.value(), pt,
        cursor.exhausted());
  }

  /** The verifier's walk and mapping from bytes, on the claims the walk reads plus the run's lookup claims. */
  private static Verified verify(Model m, long seed, Run p, byte[] bytes) {
    Circuit c = m.vk().circuit();
    FieldReader in = new FieldReader(bytes, 0, bytes.length);
    Transcript vt = transcript(seed);
    MaskCursor wc = MaskCursor.of(p.walkSize());
    wc.take(START);
    Checked<ZkBackwardWalk.Result> walk = ZkBackwardWalk.verify(c, m.pub(), List.of(), wc, in, vt);
    if (!walk.isOk()) {
      return new Verified(walk.rethrow("walk"), in.atEnd(), vt, false);
    }
    List<MaskedOpening> claims = new ArrayList<>(p.claims().subList(0, m.mult().length));
    claims.addAll(walk.value().openings());
    MaskCursor cursor = MaskCursor.of(p.total());
    cursor.take(p.walkSize());
    Checked<ZkColumnOpenings.Result> r = ZkColumnOpenings.verify(m.vk(), claims, cursor, in, vt);
    return new Verified(r, in.atEnd(), vt, cursor.exhausted());
  }

  private static long[] column(SplittableRandom rnd, int size) {
    long[] lambda = new long[size * L];
    for (int i = 0; i < size; i++) {
      Fr.random(lambda, i * L, rnd);
    }
    return lambda;
  }

  private static long[] one() {
    long[] o = new long[L];
    Fr.setOne(o, 0);
    return o;
  }


  /** Null when every bin opening (bin MLE plus offset) and every Lambda-claim is true, else the first false one. */
  private static String falseClaim(Model m, long[] lambda, ZkColumnOpenings.Result r) {
    int nBin = m.vk().nBin();
    for (int i = 0; i < r.openings().size(); i++) {
      MaskedOpening o = r.openings().get(i);
      long[] truth = mle(m.bins()[o.object()], nBin, o.point());
      Fr.add(truth, 0, truth, 0, o.omega().evaluate(lambda), 0);
      if (!Fr.equal(truth, 0, o.value(), 0)) {
        return "opening " + i + " on bin " + o.object();
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

  @Test
  void bothSidesMapTheWalksClaimsToTheSameTrueBinOpeningsUsingTheColumnExactly() throws Exception {
    int chunked = 0;
    int single = 0;
    for (String name : MODELS) {
      Model m = model(name);
      for (long seed = 1; seed <= 2; seed++) {
        String what = name + " seed " + seed;
        Run p = run(m, seed);
        Verified v = verify(m, seed, p, p.bytes());
        assertTrue(v.result().isOk(), what + ": " + v.result().reason());
        assertTrue(v.atEnd(), what + ": the verifier read every element");
        assertArrayEquals(p.pt().challengeFr("next"), v.vt().challengeFr("next"), what + ": transcripts in step");
        assertTrue(p.exhausted() && v.exhausted(), what + ": the column used exactly on both sides");
        ZkColumnOpenings.Result a = p.result();
        ZkColumnOpenings.Result b = v.result().value();
        assertEquals(a.openings().size(), b.openings().size(), what);
        for (int i = 0; i < a.openings().size(); i++) {
          MaskedOpening x = a.openings().get(i);
          MaskedOpening y = b.openings().get(i);
          assertEquals(x.object(), y.object(), what);
          assertArrayEquals(x.point(), y.point(), what);
          assertEquals(m.vk().nBin() * L, y.point().length, what + ": a bin point");
          assertArrayEquals(x.value(), y.value(), what);
          assertTrue(org.besuzkml.mask.MaskForms.same(x.omega(), y.omega()), what + ": same offset");
        }
        assertEquals(a.lambdaClaims().size(), b.lambdaClaims().size(), what);
        for (int i = 0; i < a.lambdaClaims().size(); i++) {
          assertArrayEquals(a.lambdaClaims().get(i).value(), b.lambdaClaims().get(i).value(), what);
          assertTrue(org.besuzkml.mask.MaskForms.same(a.lambdaClaims().get(i).omega(), b.lambdaClaims().get(i).omega()), what);
        }
        assertNull(falseClaim(m, p.lambda(), b), what);
        // counts: one opening per chunk, one Lambda-claim and one stated value per chunk of a chunked claim
        int chunks = 0;
        int sums = 0;
        int openings = 0;
        ColumnIndex index = ColumnIndex.of(m.vk());
        for (MaskedOpening cl : p.claims()) {
          ColumnLayout.Column col = cl.object() < 0 ? index.multiplicity()[-1 - cl.object()]
              : m.vk().circuit().tensor(cl.object()).kind() == TensorKind.CONSTANT ? index.model()[cl.object()]
              : index.witness()[cl.object()];
          openings += col.chunks();
          if (col.chunks() > 1) {
            chunks += col.chunks();
            sums++;
          }
        }
        assertEquals(openings, b.openings().size(), what);
        assertEquals(sums, b.lambdaClaims().size(), what);
        assertEquals(chunks, p.bytes().length / Fr.BYTES - p.walkElements(), what + ": one element per chunk value");
        assertEquals(chunks, p.total() - p.walkSize(), what + ": one slot per chunk value");
        chunked += sums;
        single += p.claims().size() - sums;
        // the column matters: another one makes some claim false
        long[] other = column(new SplittableRandom(-seed), p.total());
        assertNotNull(falseClaim(m, other, b), what + ": the claims depend on the column");
      }
    }
    assertTrue(chunked >= 8, "chunked claims " + chunked);
    assertTrue(single > 50, "single-bin claims " + single);
  }

  @Test
  void aChunkedWeightOfLenet5IsReachedByTheWalk() throws Exception {
    Model m = model("lenet_5");
    Run p = run(m, 5);
    ColumnIndex index = ColumnIndex.of(m.vk());
    boolean found = false;
    for (MaskedOpening cl : p.claims()) {
      found |= cl.object() >= 0 && index.model()[cl.object()] != null && index.model()[cl.object()].chunks() > 1;
    }
    assertTrue(found, "the walk claims a weight of more than one bin");
  }

  /**
   * Every column of the layout, claimed at a random point with its MLE and no offset: a single-bin
   * column's opening is true against its real bin at the extended point; a chunked column's sum holds.
   * Function-table output columns are left out (their bins repeat the last value, 5.1; the lookup
   * phase claims them as version 1's table does).
   */
  @Test
  void everyColumnOfTheLayoutMapsToItsBinAtTheAlignedPoint() throws Exception {
    for (String name : MODELS) {
      Model m = model(name);
      Circuit c = m.vk().circuit();
      boolean[] function = new boolean[c.tensors().size()];
      for (TableInfo ti : c.tables()) {
        function[ti.values()] = true;
      }
      SplittableRandom rnd = new SplittableRandom(name.hashCode());
      List<MaskedOpening> claims = new ArrayList<>();
      List<ColumnLayout.Column> usedCols = new ArrayList<>();
      List<ColumnLayout.Column> cols = new ArrayList<>(m.vk().layout().witness());
      cols.addAll(m.vk().layout().model());
      for (ColumnLayout.Column col : cols) {
        if (col.tensor() >= 0 && function[col.tensor()]) {
          continue;
        }
        long[] table = col.tensor() >= 0 ? m.t().mle(col.tensor()) : multiplicityTable(m, col.table());
        long[] z = randomPoint(rnd, col.vars());
        int object = col.tensor() >= 0 ? col.tensor() : ZkColumnOpenings.multiplicityObject(col.table());
        claims.add(new MaskedOpening(object, z, mle(table, col.vars(), z), new MaskForm()));
        usedCols.add(col);
      }
      int slots = ZkColumnOpenings.slots(m.vk(), claims);
      long[] lambda = column(rnd, slots);
      MaskCursor cursor = MaskCursor.of(slots);
      Checked<ZkColumnOpenings.Result> r = ZkColumnOpenings.prove(m.vk(), claims, m.bins(), lambda, cursor,
          new ProofSink(), Transcript.v1());
      assertTrue(r.isOk(), name + ": " + r.reason());
      assertTrue(cursor.exhausted(), name);
      assertNull(falseClaim(m, lambda, r.value()), name);
      // the offset bits matter: a column at a non-zero offset is not read at offset 0
      boolean moved = false;
      int at = 0;
      for (int i = 0; i < claims.size(); i++) {
        ColumnLayout.Column col = usedCols.get(i);
        MaskedOpening o = r.value().openings().get(at);
        at += col.chunks();
        if (col.chunks() == 1 && col.offset() > 0) {
          long[] p = o.point().clone();
          Arrays.fill(p, 0, (m.vk().nBin() - col.vars()) * L, 0L);
          moved |= !Fr.equal(mle(m.bins()[o.object()], m.vk().nBin(), p), 0, o.value(), 0);
        }
      }
      assertEquals(r.value().openings().size(), at, name);
      assertTrue(moved, name);
    }
  }

  @Test
  void aLieAtAnyStatedChunkValueIsCaught() throws Exception {
    int lies = 0;
    for (String name : List.of("lenet_5", "1l_softmax")) {
      Model m = model(name);
      Run p = run(m, 3);
      int n = p.bytes().length / Fr.BYTES;
      for (int e = p.walkElements(); e < n; e++) {
        byte[] lie = plusOne(p.bytes(), e);
        Verified v = verify(m, 3, p, lie);
        assertTrue(v.result().isOk(), name + ": the mapping has no check of its own");
        ZkColumnOpenings.Result r = v.result().value();
        String caught = falseClaim(m, p.lambda(), r);
        assertNotNull(caught, name + ": +1 at chunk value element " + e);
        // the chunk sum (R1) and the chunk's opening are both false
        int falseSums = 0;
        for (LambdaClaim lc : r.lambdaClaims()) {
          falseSums += Fr.equal(lc.omega().evaluate(p.lambda()), 0, lc.value(), 0) ? 0 : 1;
        }
        assertEquals(1, falseSums, name + ": element " + e);
        lies++;
      }
    }
    assertTrue(lies >= 10, "lies " + lies);
  }

  @Test
  void aShortProofIsRefusedByReason() throws Exception {
    Model m = model("lenet_5");
    Run p = run(m, 2);
    for (int cut : new int[] {1, p.bytes().length / Fr.BYTES - p.walkElements()}) {
      byte[] shorter = Arrays.copyOf(p.bytes(), p.bytes().length - cut * Fr.BYTES);
      Verified v = verify(m, 2, p, shorter);
      assertFalse(v.result().isOk(), "cut " + cut);
      assertTrue(v.result().reason().contains("proof too short for the chunk values"), v.result().reason());
    }
    byte[] longer = Arrays.copyOf(p.bytes(), p.bytes().length + Fr.BYTES);
    assertFalse(verify(m, 2, p, longer).atEnd(), "a trailing element is left unread");
  }

  @Test
  void aColumnTooShortForTheChunkSlotsIsRefusedOnBothSidesAndBadBinsByTheProver() throws Exception {
    Model m = model("lenet_5");
    Run p = run(m, 2);
    MaskCursor small = MaskCursor.of(p.total() - 1);
    small.take(p.walkSize());
    Checked<ZkColumnOpenings.Result> r = ZkColumnOpenings.prove(m.vk(), p.claims(), m.bins(),
        Arrays.copyOf(p.lambda(), (p.total() - 1) * L), small, new ProofSink(), Transcript.v1());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("overrun"), r.reason());
    MaskCursor vsmall = MaskCursor.of(p.total() - 1);
    vsmall.take(p.walkSize());
    byte[] tail = Arrays.copyOfRange(p.bytes(), p.walkElements() * Fr.BYTES, p.bytes().length);
    r = ZkColumnOpenings.verify(m.vk(), p.claims(), vsmall, new FieldReader(tail, 0, tail.length), Transcript.v1());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("overrun"), r.reason());
    // the prover refuses by reason bins it cannot evaluate (a short one, too few)
    long[][] shortBins = m.bins().clone();
    for (int k = 0; k < shortBins.length; k++) {
      shortBins[k] = Arrays.copyOf(shortBins[k], L);
    }
    MaskCursor c1 = MaskCursor.of(p.total());
    c1.take(p.walkSize());
    r = ZkColumnOpenings.prove(m.vk(), p.claims(), shortBins, p.lambda(), c1, new ProofSink(), Transcript.v1());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("a bin of the wrong size"), r.reason());
    MaskCursor c2 = MaskCursor.of(p.total());
    c2.take(p.walkSize());
    r = ZkColumnOpenings.prove(m.vk(), p.claims(), Arrays.copyOf(m.bins(), 1), p.lambda(), c2, new ProofSink(),
        Transcript.v1());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("wrong size"), r.reason());
  }

  @Test
  void aClaimThatNamesNoColumnOrSitsAtAPointOfTheWrongLengthIsRefusedByReason() throws Exception {
    Model m = model("1l_mlp");
    Circuit c = m.vk().circuit();
    ColumnIndex index = ColumnIndex.of(m.vk());
    List<Integer> noColumn = new ArrayList<>();
    noColumn.add(c.tensors().size());
    noColumn.add(ZkColumnOpenings.multiplicityObject(m.mult().length));
    noColumn.add(Integer.MIN_VALUE);
    for (TensorKind k : new TensorKind[] {TensorKind.VIRTUAL, TensorKind.PUBLIC_INPUT, TensorKind.COMMITTED}) {
      for (int i = 0; i < c.tensors().size(); i++) {
        // a committed tensor without a witness column is limb-backed
        if (c.tensor(i).kind() == k && (k != TensorKind.COMMITTED || index.witness()[i] == null)) {
          noColumn.add(i);
          break;
        }
      }
    }
    assertEquals(6, noColumn.size(), "1l_mlp has a virtual, a public and a limb-backed tensor");
    for (int object : noColumn) {
      int vars = object >= 0 && object < c.tensors().size() ? c.tensor(object).vars() : 2;
      MaskedOpening bad = new MaskedOpening(object, new long[vars * L], new long[L], new MaskForm());
      assertEquals(-1, ZkColumnOpenings.slots(m.vk(), List.of(bad)));
      Checked<ZkColumnOpenings.Result> r = verifyEmpty(m, List.of(bad));
      assertFalse(r.isOk(), "object " + object);
      assertTrue(r.reason().contains("claim 0 is not on a column of the layout"), r.reason());
    }
    ColumnLayout.Column col = m.vk().layout().witness().get(0);
    int object = col.tensor() >= 0 ? col.tensor() : ZkColumnOpenings.multiplicityObject(col.table());
    for (int vars : new int[] {col.vars() - 1, col.vars() + 1, m.vk().nBin()}) {
      if (vars == col.vars()) {
        continue;
      }
      MaskedOpening bad = new MaskedOpening(object, new long[vars * L], new long[L], new MaskForm());
      Checked<ZkColumnOpenings.Result> r = verifyEmpty(m, List.of(bad));
      assertFalse(r.isOk(), "vars " + vars);
      assertTrue(r.reason().contains("wrong length"), r.reason());
    }
    MaskedOpening ok = new MaskedOpening(object, new long[col.vars() * L], new long[L], new MaskForm());
    assertTrue(verifyEmpty(m, List.of(ok)).isOk(), "the same claim at the right length is mapped");
    assertFalse(verifyEmpty(m, java.util.Arrays.asList(ok, null)).isOk(), "a null claim");
    assertFalse(verifyEmpty(m, null).isOk(), "no list");
  }

  private static Checked<ZkColumnOpenings.Result> verifyEmpty(Model m, List<MaskedOpening> claims) {
    return ZkColumnOpenings.verify(m.vk(), claims, MaskCursor.of(0), FieldReader.ofElements(new long[0], 0, 0),
        Transcript.v1());
  }

  private static byte[] plusOne(byte[] bytes, int e) {
    long[] x = new long[L];
    assertTrue(Fr.fromBytes(x, 0, bytes, e * Fr.BYTES));
    Fr.add(x, 0, x, 0, one(), 0);
    byte[] out = bytes.clone();
    Fr.toBytes(out, e * Fr.BYTES, x, 0);
    return out;
  }
}
