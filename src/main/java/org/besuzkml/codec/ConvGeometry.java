package org.besuzkml.codec;

import java.util.Arrays;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.TensorInfo;

/**
 * A Conv's geometry must agree with its tensors (protocol.md 9.0, invariant 4): the argument (6.6)
 * reads the input's variables as (channel, height, width) and the weight's as (out channel,
 * channel, kernel height, kernel width), so the shapes must be exactly {@code x = (1, C, H, W)},
 * {@code w = (O, C, KH, KW)}, {@code y = (1, O, OH, OW)} with the geometry's {@code in}, {@code
 * kernel} and {@code out}; 1-D convolutions drop the height axis ({@code in[0] = kernel[0] = out[0]
 * = 1}). Strides, dilations and pads are bounded so window indices are exact in 32-bit arithmetic.
 * Version 1 proves one group.
 */
final class ConvGeometry {
  private ConvGeometry() {}

  static String check(Circuit c, Conv g) {
    int[][] geometry = {g.in(), g.kernel(), g.out(), g.strides(), g.padBegin(), g.dilations()};
    for (int[] a : geometry) {
      if (a.length != 2) {
        return "geometry arrays must have two entries (height, width)";
      }
    }
    if (g.groups() != 1) {
      return "grouped convolution is not proven in version 1";
    }
    for (int a = 0; a < 2; a++) {
      if (g.strides()[a] < 1 || g.dilations()[a] < 1 || g.padBegin()[a] < 0
          || g.strides()[a] > CircuitInvariants.MAX_GEOMETRY
          || g.dilations()[a] > CircuitInvariants.MAX_GEOMETRY
          || g.padBegin()[a] > CircuitInvariants.MAX_GEOMETRY) {
        return "stride, dilation or pad out of range";
      }
      if (g.in()[a] < 1 || g.kernel()[a] < 1 || g.out()[a] < 1) {
        return "empty window";
      }
      // the last tap's index, (out - 1) stride + (kernel - 1) dilation, must be exact in an int
      long last = (long) (g.out()[a] - 1) * g.strides()[a] + (long) (g.kernel()[a] - 1) * g.dilations()[a];
      if (last > Integer.MAX_VALUE / 2) {
        return "window indices overflow";
      }
    }
    TensorInfo x = c.tensor(g.x());
    TensorInfo w = c.tensor(g.w());
    TensorInfo y = c.tensor(g.y());
    if (x.rank() != y.rank() || w.rank() != x.rank() || (x.rank() != 3 && x.rank() != 4)) {
      return "tensor ranks";
    }
    boolean oneD = x.rank() == 3;
    if (oneD && (g.in()[0] != 1 || g.kernel()[0] != 1 || g.out()[0] != 1)) {
      return "a 1-D convolution has height 1";
    }
    int channels = x.dim(1);
    int outChannels = w.dim(0);
    if (!Arrays.equals(x.shape(), shape(oneD, 1, channels, g.in()))
        || !Arrays.equals(w.shape(), shape(oneD, outChannels, channels, g.kernel()))
        || !Arrays.equals(y.shape(), shape(oneD, 1, outChannels, g.out()))) {
      return "tensor shapes disagree with the geometry";
    }
    return null;
  }

  private static int[] shape(boolean oneD, int lead, int channels, int[] spatial) {
    return oneD ? new int[] {lead, channels, spatial[1]}
        : new int[] {lead, channels, spatial[0], spatial[1]};
  }
}
