package org.besuzkml.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.besuzkml.model.ModelException;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompileException;
import org.besuzkml.proof.compile.CompiledModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zkml compile MODEL.onnx --input CALIBRATION.json -o DIR}: writes DIR/model.bzkm. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Quantize (calibrated on the input) and compile a model into DIR/model.bzkm.")
final class CompileCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.onnx")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "CALIBRATION.json",
      description = "Calibration input: {\"input_data\": [[...], ...]}.")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR")
  Path dir;

  @Option(names = InputRange.FLAG,
      description = "Clamp input values beyond the fixed-point range (with a warning) instead of refusing them.")
  boolean clampInputs;

  @Override
  public Integer call() {
    try {
      byte[] onnx = read(model);
      String calib = new String(read(input), java.nio.charset.StandardCharsets.UTF_8);
      CompiledModel cm = ModelFiles.compile(onnx, calib);
      InspectCommand.notices(cm.model().graph());
      InputRange.check(cm.model(), InputFile.parse(calib, cm.model().graph()), clampInputs);
      byte[] bytes = ModelFiles.encodeModel(onnx, calib, cm);
      Outputs.createDirectories(dir);
      Outputs.write(dir.resolve(ModelFiles.MODEL), bytes);
      System.out.printf("compiled %s: %d gadgets, %d tensors, limb width %d, 2^%d-entry bins; %s (%d bytes)%n",
          model.getFileName(), cm.circuit().gadgets().size(), cm.circuit().tensors().size(),
          cm.circuit().limbWidth(), Setup.binVars(cm), dir.resolve(ModelFiles.MODEL), bytes.length);
      String why = Prover.unsupported(cm.circuit());
      if (why != null) {
        System.err.println("warning: this model cannot be proven yet: " + why);
      }
      return 0;
    } catch (CompileException e) {
      System.err.println("error: " + ProofJson.firstLine(e.getMessage()));
      return 2;
    } catch (ModelException e) {
      return InspectCommand.fail(e);
    } catch (RuntimeException e) {
      return InspectCommand.internal(e);
    }
  }

  static byte[] read(Path p) throws ModelException {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new ModelException("cannot read " + p + ": " + Outputs.describe(e), e);
    }
  }
}
