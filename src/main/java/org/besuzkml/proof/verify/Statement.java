package org.besuzkml.proof.verify;

import org.besuzkml.codec.ByteWriter;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.transcript.Transcript;

/** Phase 0 (section 8): the model id and the public values, absorbed first. */
public final class Statement {
  /** Largest magnitude of a public value (7.6). */
  public static final long MAX_ABS = (1L << 31) - 1;

  private Statement() {}

  /** Null if the public values fit the vk (counts, sizes, magnitudes), else why not. */
  public static String check(VerifyingKey vk, long[][] inputs, long[][] outputs) {
    Circuit c = vk.circuit();
    String s = check(c, c.inputs(), inputs, "input");
    if (s == null) {
      s = check(c, c.outputs(), outputs, "output");
    }
    return s != null ? s : outputsThatAreInputs(c, inputs, outputs);
  }

  /**
   * An output that names an input tensor (an identity model) is one tensor with two statements of
   * its values: they must agree, or the input check and the output claim would read different
   * values (the decoder has already made inputs distinct among themselves, and outputs likewise).
   */
  private static String outputsThatAreInputs(Circuit c, long[][] inputs, long[][] outputs) {
    // a per-tensor index of the inputs, so the check is linear in the public tensors (10.1)
    int[] inputAt = new int[c.tensors().size()];
    java.util.Arrays.fill(inputAt, -1);
    for (int i = 0; i < c.inputs().length; i++) {
      inputAt[c.inputs()[i]] = i;
    }
    for (int o = 0; o < c.outputs().length; o++) {
      int i = inputAt[c.outputs()[o]];
      if (i >= 0 && !java.util.Arrays.equals(outputs[o], inputs[i])) {
        return "output " + o + " is input " + i + " but states other values";
      }
    }
    return null;
  }

  private static String check(Circuit c, int[] ids, long[][] vals, String what) {
    if (vals == null || vals.length != ids.length) {
      return "expected " + ids.length + " " + what + " tensors";
    }
    for (int i = 0; i < ids.length; i++) {
      long n = c.tensor(ids[i]).size();
      if (vals[i] == null || vals[i].length != n) {
        return what + " " + i + " must have " + n + " values";
      }
      for (long v : vals[i]) {
        if (v > MAX_ABS || v < -MAX_ABS) {
          return what + " " + i + " has a value outside +-(2^31 - 1)";
        }
      }
    }
    return null;
  }

  public static void absorb(Transcript t, VerifyingKey vk, long[][] inputs, long[][] outputs) {
    t.absorbBytes("bzk/model", vk.modelId());
    t.absorbBytes("bzk/inputs", encode(inputs));
    t.absorbBytes("bzk/outputs", encode(outputs));
  }

  static byte[] encode(long[][] vals) {
    ByteWriter w = new ByteWriter();
    for (long[] v : vals) {
      w.i32(v.length);
      for (long x : v) {
        w.i64(x);
      }
    }
    return w.toByteArray();
  }

  /**
   * Per tensor id the public values (inputs and outputs), null elsewhere. An output that is also an
   * input keeps the input's values, which {@link #check} has made equal to the output's.
   */
  public static long[][] byTensor(Circuit c, long[][] inputs, long[][] outputs) {
    long[][] p = new long[c.tensors().size()][];
    for (int i = 0; i < inputs.length; i++) {
      p[c.inputs()[i]] = inputs[i];
    }
    for (int i = 0; i < outputs.length; i++) {
      if (p[c.outputs()[i]] == null) {
        p[c.outputs()[i]] = outputs[i];
      }
    }
    return p;
  }
}
