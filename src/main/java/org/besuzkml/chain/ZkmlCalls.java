package org.besuzkml.chain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.precompile.ZkmlAbi;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Calldata for the zkML precompile ({@code it/solidity/IZkmlVerifier.sol}) and for
 * {@code it/solidity/ZkmlConsumer.sol}. The precompile's calls come from the verifier side's own
 * encoder (the very bytes the precompile accepts); the consumer's through web3j's ABI encoder.
 */
public final class ZkmlCalls {
  private ZkmlCalls() {}

  /** {@code verify(vk, inputs, outputs, proof)} sent straight to the precompile. */
  public static byte[] precompileVerify(ProofStatement s) {
    return ZkmlAbi.encodeVerify(s.vk(), s.inputs(), s.outputs(), s.proof());
  }

  /** {@code modelId(vk)} at the precompile. */
  public static byte[] precompileModelId(byte[] vk) {
    return ZkmlAbi.encodeModelId(vk);
  }

  /** {@code ZkmlConsumer.submit(vk, inputs, outputs, proof)}. */
  public static byte[] consumerSubmit(ProofStatement s) {
    return call("submit(bytes,int256[][],int256[][],bytes)", new DynamicBytes(s.vk()), matrix(s.inputs()),
        matrix(s.outputs()), new DynamicBytes(s.proof()));
  }

  /** The init code of {@code new ZkmlConsumer(zkml, model)}. */
  public static byte[] consumerInitCode(byte[] bytecode, String zkml, byte[] modelId) {
    String args = FunctionEncoder.encodeConstructor(List.of(new Address(zkml), new Bytes32(modelId)));
    return ChainClient.concat(bytecode, Numeric.hexStringToByteArray(args));
  }

  /** {@code ZkmlConsumer.output(i, j)}. */
  public static byte[] consumerOutput(int i, int j) {
    return call("output(uint256,uint256)", new Uint256(i), new Uint256(j));
  }

  /** A no-argument getter such as {@code accepted()} or {@code model()}. */
  public static byte[] getter(String name) {
    return call(name + "()");
  }

  /** One returned int256 word, signed. */
  public static BigInteger int256(byte[] ret) {
    if (ret == null || ret.length != 32) {
      throw new IllegalArgumentException("expected one 32-byte word, got " + (ret == null ? 0 : ret.length) + " bytes");
    }
    return new BigInteger(ret);
  }

  /**
   * Selector of the written-out signature, then web3j's argument encoding (web3j's own signature
   * for nested arrays is not Solidity's, so the selector is not left to it).
   */
  private static byte[] call(String signature, Type<?>... args) {
    byte[] sel = Arrays.copyOf(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII)), 4);
    String enc = args.length == 0 ? "" : FunctionEncoder.encodeConstructor(Arrays.asList(args));
    return ChainClient.concat(sel, Numeric.hexStringToByteArray(enc));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static DynamicArray<DynamicArray> matrix(long[][] m) {
    List<DynamicArray> rows = new ArrayList<>();
    for (long[] row : m) {
      List<Int256> r = new ArrayList<>();
      for (long v : row) {
        r.add(new Int256(v));
      }
      rows.add(new DynamicArray<>(Int256.class, r));
    }
    return new DynamicArray<>(DynamicArray.class, rows);
  }
}
