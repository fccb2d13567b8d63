package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.sumcheck.Checked;
import org.junit.jupiter.api.Test;

/**
 * The lookup layout reads a function lookup's output column wherever it is numbered: tensor 0 is a
 * column like any other (the compiler numbers inputs first, a crafted vk need not).
 */
class LookupSetupTest {
  private static Checked<LeafLayout> layout(int column1, int column2) {
    List<TensorInfo> tensors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tensors.add(new TensorInfo(i, "t" + i, TensorKind.COMMITTED, new int[] {4}));
    }
    Circuit c = new Circuit(tensors, List.of(), List.of(new TableInfo("f", 16, 0, 16)), 8, new int[0], new int[0]);
    LookupPlan plan = new LookupPlan(List.of(new LookupPlan.Table(LookupPlan.Kind.FUNCTION, 4, 0)),
        List.of(new LookupPlan.Instance(0, column1, column2)));
    VerifyingKey vk = new VerifyingKey(8, 8, false, 0, null, null, c, null, null, plan, null, null, null, null);
    return LookupSetup.layout(vk, null);
  }

  @Test
  void aFunctionLookupWhoseOutputIsTensorZeroIsATwoColumnInstance() {
    Checked<LeafLayout> zero = layout(1, 0);
    Checked<LeafLayout> other = layout(1, 2);
    Checked<LeafLayout> single = layout(1, -1);
    assertTrue(zero.isOk() && other.isOk(), zero.reason() + " / " + other.reason());
    assertEquals(other.value().leafVars(), zero.value().leafVars());
    assertEquals(other.value().leavesMessageSize(), zero.value().leavesMessageSize());
    assertEquals(other.value().proofSize(), zero.value().proofSize());
    // read as one column, the same lookup no longer matches its two-column table
    assertEquals("lookup layout: instance 0 has 1 columns for F(b=4, size=16)", single.reason());
  }
}
