package org.besuzkml.proof.verify;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafClaim;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.transcript.Transcript;

/**
 * The claim bookkeeping around phase 3 (sections 4.3, 7.2, 8, 12.7), run identically by the prover
 * and the verifier over a {@link Side}: the walk's initial claims (lookup leaf claims, output
 * claims evaluated from the public values), then, after {@code proof.gadget.BackwardWalk}, the
 * discharge of its final claims: public tensors checked, constant and committed columns turned into
 * opening claims on bins (chunked columns by stated chunk values). The result is the list of opening claims for phase 4.
 */
public final class Walk {
  static final int L = Fr.LIMBS;

  /** An opening claim on bin {@code bin} (witness bins first, then model bins) at a bin point. */
  public record Opening(int bin, long[] point, long[] value) {}

  final VerifyingKey vk;
  final Circuit c;
  final Side side;
  final Transcript t;
  final long[][] publicValues;
  final ColumnLayout.Column[] modelColumn;
  final ColumnLayout.Column[] witnessColumn;
  final ColumnLayout.Column[] multiplicityColumn;
  final List<Opening> openings = new ArrayList<>();
  /** Gadget index being walked (for reasons). */
  int current = -1;

  /**
   * @param publicValues per tensor id its public values (logical row-major) for the public inputs
   *     and outputs, else null
   */
  public Walk(VerifyingKey vk, Side side, Transcript t, long[][] publicValues) {
    this.vk = vk;
    this.c = vk.circuit();
    this.side = side;
    this.t = t;
    this.publicValues = publicValues;
    int n = c.tensors().size();
    ColumnIndex columns = ColumnIndex.of(vk);
    modelColumn = columns.model();
    witnessColumn = columns.witness();
    multiplicityColumn = columns.multiplicity();
  }

  /** Null if the walk supports gadget g of circuit c, else the reason (prover pre-check). */
  public static String unsupported(Gadget g, Circuit c) {
    return org.besuzkml.proof.gadget.GadgetArguments.supported(g.kind()) ? null
        : g.kind() + " has no prover/verifier yet";
  }

  public List<Opening> openings() {
    return openings;
  }

  void check(boolean ok, String reason) {
    if (!ok && !side.proving()) {
      throw new Rejection((current >= 0 ? "gadget " + current + " (" + c.gadgets().get(current).kind()
          + "): " : "") + reason);
    }
  }

  // ---------------------------------------------------------------- with proof.gadget's walk

  private final List<LeafClaim> multiplicityClaims = new ArrayList<>();

  /**
   * The initial claims of the backward walk ({@code proof.gadget.BackwardWalk}): the lookup
   * phase's claims on tensors (instance columns, function-table outputs) and, for each public
   * output O, {@code (O, z_O, O~(z_O))} with {@code z_O = CHS("walk/out", m_O)} and the value
   * computed from the public values. Multiplicity claims are kept for {@link #finish}.
   */
  public List<org.besuzkml.proof.gadget.Claim> start(List<LeafClaim> leaf) {
    List<org.besuzkml.proof.gadget.Claim> out = new ArrayList<>();
    LookupPlan plan = vk.plan();
    for (LeafClaim lc : leaf) {
      switch (lc.kind()) {
        case INSTANCE_COLUMN -> {
          LookupPlan.Instance in = plan.instances().get(lc.index());
          out.add(new org.besuzkml.proof.gadget.Claim(lc.column() == 0 ? in.column1() : in.column2(),
              lc.point(), lc.value()));
        }
        case FUNCTION_OUTPUT -> out.add(new org.besuzkml.proof.gadget.Claim(
            c.tables().get(plan.tables().get(lc.index()).function()).values(), lc.point(), lc.value()));
        case MULTIPLICITY -> multiplicityClaims.add(lc);
      }
    }
    for (int o : c.outputs()) {
      long[] z = t.challengeFrs("walk/out", c.tensor(o).vars()); // a squeeze record even for 0
      out.add(new org.besuzkml.proof.gadget.Claim(o, z, publicMle(o, z)));
    }
    return out;
  }

  /**
   * Discharges the walk's final claims (on public, constant and committed tensors) and the
   * multiplicity claims: public ones are checked, the others become opening claims on bins
   * (chunked columns state their chunk values first). BackwardWalk reduces every claim on a
   * virtual or limb-backed tensor before it gets here; one that arrives anyway is rejected, not
   * opened against a column that does not exist.
   */
  public void finish(List<org.besuzkml.proof.gadget.Claim> done) {
    for (LeafClaim lc : multiplicityClaims) {
      knownColumn(multiplicityColumn[lc.index()], false, -1 - lc.index(), lc.point(), lc.value(),
          "multiplicity");
    }
    for (org.besuzkml.proof.gadget.Claim cl : done) {
      int tensor = cl.tensor();
      switch (c.tensor(tensor).kind()) {
        case PUBLIC_INPUT -> check(Fr.equal(publicMle(tensor, cl.point()), 0, cl.value(), 0),
            "walk: public tensor " + tensor + " evaluates differently");
        case CONSTANT -> knownColumn(modelColumn[tensor], true, tensor, cl.point(), cl.value(), "walk");
        case VIRTUAL -> check(false, "walk left a claim on a virtual tensor");
        default -> {
          check(witnessColumn[tensor] != null, "walk left a claim on tensor " + tensor
              + ", which has no witness column");
          knownColumn(witnessColumn[tensor], false, tensor, cl.point(), cl.value(), "walk");
        }
      }
    }
  }

  /** Tensor id, or -1 - j for the multiplicities of table j. */
  private long[] columnTable(int tensorOrTable) {
    return tensorOrTable >= 0 ? side.table(tensorOrTable) : side.multiplicities(-1 - tensorOrTable);
  }

  private void knownColumn(ColumnLayout.Column col, boolean model, int id, long[] z, long[] v,
      String what) {
    if (col.chunks() == 1) {
      openings.add(new Opening(binIndex(col, model, 0), binPoint(col, z), v.clone()));
    } else {
      check(Fr.equal(stateColumn(col, model, id, z), 0, v, 0), what + ": chunks of column do not add up");
    }
  }

  private long[] stateColumn(ColumnLayout.Column col, boolean model, int id, long[] z) {
    int nBin = vk.nBin();
    if (col.chunks() == 1) {
      long[] v = side.state(1, () -> mle(columnTable(id), col.vars(), z));
      openings.add(new Opening(binIndex(col, model, 0), binPoint(col, z), v));
      return v;
    }
    int hi = col.vars() - nBin;
    int chunks = col.chunks();
    long[] vals = side.state(chunks, () -> {
      long[] table = columnTable(id);
      long[] out = new long[chunks * L];
      long[] part = new long[(1 << nBin) * L];
      for (int k = 0; k < chunks; k++) {
        System.arraycopy(table, k * part.length, part, 0, part.length);
        Multilinear.evaluate(out, k * L, part, 0, nBin, z, hi * L);
      }
      return out;
    });
    long[] lo = java.util.Arrays.copyOfRange(z, hi * L, z.length);
    long[] sum = new long[L];
    long[] e = new long[L];
    long[] idx = new long[hi * L];
    for (int k = 0; k < chunks; k++) {
      openings.add(new Opening(binIndex(col, model, k), lo, java.util.Arrays.copyOfRange(vals, k * L, k * L + L)));
      bits(idx, 0, k, hi);
      Multilinear.eqEvaluate(e, 0, z, 0, idx, 0, hi);
      Fr.mul(e, 0, e, 0, vals, k * L);
      Fr.add(sum, 0, sum, 0, e, 0);
    }
    return sum;
  }

  private int binIndex(ColumnLayout.Column col, boolean model, int chunk) {
    return (model ? vk.witnessBinCount() : 0) + col.bin() + chunk;
  }

  /** (bits(offset >> m, nBin - m), z). */
  private long[] binPoint(ColumnLayout.Column col, long[] z) {
    int nBin = vk.nBin();
    int m = col.vars();
    long[] p = new long[nBin * L];
    bits(p, 0, col.offset() >> m, nBin - m);
    System.arraycopy(z, 0, p, (nBin - m) * L, m * L);
    return p;
  }

  /** The n bits of v (MSB first) as 0/1 field elements. */
  static void bits(long[] out, int off, long v, int n) {
    for (int i = 0; i < n; i++) {
      if (((v >>> (n - 1 - i)) & 1) != 0) {
        Fr.setOne(out, off + i * L);
      } else {
        Fr.setZero(out, off + i * L);
      }
    }
  }

  /** The MLE of a public tensor from its stated values (zero padding). */
  long[] publicMle(int tensor, long[] z) {
    TensorInfo ti = c.tensor(tensor);
    long[] vals = publicValues[tensor];
    if (vals == null) {
      throw new Rejection("tensor " + tensor + " has no public values");
    }
    return mle(padded(ti, vals), ti.vars(), z);
  }

  /** Padded Fr table of a tensor's logical values. */
  public static long[] padded(TensorInfo ti, long[] vals) {
    long[] p = new long[(1 << ti.vars()) * L];
    for (int i = 0; i < vals.length; i++) {
      Fr.fromLong(p, ti.paddedIndex(i) * L, vals[i]);
    }
    return p;
  }

  static long[] mle(long[] table, int m, long[] z) {
    long[] out = new long[L];
    if (m == 0) {
      Fr.copy(out, 0, table, 0);
    } else {
      Multilinear.evaluate(out, 0, table, 0, m, z, 0);
    }
    return out;
  }
}
