package org.besuzkml.proof.compile;

import java.util.HashMap;
import java.util.Map;
import org.besuzkml.model.Graph;
import org.besuzkml.model.Node;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Lowers a quantized model into the gadget list (section 6). Walks the engine's steps in order;
 * each op family has its lowering ({@link LinearLowering}, {@link ElementwiseLowering},
 * {@link ActivationLowering}, {@link PoolLowering}, {@link MovementLowering},
 * {@link EinsumLowering}, {@link RoundingLowering}, {@link ScanLowering},
 * {@link ConvTransposeLowering}, {@link TopKLowering}, {@link ResizeLowering}); an op without one
 * is rejected with a {@link CompileException} naming the node.
 */
public final class Compiler {
  final QuantizedModel model;
  final CircuitBuilder b = new CircuitBuilder();
  /** Engine activation name to tensor id. */
  private final Map<String, Integer> acts = new HashMap<>();
  private final Map<String, Integer> params = new HashMap<>();

  private Compiler(QuantizedModel model) {
    this.model = model;
  }

  /** Compiles; throws {@link CompileException} for an op that cannot be lowered. */
  public static CompiledModel compile(QuantizedModel model) {
    return compile(model, null);
  }

  /**
   * As {@link #compile(QuantizedModel)}, with graph input i private where {@code privateInputs[i]}
   * (zk-design 1.2, 4.7): its tensor is committed advice, limb-backed by a Decomp define Act
   * (signed 32-bit, offset 0), so it lies in the witness bins and {@code |x| <= 2^31} holds in the
   * circuit as the verifier's check does for a public input. Null or all false: exactly the
   * public circuit.
   */
  public static CompiledModel compile(QuantizedModel model, boolean[] privateInputs) {
    return compile(model, privateInputs, null, true);
  }

  /**
   * As above; {@code affineWires = false} keeps every Wire explicit (gadget kind 2), the encoding
   * of keys made before kind 15: such a key is byte for byte the one this compiler made then.
   */
  public static CompiledModel compile(QuantizedModel model, boolean[] privateInputs, boolean affineWires) {
    return compile(model, privateInputs, null, affineWires);
  }

  /**
   * As {@link #compile(QuantizedModel, boolean[])}, with graph input i committed where {@code
   * committedInputs[i]} (zk-design 4.7): its tensor is committed advice that is not limb-backed (the
   * layout gives it a bin of its own, whose commitment is the statement's C_x) and is range-checked by
   * a Decomp check Act (signed 32-bit, offset 0) placed before any reader.
   */
  public static CompiledModel compile(QuantizedModel model, boolean[] privateInputs, boolean[] committedInputs) {
    return compile(model, privateInputs, committedInputs, true);
  }

  /** As above, with every Wire explicit unless {@code affineWires}. */
  public static CompiledModel compile(QuantizedModel model, boolean[] privateInputs, boolean[] committedInputs,
      boolean affineWires) {
    Compiler c = new Compiler(model);
    Graph g = model.graph();
    int[] inputs = new int[g.inputs().size()];
    for (int i = 0; i < inputs.length; i++) {
      Graph.Value v = g.inputs().get(i);
      boolean hidden = privateInputs != null && i < privateInputs.length && privateInputs[i];
      boolean committed = !hidden && committedInputs != null && i < committedInputs.length && committedInputs[i];
      int id = c.b.tensor(v.name(), hidden || committed ? TensorKind.COMMITTED : TensorKind.PUBLIC_INPUT,
          v.shape());
      if (hidden) {
        c.b.defineAct(id);
      } else if (committed) {
        c.b.checkAct(id);
      }
      c.acts.put(v.name(), id);
      inputs[i] = id;
    }
    for (QuantizedModel.Step s : model.steps()) {
      Node n = s.node();
      try {
        c.lower(n);
      } catch (CompileException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CompileException(n.name(), n.opType(), "cannot lower: " + e);
      }
    }
    int[] outputs = new int[g.outputs().size()];
    for (int i = 0; i < outputs.length; i++) {
      String name = g.outputs().get(i).name();
      Integer id = c.acts.get(name);
      if (id == null) {
        throw new CompileException(name, "output", "graph output is a constant");
      }
      outputs[i] = id;
    }
    // the vk carries each Wire map in its affine form where one fits (12.3 kind 15)
    Circuit built = c.b.build(inputs, outputs);
    Circuit circuit = affineWires ? WireCompaction.compact(built) : built;
    return new CompiledModel(circuit, c.b.constants, c.b.traceNames, model);
  }

  private void lower(Node n) {
    switch (n.opType()) {
      case "MatMul", "Gemm" -> LinearLowering.matmul(this, n);
      case "Conv" -> LinearLowering.conv(this, n);
      case "BatchNormalization" -> LinearLowering.batchNorm(this, n);
      case "Add", "Sub", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual"
          -> ElementwiseLowering.aligned(this, n);
      case "Mul", "Div", "Pow" -> ElementwiseLowering.arithmetic(this, n);
      case "Sum", "Mean", "Max", "Min" -> ElementwiseLowering.variadic(this, n);
      case "Where" -> ElementwiseLowering.where(this, n);
      case "Not", "And", "Or", "Xor" -> ElementwiseLowering.logic(this, n);
      case "Relu", "Abs", "Neg", "LeakyRelu", "PRelu", "Clip" -> ActivationLowering.exact(this, n);
      case "Softmax" -> ActivationLowering.softmax(this, n);
      case "MaxPool", "AveragePool", "GlobalMaxPool", "GlobalAveragePool" ->
          PoolLowering.pool(this, n);
      case "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin" -> PoolLowering.reduce(this, n);
      case "LogSoftmax" -> ActivationLowering.softmax(this, n);
      case "Floor", "Ceil", "Round", "Sign" -> RoundingLowering.lower(this, n);
      case "CumSum" -> ScanLowering.cumSum(this, n);
      case "ArgMax", "ArgMin" -> ScanLowering.argExtreme(this, n);
      case "TopK" -> TopKLowering.lower(this, n);
      case "Resize", "Upsample" -> {
        if (ResizeLowering.isLinear(this, n)) {
          ResizeLowering.lower(this, n);
        } else {
          MovementLowering.move(this, n);
        }
      }
      case "ConvTranspose" -> ConvTransposeLowering.lower(this, n);
      case "Einsum" -> EinsumLowering.lower(this, n);
      case "Gather" -> {
        if (isConst(n.input(1))) {
          MovementLowering.move(this, n);
        } else {
          GatherLowering.lower(this, n);
        }
      }
      case "Cast" -> {
        if (!Unsupported.castIsIdentity(n, scale(n.input(0)))) {
          throw notInV1(n, "Cast to an integer or bool type changes the value (truncation or"
              + " != 0), which is not data movement");
        }
        MovementLowering.move(this, n);
      }
      default -> {
        if (model.tables().containsKey(n.name())) {
          ActivationLowering.table(this, n);
        } else {
          MovementLowering.move(this, n);
        }
      }
    }
  }

  private static CompileException notInV1(Node n, String reason) {
    return new CompileException(n.name(), n.opType(), "not implemented in proof v1: " + reason);
  }

  /** Tensor id of an engine activation. */
  int act(String name) {
    Integer id = acts.get(name);
    if (id == null) {
      throw new IllegalStateException("no tensor for " + name);
    }
    return id;
  }

  boolean isConst(String name) {
    return model.graph().isConstant(name);
  }

  int scale(String name) {
    return model.scales().get(name);
  }

  /** Registers the tensor holding engine activation {@code name} (its trace name). */
  void define(String name, int id) {
    acts.put(name, id);
    b.traced(id, name);
  }

  /** A quantized constant registered by the engine under id (weights, biases, act constants). */
  int param(Node n, String id) {
    Integer t = params.get(id);
    if (t != null) {
      return t;
    }
    QTensor q = model.params().get(id);
    if (q == null) {
      throw new CompileException(n.name(), n.opType(), "engine parameter " + id + " not found");
    }
    int c = b.constant(id, q.shape(), q.data());
    params.put(id, c);
    return c;
  }

  int paramScale(String id) {
    return model.params().get(id).scale();
  }

  /** An operand: an activation, or the engine's quantized constant for input i. */
  record Operand(int id, int scale, boolean constant) {}

  Operand operand(Node n, int i) {
    String name = n.input(i);
    if (isConst(name)) {
      String id = n.name() + "/" + name;
      return new Operand(param(n, id), paramScale(id), true);
    }
    return new Operand(act(name), scale(name), false);
  }

  /** Finishes a product-like op: acc at scale prod, rescaled to the output's scale. */
  void finishRescaled(Node n, int acc, int prod) {
    String out = n.outputs().get(0);
    int s = scale(out);
    if (s == prod) {
      define(out, acc);
      return;
    }
    b.traced(acc, n.name() + "/acc");
    define(out, b.rescale(acc, prod, s, out));
  }
}
