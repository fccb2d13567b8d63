package org.besuzkml.model;

import java.util.List;
import org.besuzkml.model.ops.Op;

/**
 * One operation of the graph. An empty input name is an omitted optional input (ONNX convention).
 *
 * @param name unique node name (synthesized at import when the file has none)
 * @param opType ONNX op type, e.g. {@code Conv}
 * @param op the implementation resolved from {@link org.besuzkml.model.ops.OpRegistry}
 * @param opset version of the default ONNX domain the model imports (some ops changed meaning)
 */
public record Node(
    String name,
    String opType,
    List<String> inputs,
    List<String> outputs,
    Attributes attrs,
    Op op,
    int opset) {
  public Node {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public String input(int i) {
    return i < inputs.size() ? inputs.get(i) : "";
  }

  public boolean hasInput(int i) {
    return !input(i).isEmpty();
  }
}
