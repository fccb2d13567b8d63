package org.besuzkml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.besuzkml.model.Accuracy;
import org.besuzkml.model.Graph;
import org.besuzkml.model.ModelException;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.model.quant.LookupTable;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.model.quant.Trace;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.onnx.OrtReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkml run MODEL.onnx --input INPUT.json [--json]}: runs the model with ONNX Runtime and in
 * fixed point, and prints both outputs and their distance.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a model in float (ONNX Runtime) and fixed point; print outputs and errors.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.onnx")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "INPUT.json",
      description = "{\"input_data\": [[...], ...]}: one flat row-major list per graph input.")
  Path input;

  @Option(names = "--calibration", paramLabel = "CALIB.json",
      description = "Calibration input in the same format (default: the input itself).")
  Path calibration;

  @Option(names = "--scale", description = "Force the activation/weight scale exponent (0..16).")
  Integer scale;

  @Option(names = "--json", description = "Print one JSON line.")
  boolean json;

  @Option(names = "--trace", paramLabel = "TRACE.json",
      description = "Write the full integer trace (every tensor: shape, scale, values) here.")
  Path traceFile;

  private void writeTrace(Trace t) throws ModelException {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode();
    for (Map.Entry<String, QTensor> e : t.tensors().entrySet()) {
      ObjectNode o = root.putObject(e.getKey());
      ArrayNode shape = o.putArray("shape");
      for (int d : e.getValue().shape()) {
        shape.add(d);
      }
      o.put("scale", e.getValue().scale());
      ArrayNode data = o.putArray("data");
      for (long v : e.getValue().data()) {
        data.add(v);
      }
    }
    try {
      Outputs.write(traceFile, om.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new ModelException("cannot write " + traceFile + ": " + Outputs.describe(e), e);
    }
  }

  @Override
  public Integer call() throws Exception {
    try {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(model);
      } catch (IOException e) {
        throw new ModelException("cannot read " + model + ": " + Outputs.describe(e), e);
      }
      Graph g = OnnxImporter.read(bytes);
      List<double[]> in = InputFile.read(input, g);
      List<double[]> calib = calibration == null ? in : InputFile.read(calibration, g);
      if (scale != null && (scale < 0 || scale > 16)) {
        throw new ModelException("--scale must be in 0..16");
      }
      Calibrator.Result cal;
      try {
        cal = Calibrator.calibrate(g, List.of(calib), scale);
      } catch (ArithmeticException e) {
        throw new ModelException(e.getMessage());
      }
      QuantizedModel qm = cal.model();
      Trace t;
      try {
        t = qm.run(in);
      } catch (ArithmeticException e) {
        throw new ModelException("fixed-point evaluation overflowed: " + e.getMessage());
      }
      double[][] fixed = qm.outputs(t);
      if (traceFile != null) {
        writeTrace(t);
      }
      double[][] ref = OrtReference.run(bytes, g, in);
      Accuracy acc = Accuracy.compare(ref, fixed);
      if (!cal.satisfied()) {
        System.err.println("warning: calibration: " + cal.report());
      }
      if (!t.clamped().isEmpty()) {
        System.err.println("warning: lookup inputs clamped to table domains: " + t.clamped());
      }
      if (json) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        ArrayNode of = root.putArray("outputs_float");
        for (double[] o : ref) {
          ArrayNode a = of.addArray();
          for (double v : o) {
            a.add(v);
          }
        }
        ArrayNode ox = root.putArray("outputs_fixed");
        for (double[] o : fixed) {
          ArrayNode a = ox.addArray();
          for (double v : o) {
            a.add(v);
          }
        }
        root.put("max_abs_err", acc.maxAbsErr());
        root.put("rel_err", acc.relErr());
        root.put("argmax_match", acc.argmaxMatch());
        ObjectNode sc = root.putObject("scales");
        sc.put("activation", qm.actScale());
        sc.put("weight", qm.weightScale());
        ObjectNode outs = sc.putObject("outputs");
        for (Graph.Value v : g.outputs()) {
          outs.put(v.name(), qm.scales().get(v.name()));
        }
        ObjectNode tables = sc.putObject("tables");
        for (Map.Entry<String, LookupTable> e : qm.tables().entrySet()) {
          LookupTable lt = e.getValue();
          tables.putObject(e.getKey()).put("function", lt.function()).put("in_scale", lt.inScale())
              .put("out_scale", lt.outScale()).put("lo", lt.lo()).put("hi", lt.hi());
        }
        root.put("calibration_ok", cal.satisfied());
        System.out.println(om.writeValueAsString(root));
        return 0;
      }
      for (int i = 0; i < ref.length; i++) {
        String name = g.outputs().get(i).name();
        System.out.println("output " + name + " (float, ONNX Runtime): " + Arrays.toString(ref[i]));
        System.out.println("output " + name + " (fixed point, 2^-" + qm.scales().get(name) + "): "
            + Arrays.toString(fixed[i]));
      }
      System.out.printf("scales: activation 2^-%d, weight 2^-%d, %d lookup tables%n",
          qm.actScale(), qm.weightScale(), qm.tables().size());
      System.out.printf("max_abs_err %.6g  rel_err %.6g  argmax_match %s  (%s)%n",
          acc.maxAbsErr(), acc.relErr(), acc.argmaxMatch(), acc.passes() ? "within tolerance"
              : "OUTSIDE tolerance");
      return 0;
    } catch (ModelException e) {
      return InspectCommand.fail(e);
    } catch (RuntimeException e) {
      return InspectCommand.internal(e);
    }
  }
}
