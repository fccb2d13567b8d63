package org.besuzkml.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.GadgetCodec;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.curve.G1;
import org.besuzkml.model.Graph;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.onnx.SyntheticModels;
import org.besuzkml.pcs.HyperKzgVerifierKey;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.compile.Compiler;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.Wire;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkml bench vk}: vk bytes of models compiled with explicit Wires (kind 2, as before kind 15)
 * and with affine ones, side by side, and with {@code --breakdown} per section and per gadget kind.
 * Compiles only: the sizes are exact (model bins are 64 bytes each whatever they commit to), so no
 * setup is needed.
 */
@Command(name = "vk", mixinStandardHelpOptions = true,
    description = "Verifying key sizes, explicit against affine Wires, per section and gadget kind.")
final class BenchVkCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", arity = "0..*",
      description = "Model directories, each with network.onnx and input.json.")
  List<Path> dirs = new ArrayList<>();

  @Option(names = "--ladder", description = "Also the CNN ladder of bench scale and its 10^3..10^6 MLPs.")
  boolean ladder;

  @Option(names = "--breakdown", description = "Bytes per section and per gadget kind.")
  boolean breakdown;

  private static final String[] SECTIONS = {"PARAMS", "SRS_G2", "TENSORS", "TABLES", "GADGETS", "PUBLIC",
      "MODEL_COLUMNS", "MODEL_BINS"};

  @Override
  public Integer call() throws Exception {
    System.out.println("| model | vk B explicit | vk B affine | Wires (affine/all) |");
    System.out.println("|---|---|---|---|");
    int bad = 0;
    for (Path d : dirs) {
      try {
        Graph g = OnnxImporter.read(Files.readAllBytes(d.resolve("network.onnx")));
        List<double[]> in = InputFile.read(d.resolve("input.json"), g);
        row(d.getFileName().toString(), Calibrator.calibrate(g, List.of(in), null).model());
      } catch (Exception e) {
        System.out.println("| " + d.getFileName() + " | error: " + e.getClass().getSimpleName() + ": " + e.getMessage() + " |");
        bad++;
      }
    }
    if (ladder) {
      List<SyntheticModels.Model> ms = new ArrayList<>(BenchScaleCommand.cnns(Long.MAX_VALUE));
      ms.addAll(BenchScaleCommand.mlps(1_000_000));
      for (SyntheticModels.Model m : ms) {
        Graph g = OnnxImporter.read(m.onnx());
        List<double[]> in = InputFile.parse(m.inputJson(), g);
        row(m.name(), Calibrator.calibrate(g, List.of(in), null).model());
      }
    }
    return bad == 0 ? 0 : 1;
  }

  private void row(String name, QuantizedModel q) {
    Circuit explicit = Compiler.compile(q, null, false).circuit();
    Circuit affine = Compiler.compile(q).circuit();
    byte[] a = vk(explicit);
    byte[] b = vk(affine);
    long wires = affine.gadgets().stream().filter(g -> g instanceof Wire).count();
    long fitted = affine.gadgets().stream().filter(g -> g instanceof Wire w && w.map() != null).count();
    System.out.printf("| %s | %,d | %,d | %d/%d |%n", name, a.length, b.length, fitted, wires);
    if (breakdown) {
      System.out.println("|   sections (explicit -> affine) | " + sections(a) + " -> " + sections(b) + " | |");
      System.out.println("|   gadgets (explicit -> affine) | " + kinds(explicit) + " -> " + kinds(affine) + " | |");
    }
  }

  private static final HyperKzgVerifierKey KEY = HyperKzgVerifierKey.of(DevSrs.create(2, 0));

  static byte[] vk(Circuit c) {
    ColumnLayout l = ColumnLayout.of(c, LookupPlan.of(c));
    return VkCodec.encode(l.nBin(), true, 0, KEY.srsDigest(), KEY, c, null, new byte[c.tables().size()][32],
        new long[l.modelBins() * G1.AFFINE], l.modelBins());
  }

  private static String sections(byte[] vk) {
    int[] b = Container.decode(vk, Container.VK, 8).value();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < SECTIONS.length; i++) {
      s.append(i == 0 ? "" : ", ").append(SECTIONS[i]).append(' ').append(b[2 * i + 1] - b[2 * i]);
    }
    return s.toString();
  }

  /** Bytes per gadget kind: kind u16, length u32 and parameters. */
  private static String kinds(Circuit c) {
    Map<String, long[]> by = new TreeMap<>();
    for (Gadget g : c.gadgets()) {
      String k = g instanceof Wire w && w.map() != null ? "Wire(affine)" : g.kind();
      long[] v = by.computeIfAbsent(k, x -> new long[2]);
      v[0]++;
      v[1] += 6 + GadgetCodec.encodeParams(g).length;
    }
    StringBuilder s = new StringBuilder();
    by.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(" x").append(v[0]).append(' ')
        .append(v[1]));
    return s.toString();
  }
}
