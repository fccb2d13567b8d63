package org.besuzkml.proof;

import java.util.Arrays;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.pcs.HyperKzg;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.zk.ZkRandomness;

/**
 * The opening of a committed input (zk-design 1.4, 4.7): its engine integers (flat row-major), the
 * blinding {@code r} (Fr, Montgomery form) and the commitment {@code C_x = sum_i x_i [tau^i]_1 +
 * r [beta]_1}, where {@code x} is the input in the padded layout of its tensor (section 1.3), so
 * that {@code C_x} is exactly the hiding commitment of the input's own witness bin. The opening is
 * the holder's secret: nothing here is ever printed.
 */
public record InputOpening(long[] values, long[] blinding, byte[] commitment) {
  public InputOpening {
    values = values.clone();
    blinding = blinding.clone();
    commitment = commitment.clone();
  }

  @Override
  public long[] values() {
    return values.clone();
  }

  @Override
  public long[] blinding() {
    return blinding.clone();
  }

  @Override
  public byte[] commitment() {
    return commitment.clone();
  }

  /** Input i's values in the padded layout of its tensor (zero padding). */
  static long[] padded(VerifyingKey vk, int i, long[] values) {
    TensorInfo t = vk.circuit().tensor(vk.circuit().inputs()[i]);
    if (values.length != t.size()) {
      throw new IllegalArgumentException("input " + i + " has " + values.length + " values, the model takes "
          + t.size());
    }
    long[] p = new long[1 << t.vars()];
    for (int j = 0; j < values.length; j++) {
      p[t.paddedIndex(j)] = values[j];
    }
    return p;
  }

  /** {@code Com(x; r)} of input i (64-byte encoding). */
  public static byte[] commit(Srs srs, VerifyingKey vk, int i, long[] values, long[] blinding) {
    long[] p = padded(vk, i, values);
    return G1.encode(HyperKzg.commitSmallHiding(srs, p, p.length, blinding), 0);
  }

  /** A fresh opening of input i: {@code r} uniform from {@code rnd} (a CSPRNG in production). */
  public static InputOpening create(Srs srs, VerifyingKey vk, int i, long[] values, ZkRandomness rnd) {
    long[] r = rnd.nextFrs(1);
    return new InputOpening(values, r, commit(srs, vk, i, values, r));
  }

  /** Null if this opening recomputes its commitment for input i, else why not. */
  public String check(Srs srs, VerifyingKey vk, int i) {
    try {
      return Arrays.equals(commit(srs, vk, i, values, blinding), commitment) ? null
          : "the opening does not recompute its commitment";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** The blinding as 32 canonical big-endian bytes. */
  public byte[] blindingBytes() {
    return Fr.toBytes(blinding, 0);
  }
}
