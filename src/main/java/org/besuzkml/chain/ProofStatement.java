package org.besuzkml.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.VkCodec;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * What a verify call states: the vk bytes, the public inputs and outputs as fixed-point integers
 * (value * 2^scale, the scales from the vk), an empty list at each private input, and the proof
 * bytes.
 */
public record ProofStatement(byte[] vk, long[][] inputs, long[][] outputs, byte[] proof) {
  /** A private input ({@code null} in a proof's statement) is an empty list on chain (docs/besu.md). */
  public ProofStatement {
    if (inputs != null) {
      inputs = inputs.clone();
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = inputs[i] == null ? new long[0] : inputs[i];
      }
    }
  }

  /** A fresh proof (the sidecar's case): its statement and the vk bytes it was made for. */
  public static ProofStatement of(byte[] vk, org.besuzkml.proof.Prover.Proof p) {
    return new ProofStatement(vk, p.inputs(), p.outputs(), p.bytes());
  }

  /** keccak256(vk), the model's on-chain id. */
  public byte[] modelId() {
    return Hash.sha3(vk);
  }

  public String modelIdHex() {
    return Numeric.toHexString(modelId());
  }

  /** The same statement with one proof byte flipped (for the must-revert checks). */
  public ProofStatement withTamperedProof(int at) {
    byte[] p = proof.clone();
    p[at] ^= 0x01;
    return new ProofStatement(vk, inputs, outputs, p);
  }

  /**
   * Reads a vk file ({@code vk.bzkv}) and a proof file as {@code zkml prove} writes it:
   * {@code {"model", "inputs", "outputs", "proof"}} with dequantized values.
   */
  public static ProofStatement read(Path vkFile, Path proofJson) throws IOException {
    byte[] vkBytes = Files.readAllBytes(vkFile);
    var decoded = VkCodec.decode(vkBytes);
    if (!decoded.isOk()) {
      throw new IOException(vkFile + ": " + decoded.reason());
    }
    VerifyingKey vk = decoded.value();
    JsonNode root = new ObjectMapper().readTree(Files.readString(proofJson));
    if (root == null || !root.path("proof").isTextual() || !root.path("model").isTextual()) {
      throw new IOException(proofJson + ": expected {\"model\", \"inputs\", \"outputs\", \"proof\"}");
    }
    if (!root.get("model").asText().equalsIgnoreCase(vk.modelIdHex())) {
      throw new IOException(proofJson + " is for model " + root.get("model").asText() + ", not " + vk.modelIdHex());
    }
    return new ProofStatement(vkBytes, fixed(root.path("inputs"), vk, vk.circuit().inputs(), proofJson),
        fixed(root.path("outputs"), vk, vk.circuit().outputs(), proofJson),
        Numeric.hexStringToByteArray(root.get("proof").asText()));
  }

  /** Dequantized values back to the integers the proof is about (each must be exact). */
  private static long[][] fixed(JsonNode lists, VerifyingKey vk, int[] tensors, Path file) throws IOException {
    if (!lists.isArray() || lists.size() != tensors.length) {
      throw new IOException(file + ": expected " + tensors.length + " value lists");
    }
    long[][] out = new long[tensors.length][];
    for (int i = 0; i < tensors.length; i++) {
      JsonNode a = lists.get(i);
      int scale = vk.scales()[tensors[i]];
      out[i] = new long[a.size()];
      for (int j = 0; j < a.size(); j++) {
        double x = Math.scalb(a.get(j).asDouble(Double.NaN), scale);
        if (!(Math.abs(x) < 0x1p62) || x != Math.rint(x)) {
          throw new IOException(file + ": value [" + i + "][" + j + "] is not a multiple of 2^-" + scale);
        }
        out[i][j] = (long) x;
      }
    }
    return out;
  }
}
