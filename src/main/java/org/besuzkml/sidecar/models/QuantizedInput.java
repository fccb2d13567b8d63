package org.besuzkml.sidecar.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.besuzkml.codec.Hex;
import org.besuzkml.codec.Keccak;
import org.besuzkml.model.quant.FixedPoint;

/**
 * A request input in the engine's integers: per graph input, {@code floor(x * 2^scale + 1/2)}
 * exactly as the engine quantizes. The canonical encoding is {@code u32 count} then {@code count x
 * i64} (big-endian) per input, and the dedup key is keccak256(model id || that encoding): two
 * requests that quantize to the same field inputs are one job.
 */
public record QuantizedInput(long[][] values) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses {@code {"input_data": [[...], ...]}} (nested lists read row-major) against the model. */
  public static QuantizedInput decode(JsonNode input, LoadedModel m) throws InvalidInput {
    JsonNode data = input == null || !input.isObject() ? null : input.get("input_data");
    if (data == null || !data.isArray()) {
      throw new InvalidInput("input must be an object {\"input_data\": [[...], ...]}");
    }
    List<LoadedModel.Tensor> ins = m.inputs();
    if (data.size() != ins.size()) {
      throw new InvalidInput("input_data has " + data.size() + " lists, model " + m.name() + " has "
          + ins.size() + " inputs");
    }
    long[][] q = new long[ins.size()][];
    for (int i = 0; i < ins.size(); i++) {
      LoadedModel.Tensor t = ins.get(i);
      List<JsonNode> flat = new ArrayList<>();
      if (!data.get(i).isArray() || !flatten(data.get(i), flat, t.size())) {
        throw new InvalidInput("input '" + t.name() + "' needs a list of " + t.size() + " numbers (shape "
            + java.util.Arrays.toString(t.shape()) + ")");
      }
      if (flat.size() != t.size()) {
        throw new InvalidInput("input '" + t.name() + "' needs " + t.size() + " values, got " + flat.size());
      }
      q[i] = new long[t.size()];
      double bound = Math.scalb((double) FixedPoint.MAX_ACT, -t.scale());
      for (int k = 0; k < flat.size(); k++) {
        JsonNode e = flat.get(k);
        if (!e.isNumber()) {
          throw new InvalidInput("input_data[" + i + "][" + k + "] is not a number");
        }
        double x = e.asDouble();
        if (!Double.isFinite(x)) {
          throw new InvalidInput("input_data[" + i + "][" + k + "] is " + x + "; inputs must be finite");
        }
        double s = Math.floor(Math.scalb(x, t.scale()) + 0.5);
        if (s > FixedPoint.MAX_ACT || s < -FixedPoint.MAX_ACT) {
          throw new InvalidInput("input_data[" + i + "][" + k + "] is " + x + ", outside the fixed-point range +-"
              + bound + " of input '" + t.name() + "'");
        }
        q[i][k] = FixedPoint.quantize(x, t.scale());
      }
    }
    return new QuantizedInput(q);
  }

  /** False when there are more leaves than {@code max} (stop early on a hostile input). */
  private static boolean flatten(JsonNode n, List<JsonNode> out, int max) {
    if (n.isArray()) {
      for (JsonNode e : n) {
        if (!flatten(e, out, max)) {
          return false;
        }
      }
      return true;
    }
    out.add(n);
    return out.size() <= max;
  }

  /** Canonical bytes: per input u32 count, then each value as i64, big-endian. */
  public byte[] canonical() {
    int n = 0;
    for (long[] v : values) {
      n += 4 + 8 * v.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (long[] v : values) {
      b.putInt(v.length);
      for (long x : v) {
        b.putLong(x);
      }
    }
    return b.array();
  }

  /** keccak256(model id || canonical encoding), 0x-prefixed hex. */
  public String dedupKey(LoadedModel m) {
    return Hex.encode(Keccak.hash(Hex.decode(m.id()), canonical()));
  }

  /** The stored form: JSON lists of the integers. */
  public String toJson() {
    ArrayNode a = JSON.createArrayNode();
    for (long[] v : values) {
      ArrayNode r = a.addArray();
      for (long x : v) {
        r.add(x);
      }
    }
    return a.toString();
  }

  public static QuantizedInput fromJson(String json) {
    try {
      JsonNode a = JSON.readTree(json);
      long[][] q = new long[a.size()][];
      for (int i = 0; i < q.length; i++) {
        q[i] = new long[a.get(i).size()];
        for (int k = 0; k < q[i].length; k++) {
          q[i][k] = a.get(i).get(k).longValue();
        }
      }
      return new QuantizedInput(q);
    } catch (IOException e) {
      throw new IllegalStateException("stored input is not JSON: " + e.getMessage(), e);
    }
  }

  /** The engine's float view, {@code v / 2^scale}: quantizing it again gives back v exactly. */
  public List<double[]> dequantized(LoadedModel m) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      double[] d = new double[values[i].length];
      for (int k = 0; k < d.length; k++) {
        d[k] = Math.scalb((double) values[i][k], -m.inputs().get(i).scale());
      }
      out.add(d);
    }
    return out;
  }
}
