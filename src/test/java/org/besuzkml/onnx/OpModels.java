package org.besuzkml.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.besuzkml.onnx.proto.Onnx.AttributeProto;
import org.besuzkml.onnx.proto.Onnx.GraphProto;
import org.besuzkml.onnx.proto.Onnx.ModelProto;
import org.besuzkml.onnx.proto.Onnx.NodeProto;
import org.besuzkml.onnx.proto.Onnx.OperatorSetIdProto;
import org.besuzkml.onnx.proto.Onnx.TensorProto;
import org.besuzkml.onnx.proto.Onnx.TensorShapeProto;
import org.besuzkml.onnx.proto.Onnx.TypeProto;
import org.besuzkml.onnx.proto.Onnx.ValueInfoProto;

/** Builds small one-node ONNX models with the generated protobuf classes, for per-op tests. */
public final class OpModels {
  private final String op;
  private int opset = 17;
  private final List<String> inputNames = new ArrayList<>();
  private final Map<String, int[]> activations = new LinkedHashMap<>();
  private final List<TensorProto> initializers = new ArrayList<>();
  private final List<AttributeProto> attrs = new ArrayList<>();
  private int outputs = 1;
  private final java.util.Set<String> intInputs = new java.util.HashSet<>();
  private final List<NodeProto> before = new ArrayList<>();

  private OpModels(String op) {
    this.op = op;
  }

  public static OpModels node(String op) {
    return new OpModels(op);
  }

  public OpModels opset(int v) {
    opset = v;
    return this;
  }

  /** An activation input (a graph input) of the given shape. */
  public OpModels input(int... shape) {
    String name = "x" + inputNames.size();
    inputNames.add(name);
    activations.put(name, shape);
    return this;
  }

  /** An int64 graph input (indices). */
  public OpModels intInput(int... shape) {
    String name = "x" + inputNames.size();
    inputNames.add(name);
    activations.put(name, shape);
    intInputs.add(name);
    return this;
  }

  public OpModels floatConst(int[] shape, float[] data) {
    String name = "c" + inputNames.size();
    inputNames.add(name);
    initializers.add(TensorCodec.encodeFloat(name, shape, data));
    return this;
  }

  public OpModels randomConst(long seed, int... shape) {
    Random r = new Random(seed);
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (r.nextGaussian() * 0.5);
    }
    return floatConst(shape, f);
  }

  public OpModels longConst(int[] shape, long... data) {
    String name = "c" + inputNames.size();
    inputNames.add(name);
    initializers.add(TensorCodec.encodeLong(name, shape, data));
    return this;
  }

  /**
   * The last input goes through a one-input node of type op first (NonZero of a constant mask,
   * then a Transpose of that, ...): the main node reads that node's output instead.
   */
  public OpModels through(String op) {
    int last = inputNames.size() - 1;
    String from = inputNames.get(last);
    String to = "d" + before.size() + "_" + from;
    before.add(NodeProto.newBuilder().setOpType(op).setName("pre" + before.size())
        .addInput(from).addOutput(to).build());
    inputNames.set(last, to);
    return this;
  }

  /** An omitted optional input. */
  public OpModels none() {
    inputNames.add("");
    return this;
  }

  public OpModels attr(String name, long v) {
    attrs.add(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
        .setI(v).build());
    return this;
  }

  public OpModels attr(String name, double v) {
    attrs.add(AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.FLOAT).setF((float) v).build());
    return this;
  }

  public OpModels attr(String name, String v) {
    attrs.add(AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build());
    return this;
  }

  public OpModels attr(String name, long... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      b.addInts(x);
    }
    attrs.add(b.build());
    return this;
  }

  public OpModels outputs(int n) {
    outputs = n;
    return this;
  }

  private static ValueInfoProto value(String name, int[] shape) {
    TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(1);
    if (shape != null) {
      TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
      for (int d : shape) {
        s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
      }
      t.setShape(s);
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(t)).build();
  }

  public byte[] build() {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName("n0")
        .addAllInput(inputNames).addAllAttribute(attrs);
    GraphProto.Builder g = GraphProto.newBuilder().setName("g").addAllInitializer(initializers);
    for (int i = 0; i < outputs; i++) {
      n.addOutput("y" + i);
      g.addOutput(ValueInfoProto.newBuilder().setName("y" + i));
    }
    g.addAllNode(before);
    g.addNode(n);
    for (Map.Entry<String, int[]> e : activations.entrySet()) {
      ValueInfoProto v = value(e.getKey(), e.getValue());
      if (intInputs.contains(e.getKey())) {
        v = v.toBuilder().setType(v.getType().toBuilder().setTensorType(
            v.getType().getTensorType().toBuilder().setElemType(7))).build();
      }
      g.addInput(v);
    }
    return ModelProto.newBuilder().setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setGraph(g).build().toByteArray();
  }
}
