package org.besuzkml.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.besuzkml.model.Graph;
import org.besuzkml.model.ModelException;
import org.besuzkml.model.Shapes;

/**
 * The corpus input format {@code {"input_data": [[...], ...]}}: one flat row-major list per graph
 * input. Lengths must match the graph's input shapes; NaN and Infinity are rejected.
 */
public final class InputFile {
  private InputFile() {}

  public static List<double[]> read(Path file, Graph g) throws ModelException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text, g);
  }

  /** Nested lists are accepted and read in row-major order. */
  private static void flatten(JsonNode n, List<JsonNode> out) {
    if (n.isArray()) {
      for (JsonNode e : n) {
        flatten(e, out);
      }
    } else {
      out.add(n);
    }
  }

  public static List<double[]> parse(String text, Graph g) throws ModelException {
    JsonNode root;
    try {
      root = Json.reader().readTree(text);
    } catch (IOException e) {
      throw new ModelException("input is not valid JSON: " + Json.reason(e));
    }
    JsonNode data = root == null ? null : root.get("input_data");
    if (data == null || !data.isArray()) {
      throw new ModelException("input has no \"input_data\" list");
    }
    if (data.size() != g.inputs().size()) {
      throw new ModelException("input has " + data.size() + " lists, the model has "
          + g.inputs().size() + " inputs");
    }
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      Graph.Value v = g.inputs().get(i);
      JsonNode row = data.get(i);
      int want = Shapes.size(v.shape());
      if (!row.isArray()) {
        throw new ModelException("input_data[" + i + "] is not a list");
      }
      List<JsonNode> flat = new ArrayList<>();
      flatten(row, flat);
      if (flat.size() != want) {
        throw new ModelException("input '" + v.name() + "' needs " + want + " values (shape "
            + Shapes.str(v.shape()) + "), got " + flat.size());
      }
      double[] x = new double[want];
      for (int k = 0; k < want; k++) {
        JsonNode e = flat.get(k);
        if (!e.isNumber()) {
          throw new ModelException("input_data[" + i + "][" + k + "] is not a number");
        }
        x[k] = e.asDouble();
        if (!Double.isFinite(x[k])) {
          throw new ModelException("input_data[" + i + "][" + k + "] is " + x[k]
              + "; inputs must be finite");
        }
      }
      out.add(x);
    }
    return out;
  }
}
