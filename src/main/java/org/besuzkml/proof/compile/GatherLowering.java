package org.besuzkml.proof.compile;

import java.util.Arrays;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Gather with data-dependent indices over constant data (token embeddings, engine GatherOp), as a
 * lookup into an (index, row) table (6.15c): the data, flattened row-major, is a function table
 * (committed at setup like every function table), and output element {@code (a, i, c)} is the
 * table entry at {@code (a V + k_i) inner + c}, with {@code k_i = id_i + V [id_i < 0]} (ONNX's
 * negative ids count from the end). The sign comes from a Decomp check of the ids (which also
 * proves them integers of 32 bits), {@code k <= V - 1} from a Decomp check {@code Pos}, and
 * {@code k >= 0} from the lookup itself (a negative index is not a table row). No new gadget.
 */
final class GatherLowering {
  private GatherLowering() {}

  /** Largest table a function table may be (5.1: at most 16 index bits). */
  static final int MAX_TABLE = 1 << 16;

  static void lower(Compiler c, Node n) {
    CircuitBuilder b = c.b;
    if (!c.isConst(n.input(0))) {
      throw new CompileException(n.name(), n.opType(), "Gather with computed indices needs"
          + " constant data");
    }
    String out = n.outputs().get(0);
    QTensor data = c.model.params().get(n.name() + "/" + n.input(0));
    if (data == null) {
      throw new CompileException(n.name(), n.opType(), "engine table of the data not found");
    }
    int[] ds = data.shape();
    int axis = Shapes.axis(n.attrs().getInt("axis", 0), ds.length);
    long vocab = ds[axis];
    long inner = 1;
    for (int i = axis + 1; i < ds.length; i++) {
      inner *= ds[i];
    }
    long size = data.data().length;
    if (size > MAX_TABLE) {
      throw new CompileException(n.name(), n.opType(), "Gather table of " + size
          + " entries (data " + Arrays.toString(ds) + ") exceeds the 2^16 entries of a function"
          + " table");
    }
    int ids = c.act(n.input(1));
    int[] idShape = b.shape(ids);
    int[] outShape = c.model.graph().shape(out);
    String name = n.name();
    // s = [id >= 0]; the check also proves |id| <= 2^31 and integrality
    int s = b.sign(ids, Decomp.ACT_BITS);
    // V - 1 - k = V s - id - 1 >= 0 (k = id + V (1 - s))
    int hi = b.lin(name + "/id_below_vocab", idShape, new int[] {ids, s}, new long[] {-1, vocab},
        -1);
    b.checkPos(hi, Math.max(1, 64 - Long.numberOfLeadingZeros(vocab - 1)));
    // index (a V + k) inner + c = inner id - V inner s + V inner sel + (a V inner + c)
    int[] lifted = new int[outShape.length];
    Arrays.fill(lifted, 1);
    System.arraycopy(idShape, 0, lifted, axis, idShape.length);
    int idL = b.alias(ids, lifted, name + "/ids_lifted");
    int sL = b.sign(idL, Decomp.ACT_BITS); // the alias of s
    int[] offShape = outShape.clone();
    for (int i = 0; i < idShape.length; i++) {
      offShape[axis + i] = 1;
    }
    long[] off = new long[Shapes.size(offShape)];
    boolean anyOff = false;
    for (int i = 0; i < off.length; i++) {
      long a = i / inner;
      off[i] = a * vocab * inner + i % inner;
      anyOff |= off[i] != 0;
    }
    int[] xs = anyOff ? new int[] {idL, sL, b.constant(name + "/row_offsets", offShape, off)}
        : new int[] {idL, sL};
    long[] co = anyOff ? new long[] {inner, -vocab * inner, 1} : new long[] {inner, -vocab * inner};
    int idx = b.lin(name + "/index", outShape, xs, co, vocab * inner);
    long[] v = data.data();
    // a table has at least two rows (5.1); a one-entry table repeats its value
    long[] values = v.length >= 2 ? v.clone() : new long[] {v[0], v[0]};
    int col = b.constant(name + "/table", new int[] {values.length}, values);
    int t = b.table(new TableInfo("Gather", values.length, 0, col));
    int y = b.tensor(out, TensorKind.COMMITTED, outShape);
    b.add(new Lookup(idx, y, t));
    long min = Long.MAX_VALUE;
    for (long x : values) {
      min = Math.min(min, x);
    }
    b.lowerBounds.put(y, min);
    c.define(out, y);
  }
}
