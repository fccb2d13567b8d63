package org.besuzkml.model.ops;

import org.besuzkml.model.Node;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QuantContext;

/**
 * One ONNX op family: its shape inference, its float semantics (for constant folding and
 * calibration) and its quantization into an integer op. Throw {@link Unsupported} for attribute
 * combinations that are not implemented; callers add the node name.
 */
public interface Op {
  /**
   * Output shapes. {@code constInputs[i]} is the value of input i when it is a constant, else null;
   * an absent optional input has a null shape.
   */
  int[][] inferShapes(Node n, int[][] inputShapes, Tensor[] constInputs);

  /** Float evaluation; an absent optional input is null. */
  Tensor[] evalFloat(Node n, Tensor[] inputs);

  /** Element types of the outputs; by default every output has the first input's type. */
  default Tensor.ElemType[] outputTypes(Node n, Tensor.ElemType[] inputTypes) {
    Tensor.ElemType[] r = new Tensor.ElemType[n.outputs().size()];
    java.util.Arrays.fill(r, inputTypes.length > 0 && inputTypes[0] != null ? inputTypes[0]
        : Tensor.ElemType.FLOAT);
    return r;
  }

  default long macs(Node n, int[][] inputShapes, int[][] outputShapes) {
    return 0;
  }

  /** The integer op; must also set the scale of every activation output in ctx. */
  IntOp quantize(Node n, QuantContext ctx);
}
