package org.besuzkml.proof;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.codec.ByteWriter;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LogUpProver;
import org.besuzkml.lookup.LookupColumn;
import org.besuzkml.lookup.Multiplicities;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.pcs.HyperKzg;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.verify.LookupSetup;
import org.besuzkml.proof.verify.OpeningReduction;
import org.besuzkml.proof.verify.Statement;
import org.besuzkml.proof.verify.Walk;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBins;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.sumcheck.CompositeInstance;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.transcript.Transcript;

/**
 * The prover (section 8, phases 0-5): engine trace, witness, witness bins and their commitments,
 * LogUp-GKR, the backward walk ({@link Walk} over {@link ProverSide}), the opening reduction and
 * one HyperKZG opening. Output: the proof bytes ("BZKP", 12.4) and the public values.
 */
public final class Prover {
  static final int L = Fr.LIMBS;

  private Prover() {}

  /**
   * A proof and the public values it is about (engine integers, vk order; {@code null} at a private
   * or committed input, whose values the proof hides), and per committed input its commitment
   * ({@code commitments} null when there is none).
   */
  public record Proof(byte[] bytes, long[][] inputs, long[][] outputs, byte[][] commitments) {
    /** A proof without committed inputs. */
    public Proof(byte[] bytes, long[][] inputs, long[][] outputs) {
      this(bytes, inputs, outputs, null);
    }

    /** The statement this proof is for (zk-design 11.5); a committed input carries its C_x. */
    public org.besuzkml.proof.verify.Statement statement() {
      return org.besuzkml.proof.verify.Statement.of(inputs, commitments, outputs);
    }
  }

  /** Thrown when a model cannot be proven (an unsupported gadget, an unprovable witness). */
  public static final class ProveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProveException(String message) {
      super(message);
    }
  }

  /** The witness's values of the given tensors (the statement's public values), copied. */
  static long[][] values(Witness w, int[] tensors) {
    long[][] v = new long[tensors.length][];
    for (int i = 0; i < v.length; i++) {
      v[i] = w.get(tensors[i]).clone();
    }
    return v;
  }

  /** Null if every gadget of the circuit has a prover, else the first that has none, named. */
  public static String unsupported(Circuit c) {
    for (int i = 0; i < c.gadgets().size(); i++) {
      Gadget g = c.gadgets().get(i);
      String why = Walk.unsupported(g, c);
      if (why != null) {
        return "gadget " + i + " (" + g.kind() + ", output " + c.tensor(g.outputs()[0]).name() + "): " + why;
      }
    }
    return null;
  }

  /** Phase names reported to a progress listener, in order. */
  public static final List<String> PHASES = List.of("trace", "commit", "lookup", "walk", "open", "pcs");

  /** Runs the engine on float inputs and proves the result. */
  public static Proof prove(ProvingKey pk, List<double[]> inputs) {
    return prove(pk, inputs, phase -> { });
  }

  /** As {@link #prove(ProvingKey, List)}, telling {@code progress} when each of {@link #PHASES} ends. */
  public static Proof prove(ProvingKey pk, List<double[]> inputs, java.util.function.Consumer<String> progress) {
    return prove(pk, inputs, null, progress);
  }

  /**
   * As above with the openings of the committed inputs (vk order, null elsewhere; zk-design 4.7).
   * A committed input's opening must hold this input's values and recompute its commitment.
   */
  public static Proof prove(ProvingKey pk, List<double[]> inputs, InputOpening[] openings,
      java.util.function.Consumer<String> progress) {
    String why = unsupported(pk.compiled().circuit());
    if (why != null) {
      throw new ProveException("cannot prove this model yet: " + why);
    }
    Trace trace = pk.compiled().model().run(inputs);
    Witness w = WitnessBuilder.build(pk.compiled(), trace);
    progress.accept("trace");
    if (pk.vk().zk() && openings != null) {
      return ZkProver.prove(pk, w, true, org.besuzkml.zk.DrbgRandomness.forProof(pk.vk().modelId()), openings);
    }
    return prove(pk, w, true, progress);
  }

  /**
   * Proves a witness. With {@code strict} false a witness that breaks a relation or a lookup is
   * still turned into a proof (tests: a cheating prover), which the verifier must reject.
   */
  public static Proof prove(ProvingKey pk, Witness w, boolean strict) {
    return prove(pk, w, strict, phase -> { });
  }

  static Proof prove(ProvingKey pk, Witness w, boolean strict, java.util.function.Consumer<String> progress) {
    if (pk.vk().zk()) { // a version-2 key: the zero-knowledge prover, production randomness
      return ZkProver.prove(pk, w, strict, org.besuzkml.zk.DrbgRandomness.forProof(pk.vk().modelId()));
    }
    VerifyingKey vk = pk.vk();
    Circuit c = vk.circuit();
    String why = unsupported(pk.compiled().circuit());
    if (why != null) {
      throw new ProveException("cannot prove this model yet: " + why);
    }
    long[][] inputs = values(w, c.inputs());
    long[][] outputs = values(w, c.outputs());
    int nBin = vk.nBin();
    Transcript t = Transcript.v1();
    // phase 0
    Statement.absorb(t, vk, inputs, outputs);
    // multiplicities and witness bins (phase 1)
    LookupPlan plan = vk.plan();
    CompiledModel cm = pk.compiled();
    long[][] fvals = new long[c.tables().size()][];
    for (int i = 0; i < fvals.length; i++) {
      fvals[i] = cm.constants().get(cm.circuit().tables().get(i).values());
    }
    boolean lookups = LookupSetup.hasLookups(vk);
    var layoutC = lookups ? LookupSetup.layout(vk, fvals) : null;
    if (lookups && !layoutC.isOk()) {
      throw new ProveException("lookup layout: " + layoutC.reason());
    }
    LeafLayout layout = lookups ? layoutC.value() : null;
    List<LookupColumn[]> cols = new ArrayList<>();
    for (LookupPlan.Instance in : plan.instances()) {
      LookupColumn a = LookupColumn.ofLongs(w.padded(in.column1()));
      cols.add(in.column2() >= 0 ? new LookupColumn[] {a, LookupColumn.ofLongs(w.padded(in.column2()))}
          : new LookupColumn[] {a});
    }
    long[][] mult = new long[0][];
    try {
      if (lookups) {
        mult = Multiplicities.compute(layout, cols, strict);
      }
    } catch (IllegalArgumentException e) {
      throw new ProveException("witness has a lookup entry outside its table: " + e.getMessage());
    }
    long[][] wbins = WitnessBins.witnessBins(vk.layout(), w, mult);
    ByteWriter wbOut = new ByteWriter();
    for (long[] bin : wbins) {
      long[] cmt = HyperKzg.commitSmall(pk.srs(), bin, 1 << nBin);
      byte[] enc = G1.encode(cmt, 0);
      wbOut.bytes(enc);
      t.absorbG1("bzk/wbins", enc);
    }
    progress.accept("commit");
    // phase 2
    LogUpProver.Result lu = lookups ? LogUpProver.prove(layout, cols, mult, t) : null;
    List<org.besuzkml.lookup.LeafClaim> leaf = lookups ? lu.claims().claims() : List.of();
    progress.accept("lookup");
    // phase 3
    ProverSide side = new ProverSide(w, mult, t, functionColumns(c, pk.compiled()));
    Walk walk = new Walk(vk, side, t, Statement.byTensor(c, inputs, outputs));
    org.besuzkml.proof.gadget.ProofSink sink = new org.besuzkml.proof.gadget.ProofSink();
    List<org.besuzkml.proof.gadget.Claim> done = org.besuzkml.proof.gadget.BackwardWalk.prove(
        c, side::table, walk.start(leaf), sink, t);
    walk.finish(done);
    byte[] a = sink.toBytes();
    byte[] b = side.out.toByteArray();
    byte[] walkBytes = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, walkBytes, a.length, b.length);
    progress.accept("walk");
    // phase 4
    List<Walk.Opening> claims = walk.openings();
    int nb = wbins.length + pk.modelBins().length;
    if (nb == 0) {
      byte[] proof = Container.encode(Container.PROOF, vk.modelId(), wbOut.toByteArray(),
          lookups ? lu.proof().encode() : new byte[0], walkBytes, new byte[0], new byte[0]);
      return new Proof(proof, inputs, outputs);
    }
    long[][] bins = new long[nb][];
    for (int k = 0; k < nb; k++) {
      bins[k] = toFr(k < wbins.length ? wbins[k] : pk.modelBins()[k - wbins.length]);
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
      addScaledEq(tables[o.bin()], o.point(), nBin, pw, j * L);
    }
    CompositeInstance inst = new CompositeInstance(new BinComposition(nb), nBin, tables);
    SumcheckProver.Proved red = SumcheckProver.prove(inst, t);
    long[] finals = inst.finalValues();
    long[] evals = java.util.Arrays.copyOfRange(finals, nb * L, 2 * nb * L);
    t.absorbFrs("open/evals", evals, 0, nb);
    ByteWriter openOut = new ByteWriter().bytes(red.proof().encode()).frs(evals, 0, nb);
    long[] eta = t.challengeFr("open/eta");
    progress.accept("open");
    // phase 5
    HyperKzg.Opening op = HyperKzg.open(pk.srs(), bins, eta, red.point(), nBin, t);
    byte[] proof = Container.encode(Container.PROOF, vk.modelId(), wbOut.toByteArray(),
        lookups ? lu.proof().encode() : new byte[0], walkBytes, openOut.toByteArray(), op.proof().encode());
    progress.accept("pcs");
    return new Proof(proof, inputs, outputs);
  }

  /** Per tensor id, the F_out column of a function table whose values it holds (else null). */
  static long[][] functionColumns(Circuit c, CompiledModel cm) {
    long[][] f = new long[c.tensors().size()][];
    for (var ti : c.tables()) {
      f[ti.values()] = LookupSetup.functionColumn(ti.bits(), cm.constants().get(ti.values()));
    }
    return f;
  }

  /**
   * g += scale * eq(point, .) over nBin variables. Opening points often carry 0/1 coordinates (a
   * tensor's segment within its bin); eq is zero wherever such a bit disagrees, so only the 2^f
   * entries over the f other coordinates are built and added (variable k is index bit nBin-1-k).
   */
  static void addScaledEq(long[] g, long[] point, int nBin, long[] scale, int so) {
    long[] free = new long[nBin * L];
    int[] freeBit = new int[nBin];
    int f = 0;
    int fixed = 0;
    for (int k = 0; k < nBin; k++) {
      int bit = nBin - 1 - k;
      if (Fr.isZero(point, k * L)) {
        continue;
      }
      if (Fr.isOne(point, k * L)) {
        fixed |= 1 << bit;
        continue;
      }
      Fr.copy(free, f * L, point, k * L);
      freeBit[f++] = bit;
    }
    if (f == 0) {
      Fr.add(g, fixed * L, g, fixed * L, scale, so);
      return;
    }
    long[] eq = Multilinear.eqTable(free, 0, f, scale, so);
    int n = 1 << f;
    for (int i = 0; i < n; i++) {
      int idx = fixed;
      for (int j = 0; j < f; j++) { // free variable j is bit f-1-j of i
        idx |= ((i >>> (f - 1 - j)) & 1) << freeBit[j];
      }
      Fr.add(g, idx * L, g, idx * L, eq, i * L);
    }
  }

  static long[] toFr(long[] v) {
    long[] f = new long[v.length * L];
    for (int i = 0; i < v.length; i++) {
      Fr.fromLong(f, i * L, v[i]);
    }
    return f;
  }
}
