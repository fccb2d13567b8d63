package org.besuzkml.proof.verify;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.lookup.ColumnEncoding;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LookupInstance;
import org.besuzkml.lookup.Table;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.sumcheck.Checked;

/** The lookup phase's tables, instances and leaf layout (5.1-5.3) from a vk's lookup plan. */
public final class LookupSetup {
  private LookupSetup() {}

  /** True when the model has lookups at all (else phase 2 is empty). */
  public static boolean hasLookups(VerifyingKey vk) {
    return !vk.plan().tables().isEmpty();
  }

  /**
   * A function table's committed output column {@code F_out} (5.1): {@code 2^b} entries, the
   * values then the last value repeated ({@code val_F[min(j, size - 1)]}).
   */
  public static long[] functionColumn(int bits, long[] values) {
    long[] out = java.util.Arrays.copyOf(values, 1 << bits);
    for (int j = values.length; j < out.length; j++) {
      out[j] = values[values.length - 1];
    }
    return out;
  }

  /**
   * The layout; {@code functionValues} (prover side) gives each function table's values, null on
   * the verifier. Rejected if the plan does not fit the lookup package's limits.
   */
  public static Checked<LeafLayout> layout(VerifyingKey vk, long[][] functionValues) {
    return layout(vk, functionValues, false);
  }

  /** As {@link #layout}, the zero-knowledge leaf layout (zk-design 5.2: the two mask leaves reserved). */
  public static Checked<LeafLayout> zkLayout(VerifyingKey vk, long[][] functionValues) {
    return layout(vk, functionValues, true);
  }

  private static Checked<LeafLayout> layout(VerifyingKey vk, long[][] functionValues, boolean zk) {
    LookupPlan plan = vk.plan();
    List<Table> tables = new ArrayList<>();
    for (LookupPlan.Table t : plan.tables()) {
      Table tb = switch (t.kind()) {
        case RANGE -> Table.range(t.bits());
        case MSB -> Table.msb(t.bits());
        case FUNCTION -> functionValues == null
            ? Table.function(t.bits(), vk.circuit().tables().get(t.function()).size())
            : Table.function(t.bits(), functionValues[t.function()]);
      };
      if (tb == null) {
        return Checked.rejected("lookup table " + t + " out of range");
      }
      tables.add(tb);
    }
    List<LookupInstance> instances = new ArrayList<>();
    for (LookupPlan.Instance in : plan.instances()) {
      TensorInfo col = vk.circuit().tensor(in.column1());
      int[] dims = col.rank() == 0 ? new int[] {1} : col.shape();
      LookupInstance li = in.column2() >= 0
          ? LookupInstance.of(in.table(), dims, ColumnEncoding.PLAIN, ColumnEncoding.PLAIN)
          : LookupInstance.of(in.table(), dims, ColumnEncoding.PLAIN);
      if (li == null) {
        return Checked.rejected("lookup instance on tensor " + in.column1() + " malformed");
      }
      instances.add(li);
    }
    return zk ? LeafLayout.ofZk(tables, instances) : LeafLayout.of(tables, instances);
  }
}
