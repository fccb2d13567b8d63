package org.besuzkml.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.besuzkml.model.Graph;
import org.besuzkml.model.ModelException;

/** The float reference: the original model bytes run by ONNX Runtime. */
public final class OrtReference {
  private OrtReference() {}

  /** Runs the model once; inputs in graph-input order, shapes from the imported graph. */
  public static double[][] run(byte[] model, Graph g, List<double[]> inputs) throws ModelException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(1);
      opts.setInterOpNumThreads(1);
      try (OrtSession s = env.createSession(model, opts)) {
        Map<String, NodeInfo> info = s.getInputInfo();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
          for (int i = 0; i < g.inputs().size(); i++) {
            Graph.Value v = g.inputs().get(i);
            long[] shape = new long[v.shape().length];
            for (int d = 0; d < shape.length; d++) {
              shape[d] = v.shape()[d];
            }
            double[] x = inputs.get(i);
            OnnxJavaType t = OnnxJavaType.FLOAT;
            NodeInfo ni = info.get(v.name());
            if (ni != null && ni.getInfo() instanceof TensorInfo ti) {
              t = ti.type;
            }
            OnnxTensor tensor;
            if (t == OnnxJavaType.DOUBLE) {
              tensor = OnnxTensor.createTensor(env, DoubleBuffer.wrap(x.clone()), shape);
            } else if (t == OnnxJavaType.INT64) {
              long[] l = new long[x.length];
              for (int k = 0; k < l.length; k++) {
                l[k] = Math.round(x[k]);
              }
              tensor = OnnxTensor.createTensor(env, LongBuffer.wrap(l), shape);
            } else {
              float[] f = new float[x.length];
              for (int k = 0; k < f.length; k++) {
                f[k] = (float) x[k];
              }
              tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
            }
            feed.put(v.name(), tensor);
          }
          try (OrtSession.Result r = s.run(feed)) {
            double[][] out = new double[g.outputs().size()][];
            for (int o = 0; o < out.length; o++) {
              String name = g.outputs().get(o).name();
              OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow();
              out[o] = flatten(t);
            }
            return out;
          }
        } finally {
          for (OnnxTensor t : feed.values()) {
            t.close();
          }
        }
      }
    } catch (OrtException e) {
      throw new ModelException("ONNX Runtime failed: " + e.getMessage().lines().findFirst()
          .orElse(""), e);
    }
  }

  private static double[] flatten(OnnxTensor t) {
    OnnxJavaType type = t.getInfo().type;
    switch (type) {
      case FLOAT -> {
        FloatBuffer b = t.getFloatBuffer();
        double[] r = new double[b.remaining()];
        for (int i = 0; i < r.length; i++) {
          r[i] = b.get(i);
        }
        return r;
      }
      case DOUBLE -> {
        DoubleBuffer b = t.getDoubleBuffer();
        double[] r = new double[b.remaining()];
        b.get(r);
        return r;
      }
      case INT64 -> {
        LongBuffer b = t.getLongBuffer();
        double[] r = new double[b.remaining()];
        for (int i = 0; i < r.length; i++) {
          r[i] = b.get(i);
        }
        return r;
      }
      case BOOL -> {
        var b = t.getByteBuffer();
        double[] r = new double[b.remaining()];
        for (int i = 0; i < r.length; i++) {
          r[i] = b.get(i) != 0 ? 1 : 0;
        }
        return r;
      }
      default -> {
        var b = t.getIntBuffer();
        double[] r = new double[b.remaining()];
        for (int i = 0; i < r.length; i++) {
          r[i] = b.get(i);
        }
        return r;
      }
    }
  }
}
