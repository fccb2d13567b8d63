package org.besuzkml.proof.verify;

import org.besuzkml.codec.ByteWriter;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.transcript.Transcript;

/**
 * A statement (zk-design 1.2, 11.5): per graph input its values or nothing (private), per graph
 * output its values, in vk order. The static part is phase 0 (section 8): the model id and the
 * public values, absorbed first. Internally the public values travel as {@code long[][]} in vk
 * order with {@code null} at a private input ({@link #publicInputs}); a version-1 or all-public
 * statement has no null and is handled exactly as before.
 */
public record Statement(java.util.List<InputValue> inputs, java.util.List<OutputValue> outputs) {
  /** Bytes of a commitment to an input (a G1 point, {@code x || y} big-endian). */
  public static final int COMMITMENT_BYTES = 64;

  /** Largest magnitude of a public value (7.6). */
  public static final long MAX_ABS = (1L << 31) - 1;

  public Statement {
    inputs = java.util.List.copyOf(inputs);
    outputs = java.util.List.copyOf(outputs);
  }

  /** Every input and output public (version 1's statement). */
  public static Statement allPublic(long[][] inputs, long[][] outputs) {
    return of(inputs, outputs);
  }

  /** From vk-order values with {@code null} at each private input. */
  public static Statement of(long[][] inputs, long[][] outputs) {
    java.util.List<InputValue> in = new java.util.ArrayList<>();
    for (long[] v : inputs) {
      in.add(v == null ? new InputValue.Private() : new InputValue.Public(v));
    }
    java.util.List<OutputValue> out = new java.util.ArrayList<>();
    for (long[] v : outputs) {
      out.add(new OutputValue.Public(v));
    }
    return new Statement(in, out);
  }

  /** From vk-order values with {@code null} at each hidden input and a commitment at each committed one. */
  public static Statement of(long[][] inputs, byte[][] commitments, long[][] outputs) {
    if (commitments == null) {
      return of(inputs, outputs);
    }
    java.util.List<InputValue> in = new java.util.ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      byte[] c = i < commitments.length ? commitments[i] : null;
      in.add(c != null ? new InputValue.Committed(c) : inputs[i] == null ? new InputValue.Private()
          : new InputValue.Public(inputs[i]));
    }
    java.util.List<OutputValue> out = new java.util.ArrayList<>();
    for (long[] v : outputs) {
      out.add(new OutputValue.Public(v));
    }
    return new Statement(in, out);
  }

  /** Per input in vk order the commitment of a committed input, {@code null} elsewhere. */
  public byte[][] commitments() {
    byte[][] c = new byte[inputs.size()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = inputs.get(i) instanceof InputValue.Committed k ? k.commitment() : null;
    }
    return c;
  }

  /** The public input values in vk order, {@code null} at a private input. */
  public long[][] publicInputs() {
    long[][] v = new long[inputs.size()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = inputs.get(i) instanceof InputValue.Public p ? p.values() : null;
    }
    return v;
  }

  /** The output values in vk order. */
  public long[][] publicOutputs() {
    long[][] v = new long[outputs.size()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = outputs.get(i) instanceof OutputValue.Public p ? p.values() : null;
    }
    return v;
  }

  /**
   * P14 (zk-design 9.4): null if the statement's shape is the vk's (one entry per graph input and
   * output, a private input exactly where VISIBILITY says so), else why not. Values are checked by
   * {@link #check(VerifyingKey, long[][], long[][])}.
   */
  public String shapeFor(VerifyingKey vk) {
    Circuit c = vk.circuit();
    if (inputs.size() != c.inputs().length || outputs.size() != c.outputs().length) {
      return "expected " + c.inputs().length + " inputs and " + c.outputs().length + " outputs, the statement has "
          + inputs.size() + " and " + outputs.size();
    }
    // no entry is null: the compact constructor's List.copyOf refuses nulls
    for (int i = 0; i < inputs.size(); i++) {
      boolean hidden = vk.zk() && vk.visibility().privateInput(i);
      boolean committed = vk.zk() && vk.visibility().committedInput(i);
      if ((inputs.get(i) instanceof InputValue.Private) != hidden
          || (inputs.get(i) instanceof InputValue.Committed) != committed) {
        return "input " + i + " is " + (hidden ? "private" : committed ? "committed" : "public") + " in the vk";
      }
      if (committed && (((InputValue.Committed) inputs.get(i)).commitment() == null
          || ((InputValue.Committed) inputs.get(i)).commitment().length != COMMITMENT_BYTES)) {
        return "input " + i + ": a commitment is " + COMMITMENT_BYTES + " bytes (G1 x || y)";
      }
    }
    return null;
  }

  /**
   * Null if the public values fit the vk (counts, sizes, magnitudes), else why not. A private input
   * (zk key) must be {@code null}; every other entry must be present.
   */
  public static String check(VerifyingKey vk, long[][] inputs, long[][] outputs) {
    Circuit c = vk.circuit();
    if (vk.zk() && inputs != null && inputs.length == c.inputs().length) {
      for (int i = 0; i < inputs.length; i++) {
        if (vk.visibility().hiddenInput(i) != (inputs[i] == null)) {
          return "input " + i + (inputs[i] == null ? " must have " + c.tensor(c.inputs()[i]).size() + " values"
              : " is " + org.besuzkml.codec.Visibility.inputName(vk.visibility().inputs()[i])
              + ": the statement must not state it");
        }
      }
      if (!vk.visibility().allPublic()) {
        long[][] stated = new long[inputs.length][];
        int[] ids = new int[inputs.length];
        int k = 0;
        for (int i = 0; i < inputs.length; i++) {
          if (inputs[i] != null) {
            stated[k] = inputs[i];
            ids[k++] = c.inputs()[i];
          }
        }
        String s = check(c, java.util.Arrays.copyOf(ids, k), java.util.Arrays.copyOf(stated, k), "input");
        s = s == null ? check(c, c.outputs(), outputs, "output") : s;
        return s != null ? s : outputsThatAreInputs(c, inputs, outputs);
      }
    }
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
      if (i >= 0 && inputs[i] != null && !java.util.Arrays.equals(outputs[o], inputs[i])) {
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
    absorb(t, vk, inputs, null, outputs);
  }

  /**
   * Phase 0 (zk-design 12.1): the model id, the public inputs, one G1 record {@code "bzk/cin"} per
   * committed input in vk order (none when there is none, so other statements' bytes are unchanged),
   * the public outputs.
   */
  public static void absorb(Transcript t, VerifyingKey vk, long[][] inputs, byte[][] commitments,
      long[][] outputs) {
    t.absorbBytes("bzk/model", vk.modelId());
    t.absorbBytes("bzk/inputs", encode(inputs));
    if (commitments != null) {
      for (byte[] c : commitments) {
        if (c != null) {
          t.absorbG1("bzk/cin", c);
        }
      }
    }
    t.absorbBytes("bzk/outputs", encode(outputs));
  }

  /** Version 1's encoding of the stated tensors in order; a private input ({@code null}) contributes nothing. */
  static byte[] encode(long[][] vals) {
    ByteWriter w = new ByteWriter();
    for (long[] v : vals) {
      if (v == null) {
        continue;
      }
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
      p[c.inputs()[i]] = inputs[i]; // null for a private input: its tensor is committed, never looked up
    }
    for (int i = 0; i < outputs.length; i++) {
      if (p[c.outputs()[i]] == null) {
        p[c.outputs()[i]] = outputs[i];
      }
    }
    return p;
  }
}
