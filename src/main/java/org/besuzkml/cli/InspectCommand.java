package org.besuzkml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.besuzkml.model.Graph;
import org.besuzkml.model.ModelException;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.onnx.OnnxImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zkml inspect MODEL.onnx [--json]}: inputs, outputs, nodes with shapes, params, MACs. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show an ONNX model's graph after import: inputs, outputs, nodes, params, MACs.")
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.onnx")
  Path model;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  /**
   * One line on stderr; exit 2 when the model or an input is malformed or unsupported (the user
   * must change a file), 1 when a file cannot be read or written (an IOException cause).
   */
  static int fail(ModelException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    System.err.println("error: " + m);
    return e.getCause() instanceof java.io.IOException ? 1 : 2;
  }

  /** An unexpected failure: still one line, no stack trace. */
  static int internal(RuntimeException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    System.err.println("error: internal error (" + e.getClass().getSimpleName() + "): " + m);
    return 1;
  }

  @Override
  public Integer call() throws Exception {
    Graph g;
    try {
      g = OnnxImporter.read(model);
    } catch (ModelException e) {
      return fail(e);
    } catch (RuntimeException e) {
      return internal(e);
    }
    if (json) {
      ObjectMapper om = new ObjectMapper();
      ObjectNode root = om.createObjectNode();
      ArrayNode ins = root.putArray("inputs");
      for (Graph.Value v : g.inputs()) {
        ObjectNode o = ins.addObject().put("name", v.name())
            .put("dtype", g.type(v.name()).name().toLowerCase(java.util.Locale.ROOT));
        shape(o.putArray("shape"), v.shape());
      }
      ArrayNode outs = root.putArray("outputs");
      for (Graph.Value v : g.outputs()) {
        ObjectNode o = outs.addObject().put("name", v.name())
            .put("dtype", g.type(v.name()).name().toLowerCase(java.util.Locale.ROOT));
        shape(o.putArray("shape"), v.shape());
      }
      ArrayNode nodes = root.putArray("nodes");
      for (Node n : g.nodes()) {
        ObjectNode o = nodes.addObject().put("name", n.name()).put("op", n.opType());
        ArrayNode is = o.putArray("input_shapes");
        for (String i : n.inputs()) {
          int[] s = i.isEmpty() ? null : g.shape(i);
          if (s != null) {
            shape(is.addArray(), s);
          }
        }
        ArrayNode os = o.putArray("output_shapes");
        for (String i : n.outputs()) {
          if (!i.isEmpty()) {
            shape(os.addArray(), g.shape(i));
          }
        }
        o.put("params", g.params(n)).put("macs", g.macs(n));
      }
      root.put("total_params", g.totalParams());
      root.put("total_macs", g.totalMacs());
      root.put("nodes_count", g.nodes().size());
      System.out.println(om.writeValueAsString(root));
      return 0;
    }
    for (Graph.Value v : g.inputs()) {
      System.out.println("input  " + v.name() + " " + Shapes.str(v.shape()) + " "
          + g.type(v.name()).name().toLowerCase(java.util.Locale.ROOT));
    }
    for (Graph.Value v : g.outputs()) {
      System.out.println("output " + v.name() + " " + Shapes.str(v.shape()) + " "
          + g.type(v.name()).name().toLowerCase(java.util.Locale.ROOT));
    }
    System.out.printf("%-4s %-20s %-40s %-28s %10s %12s%n", "#", "op", "name", "output shape",
        "params", "MACs");
    int i = 0;
    for (Node n : g.nodes()) {
      String name = n.name().length() > 40 ? "..." + n.name().substring(n.name().length() - 37)
          : n.name();
      System.out.printf("%-4d %-20s %-40s %-28s %10d %12d%n", i++, n.opType(), name,
          Shapes.str(g.shape(n.outputs().get(0))), g.params(n), g.macs(n));
    }
    System.out.printf("total: %d nodes, %d params, %d MACs%n", g.nodes().size(), g.totalParams(),
        g.totalMacs());
    return 0;
  }

  private static void shape(ArrayNode a, int[] s) {
    for (int d : s) {
      a.add(d);
    }
  }
}
