package org.besuzkml.codec;

import org.besuzkml.pcs.HyperKzgVerifierKey;

/**
 * Section 9 VISIBILITY of a version-2 (zero-knowledge) verifying key (zk-design 1.3, 11.2):
 * {@code u8 param_vis, u16 n_in, n_in x u8 in_vis, u16 n_out, n_out x u8 out_vis, u32 K'_pub,
 * [beta]_1 (64), [beta]_2 (128)}. Codes: inputs 0 public, 1 private, 2 committed; outputs 0 public,
 * 2 committed; parameters 0 public, 1 private. {@code K'_pub} is the number of model bins whose
 * commitments are public (all of them unless the parameters are private).
 */
public record Visibility(int params, int[] inputs, int[] outputs, int publicModelBins, byte[] beta) {
  public static final int PUBLIC = 0;
  public static final int PRIVATE = 1;
  public static final int COMMITTED = 2;

  /** Everything public (the {@code --zk} choice: a zero-knowledge proof of a public statement). */
  public static Visibility allPublic(int inputs, int outputs, int modelBins, byte[] beta) {
    return new Visibility(PUBLIC, new int[inputs], new int[outputs], modelBins, beta.clone());
  }

  public byte[] encode() {
    ByteWriter w = new ByteWriter().u8(params).u16(inputs.length);
    for (int v : inputs) {
      w.u8(v);
    }
    w.u16(outputs.length);
    for (int v : outputs) {
      w.u8(v);
    }
    return w.i32(publicModelBins).bytes(beta).toByteArray();
  }

  /**
   * Reads the section's body and checks it against the circuit's graph inputs and outputs and its
   * model bins; the beta points are checked by {@code key.withBeta} (premise P13). On success the
   * returned key holds the blinding base.
   */
  static Decoded<Checked> decode(byte[] data, int start, int end, int inputs, int outputs, int modelBins,
      HyperKzgVerifierKey key) {
    ByteReader r = new ByteReader(data, start, end);
    int params = r.u8("param visibility");
    int ni = r.u16("input visibilities");
    int[] in = new int[Math.min(ni, Math.max(0, r.remaining()))];
    for (int i = 0; i < in.length && r.ok(); i++) {
      in[i] = r.u8("input visibility");
    }
    int no = r.u16("output visibilities");
    int[] out = new int[Math.min(no, Math.max(0, r.remaining()))];
    for (int i = 0; i < out.length && r.ok(); i++) {
      out[i] = r.u8("output visibility");
    }
    int kPub = r.i32("public model bins");
    byte[] beta = r.bytes(HyperKzgVerifierKey.BETA_ENCODED, "blinding base");
    if (!r.ok()) {
      return Decoded.err(r.error(), r.errorOffset());
    }
    if (r.remaining() != 0) {
      return Decoded.err("trailing bytes in VISIBILITY", r.position());
    }
    if (ni != inputs || no != outputs) {
      return Decoded.err("VISIBILITY lists " + ni + " inputs and " + no + " outputs, PUBLIC " + inputs + " and "
          + outputs, start);
    }
    if (params != PUBLIC && params != PRIVATE) {
      return Decoded.err("parameter visibility " + params + " unknown", start);
    }
    for (int i = 0; i < ni; i++) {
      if (in[i] != PUBLIC && in[i] != PRIVATE && in[i] != COMMITTED) {
        return Decoded.err("input " + i + " visibility " + in[i] + " unknown", start);
      }
    }
    for (int i = 0; i < no; i++) {
      if (out[i] != PUBLIC && out[i] != COMMITTED) {
        return Decoded.err("output " + i + " visibility " + out[i] + " unknown", start);
      }
    }
    if (kPub < 0 || kPub > modelBins || (params == PUBLIC && kPub != modelBins)) {
      return Decoded.err("public model bins " + kPub + " of " + modelBins + " with parameter visibility " + params,
          start);
    }
    HyperKzgVerifierKey.Decoded withBeta = key.withBeta(beta, 0);
    if (withBeta.key() == null) {
      return Decoded.err("VISIBILITY: " + withBeta.error(), end - HyperKzgVerifierKey.BETA_ENCODED);
    }
    return Decoded.ok(new Checked(new Visibility(params, in, out, kPub, beta), withBeta.key()));
  }

  /**
   * Premise P10 (zk-design 9.4) between the section and the circuit: an input is private exactly
   * when its tensor is committed and limb-backed (one Decomp define Act, checked by the circuit
   * check), and committed exactly when its tensor is committed and not limb-backed (then the circuit
   * check has made it Decomp-checked as Act, and the layout gives it a bin of its own, 4.7), so no
   * input is both stated and hidden, and a committed code always names the column bound to C_x.
   * Null if consistent, else the reason.
   */
  String checkCircuit(org.besuzkml.proof.gadget.Circuit c) {
    boolean[] limbBacked = limbBacked(c);
    for (int i = 0; i < inputs.length; i++) {
      int t = c.inputs()[i];
      boolean committed = c.tensor(t).kind() == org.besuzkml.proof.gadget.TensorKind.COMMITTED;
      int want = !committed ? PUBLIC : limbBacked[t] ? PRIVATE : COMMITTED;
      if (inputs[i] == want) {
        continue;
      }
      if (want == PRIVATE) {
        return "input " + i + " is a committed tensor but not private";
      }
      if (want == COMMITTED) {
        return "input " + i + " is a committed input's column but VISIBILITY says " + inputName(inputs[i]);
      }
      return "input " + i + (inputs[i] == PRIVATE ? " is private but its tensor is not committed advice"
          : " is committed but its tensor is not wired as a committed input (a committed column"
          + " Decomp-checked as Act)");
    }
    return null;
  }

  /** Per tensor whether a Decomp define backs it. */
  static boolean[] limbBacked(org.besuzkml.proof.gadget.Circuit c) {
    boolean[] b = new boolean[c.tensors().size()];
    for (org.besuzkml.proof.gadget.Gadget g : c.gadgets()) {
      if (g instanceof org.besuzkml.proof.gadget.Decomp d && d.define()) {
        b[d.x()] = true;
      }
    }
    return b;
  }

  /** Visibility codes of the inputs, as names ("public", "private", "committed"). */
  public static String inputName(int code) {
    return switch (code) {
      case PUBLIC -> "public";
      case PRIVATE -> "private";
      case COMMITTED -> "committed";
      default -> "unknown";
    };
  }

  /** The code of an input visibility name, or -1. */
  public static int inputCode(String name) {
    return switch (name) {
      case "public" -> PUBLIC;
      case "private" -> PRIVATE;
      case "committed" -> COMMITTED;
      default -> -1;
    };
  }

  /** Whether input i is private. */
  public boolean privateInput(int i) {
    return inputs[i] == PRIVATE;
  }

  /** Whether input i is committed (a hiding commitment C_x is part of the statement). */
  public boolean committedInput(int i) {
    return inputs[i] == COMMITTED;
  }

  /** Whether input i's values are absent from the statement (private or committed). */
  public boolean hiddenInput(int i) {
    return inputs[i] != PUBLIC;
  }

  /** Per input whether it is committed (for the compiler). */
  public boolean[] committedInputs() {
    boolean[] p = new boolean[inputs.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = inputs[i] == COMMITTED;
    }
    return p;
  }

  /** Per input whether it is private (for the compiler). */
  public boolean[] privateInputs() {
    boolean[] p = new boolean[inputs.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = inputs[i] == PRIVATE;
    }
    return p;
  }

  /**
   * The one-line summary {@code verify} prints (zk-design 1.5), e.g.
   * {@code zk: yes; inputs: #0 private; outputs: #0 public; params: public}.
   */
  public String describe() {
    return describe(null);
  }

  /**
   * As {@link #describe()}, with each committed input's commitment (64-byte encoding, may be null)
   * shortened to its first two bytes: {@code inputs: #0 committed 0x1a2b..}.
   */
  public String describe(byte[][] commitments) {
    StringBuilder sb = new StringBuilder("zk: yes; inputs:");
    for (int i = 0; i < inputs.length; i++) {
      sb.append(i == 0 ? " #" : ", #").append(i).append(' ').append(inputName(inputs[i]));
      if (inputs[i] == COMMITTED && commitments != null && i < commitments.length && commitments[i] != null
          && commitments[i].length >= 2) {
        sb.append(String.format(" 0x%02x%02x..", commitments[i][0] & 0xff, commitments[i][1] & 0xff));
      }
    }
    sb.append("; outputs:");
    for (int i = 0; i < outputs.length; i++) {
      sb.append(i == 0 ? " #" : ", #").append(i).append(' ').append(inputName(outputs[i]));
    }
    return sb.append("; params: ").append(params == PRIVATE ? "private" : "public").toString();
  }

  /** A decoded section with the verifier key that now holds the blinding base. */
  record Checked(Visibility visibility, HyperKzgVerifierKey key) {}

  /** True when nothing is hidden but the proof is still zero knowledge (the {@code --zk} choice). */
  public boolean allPublic() {
    if (params != PUBLIC) {
      return false;
    }
    for (int v : inputs) {
      if (v != PUBLIC) {
        return false;
      }
    }
    for (int v : outputs) {
      if (v != PUBLIC) {
        return false;
      }
    }
    return true;
  }
}
