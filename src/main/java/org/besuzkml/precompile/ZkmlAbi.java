package org.besuzkml.precompile;

import java.util.Arrays;

/**
 * The zkML precompile's Solidity interface ({@code it/IZkmlVerifier.sol}): calls are dispatched on
 * the 4-byte selector, so statements for committed or private inputs come as new functions beside
 * these without changing them.
 *
 * <pre>
 * function verify(bytes vk, int256[][] inputs, int256[][] outputs, bytes proof) returns (bytes32 modelId)
 * function modelId(bytes vk) returns (bytes32)
 * error InvalidProof(string reason)
 * </pre>
 *
 * A call is accepted only in its canonical encoding (the one {@code abi.encodeCall} produces):
 * decoded, re-encoded and compared byte for byte, so no two inputs mean the same call.
 */
public final class ZkmlAbi {
  public static final String VERIFY_SIG = "verify(bytes,int256[][],int256[][],bytes)";
  public static final String MODEL_ID_SIG = "modelId(bytes)";
  public static final String INVALID_PROOF_SIG = "InvalidProof(string)";
  public static final byte[] VERIFY = Abi.selector(VERIFY_SIG);
  public static final byte[] MODEL_ID = Abi.selector(MODEL_ID_SIG);
  public static final byte[] INVALID_PROOF = Abi.selector(INVALID_PROOF_SIG);

  private ZkmlAbi() {}

  public enum Method { VERIFY, MODEL_ID }

  /**
   * A decoded call. {@code outOfRange}: some int256 did not fit in 64 bits (well-formed, but the
   * statement cannot hold; values are then 0).
   */
  public record Call(Method method, byte[] vk, long[][] inputs, long[][] outputs, byte[] proof,
      boolean outOfRange) {}

  /** A decoded call, or why the input is not one (the precompile halts on it). */
  public record Decoded(Call call, String error) {
    static Decoded err(String e) {
      return new Decoded(null, e);
    }
  }

  /** The method an input selects, or null (no work beyond four byte compares). */
  public static Method method(byte[] in) {
    if (in == null || in.length < 4) {
      return null;
    }
    if (startsWith(in, VERIFY)) {
      return Method.VERIFY;
    }
    if (startsWith(in, MODEL_ID)) {
      return Method.MODEL_ID;
    }
    return null;
  }

  private static boolean startsWith(byte[] in, byte[] sel) {
    return in[0] == sel[0] && in[1] == sel[1] && in[2] == sel[2] && in[3] == sel[3];
  }

  /** Never throws; work and allocation linear in the input length. */
  public static Decoded decode(byte[] in) {
    Method m = method(in);
    if (m == null) {
      return Decoded.err("unknown selector");
    }
    Abi.Reader r = new Abi.Reader(in, 4);
    Call c;
    if (m == Method.MODEL_ID) {
      c = new Call(m, r.bytes(0, "vk"), null, null, null, false);
    } else {
      byte[] vk = r.bytes(0, "vk");
      long[][] ins = r.int256Matrix(Abi.WORD, "inputs");
      long[][] outs = r.int256Matrix(2 * Abi.WORD, "outputs");
      byte[] proof = r.bytes(3 * Abi.WORD, "proof");
      c = new Call(m, vk, ins, outs, proof, r.outOfRange());
    }
    if (!r.ok()) {
      return Decoded.err(r.error());
    }
    if (encodedLength(c) != in.length || !Arrays.equals(withElementsOf(encode(c), in, c), in)) {
      return Decoded.err("not the canonical ABI encoding");
    }
    return new Decoded(c, null);
  }

  /**
   * The canonical encoding with its int256 element words taken from the input: every 32-byte word
   * is a valid int256 (an out-of-range one decodes as 0), so canonicity is about the selector,
   * offsets, lengths, data and zero padding, all of which are still compared.
   */
  private static byte[] withElementsOf(byte[] enc, byte[] in, Call c) {
    if (c.method() == Method.VERIFY) {
      int at = 4 + 4 * Abi.WORD + (int) Abi.bytesTail(c.vk());
      at = copyElements(enc, in, at, c.inputs());
      copyElements(enc, in, at, c.outputs());
    }
    return enc;
  }

  private static int copyElements(byte[] enc, byte[] in, int at, long[][] m) {
    int tail = at + Abi.WORD + Abi.WORD * m.length;
    for (long[] row : m) {
      System.arraycopy(in, tail + Abi.WORD, enc, tail + Abi.WORD, Abi.WORD * row.length);
      tail += Abi.WORD + Abi.WORD * row.length;
    }
    return tail;
  }

  static long encodedLength(Call c) {
    if (c.method() == Method.MODEL_ID) {
      return 4 + Abi.WORD + Abi.bytesTail(c.vk());
    }
    return 4 + 4L * Abi.WORD + Abi.bytesTail(c.vk()) + Abi.matrixTail(c.inputs())
        + Abi.matrixTail(c.outputs()) + Abi.bytesTail(c.proof());
  }

  /** The canonical encoding of a call. */
  public static byte[] encode(Call c) {
    long n = encodedLength(c);
    if (n > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("call too large");
    }
    byte[] out = new byte[(int) n];
    if (c.method() == Method.MODEL_ID) {
      System.arraycopy(MODEL_ID, 0, out, 0, 4);
      Abi.putUint(out, 4, Abi.WORD);
      Abi.writeBytes(out, 4 + Abi.WORD, c.vk());
      return out;
    }
    System.arraycopy(VERIFY, 0, out, 0, 4);
    int at = 4 + 4 * Abi.WORD;
    Abi.putUint(out, 4, at - 4);
    at = Abi.writeBytes(out, at, c.vk());
    Abi.putUint(out, 4 + Abi.WORD, at - 4);
    at = Abi.writeMatrix(out, at, c.inputs());
    Abi.putUint(out, 4 + 2 * Abi.WORD, at - 4);
    at = Abi.writeMatrix(out, at, c.outputs());
    Abi.putUint(out, 4 + 3 * Abi.WORD, at - 4);
    Abi.writeBytes(out, at, c.proof());
    return out;
  }

  public static byte[] encodeVerify(byte[] vk, long[][] inputs, long[][] outputs, byte[] proof) {
    return encode(new Call(Method.VERIFY, vk, inputs, outputs, proof, false));
  }

  public static byte[] encodeModelId(byte[] vk) {
    return encode(new Call(Method.MODEL_ID, vk, null, null, null, false));
  }

  /** The revert payload {@code InvalidProof(reason)}. */
  public static byte[] invalidProof(String reason) {
    return Abi.stringError(INVALID_PROOF, reason);
  }

  /**
   * Where verify's vk bytes are, read from the head alone (for gas): {start, length}, or null if
   * the head does not point inside the input. Does not validate the rest of the call.
   */
  static int[] vkSpan(byte[] in) {
    if (in == null || in.length < 4) {
      return null;
    }
    Abi.Reader r = new Abi.Reader(in, 4);
    int off = r.uint(0, "vk offset");
    int len = r.uint(off, "vk length");
    if (!r.ok() || len > r.size() - off - (long) Abi.WORD) {
      return null;
    }
    return new int[] {4 + off + Abi.WORD, len};
  }
}
