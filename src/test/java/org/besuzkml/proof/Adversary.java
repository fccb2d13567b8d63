package org.besuzkml.proof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LogUpProver;
import org.besuzkml.lookup.LookupColumn;
import org.besuzkml.lookup.Multiplicities;
import org.besuzkml.pcs.HyperKzg;
import org.besuzkml.proof.gadget.BackwardWalk;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.ProofSink;
import org.besuzkml.proof.verify.LookupSetup;
import org.besuzkml.proof.verify.OpeningReduction;
import org.besuzkml.proof.verify.Statement;
import org.besuzkml.proof.verify.Walk;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBins;
import org.besuzkml.sumcheck.CompositeInstance;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.transcript.Transcript;

/**
 * A cheating prover for tests (issue 7): the prover's own pipeline ({@link Prover}'s phases, same
 * calls) run over a transcript with a {@link Transcript.Tap}, so a {@link Lie} can replace any
 * message before it is absorbed; every later challenge is then drawn from the lie and the prover
 * continues from it. The proof bytes are rebuilt from the messages as absorbed (section 8: the
 * proof is exactly the prover messages in order), so they carry the lies. It can also state a
 * statement other than the witness's (public values absorbed and used by the walk).
 */
public final class Adversary {
  static final int L = Fr.LIMBS;

  private Adversary() {}

  /** One absorbed message: field elements (flat Montgomery) or one G1 encoding. */
  public record Message(int index, String label, int section, long[] frs, byte[] g1) {
    public int count() {
      return frs == null ? 0 : frs.length / L;
    }
  }

  /** A challenge drawn after {@code afterMessages} messages. */
  public record Challenge(String label, int afterMessages, long[] values) {}

  /** A cheating strategy: each hook returns a replacement, or null to send the honest message. */
  public interface Lie {
    default long[] frs(Message honest, Run sofar) {
      return null;
    }

    default byte[] g1(Message honest, Run sofar) {
      return null;
    }

    /**
     * The witness bins to commit and open in place of the honest ones (null: the honest bins); the
     * lookups and the walk still run on the honest witness, so the commitments and the claims the
     * walk makes disagree wherever a replaced bin differs.
     */
    default long[][] witnessBins(long[][] honest, org.besuzkml.proof.gadget.ColumnLayout layout) {
      return null;
    }
  }

  public static final Lie HONEST = new Lie() { };

  /** What the adversary sent: the messages (as absorbed), the challenges, the proof bytes. */
  public static final class Run {
    public final List<Message> messages = new ArrayList<>();
    public final List<Challenge> challenges = new ArrayList<>();
    public byte[] bytes;
    public long[][] inputs;
    public long[][] outputs;
    int section = 2;

    /** The last challenge drawn with this label, or null. */
    public long[] lastChallenge(String label) {
      for (int i = challenges.size() - 1; i >= 0; i--) {
        if (challenges.get(i).label().equals(label)) {
          return challenges.get(i).values();
        }
      }
      return null;
    }

    byte[] section(int s) {
      org.besuzkml.codec.ByteWriter w = new org.besuzkml.codec.ByteWriter();
      for (Message m : messages) {
        if (m.section() == s) {
          if (m.g1() != null) {
            w.bytes(m.g1());
          } else {
            w.frs(m.frs(), 0, m.count());
          }
        }
      }
      return w.toByteArray();
    }
  }

  /** Proves w, stating its own public values. */
  public static Run prove(ProvingKey pk, Witness w, Lie lie) {
    return prove(pk, w, null, null, lie);
  }

  /**
   * Proves w (strict = false: a wrong witness is proven anyway) while stating the given public
   * values (null: the witness's): the statement absorbed and the public values the walk evaluates.
   */
  public static Run prove(ProvingKey pk, Witness w, long[][] statedInputs, long[][] statedOutputs,
      Lie lie) {
    VerifyingKey vk = pk.vk();
    Circuit c = vk.circuit();
    Run run = new Run();
    long[][] inputs = new long[c.inputs().length][];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = statedInputs != null ? statedInputs[i].clone() : w.get(c.inputs()[i]).clone();
    }
    long[][] outputs = new long[c.outputs().length][];
    for (int i = 0; i < outputs.length; i++) {
      outputs[i] = statedOutputs != null ? statedOutputs[i].clone() : w.get(c.outputs()[i]).clone();
    }
    run.inputs = inputs;
    run.outputs = outputs;
    int nBin = vk.nBin();
    Transcript t = Transcript.v1();
    Statement.absorb(t, vk, inputs, outputs);
    t.tap(new Transcript.Tap() {
      @Override
      public long[] frs(String label, long[] v, int off, int count) {
        Message honest = new Message(run.messages.size(), label, run.section,
            Arrays.copyOfRange(v, off, off + count * L), null);
        long[] sent = lie.frs(honest, run);
        run.messages.add(new Message(honest.index(), label, run.section,
            sent != null ? sent.clone() : honest.frs(), null));
        if (label.equals("lu/leaves")) {
          run.section = 4;
        }
        return sent;
      }

      @Override
      public byte[] g1(String label, byte[] enc) {
        Message honest = new Message(run.messages.size(), label, run.section, null, enc.clone());
        byte[] sent = lie.g1(honest, run);
        run.messages.add(new Message(honest.index(), label, run.section,
            null, sent != null ? sent.clone() : honest.g1()));
        return sent;
      }

      @Override
      public void challenges(String label, long[] out, int off, int n) {
        switch (label) {
          case "lu/alpha" -> run.section = 3;
          case "walk/out" -> run.section = 4;
          case "open/gamma" -> run.section = 5;
          case "open/eta" -> run.section = 6;
          default -> { }
        }
        run.challenges.add(new Challenge(label, run.messages.size(),
            Arrays.copyOfRange(out, off, off + n * L)));
      }
    });
    // phase 1 (as Prover.prove)
    LookupPlan plan = vk.plan();
    var cm = pk.compiled();
    long[][] fvals = new long[c.tables().size()][];
    for (int i = 0; i < fvals.length; i++) {
      fvals[i] = cm.constants().get(cm.circuit().tables().get(i).values());
    }
    boolean lookups = LookupSetup.hasLookups(vk);
    LeafLayout layout = lookups ? LookupSetup.layout(vk, fvals).value() : null;
    List<LookupColumn[]> cols = new ArrayList<>();
    for (LookupPlan.Instance in : plan.instances()) {
      LookupColumn a = LookupColumn.ofLongs(w.padded(in.column1()));
      cols.add(in.column2() >= 0 ? new LookupColumn[] {a, LookupColumn.ofLongs(w.padded(in.column2()))}
          : new LookupColumn[] {a});
    }
    long[][] mult = lookups ? Multiplicities.compute(layout, cols, false) : new long[0][];
    long[][] honestBins = WitnessBins.witnessBins(vk.layout(), w, mult);
    long[][] committed = lie.witnessBins(honestBins, vk.layout());
    long[][] wbins = committed != null ? committed : honestBins;
    for (long[] bin : wbins) {
      t.absorbG1("bzk/wbins", G1.encode(HyperKzg.commitSmall(pk.srs(), bin, 1 << nBin), 0));
    }
    // phase 2
    List<org.besuzkml.lookup.LeafClaim> leaf = lookups
        ? LogUpProver.prove(layout, cols, mult, t).claims().claims() : List.of();
    // phase 3
    long[][] pub = Statement.byTensor(c, inputs, outputs);
    ProverSide side = new ProverSide(w, mult, t, Prover.functionColumns(c, cm));
    Walk walk = new Walk(vk, side, t, pub);
    walk.finish(BackwardWalk.prove(c, side::table, walk.start(leaf), new ProofSink(), t));
    // phase 4
    List<Walk.Opening> claims = walk.openings();
    int nb = wbins.length + pk.modelBins().length;
    if (nb > 0) {
      long[][] bins = new long[nb][];
      for (int k = 0; k < nb; k++) {
        bins[k] = Prover.toFr(k < wbins.length ? wbins[k] : pk.modelBins()[k - wbins.length]);
      }
      long[] gamma = t.challengeFr("open/gamma");
      long[] pw = OpeningReduction.powers(gamma, claims.size());
      long[][] tables = new long[2 * nb][];
      for (int k = 0; k < nb; k++) {
        tables[k] = new long[(1 << nBin) * L];
        tables[nb + k] = bins[k];
      }
      for (int j = 0; j < claims.size(); j++) {
        Walk.Opening o = claims.get(j);
        Prover.addScaledEq(tables[o.bin()], o.point(), nBin, pw, j * L);
      }
      CompositeInstance inst = new CompositeInstance(new BinComposition(nb), nBin, tables);
      SumcheckProver.Proved red = SumcheckProver.prove(inst, t);
      long[] evals = Arrays.copyOfRange(inst.finalValues(), nb * L, 2 * nb * L);
      t.absorbFrs("open/evals", evals, 0, nb);
      long[] eta = t.challengeFr("open/eta");
      // phase 5
      HyperKzg.open(pk.srs(), bins, eta, red.point(), nBin, t);
    }
    run.bytes = Container.encode(Container.PROOF, vk.modelId(), run.section(2), run.section(3),
        run.section(4), run.section(5), run.section(6));
    return run;
  }
}
