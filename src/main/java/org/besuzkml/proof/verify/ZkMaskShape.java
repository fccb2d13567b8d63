package org.besuzkml.proof.verify;

import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LookupInstance;
import org.besuzkml.lookup.ZkLogUpVerifier;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.gadget.ZkWalkShape;
import org.besuzkml.sumcheck.Checked;

/**
 * The mask column of a version-2 proof from the vk alone (zk-design 3.5, 11.2), static: no witness,
 * no proof, no dry run. The column is the lookup phase's entries {@code [0, lookupEnd)}, the walk's
 * {@code [lookupEnd, walkEnd)} and the bin mapping's chunk slots {@code [walkEnd, size)}:
 * <ul>
 *   <li>lookup ({@link ZkLogUpVerifier}): the 4 mask leaves; per layer {@code k = 1..L-1} its run's
 *       coefficients {@code 3(k-1) + 5} and the 4 children's slots; one slot per masked leaf element;
 *   <li>walk ({@link ZkWalkShape}), from the output claims and the leaf claims on tensors (per
 *       instance segment one per column, per function-table segment one on its output column);
 *   <li>bin mapping ({@link ZkColumnOpenings#slots}): per opening claim on a chunked column (the
 *       walk's and the multiplicities') its chunk count.
 * </ul>
 * Bounded work for any decodable vk (linear in its gadgets and segments), never throws.
 *
 * @param lookupEnd entries of the lookup phase (0 without lookups)
 * @param walkEnd {@code lookupEnd} plus the walk's entries
 * @param size |Lambda|
 * @param walkElements field elements of the walk's messages (the WALK section, bin mapping excluded)
 * @param mappingElements field elements the bin mapping states (one per chunk slot)
 * @param walkCoefficients the walk's masked-run coefficients, {@code sum D_t} over its runs (part of
 *     {@code walkElements})
 */
public record ZkMaskShape(int lookupEnd, int walkEnd, int size, long walkElements, long mappingElements,
    long walkCoefficients) {
  /** The shape for vk with its zero-knowledge leaf layout (null iff the vk has no lookups), or a refusal. */
  public static Checked<ZkMaskShape> of(VerifyingKey vk, LeafLayout zkLayout) {
    try {
      return compute(vk, zkLayout);
    } catch (RuntimeException e) {
      return Checked.rejected("zk mask shape: malformed key (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Entries the zk lookup phase takes on this layout (zk-design 5.3); 0 for none. */
  public static long lookupSlots(LeafLayout layout) {
    if (layout == null) {
      return 0;
    }
    long n = 4; // the two mask leaves' numerators and denominators
    for (int k = 1; k < layout.leafVars(); k++) {
      n += 3L * (k - 1) + 5 + 4; // LeafLayout.zkLayerDegrees(k), then p0, p1, q0, q1
    }
    return n + ZkLogUpVerifier.maskedLeafCount(layout);
  }

  private static Checked<ZkMaskShape> compute(VerifyingKey vk, LeafLayout layout) {
    if (vk == null) {
      return Checked.rejected("zk mask shape: no key");
    }
    boolean lookups = !vk.plan().tables().isEmpty();
    if (lookups != (layout != null) || (layout != null && !layout.isZk())) {
      return Checked.rejected("zk mask shape: a zero-knowledge leaf layout exactly when the key has lookups");
    }
    Circuit c = vk.circuit();
    ColumnIndex index = ColumnIndex.of(vk);
    long lookupEnd = lookupSlots(layout);
    int[] initial = leafTensors(vk, layout);
    if (initial == null) {
      return Checked.rejected("zk mask shape: the leaf layout does not match the key's lookup plan");
    }
    Checked<ZkWalkShape.Shape> walk = ZkWalkShape.of(c, initial);
    if (!walk.isOk()) {
      return Checked.rejected(walk.reason());
    }
    long mapping = 0;
    for (int t = 0; t < c.tensors().size(); t++) {
      long n = walk.value().openingsOn(t);
      if (n == 0) {
        continue;
      }
      TensorInfo ti = c.tensor(t);
      ColumnLayout.Column col = ti.kind() == TensorKind.CONSTANT ? index.model()[t] : index.witness()[t];
      if (col == null) {
        return Checked.rejected("zk mask shape: an opening on " + ti.name() + ", which has no column");
      }
      mapping += col.chunks() > 1 ? n * col.chunks() : 0;
    }
    if (layout != null) {
      for (LeafLayout.Segment s : layout.segments()) {
        if (s.kind() == LeafLayout.Kind.TABLE) {
          ColumnLayout.Column col = s.index() < index.multiplicity().length ? index.multiplicity()[s.index()] : null;
          if (col == null) {
            return Checked.rejected("zk mask shape: table " + s.index() + " has no multiplicity column");
          }
          mapping += col.chunks() > 1 ? col.chunks() : 0;
        }
      }
    }
    long walkEnd = lookupEnd + walk.value().slots();
    long size = walkEnd + mapping;
    if (MaskCursor.of(size) == null) {
      return Checked.rejected("zk mask shape: a mask column of " + size + " entries");
    }
    return Checked.ok(new ZkMaskShape((int) lookupEnd, (int) walkEnd, (int) size, walk.value().elements(),
        mapping, walk.value().coefficients()));
  }

  /**
   * The tensors the lookup phase leaves claims on, in its order (ZkLeafCheck): per instance segment
   * one per column, per table segment with a committed output its output column; null on a mismatch.
   */
  private static int[] leafTensors(VerifyingKey vk, LeafLayout layout) {
    if (layout == null) {
      return new int[0];
    }
    LookupPlan plan = vk.plan();
    int n = 0;
    for (int pass = 0; pass < 2; pass++) {
      int[] out = pass == 0 ? null : new int[n];
      int k = 0;
      for (LeafLayout.Segment s : layout.segments()) {
        if (s.kind() == LeafLayout.Kind.INSTANCE) {
          if (s.index() >= plan.instances().size() || s.index() >= layout.instances().size()) {
            return null;
          }
          LookupInstance lk = layout.instances().get(s.index());
          LookupPlan.Instance in = plan.instances().get(s.index());
          for (int col = 0; col < lk.columns(); col++) {
            if (out != null) {
              out[k] = col == 0 ? in.column1() : in.column2();
            }
            k++;
          }
        } else if (s.kind() == LeafLayout.Kind.TABLE) {
          if (s.index() >= plan.tables().size() || s.index() >= layout.tables().size()) {
            return null;
          }
          if (layout.tables().get(s.index()).hasCommittedOutput()) {
            LookupPlan.Table t = plan.tables().get(s.index());
            if (t.function() < 0 || t.function() >= vk.circuit().tables().size()) {
              return null;
            }
            if (out != null) {
              out[k] = vk.circuit().tables().get(t.function()).values();
            }
            k++;
          }
        }
      }
      if (out != null) {
        return out;
      }
      n = k;
    }
    return null;
  }
}
