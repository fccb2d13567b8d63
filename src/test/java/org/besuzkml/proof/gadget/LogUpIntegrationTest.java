package org.besuzkml.proof.gadget;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafClaim;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LogUpClaims;
import org.besuzkml.lookup.LogUpProver;
import org.besuzkml.lookup.LogUpVerifier;
import org.besuzkml.lookup.LookupColumn;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.proof.witness.LookupCounts;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessTables;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Phase 2 on real circuits: the lookup plan of a compiled model (limbs, signs, selector bits,
 * function tables) with the witness's multiplicities passes the logUp argument, and every
 * instance-column claim it leaves is a true evaluation of the witness.
 */
class LogUpIntegrationTest {
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_sigmoid", "1l_softmax", "1l_max_pool", "lenet_5"})
  void honestLookupsVerify(String name) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    CorpusModels.Loaded l = CorpusModels.load(name);
    Circuit c = l.compiled().circuit();
    Witness w = l.honest();
    LookupPlan plan = LookupPlan.of(c);
    long[][] fv = new long[c.tables().size()][];
    for (int i = 0; i < fv.length; i++) {
      fv[i] = l.compiled().constants().get(c.tables().get(i).values());
    }
    Checked<LeafLayout> pl = LogUpLayouts.of(c, plan, fv);
    assertTrue(pl.isOk(), pl.reason());
    List<LookupColumn[]> cols = new ArrayList<>();
    for (LookupPlan.Instance in : plan.instances()) {
      cols.add(in.column2() >= 0
          ? new LookupColumn[] {LookupColumn.ofLongs(w.padded(in.column1())),
              LookupColumn.ofLongs(w.padded(in.column2()))}
          : new LookupColumn[] {LookupColumn.ofLongs(w.padded(in.column1()))});
    }
    long[][] m = LookupCounts.of(plan, w);
    Transcript pt = Transcript.v1();
    LogUpProver.Result r = LogUpProver.prove(pl.value(), cols, m, pt);
    Checked<LeafLayout> vl = LogUpLayouts.of(c, plan, null);
    assertTrue(vl.isOk(), vl.reason());
    Checked<LogUpClaims> v = LogUpVerifier.verify(vl.value(), r.proof(), Transcript.v1());
    assertTrue(v.isOk(), name + ": " + v.reason());
    WitnessTables tab = new WitnessTables(w);
    int checked = 0;
    for (LeafClaim cl : v.value().claims()) {
      if (cl.kind() != LeafClaim.Kind.INSTANCE_COLUMN) {
        continue;
      }
      LookupPlan.Instance in = plan.instances().get(cl.index());
      int t = cl.column() == 0 ? in.column1() : in.column2();
      long[] truth = WalkMath.evaluate(tab.mle(t), c.tensor(t).vars(), cl.point());
      assertTrue(Fr.equal(truth, 0, cl.value(), 0), name + ": leaf claim on "
          + c.tensor(t).name());
      checked++;
    }
    assertTrue(checked >= plan.instances().size());

    // phase 3 continues both transcripts: output claims plus the leaf claims on columns
    Transcript vt = Transcript.v1();
    LogUpVerifier.verify(vl.value(), r.proof(), vt);
    List<Claim> pStart = startClaims(c, w, plan, r.claims(), pt);
    List<Claim> vStart = startClaims(c, w, plan, v.value(), vt);
    ProofSink sink = new ProofSink();
    BackwardWalk.prove(c, tab, pStart, sink, pt);
    byte[] bytes = sink.toBytes();
    Checked<List<Claim>> walk = BackwardWalk.verify(c, vStart,
        new org.besuzkml.sumcheck.FieldReader(bytes, 0, bytes.length), vt);
    assertTrue(walk.isOk(), name + ": " + walk.reason());
    for (Claim cl : walk.value()) {
      long[] truth = WalkMath.evaluate(tab.mle(cl.tensor()), c.tensor(cl.tensor()).vars(),
          cl.point());
      assertTrue(Fr.equal(truth, 0, cl.value(), 0), name + ": final claim on "
          + c.tensor(cl.tensor()).name());
    }
  }

  /** Output claims at "walk/out" points, then the lookup phase's instance-column claims. */
  static List<Claim> startClaims(Circuit c, Witness w, LookupPlan plan, LogUpClaims lu,
      Transcript t) {
    List<Claim> r = new ArrayList<>();
    WitnessTables tab = new WitnessTables(w);
    for (int o : c.outputs()) {
      long[] z = t.challengeFrs("walk/out", c.tensor(o).vars());
      r.add(new Claim(o, z, WalkMath.evaluate(tab.mle(o), c.tensor(o).vars(), z)));
    }
    for (LeafClaim cl : lu.claims()) {
      if (cl.kind() == LeafClaim.Kind.INSTANCE_COLUMN) {
        LookupPlan.Instance in = plan.instances().get(cl.index());
        r.add(new Claim(cl.column() == 0 ? in.column1() : in.column2(), cl.point(), cl.value()));
      }
    }
    return r;
  }

  /** A function-table output off by one: the cheater's multiplicities cannot balance the sum. */
  @ParameterizedTest
  @ValueSource(strings = {"1l_sigmoid", "1l_softmax"})
  void lookupOutputNotInTableRejected(String name) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
    CorpusModels.Loaded l = CorpusModels.load(name);
    Circuit c = l.compiled().circuit();
    Witness w = org.besuzkml.proof.witness.WitnessAttacks.lookupOutputNotInTable(l.compiled())
        .apply(l);
    LookupPlan plan = LookupPlan.of(c);
    long[][] fv = new long[c.tables().size()][];
    for (int i = 0; i < fv.length; i++) {
      fv[i] = l.compiled().constants().get(c.tables().get(i).values());
    }
    LeafLayout layout = LogUpLayouts.of(c, plan, fv).value();
    List<LookupColumn[]> cols = new ArrayList<>();
    for (LookupPlan.Instance in : plan.instances()) {
      cols.add(in.column2() >= 0
          ? new LookupColumn[] {LookupColumn.ofLongs(w.padded(in.column1())),
              LookupColumn.ofLongs(w.padded(in.column2()))}
          : new LookupColumn[] {LookupColumn.ofLongs(w.padded(in.column1()))});
    }
    long[][] m = LookupCounts.of(plan, w); // counted by index, as the cheater would
    LogUpProver.Result r;
    try {
      r = LogUpProver.prove(layout, cols, m, Transcript.v1());
    } catch (IllegalArgumentException e) {
      return; // the honest prover code refuses outright
    }
    Checked<LogUpClaims> v = LogUpVerifier.verify(LogUpLayouts.of(c, plan, null).value(),
        r.proof(), Transcript.v1());
    org.junit.jupiter.api.Assertions.assertFalse(v.isOk(), "output not in table accepted");
  }
}
