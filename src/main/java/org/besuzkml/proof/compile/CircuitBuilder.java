package org.besuzkml.proof.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.besuzkml.proof.gadget.Alias;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Mutable state of one compilation: the tensor table, the gadget list (Decomps kept pending until
 * the limb width is known, 7.4), constants, trace names, and the primitive lowerings shared by the
 * op lowerings (scale alignment, Requant, signs, Lin, Poly).
 */
final class CircuitBuilder {
  private final List<TensorInfo> tensors = new ArrayList<>();
  private final List<Object> items = new ArrayList<>();
  private final List<TableInfo> tables = new ArrayList<>();
  final Map<Integer, long[]> constants = new LinkedHashMap<>();
  final Map<Integer, String> traceNames = new LinkedHashMap<>();
  /** Sign tensor ([x >= 0]) of a tensor that already has one (from its Decomp). */
  private final Map<Integer, Integer> signs = new HashMap<>();
  /** Tensors known to hold only 0/1 (comparison outputs). */
  final java.util.Set<Integer> booleans = new java.util.HashSet<>();
  /** Smallest value a tensor can take when statically known (table outputs), for DivTensor. */
  final Map<Integer, Long> lowerBounds = new HashMap<>();

  /** A Decomp whose limb tensors are allocated once the limb width is chosen. */
  private record PendingDecomp(int x, long offset, int bits, boolean signed, boolean define,
      int sign) {}

  int tensor(String name, TensorKind kind, int[] shape) {
    int id = tensors.size();
    tensors.add(new TensorInfo(id, name, kind, shape));
    return id;
  }

  TensorInfo info(int id) {
    return tensors.get(id);
  }

  int[] shape(int id) {
    return tensors.get(id).shape();
  }

  void add(Gadget g) {
    items.add(g);
  }

  int constant(String name, int[] shape, long[] values) {
    int id = tensor(name, TensorKind.CONSTANT, shape);
    constants.put(id, values.clone());
    return id;
  }

  int table(TableInfo t) {
    tables.add(t);
    return tables.size() - 1;
  }

  void traced(int id, String traceName) {
    traceNames.put(id, traceName);
  }

  /** t with leading size-1 dimensions added up to rank r (free alias). */
  int lift(int t, int r) {
    int[] s = shape(t);
    if (s.length == r) {
      return t;
    }
    if (s.length > r) {
      throw new IllegalArgumentException("cannot lift rank " + s.length + " to " + r);
    }
    int[] n = new int[r];
    Arrays.fill(n, 1);
    System.arraycopy(s, 0, n, r - s.length, s.length);
    return alias(t, n, info(t).name() + "/lift");
  }

  /** A free reshape (caller checked bit compatibility or only size-1 dims change). */
  int alias(int t, int[] shape, String name) {
    if (Arrays.equals(shape(t), shape)) {
      return t;
    }
    int y = tensor(name, TensorKind.VIRTUAL, shape);
    if (Alias.bitCompatible(shape(t), shape)) {
      add(new Alias(y, t));
    } else {
      // a Repack (6.8): same row-major data, different padded layout
      int n = (int) info(t).size();
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      add(new org.besuzkml.proof.gadget.Wire(y, new int[] {t}, new int[n], idx, new long[n]));
      if (booleans.contains(t)) {
        booleans.add(y);
      }
      return y;
    }
    Integer s = signs.get(t);
    if (s != null) {
      int ys = tensor(name + "/sign", TensorKind.VIRTUAL, shape);
      add(new Alias(ys, s));
      signs.put(y, ys);
    }
    if (booleans.contains(t)) {
      booleans.add(y);
    }
    if (lowerBounds.containsKey(t)) {
      lowerBounds.put(y, lowerBounds.get(t));
    }
    return y;
  }

  int lin(String name, int[] shape, int[] xs, long[] c, long c0) {
    int[] lifted = new int[xs.length];
    for (int i = 0; i < xs.length; i++) {
      lifted[i] = lift(xs[i], shape.length);
    }
    int y = tensor(name, TensorKind.VIRTUAL, shape);
    add(new Lin(y, lifted, c.clone(), c0));
    return y;
  }

  int poly(String name, int[] shape, int[] xs, long[] coeffs, int[][] monos) {
    int[] lifted = new int[xs.length];
    for (int i = 0; i < xs.length; i++) {
      lifted[i] = lift(xs[i], shape.length);
    }
    int y = tensor(name, TensorKind.VIRTUAL, shape);
    add(new Poly(y, lifted, coeffs.clone(), monos, false));
    return y;
  }

  /** Moves t (at scale from) to scale to: Lin times 2^(to-from) up, Requant down. */
  int rescale(int t, int from, int to, String name) {
    if (from == to) {
      return t;
    }
    if (to > from) {
      int d = to - from;
      if (d > 62) {
        throw new IllegalArgumentException("scale-up by 2^" + d);
      }
      return lin(name, shape(t), new int[] {t}, new long[] {1L << d}, 0);
    }
    return requant(t, from - to, name);
  }

  /** 6.2: q = round half up (acc / 2^k); q limb-backed Act with sign, r limb-backed Pos(k). */
  int requant(int acc, int k, String name) {
    return requantParts(acc, k, name)[0];
  }

  /** {@link #requant}, returning {q, r} (r = acc + 2^(k-1) - 2^k q, limb-backed Pos(k)). */
  int[] requantParts(int acc, int k, String name) {
    int[] s = shape(acc);
    int q = tensor(name, TensorKind.COMMITTED, s);
    int r = tensor(name + "/rem", TensorKind.COMMITTED, s);
    add(new Requant(acc, q, r, k));
    defineAct(q);
    items.add(new PendingDecomp(r, 0, k, false, true, -1));
    return new int[] {q, r};
  }

  /** Decomp define Act (signed 32-bit, with sign) of a committed tensor. */
  void defineAct(int q) {
    int sign = tensor(info(q).name() + "/sign", TensorKind.COMMITTED, shape(q));
    items.add(new PendingDecomp(q, 0, Decomp.ACT_BITS, true, true, sign));
    signs.put(q, sign);
  }

  /** Decomp check Act (signed 32-bit, offset 0, no sign column) of a committed input (zk-design 4.7). */
  void checkAct(int t) {
    items.add(new PendingDecomp(t, 0, Decomp.ACT_BITS, true, false, -1));
  }

  /** Decomp define Pos(bits) of a committed tensor. */
  void definePos(int t, int bits) {
    items.add(new PendingDecomp(t, 0, bits, false, true, -1));
  }

  /** Decomp check Pos(bits) of a virtual tensor (proves 0 <= t < 2^bits). */
  void checkPos(int t, int bits) {
    items.add(new PendingDecomp(t, 0, bits, false, false, -1));
  }

  /**
   * The sign [t >= 0] of t, from its Decomp when it has one, else a new Decomp check with the given
   * signed width (Act for activations, Diff for differences).
   */
  int sign(int t, int bits) {
    Integer s = signs.get(t);
    if (s != null) {
      return s;
    }
    int sign = tensor(info(t).name() + "/sign", TensorKind.COMMITTED, shape(t));
    items.add(new PendingDecomp(t, 0, bits, true, false, sign));
    signs.put(t, sign);
    booleans.add(sign);
    return sign;
  }

  /** Finishes: chooses the limb width (7.4), allocates limb tensors, builds the circuit. */
  Circuit build(int[] inputs, int[] outputs) {
    long d16 = 0;
    for (Object o : items) {
      if (o instanceof PendingDecomp p) {
        d16 += (long) Decomp.limbCount(p.bits(), 16) << info(p.x()).vars();
      }
    }
    int w = d16 >= (1L << 16) ? 16 : 8;
    List<Gadget> gadgets = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof PendingDecomp p) {
        int n = Decomp.limbCount(p.bits(), w);
        int top = p.bits() - w * (n - 1);
        int[] limbs = new int[n];
        int[] s = shape(p.x());
        for (int j = 0; j < n; j++) {
          if (j == n - 1 && top == 1 && p.signed() && p.sign() >= 0) {
            limbs[j] = p.sign();
          } else {
            limbs[j] = tensor(info(p.x()).name() + "/limb" + j, TensorKind.COMMITTED, s);
          }
        }
        gadgets.add(new Decomp(p.x(), p.offset(), p.bits(), p.signed(), p.define(), w, limbs,
            p.sign()));
      } else {
        gadgets.add((Gadget) o);
      }
    }
    return new Circuit(tensors, gadgets, tables, w, inputs, outputs);
  }
}
