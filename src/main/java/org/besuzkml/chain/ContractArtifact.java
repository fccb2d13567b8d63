package org.besuzkml.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.utils.Numeric;

/**
 * A compiled contract as {@code it/node/compile.js} writes it to {@code it/solidity/build/}:
 * {@code {"contractName", "compiler", "settings", "abi", "bytecode", "deployedBytecode"}}.
 */
public record ContractArtifact(String name, byte[] bytecode, byte[] deployedBytecode, JsonNode abi) {

  public static ContractArtifact read(Path file) throws IOException {
    JsonNode j = new ObjectMapper().readTree(Files.readString(file));
    if (j == null || !j.path("bytecode").isTextual() || !j.path("deployedBytecode").isTextual()) {
      throw new IOException(file + ": not a contract artifact (no bytecode)");
    }
    return new ContractArtifact(j.path("contractName").asText(), Numeric.hexStringToByteArray(j.get("bytecode").asText()),
        Numeric.hexStringToByteArray(j.get("deployedBytecode").asText()), j.get("abi"));
  }
}
