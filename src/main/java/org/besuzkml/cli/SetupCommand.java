package org.besuzkml.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.besuzkml.codec.Visibility;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.PtauReader;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.pcs.srs.SrsException;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompiledModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkml setup DIR (--ptau FILE.ptau | --dev-srs) [--zk] [--input-visibility public|private|committed]}:
 * writes DIR/pk.bzkk and DIR/vk.bzkv. Visibility is chosen here, not at compile (zk-design 1.1): one
 * compiled model serves keys of every visibility, and the key records the choice.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
    description = "Commit the model's constants with an SRS; write DIR/pk.bzkk and DIR/vk.bzkv.")
final class SetupCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Directory holding model.bzkm (from compile).")
  Path dir;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--ptau", paramLabel = "FILE.ptau", description = "A snarkjs / Perpetual Powers of Tau file.")
    Path ptau;

    @Option(names = "--dev-srs", description = "INSECURE development SRS with a public tau (tests only).")
    boolean dev;
  }

  @Option(names = "--zk", description = "Zero-knowledge proofs (a version-2 key): a proof reveals nothing beyond"
      + " its statement. Implied by a non-public visibility.")
  boolean zk;

  @Option(names = "--input-visibility", paramLabel = "public|private|committed", description = "public (default):"
      + " input values are part of the statement; private: the proof hides them (only the outputs are stated);"
      + " committed: a hiding commitment from `commit` is stated instead of the values. Applies to every graph"
      + " input.")
  String inputVisibility = "public";

  @Option(names = "--seed", description = "Seed of the development SRS (default ${DEFAULT-VALUE}).")
  long seed = 0;

  @Override
  public Integer call() {
    try {
      int vis = Visibility.inputCode(inputVisibility);
      if (vis < 0) {
        System.err.println("error: --input-visibility must be public, private or committed");
        return 1;
      }
      boolean zkKey = zk || vis != Visibility.PUBLIC;
      CompiledModel cm = ModelFiles.decodeModel(ModelFiles.read(dir.resolve(ModelFiles.MODEL)));
      if (vis != Visibility.PUBLIC) {
        int[] codes = new int[cm.circuit().inputs().length];
        java.util.Arrays.fill(codes, vis);
        cm = Setup.withInputVisibility(cm, codes);
      }
      int nBin = Setup.binVars(cm);
      Srs srs;
      String ref;
      if (source.dev) {
        System.err.println("WARNING: --dev-srs: INSECURE development SRS; anyone knows its tau and can forge"
            + " proofs. The vk records dev = 1; never use it outside tests.");
        srs = DevSrs.create(nBin, seed);
        ref = ModelFiles.devRef(seed);
      } else {
        PtauReader.Header h = PtauReader.header(source.ptau);
        if (h.power() < nBin) {
          System.err.printf("error: %s has 2^%d powers; this model needs 2^%d (a ptau of power >= %d)%n",
              source.ptau, h.power(), nBin, nBin);
          return 1;
        }
        srs = zkKey ? PtauReader.readZk(source.ptau, nBin) : PtauReader.read(source.ptau, nBin);
        ref = source.ptau.toAbsolutePath().toString();
      }
      ProvingKey pk = zkKey ? Setup.runZk(cm, srs) : Setup.run(cm, srs);
      byte[] pkBytes = ModelFiles.encodeProvingKey(pk, ModelFiles.read(dir.resolve(ModelFiles.MODEL)), ref);
      Outputs.write(dir.resolve(ModelFiles.PK), pkBytes);
      Outputs.write(dir.resolve(ModelFiles.VK), pk.vk().bytes());
      System.out.printf("setup: %d model bins of 2^%d entries; vk %d bytes, pk %d bytes%n",
          pk.vk().modelBinCount(), nBin, pk.vk().bytes().length, pkBytes.length);
      System.out.println("model id " + pk.vk().modelIdHex() + (srs.insecure() ? " (dev SRS, INSECURE)" : ""));
      if (pk.vk().zk()) {
        System.out.println(pk.vk().visibility().describe());
      }
      return 0;
    } catch (ModelFiles.FileException | SrsException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (org.besuzkml.model.ModelException e) {
      return InspectCommand.fail(e);
    } catch (RuntimeException e) {
      return InspectCommand.internal(e);
    }
  }
}
