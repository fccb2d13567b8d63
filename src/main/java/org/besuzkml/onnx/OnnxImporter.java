package org.besuzkml.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.besuzkml.model.Attributes;
import org.besuzkml.model.Graph;
import org.besuzkml.model.ModelException;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.UnsupportedOpException;
import org.besuzkml.model.ops.Op;
import org.besuzkml.model.ops.OpRegistry;
import org.besuzkml.model.ops.Unsupported;
import org.besuzkml.onnx.proto.Onnx.AttributeProto;
import org.besuzkml.onnx.proto.Onnx.GraphProto;
import org.besuzkml.onnx.proto.Onnx.ModelProto;
import org.besuzkml.onnx.proto.Onnx.NodeProto;
import org.besuzkml.onnx.proto.Onnx.OperatorSetIdProto;
import org.besuzkml.onnx.proto.Onnx.TensorProto;
import org.besuzkml.onnx.proto.Onnx.TensorShapeProto;
import org.besuzkml.onnx.proto.Onnx.ValueInfoProto;

/**
 * ONNX file to float {@link Graph}: parses the protobuf, decodes initializers and attributes, sets
 * symbolic dimensions to 1, sorts nodes topologically, lowers composite ops, infers every shape,
 * folds every node whose inputs are constant (and Shape/Size, whose value follows from static
 * shapes), folds BatchNormalization into a preceding Conv, and drops nodes no output needs.
 */
public final class OnnxImporter {
  private OnnxImporter() {}

  /** A node as read from the file, before its op is resolved. */
  record RawNode(
      String name, String opType, List<String> inputs, List<String> outputs, Attributes attrs) {}

  public static Graph read(Path file) throws ModelException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return read(bytes);
  }

  public static ModelProto parse(byte[] bytes) throws ModelException {
    ModelProto m;
    try {
      m = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ModelException("not an ONNX model (protobuf does not parse: " + e.getMessage() + ")");
    }
    if (!m.hasGraph() || m.getGraph().getOutputCount() == 0 || m.getIrVersion() <= 0) {
      throw new ModelException("not an ONNX model (no ir_version or no graph with outputs)");
    }
    return m;
  }

  public static Graph read(byte[] bytes) throws ModelException {
    return build(parse(bytes));
  }

  static int defaultOpset(ModelProto m) throws ModelException {
    for (OperatorSetIdProto o : m.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
        if (o.getVersion() < 1 || o.getVersion() > 1000) {
          throw new ModelException("invalid opset version " + o.getVersion());
        }
        return (int) o.getVersion();
      }
    }
    throw new ModelException("not a complete ONNX model: no opset_import for the default domain");
  }

  /** Any unexpected failure on malformed content still becomes a one-line ModelException. */
  public static Graph build(ModelProto m) throws ModelException {
    try {
      return buildChecked(m);
    } catch (RuntimeException e) {
      throw new ModelException("malformed model: " + e.getClass().getSimpleName() + ": "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }

  private static Graph buildChecked(ModelProto m) throws ModelException {
    int opset = defaultOpset(m);
    GraphProto g = m.getGraph();
    Map<String, Tensor> constants = new LinkedHashMap<>();
    for (TensorProto t : g.getInitializerList()) {
      constants.put(t.getName(), TensorCodec.decode(t));
    }
    if (g.getSparseInitializerCount() > 0) {
      throw new ModelException("sparse initializers are not supported");
    }
    Map<String, int[]> shapes = new HashMap<>();
    Map<String, Tensor.ElemType> types = new HashMap<>();
    List<Graph.Value> inputs = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    for (ValueInfoProto v : g.getInputList()) {
      if (constants.containsKey(v.getName())) {
        continue;
      }
      int[] s = staticShape(v, notices);
      shapes.put(v.getName(), s);
      types.put(v.getName(), TensorCodec.elemType(v.getType().getTensorType().getElemType()));
      inputs.add(new Graph.Value(v.getName(), s));
    }
    for (Map.Entry<String, Tensor> e : constants.entrySet()) {
      shapes.put(e.getKey(), e.getValue().shape());
    }
    List<RawNode> raw = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int idx = 0;
    for (NodeProto p : g.getNodeList()) {
      // Node names key the trace's internal steps and the tables: make them unique.
      String base = p.getName().isEmpty() ? p.getOpType() + "_" + idx : p.getName();
      String name = base;
      for (int k = 1; !names.add(name); k++) {
        name = base + "_" + k;
      }
      idx++;
      if (!p.getDomain().isEmpty() && !p.getDomain().equals("ai.onnx")) {
        throw new UnsupportedOpException(name, p.getOpType(), "operator domain '" + p.getDomain()
            + "' is not supported");
      }
      raw.add(new RawNode(name, p.getOpType(), p.getInputList(), p.getOutputList(),
          attributes(name, p)));
    }
    raw = topoSort(raw, constants.keySet(), shapes.keySet());

    List<Node> nodes = new ArrayList<>();
    Deque<RawNode> work = new ArrayDeque<>(raw);
    while (!work.isEmpty()) {
      RawNode r = work.removeFirst();
      List<RawNode> lowered;
      try {
        lowered = Lowering.lower(r, shapes, constants);
      } catch (RuntimeException e) {
        throw new ModelException("node '" + r.name() + "' (op " + r.opType() + "): "
            + e.getMessage());
      }
      if (lowered != null) {
        for (int i = lowered.size() - 1; i >= 0; i--) {
          work.addFirst(lowered.get(i));
        }
        continue;
      }
      process(r, opset, shapes, types, constants, nodes);
    }
    try {
      nodes = Lowering.foldBatchNorm(nodes, constants, g);
    } catch (RuntimeException e) {
      throw new ModelException("BatchNormalization folding failed: " + e.getMessage());
    }

    List<Graph.Value> outputs = new ArrayList<>();
    for (ValueInfoProto v : g.getOutputList()) {
      int[] s = shapes.get(v.getName());
      if (s == null) {
        throw new ModelException("graph output '" + v.getName() + "' is produced by no node");
      }
      outputs.add(new Graph.Value(v.getName(), s));
    }
    nodes = live(nodes, outputs);
    return new Graph(inputs, outputs, constants, nodes, shapes, types, notices);
  }

  private static void process(RawNode r, int opset, Map<String, int[]> shapes,
      Map<String, Tensor.ElemType> types, Map<String, Tensor> constants, List<Node> nodes)
      throws ModelException {
    Op op = OpRegistry.get(r.opType());
    if (op == null) {
      throw new UnsupportedOpException(r.name(), r.opType(), "no implementation of this op");
    }
    Node n = new Node(r.name(), r.opType(), r.inputs(), r.outputs(), r.attrs(), op, opset);
    int k = r.inputs().size();
    int[][] inShapes = new int[k][];
    Tensor[] consts = new Tensor[k];
    boolean allConst = true;
    for (int i = 0; i < k; i++) {
      String in = r.inputs().get(i);
      if (in.isEmpty()) {
        continue;
      }
      inShapes[i] = shapes.get(in);
      if (inShapes[i] == null) {
        throw new ModelException("node '" + r.name() + "' reads '" + in + "', which nothing produces");
      }
      consts[i] = constants.get(in);
      allConst &= consts[i] != null;
    }
    try {
      if (OpRegistry.foldsFromShape(r.opType())) {
        Tensor t = op.evalFloat(n, new Tensor[] {new Tensor(inShapes[0],
            new double[org.besuzkml.model.Shapes.size(inShapes[0])])})[0];
        define(r.outputs().get(0), t, shapes, constants);
        return;
      }
      if (allConst) {
        Tensor[] out = op.evalFloat(n, consts);
        for (int i = 0; i < r.outputs().size(); i++) {
          if (!r.outputs().get(i).isEmpty()) {
            define(r.outputs().get(i), out[i], shapes, constants);
          }
        }
        return;
      }
      int[][] outShapes = op.inferShapes(n, inShapes, consts);
      for (int[] o : outShapes) {
        if (o != null) {
          Shapes.size(o); // a too large output is refused here, naming the node
        }
      }
      Tensor.ElemType[] inTypes = new Tensor.ElemType[k];
      for (int i = 0; i < k; i++) {
        String in = r.inputs().get(i);
        inTypes[i] = in.isEmpty() ? null
            : consts[i] != null ? consts[i].type() : types.getOrDefault(in, Tensor.ElemType.FLOAT);
      }
      Tensor.ElemType[] outTypes = op.outputTypes(n, inTypes);
      for (int i = 0; i < r.outputs().size(); i++) {
        if (!r.outputs().get(i).isEmpty()) {
          shapes.put(r.outputs().get(i), outShapes[i]);
          types.put(r.outputs().get(i), outTypes[i]);
        }
      }
      nodes.add(n);
    } catch (Unsupported e) {
      throw new UnsupportedOpException(r.name(), r.opType(), e.getMessage());
    } catch (RuntimeException e) {
      throw new ModelException("node '" + r.name() + "' (op " + r.opType() + "): " + e.getMessage(),
          e);
    }
  }

  private static void define(String name, Tensor t, Map<String, int[]> shapes,
      Map<String, Tensor> constants) {
    constants.put(name, t);
    shapes.put(name, t.shape());
  }

  /**
   * Shape of a graph input; symbolic, unknown or non-positive dimensions become 1, each with a
   * notice (the model is then proved for that one size only, which the user should know).
   */
  static int[] staticShape(ValueInfoProto v, List<String> notices) throws ModelException {
    if (!v.getType().hasTensorType()) {
      throw new ModelException("graph input '" + v.getName() + "' is not a tensor");
    }
    TensorShapeProto s = v.getType().getTensorType().getShape();
    int[] r = new int[s.getDimCount()];
    long size = 1;
    for (int i = 0; i < r.length; i++) {
      var d = s.getDim(i);
      long x = d.hasDimValue() ? d.getDimValue() : 1;
      String why = d.hasDimParam() ? "dynamic ('" + d.getDimParam() + "')"
          : !d.hasDimValue() ? "dynamic (no value)" : x <= 0 ? "negative (" + x + ")" : null;
      if (x == 0 && d.hasDimValue()) {
        why = "0";
      }
      if (why != null) {
        notices.add(ModelException.oneLine("input '" + v.getName() + "' dim " + i + " is " + why
            + "; using 1"));
        x = 1;
      }
      if (x > Integer.MAX_VALUE) {
        throw new ModelException("graph input '" + v.getName() + "' has dimension " + x);
      }
      r[i] = (int) x;
      size *= x;
      if (size > Shapes.MAX_ELEMENTS) {
        throw new ModelException("graph input '" + v.getName() + "' has shape " + shapeOf(s)
            + ": more than " + Shapes.MAX_ELEMENTS + " elements, the limit of one tensor");
      }
    }
    return r;
  }

  private static String shapeOf(TensorShapeProto s) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < s.getDimCount(); i++) {
      b.append(i == 0 ? "" : ", ").append(s.getDim(i).hasDimValue() ? String.valueOf(s.getDim(i).getDimValue())
          : s.getDim(i).getDimParam());
    }
    return b.append("]").toString();
  }

  static Attributes attributes(String node, NodeProto p) throws ModelException {
    Map<String, Object> m = new LinkedHashMap<>();
    for (AttributeProto a : p.getAttributeList()) {
      Object v;
      switch (a.getType()) {
        case FLOAT -> v = (double) a.getF();
        case INT -> v = a.getI();
        case STRING -> v = a.getS().toString(StandardCharsets.UTF_8);
        case TENSOR -> v = TensorCodec.decode(a.getT());
        case FLOATS -> {
          double[] d = new double[a.getFloatsCount()];
          for (int i = 0; i < d.length; i++) {
            d[i] = a.getFloats(i);
          }
          v = d;
        }
        case INTS -> {
          long[] d = new long[a.getIntsCount()];
          for (int i = 0; i < d.length; i++) {
            d[i] = a.getInts(i);
          }
          v = d;
        }
        case STRINGS -> {
          String[] d = new String[a.getStringsCount()];
          for (int i = 0; i < d.length; i++) {
            d[i] = a.getStrings(i).toString(StandardCharsets.UTF_8);
          }
          v = d;
        }
        case GRAPH, GRAPHS -> throw new UnsupportedOpException(node, p.getOpType(),
            "subgraph attribute '" + a.getName() + "' (control flow) is not supported");
        default -> v = null;
      }
      if (v != null) {
        m.put(a.getName(), v);
      }
    }
    return new Attributes(m);
  }

  /** Kahn's algorithm; keeps file order among ready nodes. */
  static List<RawNode> topoSort(List<RawNode> nodes, Set<String> constants, Set<String> inputs)
      throws ModelException {
    Set<String> available = new HashSet<>(constants);
    available.addAll(inputs);
    available.add("");
    List<RawNode> pending = new ArrayList<>(nodes);
    List<RawNode> out = new ArrayList<>();
    boolean progress = true;
    while (!pending.isEmpty() && progress) {
      progress = false;
      for (int i = 0; i < pending.size(); i++) {
        RawNode r = pending.get(i);
        if (available.containsAll(r.inputs())) {
          out.add(r);
          available.addAll(r.outputs());
          pending.remove(i);
          i--;
          progress = true;
        }
      }
    }
    if (!pending.isEmpty()) {
      RawNode r = pending.get(0);
      throw new ModelException("node '" + r.name() + "' (op " + r.opType()
          + ") has an input that nothing produces, or the graph has a cycle");
    }
    return out;
  }

  /** Nodes that some graph output depends on. */
  static List<Node> live(List<Node> nodes, List<Graph.Value> outputs) {
    Set<String> needed = new HashSet<>();
    for (Graph.Value v : outputs) {
      needed.add(v.name());
    }
    List<Node> keep = new ArrayList<>();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      boolean used = false;
      for (String o : n.outputs()) {
        used |= needed.contains(o);
      }
      if (used) {
        keep.add(0, n);
        needed.addAll(n.inputs());
      }
    }
    return keep;
  }
}
