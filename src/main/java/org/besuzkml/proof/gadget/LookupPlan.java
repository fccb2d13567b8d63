package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The lookup instances and tables of a circuit (5.1, 5.2), derived from the gadget list alone (the
 * verifier derives it at vk load). Tables, in vk order: the range tables {@code R_b} used (b
 * ascending), the {@code MSB_b} used (b ascending), then the function tables in circuit order;
 * the tag of a table is its 1-based position. Instances are in gadget order.
 */
public record LookupPlan(List<Table> tables, List<Instance> instances) {
  /** Table kinds of 5.1. */
  public enum Kind { RANGE, MSB, FUNCTION }

  /** One table: kind, index bits, and for a function table its index in the circuit's list. */
  public record Table(Kind kind, int bits, int function) {
    /** Number of rows {@code 2^bits} (a function table is padded with its last value, 5.1). */
    public int rows() {
      return 1 << bits;
    }
  }

  /** A lookup of one or two column tensors (same shape) into table {@code table} (list index). */
  public record Instance(int table, int column1, int column2) {}

  public static LookupPlan of(Circuit c) {
    TreeSet<Integer> ranges = new TreeSet<>();
    TreeSet<Integer> msbs = new TreeSet<>();
    List<int[]> raw = new ArrayList<>(); // kind, bits/function, col1, col2
    for (Gadget g : c.gadgets()) {
      if (g instanceof Decomp d) {
        int n = d.limbs().length;
        for (int j = 0; j < n - 1; j++) {
          ranges.add(d.limbBits(j));
          raw.add(new int[] {0, d.limbBits(j), d.limbs()[j], -1});
        }
        int top = d.limbBits(n - 1);
        if (d.sign() >= 0 && top > 1) {
          msbs.add(top);
          raw.add(new int[] {1, top, d.limbs()[n - 1], d.sign()});
        } else {
          ranges.add(top);
          raw.add(new int[] {0, top, d.limbs()[n - 1], -1});
        }
      } else if (g instanceof MaxSelect m) {
        ranges.add(1);
        raw.add(new int[] {0, 1, m.sigma(), -1});
      } else if (g instanceof ZeroBit z) {
        ranges.add(1);
        raw.add(new int[] {0, 1, z.zeta(), -1});
      } else if (g instanceof Lookup l) {
        raw.add(new int[] {2, l.table(), l.idx(), l.y()});
      }
    }
    List<Table> tables = new ArrayList<>();
    List<Integer> rangeList = new ArrayList<>(ranges);
    List<Integer> msbList = new ArrayList<>(msbs);
    for (int b : rangeList) {
      tables.add(new Table(Kind.RANGE, b, -1));
    }
    for (int b : msbList) {
      tables.add(new Table(Kind.MSB, b, -1));
    }
    for (int f = 0; f < c.tables().size(); f++) {
      tables.add(new Table(Kind.FUNCTION, Math.max(1, c.tables().get(f).bits()), f));
    }
    List<Instance> inst = new ArrayList<>();
    for (int[] r : raw) {
      int t = switch (r[0]) {
        case 0 -> rangeList.indexOf(r[1]);
        case 1 -> rangeList.size() + msbList.indexOf(r[1]);
        default -> rangeList.size() + msbList.size() + r[1];
      };
      inst.add(new Instance(t, r[2], r[3]));
    }
    return new LookupPlan(List.copyOf(tables), List.copyOf(inst));
  }
}
