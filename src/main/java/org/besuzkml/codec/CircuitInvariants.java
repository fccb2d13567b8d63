package org.besuzkml.codec;

import java.util.Arrays;
import org.besuzkml.proof.gadget.Alias;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.Wire;
import org.besuzkml.proof.gadget.ZeroBit;

/**
 * The premises of the soundness argument (protocol.md 9.0), checked on every decoded circuit after
 * {@link CircuitCheck}'s structure (ids in range, one definition per tensor, before any read,
 * public tensors distinct). A model owner may be malicious, so nothing here trusts the compiler:
 * <ol>
 *   <li>Tensor kinds by producer. A gadget that only reduces claims (Lin, Poly, ReduceSum, Alias,
 *       Contract, Conv, Wire) defines virtual tensors, so every claim on its output reaches its
 *       argument. Every committed tensor is produced by a gadget whose relation pins it: a
 *       quotient or remainder (Requant, DivConst, DivTensor) is limb-backed by exactly one Decomp
 *       define of the width its relation assumes; a limb, a sign, a selector, a zero bit or a table
 *       output is a lookup column and is backed by nothing else.</li>
 *   <li>Widths: Requant {@code q} signed 32-bit, {@code r} {@code Pos(k)}; DivConst and DivTensor
 *       {@code q} signed 32-bit, {@code r} and {@code r'} {@code Pos(B)} (their {@code r'} checked by
 *       a Decomp check), with {@code 2^B >= 2 c_max} for DivConst; every width small enough that
 *       the relation's two sides stay far below {@code p/2}.</li>
 *   <li>A sign column is the top limb when that limb has one bit, and a column of its own looked
 *       up with the top limb in {@code MSB_b} otherwise.</li>
 *   <li>Shapes and geometry agree with the tensors (Conv, Contract, ReduceSum, Alias, Wire,
 *       broadcasts, lookup columns, function tables).</li>
 *   <li>A zero-check output is read by nobody (its argument claims zero, and would drop a claim).</li>
 *   <li>A MaxSelect or ZeroBit comes with the companions that pin its value
 *       ({@link CompanionGadgets}).</li>
 * </ol>
 */
final class CircuitInvariants {
  /** Largest width of a Decomp (the engine's integers are 64-bit; 63 keeps every offset exact). */
  static final int MAX_BITS = 63;
  /** Largest rescale shift and remainder width: the relations' sides stay below 2^(62+33). */
  static final int MAX_SHIFT = 62;
  /** Largest DivConst divisor (the engine's divisors are window sizes and counts). */
  static final long MAX_DIVISOR = 1L << 31;
  /** Largest stride, dilation and pad: window indices stay exact in 32-bit arithmetic. */
  static final int MAX_GEOMETRY = 1 << 24;

  private final Circuit c;
  /** Per tensor the gadget that defines it (-1: none), not counting a Decomp define's backing. */
  private final int[] producer;
  /** Per tensor the Decomp define that backs it, or null. */
  private final Decomp[] backing;
  /** Per tensor whether some gadget reads it. */
  private final boolean[] read;
  private final boolean[] publicOutput;
  /** Per tensor whether it is a committed graph input (version 2 only). */
  private final boolean[] privateInput;
  /** The decoder's indexes of the circuit (readers, range checks, signs): linear, built once. */
  final Index index;

  /** Per-tensor facts found in one pass, so every check stays linear in the circuit. */
  static final class Index {
    /** Per tensor the gadgets that read it, in order. */
    final int[][] readers;
    /** Per tensor a bit mask of the widths B with a Decomp check Pos(B) (offset 0) of it. */
    final long[] checkedWidths;
    /** Per tensor whether a Decomp check Act (signed 32-bit, offset 0) of it exists. */
    final boolean[] actChecked;
    /** Per sign column the tensor whose signed, offset-0 Decomp defines it, else -1. */
    final int[] signOf;

    Index(Circuit c) {
      int n = c.tensors().size();
      int[] count = new int[n];
      checkedWidths = new long[n];
      actChecked = new boolean[n];
      signOf = new int[n];
      Arrays.fill(signOf, -1);
      for (Gadget g : c.gadgets()) {
        for (int t : g.inputs()) {
          count[t]++;
        }
        if (g instanceof Decomp d && d.offset() == 0 && d.bits() >= 1 && d.bits() <= MAX_BITS) {
          if (!d.define() && !d.signed()) {
            checkedWidths[d.x()] |= 1L << d.bits();
          }
          if (!d.define() && d.signed() && d.bits() == Decomp.ACT_BITS) {
            actChecked[d.x()] = true;
          }
          if (d.signed() && d.sign() >= 0) {
            signOf[d.sign()] = d.x();
          }
        }
      }
      readers = new int[n][];
      for (int t = 0; t < n; t++) {
        readers[t] = new int[count[t]];
        count[t] = 0;
      }
      for (int gi = 0; gi < c.gadgets().size(); gi++) {
        for (int t : c.gadgets().get(gi).inputs()) {
          readers[t][count[t]++] = gi;
        }
      }
    }
  }

  private CircuitInvariants(Circuit c) {
    this.c = c;
    int n = c.tensors().size();
    producer = new int[n];
    Arrays.fill(producer, -1);
    backing = new Decomp[n];
    read = new boolean[n];
    index = new Index(c);
    publicOutput = new boolean[n];
    privateInput = new boolean[n];
    for (int o : c.outputs()) {
      publicOutput[o] = true;
    }
  }

  /** Null if the circuit meets every invariant, else the first violation. */
  static String check(Circuit c) {
    return check(c, false);
  }

  /**
   * As {@link #check(Circuit)}; with {@code zk} a graph input may be committed (a private input,
   * zk-design 4.7, P10): produced by no gadget, limb-backed by one Decomp define Act (signed 32-bit,
   * offset 0), so its values are pinned by their limbs and range-checked as a public input is.
   */
  static String check(Circuit c, boolean zk) {
    CircuitInvariants inv = new CircuitInvariants(c);
    if (zk) {
      for (int i : c.inputs()) {
        inv.privateInput[i] = c.tensor(i).kind() == TensorKind.COMMITTED;
      }
    }
    return inv.run();
  }

  private String run() {
    for (int gi = 0; gi < c.gadgets().size(); gi++) {
      Gadget g = c.gadgets().get(gi);
      for (int t : g.inputs()) {
        read[t] = true;
      }
      if (g instanceof Decomp d && d.define()) {
        if (backing[d.x()] != null) {
          return at(gi, g, "tensor " + d.x() + " has two limb decompositions");
        }
        backing[d.x()] = d;
      }
      for (int t : g.outputs()) {
        if (producer[t] < 0 && !(g instanceof Decomp d && d.define() && d.x() == t)) {
          producer[t] = gi;
        }
      }
    }
    for (int gi = 0; gi < c.gadgets().size(); gi++) {
      Gadget g = c.gadgets().get(gi);
      String bad = gadget(g);
      if (bad != null) {
        return at(gi, g, bad);
      }
    }
    for (TensorInfo t : c.tensors()) {
      String bad = tensor(t);
      if (bad != null) {
        return "tensor " + t.id() + ": " + bad;
      }
    }
    for (int i = 0; i < c.tables().size(); i++) {
      TableInfo t = c.tables().get(i);
      TensorInfo v = c.tensor(t.values());
      // the committed column holds the table padded with its last value (5.1), not zeros: it is
      // the table's and no gadget may read it as an ordinary constant
      if (v.rank() != 1 || v.dim(0) != t.size() || t.size() < 2 || read[t.values()]) {
        return "function table " + i + ": its column must be a vector of its size read by no gadget";
      }
    }
    return null;
  }

  private static String at(int gi, Gadget g, String why) {
    return "gadget " + gi + " (" + g.kind() + "): " + why;
  }

  /** Kind 1: who may define a tensor of each kind, and what must back it. */
  private String tensor(TensorInfo t) {
    int id = t.id();
    switch (t.kind()) {
      case COMMITTED -> {
        if (producer[id] < 0 && privateInput[id] && backing[id] == null && index.actChecked[id]) {
          return null; // a committed input: its own bin is C_x, its range the Decomp check Act (4.7)
        }
        if (producer[id] < 0 && privateInput[id]) {
          return backed(id, Decomp.ACT_BITS, true, "a private input");
        }
        if (producer[id] < 0) {
          return "committed but produced by no gadget";
        }
        Gadget p = c.gadgets().get(producer[id]);
        boolean quotient = p instanceof Requant || p instanceof DivConst || p instanceof DivTensor;
        if (quotient != (backing[id] != null)) {
          return quotient ? "a quotient or remainder without its limb decomposition"
              : "a lookup column must not also be limb-backed";
        }
        if (!quotient && !(p instanceof Decomp || p instanceof MaxSelect || p instanceof Lookup
            || p instanceof ZeroBit)) {
          return "committed output of a " + p.kind() + ", which pins no committed value";
        }
      }
      case VIRTUAL -> {
        if (backing[id] != null) {
          return "a virtual tensor cannot be limb-backed";
        }
      }
      default -> {
        if (backing[id] != null) {
          return "a public or constant tensor cannot be limb-backed";
        }
      }
    }
    return null;
  }

  private String gadget(Gadget g) {
    if (g instanceof Lin || g instanceof Poly || g instanceof ReduceSum || g instanceof Alias
        || g instanceof Contract || g instanceof Conv || g instanceof Wire) {
      for (int t : g.outputs()) {
        if (c.tensor(t).kind() != TensorKind.VIRTUAL) {
          return "its output must be virtual (every claim on it is reduced by its argument)";
        }
      }
    }
    if (g instanceof Decomp d) {
      return decomp(d);
    } else if (g instanceof Requant q) {
      return requant(q);
    } else if (g instanceof DivConst d) {
      return divConst(d);
    } else if (g instanceof DivTensor d) {
      return divTensor(d);
    } else if (g instanceof MaxSelect m) {
      String bad = sameShape(m.sigma(), m.u(), "sigma");
      return bad != null ? bad : CompanionGadgets.maxSelect(c, index, m);
    } else if (g instanceof Lookup l) {
      return l.table() < 0 || l.table() >= c.tables().size() ? "table index"
          : sameShape(l.y(), l.idx(), "table output");
    } else if (g instanceof ZeroBit z) {
      String bad = sameShape(z.zeta(), z.d(), "zero bit");
      return bad != null ? bad : CompanionGadgets.zeroBit(c, index, z);
    } else if (g instanceof Poly p) {
      return poly(p);
    } else if (g instanceof Lin l) {
      return l.coeffs().length != l.xs().length ? "coefficient count" : broadcast(l.y(), l.xs());
    } else if (g instanceof ReduceSum r) {
      return reduceSum(r);
    } else if (g instanceof Alias a) {
      return Alias.bitCompatible(c.tensor(a.x()).shape(), c.tensor(a.y()).shape()) ? null
          : "layouts are not bit-compatible";
    } else if (g instanceof Contract k) {
      return contract(k);
    } else if (g instanceof Conv v) {
      return ConvGeometry.check(c, v);
    } else if (g instanceof Wire w) {
      return wire(w);
    }
    return "unknown gadget kind";
  }

  private String decomp(Decomp d) {
    if (d.bits() < 1 || d.bits() > MAX_BITS || d.width() != c.limbWidth()
        || d.limbs().length != Decomp.limbCount(d.bits(), d.width())) {
      return "limb shape";
    }
    if (d.offset() < -(1L << MAX_SHIFT) || d.offset() > (1L << MAX_SHIFT)) {
      return "offset out of range";
    }
    if (d.define() && c.tensor(d.x()).kind() != TensorKind.COMMITTED) {
      return "a defining Decomp must back a committed tensor";
    }
    int n = d.limbs().length;
    for (int j = 0; j < n; j++) {
      String bad = committedLike(d.limbs()[j], d.x(), "limb");
      if (bad != null) {
        return bad;
      }
      for (int k = 0; k < j; k++) {
        if (d.limbs()[k] == d.limbs()[j]) {
          return "a limb column appears twice";
        }
      }
    }
    if (d.sign() < 0) {
      return null;
    }
    if (!d.signed()) {
      return "a sign column on an unsigned decomposition";
    }
    String bad = committedLike(d.sign(), d.x(), "sign");
    if (bad != null) {
      return bad;
    }
    boolean isTop = d.sign() == d.limbs()[n - 1];
    if ((d.limbBits(n - 1) == 1) != isTop) {
      return "the sign column must be the top limb exactly when that limb has one bit";
    }
    for (int j = 0; j < n - 1; j++) {
      if (d.limbs()[j] == d.sign()) {
        return "the sign column is a lower limb";
      }
    }
    return null;
  }

  /** A committed column in the layout of {@code like}. */
  private String committedLike(int t, int like, String what) {
    if (c.tensor(t).kind() != TensorKind.COMMITTED) {
      return what + " column must be committed";
    }
    return sameShape(t, like, what);
  }

  private String sameShape(int t, int like, String what) {
    return Arrays.equals(c.tensor(t).shape(), c.tensor(like).shape()) ? null
        : what + " column has another shape than tensor " + like;
  }

  /** The Decomp define backing t is exactly (bits, signed, offset 0). */
  private String backed(int t, int bits, boolean signed, String what) {
    Decomp d = backing[t];
    if (d == null || d.bits() != bits || d.signed() != signed || d.offset() != 0) {
      return what + " must be limb-backed as " + (signed ? "signed " : "Pos(") + bits
          + (signed ? "-bit" : ")");
    }
    return null;
  }

  /** A Decomp check of t as Pos(bits) exists (so 0 <= t < 2^bits). */
  private String rangeChecked(int t, int bits, String what) {
    return (index.checkedWidths[t] >>> bits & 1) != 0 ? null
        : what + " has no Decomp check Pos(" + bits + ")";
  }

  private String requant(Requant q) {
    if (q.k() < 1 || q.k() > MAX_SHIFT) {
      return "shift " + q.k() + " outside [1, " + MAX_SHIFT + "]";
    }
    String bad = quotient(q.acc(), q.q(), q.r());
    if (bad == null) {
      bad = backed(q.q(), Decomp.ACT_BITS, true, "q");
    }
    return bad != null ? bad : backed(q.r(), q.k(), false, "r");
  }

  /** q, r committed in a's layout. */
  private String quotient(int a, int q, int r) {
    String bad = committedLike(q, a, "quotient");
    return bad != null ? bad : committedLike(r, a, "remainder");
  }

  private String divConst(DivConst d) {
    long cMax = 0;
    for (long v : d.c()) {
      if (v < 1 || v > MAX_DIVISOR) {
        return "divisor " + v + " outside [1, 2^31]";
      }
      cMax = Math.max(cMax, v);
    }
    if (d.c().length != 1 && d.c().length != c.tensor(d.q()).size()) {
      return "divisor count";
    }
    if (d.rBits() < 1 || d.rBits() > MAX_SHIFT || (2 * cMax - 1) >> d.rBits() != 0) {
      return "remainder width " + d.rBits() + " cannot hold 2c - 1";
    }
    return division(d.a(), d.q(), d.r(), d.rPrime(), d.rBits());
  }

  private String divTensor(DivTensor d) {
    if (d.dBits() < 1 || d.dBits() > MAX_SHIFT) {
      return "divisor width " + d.dBits();
    }
    String bad = sameShape(d.d(), d.a(), "divisor");
    return bad != null ? bad : division(d.a(), d.q(), d.r(), d.rPrime(), d.dBits());
  }

  /** q Act, r and r' Pos(bits), r' virtual and range-checked: 0 <= r <= 2d - 1. */
  private String division(int a, int q, int r, int rPrime, int bits) {
    String bad = quotient(a, q, r);
    if (bad == null) {
      bad = backed(q, Decomp.ACT_BITS, true, "q");
    }
    if (bad == null) {
      bad = backed(r, bits, false, "r");
    }
    if (bad == null && c.tensor(rPrime).kind() != TensorKind.VIRTUAL) {
      bad = "r' must be virtual";
    }
    if (bad == null) {
      bad = sameShape(rPrime, a, "r'");
    }
    return bad != null ? bad : rangeChecked(rPrime, bits, "r'");
  }

  private String poly(Poly p) {
    if (p.coeffs().length != p.monomials().length || p.degree() > Poly.MAX_DEGREE) {
      return "polynomial shape";
    }
    for (int[] m : p.monomials()) {
      for (int j : m) {
        if (j < 0 || j >= p.xs().length) {
          return "monomial index";
        }
      }
    }
    if (p.zeroCheck()) {
      if (read[p.y()]) {
        return "a zero-check output is read by another gadget";
      }
      if (publicOutput[p.y()]) {
        return "a zero-check output is public";
      }
    }
    return broadcast(p.y(), p.xs());
  }

  /** Inputs have the output's rank and each dimension equal or 1. */
  private String broadcast(int y, int[] xs) {
    TensorInfo ty = c.tensor(y);
    for (int x : xs) {
      TensorInfo tx = c.tensor(x);
      if (tx.rank() != ty.rank()) {
        return "input rank";
      }
      for (int d = 0; d < ty.rank(); d++) {
        if (tx.dim(d) != ty.dim(d) && tx.dim(d) != 1) {
          return "broadcast shape";
        }
      }
    }
    return null;
  }

  private String reduceSum(ReduceSum r) {
    TensorInfo x = c.tensor(r.x());
    TensorInfo y = c.tensor(r.y());
    if (x.rank() != y.rank()) {
      return "ranks";
    }
    boolean[] reduced = new boolean[x.rank()];
    for (int a : r.axes()) {
      if (a < 0 || a >= x.rank() || reduced[a]) {
        return "axis " + a;
      }
      reduced[a] = true;
    }
    for (int d = 0; d < x.rank(); d++) {
      if (y.dim(d) != (reduced[d] ? 1 : x.dim(d))) {
        return "output shape";
      }
    }
    return null;
  }

  private String contract(Contract k) {
    TensorInfo y = c.tensor(k.y());
    TensorInfo a = c.tensor(k.a());
    TensorInfo b = c.tensor(k.b());
    int r = y.rank();
    if (r < 2 || a.rank() != r || b.rank() != r) {
      return "ranks";
    }
    for (int d = 0; d < r - 2; d++) {
      if (a.dim(d) != y.dim(d) || b.dim(d) != y.dim(d)) {
        return "batch dimensions differ (batch broadcasting is not proven in version 1)";
      }
    }
    if (a.dim(r - 2) != y.dim(r - 2) || b.dim(r - 1) != y.dim(r - 1) || a.dim(r - 1) != b.dim(r - 2)) {
      return "matrix shapes";
    }
    return null;
  }

  private String wire(Wire w) {
    long size = c.tensor(w.y()).size();
    if (w.srcInput().length != size || w.srcIndex().length != size || w.constant().length != size) {
      return "map length";
    }
    for (int i = 0; i < size; i++) {
      int s = w.srcInput()[i];
      if (s < -1 || s >= w.xs().length
          || (s >= 0 && (w.srcIndex()[i] < 0 || w.srcIndex()[i] >= c.tensor(w.xs()[s]).size()))) {
        return "map entry " + i;
      }
      // one encoding per map: a copied entry has no constant (the verifier would ignore it)
      if (s >= 0 && w.constant()[i] != 0) {
        return "map entry " + i + " copies and has a constant";
      }
    }
    return null;
  }
}
