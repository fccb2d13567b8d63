package org.besuzkml.model.quant;

import org.besuzkml.model.Shapes;

/** An integer tensor with a power-of-two scale: element i stands for data[i] / 2^scale. */
public record QTensor(int[] shape, long[] data, int scale) {
  public QTensor {
    if (Shapes.size(shape) != data.length) {
      throw new IllegalArgumentException("shape does not match data length");
    }
  }

  public int size() {
    return data.length;
  }

  public double[] dequantize() {
    double[] r = new double[data.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = FixedPoint.dequantize(data[i], scale);
    }
    return r;
  }

  public static QTensor quantize(int[] shape, double[] values, int scale) {
    long[] q = new long[values.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = FixedPoint.quantize(values[i], scale);
    }
    return new QTensor(shape, q, scale);
  }

  public static QTensor quantizeParam(int[] shape, double[] values, int scale) {
    long[] q = new long[values.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = FixedPoint.quantizeParam(values[i], scale);
    }
    return new QTensor(shape, q, scale);
  }

  /** The same values moved to another scale (exact left shift or rounded rescale). */
  public QTensor toScale(int s) {
    if (s == scale) {
      return this;
    }
    long[] q = new long[data.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = FixedPoint.align(data[i], scale, s);
    }
    return new QTensor(shape, q, s);
  }
}
