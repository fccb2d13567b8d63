package org.besuzkml.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.besuzkml.model.ModelException;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.Tensor.ElemType;
import org.besuzkml.onnx.proto.Onnx.TensorProto;

/** Decodes an ONNX TensorProto (raw_data or typed fields) into a {@link Tensor}, checking sizes. */
public final class TensorCodec {
  private TensorCodec() {}

  private static int elemBytes(int dt) {
    return switch (dt) {
      case 1, 6, 12 -> 4;
      case 2, 3, 9 -> 1;
      case 4, 5, 10, 16 -> 2;
      case 7, 11, 13 -> 8;
      default -> -1;
    };
  }

  static ElemType elemType(int dt) {
    return switch (dt) {
      case 1, 10, 11, 16 -> ElemType.FLOAT;
      case 9 -> ElemType.BOOL;
      default -> ElemType.INT;
    };
  }

  public static Tensor decode(TensorProto t) throws ModelException {
    String name = t.getName();
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
      throw new ModelException("tensor '" + name + "' uses external data, which is not supported");
    }
    int dt = t.getDataType();
    int eb = elemBytes(dt);
    if (eb < 0) {
      throw new ModelException("tensor '" + name + "' has unsupported data type " + dt);
    }
    int[] shape = new int[t.getDimsCount()];
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      long d = t.getDims(i);
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw new ModelException("tensor '" + name + "' has invalid dimension " + d);
      }
      shape[i] = (int) d;
      n *= d;
      if (n > Integer.MAX_VALUE / 8) {
        throw new ModelException("tensor '" + name + "' is too large");
      }
    }
    int count = (int) n;
    double[] v = new double[count];
    if (t.hasRawData()) {
      var raw = t.getRawData();
      if (raw.size() != (long) count * eb) {
        throw new ModelException("tensor '" + name + "' raw_data has " + raw.size()
            + " bytes, expected " + (long) count * eb);
      }
      ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count; i++) {
        v[i] = switch (dt) {
          case 1 -> b.getFloat();
          case 11 -> b.getDouble();
          case 7 -> b.getLong();
          case 13 -> unsignedLong(b.getLong());
          case 6 -> b.getInt();
          case 12 -> b.getInt() & 0xffffffffL;
          case 5 -> b.getShort();
          case 4 -> b.getShort() & 0xffff;
          case 3 -> b.get();
          case 2, 9 -> b.get() & 0xff;
          case 10 -> halfToFloat(b.getShort() & 0xffff);
          default -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
        };
      }
    } else {
      int have = switch (dt) {
        case 1 -> t.getFloatDataCount();
        case 11 -> t.getDoubleDataCount();
        case 7 -> t.getInt64DataCount();
        case 12, 13 -> t.getUint64DataCount();
        default -> t.getInt32DataCount();
      };
      if (have != count) {
        throw new ModelException(
            "tensor '" + name + "' holds " + have + " values, its shape needs " + count);
      }
      for (int i = 0; i < count; i++) {
        v[i] = switch (dt) {
          case 1 -> t.getFloatData(i);
          case 11 -> t.getDoubleData(i);
          case 7 -> t.getInt64Data(i);
          case 12, 13 -> unsignedLong(t.getUint64Data(i));
          case 10 -> halfToFloat(t.getInt32Data(i) & 0xffff);
          case 16 -> Float.intBitsToFloat((t.getInt32Data(i) & 0xffff) << 16);
          default -> t.getInt32Data(i);
        };
      }
    }
    return new Tensor(shape, v, elemType(dt));
  }

  private static double unsignedLong(long x) {
    return x >= 0 ? x : (double) (x >>> 1) * 2.0 + (x & 1);
  }

  static float halfToFloat(int h) {
    int sign = (h >>> 15) & 1;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    float v;
    if (exp == 0) {
      v = mant * 0x1p-24f;
    } else if (exp == 31) {
      v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      v = (1 + mant / 1024f) * (float) Math.scalb(1.0, exp - 15);
    }
    return sign == 1 ? -v : v;
  }

  /** Encodes a float tensor (used by tests to build small models). */
  public static TensorProto encodeFloat(String name, int[] shape, float[] data) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(1);
    for (int d : shape) {
      b.addDims(d);
    }
    for (float f : data) {
      b.addFloatData(f);
    }
    return b.build();
  }

  /** Encodes an int64 tensor. */
  public static TensorProto encodeLong(String name, int[] shape, long[] data) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(7);
    for (int d : shape) {
      b.addDims(d);
    }
    for (long x : data) {
      b.addInt64Data(x);
    }
    return b.build();
  }
}
