package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.lookup.ColumnEncoding;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LookupInstance;
import org.besuzkml.lookup.Table;
import org.besuzkml.sumcheck.Checked;

/**
 * The circuit's {@link LookupPlan} in the terms of the logUp argument ({@code lookup} package, 5):
 * its tables and instances (every column stated plainly), as one {@link LeafLayout}.
 */
public final class LogUpLayouts {
  private LogUpLayouts() {}

  /**
   * The leaf layout. With {@code functionValues} null the function tables carry only their sizes
   * (the verifier's view); the prover passes each function table's values.
   */
  public static Checked<LeafLayout> of(Circuit c, LookupPlan plan, long[][] functionValues) {
    List<Table> tables = new ArrayList<>();
    for (LookupPlan.Table t : plan.tables()) {
      Table x = switch (t.kind()) {
        case RANGE -> Table.range(t.bits());
        case MSB -> Table.msb(t.bits());
        default -> functionValues == null
            ? Table.function(t.bits(), c.tables().get(t.function()).size())
            : Table.function(t.bits(), functionValues[t.function()]);
      };
      if (x == null) {
        return Checked.rejected("lookup table " + t.kind() + " of " + t.bits() + " bits");
      }
      tables.add(x);
    }
    List<LookupInstance> instances = new ArrayList<>();
    for (LookupPlan.Instance in : plan.instances()) {
      int[] dims = c.tensor(in.column1()).shape();
      if (dims.length == 0) {
        dims = new int[] {1};
      }
      LookupInstance li = in.column2() >= 0
          ? LookupInstance.of(in.table(), dims, ColumnEncoding.PLAIN, ColumnEncoding.PLAIN)
          : LookupInstance.of(in.table(), dims, ColumnEncoding.PLAIN);
      if (li == null) {
        return Checked.rejected("lookup instance on " + c.tensor(in.column1()).name());
      }
      instances.add(li);
    }
    return LeafLayout.of(tables, instances);
  }
}
