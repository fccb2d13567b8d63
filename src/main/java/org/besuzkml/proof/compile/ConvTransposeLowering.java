package org.besuzkml.proof.compile;

import java.util.Arrays;
import org.besuzkml.model.Node;
import org.besuzkml.model.quant.QTensor;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * ConvTranspose (engine ConvTransposeOp) as a stride-1 Conv (6.6): a Wire spreads the input into
 * a zero-inserted, padded plane U with {@code U[y s + (K-1) d - p] = X[y]} per axis (length
 * {@code out + (K-1) d}), and the Conv with dilation d reads it with the kernel flipped and its
 * in/out channels swapped. Groups become one dense kernel that is zero across groups (the Conv
 * argument proves one group). Bias and rescale as for Conv.
 */
final class ConvTransposeLowering {
  private ConvTransposeLowering() {}

  private static int[] ints(Node n, String attr, int r, int dflt) {
    long[] v = n.attrs().getInts(attr);
    int[] out = new int[v == null ? r : v.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = v == null ? dflt : Math.toIntExact(v[i]);
    }
    return out;
  }

  static void lower(Compiler c, Node n) {
    if (c.isConst(n.input(0)) || !c.isConst(n.input(1))) {
      throw new CompileException(n.name(), n.opType(), "needs an activation input and constant weights");
    }
    CircuitBuilder b = c.b;
    int x = c.act(n.input(0));
    int[] xs = b.shape(x);
    int r = xs.length - 2;
    if (xs[0] != 1) {
      throw new CompileException(n.name(), n.opType(), "batch size " + xs[0]);
    }
    String autoPad = n.attrs().getString("auto_pad", "NOTSET");
    String wid = n.name() + "/" + n.input(1);
    QTensor wq = c.model.params().get(wid);
    if (wq == null) {
      throw new CompileException(n.name(), n.opType(), "engine parameter " + wid + " not found");
    }
    int[] ws = wq.shape();
    int groups = (int) n.attrs().getInt("group", 1);
    int[] st = ints(n, "strides", r, 1);
    int[] dl = ints(n, "dilations", r, 1);
    int[] pd = autoPad.equals("VALID") ? new int[2 * r] : ints(n, "pads", 2 * r, 0);
    String out = n.outputs().get(0);
    int[] outShape = c.model.graph().shape(out);
    // 2-D form {height, width}; 1-D has height 1
    int[] in = {1, 1};
    int[] k = {1, 1};
    int[] s = {1, 1};
    int[] d = {1, 1};
    int[] pb = {0, 0};
    int[] o = {1, 1};
    for (int i = 0; i < r; i++) {
      int j = i + 2 - r;
      in[j] = xs[2 + i];
      k[j] = ws[2 + i];
      s[j] = st[i];
      d[j] = dl[i];
      pb[j] = pd[i];
      o[j] = outShape[2 + i];
    }
    int cin = xs[1];
    int cout = outShape[1];
    int cpg = cin / groups;
    int opg = cout / groups;
    // U: (1, cin, LH, LW) with LH = OH + (KH - 1) dh
    int lh = o[0] + (k[0] - 1) * d[0];
    int lw = o[1] + (k[1] - 1) * d[1];
    int[] offset = {(k[0] - 1) * d[0] - pb[0], (k[1] - 1) * d[1] - pb[1]};
    int size = cin * lh * lw;
    int[] srcIn = new int[size];
    int[] srcIdx = new int[size];
    Arrays.fill(srcIn, -1);
    for (int ch = 0; ch < cin; ch++) {
      for (int y = 0; y < in[0]; y++) {
        int ty = y * s[0] + offset[0];
        for (int xx = 0; xx < in[1]; xx++) {
          int tx = xx * s[1] + offset[1];
          if (ty >= 0 && ty < lh && tx >= 0 && tx < lw) {
            int t = (ch * lh + ty) * lw + tx;
            srcIn[t] = 0;
            srcIdx[t] = (ch * in[0] + y) * in[1] + xx;
          }
        }
      }
    }
    int[] us = r == 1 ? new int[] {1, cin, lw} : new int[] {1, cin, lh, lw};
    int u = MovementLowering.wire(b, n.name() + "/spread", us, new int[] {x}, srcIn, srcIdx,
        new long[size]);
    // dense flipped kernel W'[oc, ch, i, j] = W[ch, m, KH-1-i, KW-1-j] within a group, else 0
    long[] wv = wq.data();
    long[] flipped = new long[cout * cin * k[0] * k[1]];
    for (int ch = 0; ch < cin; ch++) {
      int grp = ch / cpg;
      for (int m = 0; m < opg; m++) {
        int oc = grp * opg + m;
        for (int i = 0; i < k[0]; i++) {
          for (int j = 0; j < k[1]; j++) {
            int src = ((ch * opg + m) * k[0] + (k[0] - 1 - i)) * k[1] + (k[1] - 1 - j);
            flipped[((oc * cin + ch) * k[0] + i) * k[1] + j] = wv[src];
          }
        }
      }
    }
    int[] wshape = r == 1 ? new int[] {cout, cin, k[1]} : new int[] {cout, cin, k[0], k[1]};
    int w = b.constant(n.name() + "/flipped_kernel", wshape, flipped);
    int acc = b.tensor(n.name() + "/conv", TensorKind.VIRTUAL, outShape);
    b.add(new Conv(acc, u, w, 1, new int[] {lh, lw}, k.clone(), o.clone(), new int[] {1, 1},
        new int[] {0, 0}, d.clone()));
    int prod = c.scale(n.input(0)) + wq.scale();
    if (n.hasInput(2)) {
      int bias = c.param(n, n.name() + "/" + n.input(2));
      int[] bshape = new int[outShape.length];
      Arrays.fill(bshape, 1);
      bshape[1] = cout;
      int bb = b.alias(bias, bshape, n.name() + "/bias");
      acc = b.lin(n.name() + "/biased", outShape, new int[] {acc, bb}, new long[] {1, 1}, 0);
    }
    c.finishRescaled(n, acc, prod);
  }
}
