package org.besuzkml.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.besuzkml.model.ModelException;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.proof.InputOpening;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.OpeningFiles;
import org.besuzkml.proof.ProofJson;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBuilder;
import org.besuzkml.zk.DrbgRandomness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkml commit DIR --input INPUT.json -o COMMITMENT.json [--opening-out OPENING.json]}
 * (zk-design 1.4): quantizes each committed input at the model's scale, draws its blinding from a
 * CSPRNG, writes the public commitments and, with mode 0600, the secret opening. Prints only the
 * commitments and the opening's path, never the opening.
 */
@Command(name = "commit", mixinStandardHelpOptions = true,
    description = "Commit to a committed input (a key from setup --input-visibility committed); the opening is"
        + " written apart, readable by its owner only.")
final class CommitCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR")
  Path dir;

  @Option(names = "--input", required = true, paramLabel = "INPUT.json")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "COMMITMENT.json")
  Path output;

  @Option(names = "--opening-out", paramLabel = "OPENING.json",
      description = "Where the secret opening goes (default: COMMITMENT.opening.json next to -o).")
  Path openingOut;

  @Option(names = InputRange.FLAG,
      description = "Clamp input values beyond the fixed-point range (with a warning) instead of refusing them.")
  boolean clampInputs;

  /** COMMITMENT.json -> COMMITMENT.opening.json (the default opening path). */
  static Path defaultOpening(Path commitment) {
    String name = commitment.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return commitment.resolveSibling(stem + ".opening.json");
  }

  @Override
  public Integer call() throws Exception {
    try {
      ProvingKey pk = ModelFiles.readProvingKey(dir, ModelFiles.PkCheck.DIGEST);
      if (!pk.vk().zk() || pk.vk().visibility() == null || !anyCommitted(pk)) {
        System.err.println("error: this key has no committed input (setup --input-visibility committed)");
        return 1;
      }
      Path opening = openingOut != null ? openingOut : defaultOpening(output);
      if (opening.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
        System.err.println("error: the opening and the commitment must be different files");
        return 1;
      }
      List<double[]> in = InputFile.read(input, pk.compiled().model().graph());
      InputRange.check(pk.compiled().model(), in, clampInputs);
      // the engine's own quantization (the witness's input values), so prove sees exactly these
      Witness w = WitnessBuilder.build(pk.compiled(), pk.compiled().model().run(in));
      int[] ids = pk.vk().circuit().inputs();
      InputOpening[] op = new InputOpening[ids.length];
      DrbgRandomness rnd = DrbgRandomness.forProof(pk.vk().modelId());
      for (int i = 0; i < ids.length; i++) {
        if (pk.vk().visibility().committedInput(i)) {
          op[i] = InputOpening.create(pk.srs(), pk.vk(), i, w.get(ids[i]).clone(), rnd);
        }
      }
      Outputs.prepare(output);
      Outputs.prepare(opening);
      OpeningFiles.writeSecret(opening, OpeningFiles.openingJson(pk.vk(), op).toString() + "\n");
      Outputs.write(output, OpeningFiles.commitmentJson(pk.vk(), op).toString() + "\n");
      for (int i = 0; i < op.length; i++) {
        if (op[i] != null) {
          System.out.println("input #" + i + " committed: " + org.besuzkml.codec.Hex.encode(op[i].commitment()));
        }
      }
      System.out.println("commitment written to " + output + "; opening (secret, mode 0600) to " + opening);
      return 0;
    } catch (ModelFiles.FileException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (java.io.IOException e) {
      System.err.println("error: cannot write the opening: " + Outputs.describe(e));
      return 1;
    } catch (ModelException e) {
      return InspectCommand.fail(e);
    } catch (org.besuzkml.model.quant.QuantizedModel.StepOverflow e) {
      System.err.println("error: fixed-point evaluation overflowed on this input: " + ProofJson.firstLine(e.getMessage()));
      return 2;
    } catch (RuntimeException e) {
      return InspectCommand.internal(e);
    }
  }

  private static boolean anyCommitted(ProvingKey pk) {
    for (int i = 0; i < pk.vk().circuit().inputs().length; i++) {
      if (pk.vk().visibility().committedInput(i)) {
        return true;
      }
    }
    return false;
  }
}
