package org.besuzkml.chain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.besuzkml.precompile.ZkmlAbi;
import org.web3j.utils.Numeric;

/**
 * Decodes revert data: the precompile's {@code InvalidProof(string)} (bubbled up unchanged by
 * ZkmlConsumer), Solidity's {@code Error(string)} from {@code require}, and {@code Panic(uint256)}.
 * Anything else is shown as hex.
 *
 * @param error the error's name ({@code InvalidProof}, {@code Error}, {@code Panic}), or
 *     {@code unknown} for unrecognised data, or {@code none} for empty data
 * @param message the decoded string or panic code
 * @param data the raw revert data, 0x-hex
 */
public record RevertReason(String error, String message, String data) {
  static final byte[] ERROR_STRING = Numeric.hexStringToByteArray("0x08c379a0");
  static final byte[] PANIC = Numeric.hexStringToByteArray("0x4e487b71");

  public static RevertReason decode(byte[] data) {
    String hex = Numeric.toHexString(data == null ? new byte[0] : data);
    if (data == null || data.length == 0) {
      return new RevertReason("none", "reverted without data", hex);
    }
    if (data.length >= 4) {
      byte[] sel = Arrays.copyOf(data, 4);
      byte[] body = Arrays.copyOfRange(data, 4, data.length);
      if (Arrays.equals(sel, ZkmlAbi.INVALID_PROOF)) {
        String s = abiString(body);
        if (s != null) {
          return new RevertReason("InvalidProof", s, hex);
        }
      } else if (Arrays.equals(sel, ERROR_STRING)) {
        String s = abiString(body);
        if (s != null) {
          return new RevertReason("Error", s, hex);
        }
      } else if (Arrays.equals(sel, PANIC) && body.length == 32) {
        return new RevertReason("Panic", "0x" + new BigInteger(1, body).toString(16), hex);
      }
    }
    return new RevertReason("unknown", hex, hex);
  }

  public static RevertReason decode(String hex) {
    return decode(hex == null || hex.isEmpty() ? new byte[0] : Numeric.hexStringToByteArray(hex));
  }

  /** The ABI encoding of one {@code string} argument, or null if it is not one. */
  static String abiString(byte[] b) {
    if (b.length < 64) {
      return null;
    }
    BigInteger off = new BigInteger(1, Arrays.copyOfRange(b, 0, 32));
    if (off.compareTo(BigInteger.valueOf(b.length - 32)) > 0) {
      return null;
    }
    int o = off.intValue();
    BigInteger len = new BigInteger(1, Arrays.copyOfRange(b, o, o + 32));
    if (len.compareTo(BigInteger.valueOf(b.length - o - 32)) > 0) {
      return null;
    }
    return new String(b, o + 32, len.intValue(), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return error + "(" + message + ")";
  }
}
