package org.besuzkml.model.ops;

import static org.besuzkml.model.ops.OpSupport.one;

import java.util.Arrays;
import org.besuzkml.model.Node;
import org.besuzkml.model.Shapes;
import org.besuzkml.model.Tensor;
import org.besuzkml.model.quant.IntOp;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.model.quant.QuantContext;
import org.besuzkml.model.ops.OpSupport.Operand;

/**
 * MatMul (numpy semantics, batched and broadcast) and Gemm. Integer semantics: the accumulator
 * sum_k a*b sits at scale s_a + s_b, a constant bias is added at that scale, then one rescale brings
 * it to the activation scale. Activation x activation products follow the same rule.
 */
final class LinearOps {
  private LinearOps() {}

  /** Batched matrix product layout: out[b] = A[ia[b]] (M x K) * B[ib[b]] (K x N). */
  record Plan(int[] outShape, int m, int k, int n, int[] ia, int[] ib) {
    static Plan of(int[] a, int[] b) {
      boolean aVec = a.length == 1;
      boolean bVec = b.length == 1;
      int[] a2 = aVec ? new int[] {1, a[0]} : a;
      int[] b2 = bVec ? new int[] {b[0], 1} : b;
      int m = a2[a2.length - 2];
      int k = a2[a2.length - 1];
      int n = b2[b2.length - 1];
      if (b2[b2.length - 2] != k) {
        throw new IllegalArgumentException(
            "MatMul inner dimensions differ: " + Arrays.toString(a) + " x " + Arrays.toString(b));
      }
      int[] ba = Arrays.copyOf(a2, a2.length - 2);
      int[] bb = Arrays.copyOf(b2, b2.length - 2);
      int[] batch = Shapes.broadcast(ba, bb);
      int[] ia = Shapes.broadcastIndex(batch, ba);
      int[] ib = Shapes.broadcastIndex(batch, bb);
      int[] out = Arrays.copyOf(batch, batch.length + 2);
      out[batch.length] = m;
      out[batch.length + 1] = n;
      if (aVec && bVec) {
        out = batch;
      } else if (aVec) {
        out = remove(out, batch.length);
      } else if (bVec) {
        out = remove(out, batch.length + 1);
      }
      return new Plan(out, m, k, n, ia, ib);
    }

    private static int[] remove(int[] s, int i) {
      int[] r = new int[s.length - 1];
      for (int j = 0, o = 0; j < s.length; j++) {
        if (j != i) {
          r[o++] = s[j];
        }
      }
      return r;
    }

    long macs() {
      return (long) ia.length * m * k * n;
    }

    double[] run(double[] a, double[] b) {
      double[] r = new double[ia.length * m * n];
      for (int t = 0; t < ia.length; t++) {
        int ao = ia[t] * m * k;
        int bo = ib[t] * k * n;
        int ro = t * m * n;
        for (int i = 0; i < m; i++) {
          for (int p = 0; p < k; p++) {
            double av = a[ao + i * k + p];
            if (av == 0) {
              continue;
            }
            for (int j = 0; j < n; j++) {
              r[ro + i * n + j] += av * b[bo + p * n + j];
            }
          }
        }
      }
      return r;
    }

    long[] run(long[] a, long[] b) {
      long[] r = new long[ia.length * m * n];
      for (int t = 0; t < ia.length; t++) {
        int ao = ia[t] * m * k;
        int bo = ib[t] * k * n;
        int ro = t * m * n;
        for (int i = 0; i < m; i++) {
          for (int p = 0; p < k; p++) {
            long av = a[ao + i * k + p];
            if (av == 0) {
              continue;
            }
            for (int j = 0; j < n; j++) {
              r[ro + i * n + j] =
                  Math.addExact(r[ro + i * n + j], Math.multiplyExact(av, b[bo + p * n + j]));
            }
          }
        }
      }
      return r;
    }
  }

  static final class MatMul implements Op {
    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      return one(Plan.of(in[0], in[1]).outShape());
    }

    @Override
    public long macs(Node n, int[][] in, int[][] out) {
      return Plan.of(in[0], in[1]).macs();
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      Plan p = Plan.of(in[0].shape(), in[1].shape());
      return one(new Tensor(p.outShape(), p.run(in[0].data(), in[1].data())));
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      Operand a = Operand.of(n, 0, ctx, ctx.weight(), true);
      Operand b = Operand.of(n, 1, ctx, ctx.weight(), true);
      Plan p = Plan.of(a.shape, b.shape);
      int prod = a.scale + b.scale;
      int outScale = OpSupport.productTarget(prod, ctx, n.outputs().get(0));
      ctx.setScale(n.outputs().get(0), outScale);
      return (in, trace) -> {
        QTensor acc = new QTensor(p.outShape(), p.run(a.get(in).data(), b.get(in).data()), prod);
        return one(OpSupport.rescaleRecorded(n, acc, outScale, trace));
      };
    }
  }

  /** Gemm: alpha * op(A) * op(B) + beta * C, op = optional transpose, C broadcast to [M, N]. */
  static final class Gemm implements Op {
    private static Tensor transpose(Tensor t) {
      int r = t.dim(0);
      int c = t.dim(1);
      double[] d = new double[r * c];
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++) {
          d[j * r + i] = t.get(i * c + j);
        }
      }
      return new Tensor(new int[] {c, r}, d);
    }

    private static int[] dims(int[] s, boolean trans) {
      if (s.length != 2) {
        throw new IllegalArgumentException("Gemm needs 2-D inputs, got " + Arrays.toString(s));
      }
      return trans ? new int[] {s[1], s[0]} : s;
    }

    @Override
    public int[][] inferShapes(Node n, int[][] in, Tensor[] c) {
      int[] a = dims(in[0], n.attrs().getInt("transA", 0) != 0);
      int[] b = dims(in[1], n.attrs().getInt("transB", 0) != 0);
      if (a[1] != b[0]) {
        throw new IllegalArgumentException("Gemm inner dimensions differ");
      }
      return one(new int[] {a[0], b[1]});
    }

    @Override
    public long macs(Node n, int[][] in, int[][] out) {
      int[] a = dims(in[0], n.attrs().getInt("transA", 0) != 0);
      return (long) a[0] * a[1] * out[0][1];
    }

    @Override
    public Tensor[] evalFloat(Node n, Tensor[] in) {
      Tensor a = n.attrs().getInt("transA", 0) != 0 ? transpose(in[0]) : in[0];
      Tensor b = n.attrs().getInt("transB", 0) != 0 ? transpose(in[1]) : in[1];
      Plan p = Plan.of(a.shape(), b.shape());
      double[] r = p.run(a.data(), b.data());
      double alpha = n.attrs().getFloat("alpha", 1);
      double beta = n.attrs().getFloat("beta", 1);
      int[] shape = p.outShape();
      int[] ic = in.length > 2 && in[2] != null ? Shapes.broadcastIndex(shape, in[2].shape()) : null;
      for (int i = 0; i < r.length; i++) {
        r[i] = alpha * r[i] + (ic != null ? beta * in[2].get(ic[i]) : 0);
      }
      return one(new Tensor(shape, r));
    }

    @Override
    public IntOp quantize(Node n, QuantContext ctx) {
      boolean ta = n.attrs().getInt("transA", 0) != 0;
      boolean tb = n.attrs().getInt("transB", 0) != 0;
      double alpha = n.attrs().getFloat("alpha", 1);
      double beta = n.attrs().getFloat("beta", 1);
      String an = n.input(0);
      String bn = n.input(1);
      if (ctx.isConst(an) || !ctx.isConst(bn)) {
        if (alpha != 1 || ta || tb) {
          throw new Unsupported("Gemm with an activation B needs alpha=1 and no transposes");
        }
      }
      Operand a;
      Operand b;
      if (ctx.isConst(bn) && !ctx.isConst(an)) {
        if (ta) {
          throw new Unsupported("Gemm with transA on an activation");
        }
        Tensor bt = ctx.constant(bn);
        bt = tb ? transpose(bt) : bt;
        double[] scaled = bt.data().clone();
        for (int i = 0; i < scaled.length; i++) {
          scaled[i] *= alpha;
        }
        Tensor w = new Tensor(bt.shape(), scaled);
        int s = OpSupport.exactScale(w, ctx.weightScale(w));
        a = Operand.of(n, 0, ctx, ctx.weight(), true);
        b = Operand.ofConstant(1, ctx.param(n.name() + "/" + bn, w, s));
      } else {
        a = Operand.of(n, 0, ctx, ctx.weight(), true);
        b = Operand.of(n, 1, ctx, ctx.weight(), true);
      }
      Plan p = Plan.of(a.shape, b.shape);
      int prod = a.scale + b.scale;
      int outScale = OpSupport.productTarget(prod, ctx, n.outputs().get(0));
      ctx.setScale(n.outputs().get(0), outScale);
      int[] shape = p.outShape();
      long[] bias;
      if (n.hasInput(2)) {
        if (!ctx.isConst(n.input(2))) {
          throw new Unsupported("Gemm needs a constant C");
        }
        Tensor c = ctx.constant(n.input(2));
        int[] ic = Shapes.broadcastIndex(shape, c.shape());
        double[] cb = new double[ic.length];
        for (int i = 0; i < cb.length; i++) {
          cb[i] = beta * c.get(ic[i]);
        }
        bias = ctx.param(n.name() + "/" + n.input(2), new Tensor(shape, cb), prod).data();
      } else {
        bias = null;
      }
      return (in, trace) -> {
        long[] r = p.run(a.get(in).data(), b.get(in).data());
        if (bias != null) {
          for (int i = 0; i < r.length; i++) {
            r[i] = Math.addExact(r[i], bias[i]);
          }
        }
        return one(OpSupport.rescaleRecorded(n, new QTensor(shape, r, prod), outScale, trace));
      };
    }
  }
}
