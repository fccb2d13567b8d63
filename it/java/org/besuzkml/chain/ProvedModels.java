package org.besuzkml.chain;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.cli.Main;
import picocli.CommandLine;

/**
 * Real proof files made by the product's own commands, once per JVM and model: {@code compile},
 * {@code setup --ptau ../shared/srs/pot12_final.ptau}, {@code prove}, as a model owner and a
 * requester would run them.
 */
final class ProvedModels {
  static final Path MODELS = Path.of("../shared/models/ezkl");
  static final Path PTAU = Path.of("../shared/srs/pot12_final.ptau");

  /** A model directory (model.bzkm, vk.bzkv, pk.bzkk) and its proof file. */
  record Proved(String model, Path dir, Path proofJson) {
    Path vk() {
      return dir.resolve("vk.bzkv");
    }

    ProofStatement statement() throws java.io.IOException {
      return ProofStatement.read(vk(), proofJson);
    }
  }

  private static final Map<String, Proved> CACHE = new ConcurrentHashMap<>();

  private ProvedModels() {}

  static Proved get(String model) {
    return CACHE.computeIfAbsent(model, m -> {
      try {
        Path work = Files.createTempDirectory("zkml-chain-" + m);
        Path src = MODELS.resolve(m);
        Path dir = work.resolve(m); // the driver names a model by its directory
        Path proof = dir.resolve("proof.json"); // beside vk.bzkv, as DevnetDriver --model DIR reads it
        String input = src.resolve("input.json").toString();
        cli("compile", src.resolve("network.onnx").toString(), "--input", input, "-o", dir.toString());
        cli("setup", dir.toString(), "--ptau", PTAU.toString());
        cli("prove", dir.toString(), "--input", input, "-o", proof.toString());
        return new Proved(m, dir, proof);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static void cli(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      status = new CommandLine(new Main()).execute(args);
    } finally {
      System.setOut(out);
    }
    if (status != 0) {
      throw new IllegalStateException("zkml " + String.join(" ", args) + " exited " + status + ": " + buf);
    }
  }
}
