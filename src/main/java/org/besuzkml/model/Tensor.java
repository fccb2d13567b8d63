package org.besuzkml.model;

import java.util.Arrays;

/**
 * A real-valued tensor of the float IR: a static shape and row-major values held as doubles.
 *
 * <p>Integer tensors of ONNX (shapes, indices) live here too, tagged {@link ElemType#INT}; every
 * int64 that a model uses as a shape or index is far below 2^53, so a double holds it exactly.
 */
public final class Tensor {
  /** What the values mean; it decides Cast and integer Div semantics during constant folding. */
  public enum ElemType {
    FLOAT,
    INT,
    BOOL
  }

  private final int[] shape;
  private final double[] data;
  private final ElemType type;

  public Tensor(int[] shape, double[] data, ElemType type) {
    if (Shapes.size(shape) != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
    }
    this.shape = shape.clone();
    this.data = data;
    this.type = type;
  }

  public Tensor(int[] shape, double[] data) {
    this(shape, data, ElemType.FLOAT);
  }

  public static Tensor scalar(double v) {
    return new Tensor(new int[0], new double[] {v});
  }

  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public int dim(int i) {
    return shape[i];
  }

  public int size() {
    return data.length;
  }

  /** The backing array; callers must not modify it. */
  public double[] data() {
    return data;
  }

  public double get(int i) {
    return data[i];
  }

  public ElemType type() {
    return type;
  }

  public Tensor withType(ElemType t) {
    return new Tensor(shape, data, t);
  }

  public Tensor reshape(int[] newShape) {
    return new Tensor(newShape, data, type);
  }

  /** The values as longs (for shape and index tensors). */
  public long[] asLongs() {
    long[] r = new long[data.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (long) data[i];
    }
    return r;
  }

  public float[] toFloats() {
    float[] r = new float[data.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) data[i];
    }
    return r;
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + type;
  }
}
