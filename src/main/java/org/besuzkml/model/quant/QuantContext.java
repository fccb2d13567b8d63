package org.besuzkml.model.quant;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.besuzkml.model.Graph;
import org.besuzkml.model.Tensor;

/**
 * What an op needs to quantize itself: the scales chosen by calibration, the graph's float
 * constants, the calibrated float range of every tensor, and registries for the quantized
 * parameters and lookup tables it creates.
 */
public final class QuantContext {
  private final Graph graph;
  private final int act;
  private final int weight;
  private final Map<String, double[]> ranges;
  private final Map<String, Integer> scales = new HashMap<>();
  private final Map<String, QTensor> params = new LinkedHashMap<>();
  private final Map<String, LookupTable> tables = new LinkedHashMap<>();

  public QuantContext(Graph graph, int act, int weight, Map<String, double[]> ranges) {
    this.graph = graph;
    this.act = act;
    this.weight = weight;
    this.ranges = ranges;
  }

  /** Scale exponent of activations. */
  public int act() {
    return act;
  }

  /** Scale exponent of multiplicative constants (weights). */
  public int weight() {
    return weight;
  }

  public boolean isConst(String name) {
    return graph.constants().containsKey(name);
  }

  public Tensor constant(String name) {
    return graph.constants().get(name);
  }

  public int[] shape(String name) {
    return graph.shape(name);
  }

  /** Static scale of an activation tensor already quantized. */
  public int scale(String name) {
    Integer s = scales.get(name);
    if (s == null) {
      throw new IllegalStateException("no scale yet for " + name);
    }
    return s;
  }

  public void setScale(String name, int s) {
    scales.put(name, s);
  }

  /** At most this many fractional bits beyond the activation scale for small-valued tensors. */
  public static final int MAX_EXTRA_BITS = 8;

  /**
   * The scale an op should give its output tensor: the activation scale A, plus up to {@link
   * #MAX_EXTRA_BITS} bits for a tensor whose calibrated magnitude m is below 1 (floor(log2(1/m))
   * bits, so small values keep about A significant bits), and lowered when m * 2^s * 8 would pass
   * the activation bound (never more than 8 bits below A).
   */
  public int target(String name) {
    double[] r = ranges.get(name);
    if (r == null) {
      return act;
    }
    double m = Math.max(Math.abs(r[0]), Math.abs(r[1]));
    if (!(m > 0) || Double.isInfinite(m)) {
      return act;
    }
    int up = (int) Math.floor(-Math.log(m) / Math.log(2));
    up = Math.max(0, Math.min(MAX_EXTRA_BITS, up));
    int byBound = (int) Math.floor(Math.log(FixedPoint.MAX_ACT / (8 * m)) / Math.log(2));
    return Math.max(act - 8, Math.min(act + up, byBound));
  }

  /**
   * The scale of a multiplicative constant: the weight scale W plus up to {@link
   * #MAX_EXTRA_BITS} bits when its largest magnitude m is below 1 (so small weights keep about W
   * significant bits), lowered when m * 2^s would pass 2^31.
   */
  public int weightScale(Tensor t) {
    double m = 0;
    for (double v : t.data()) {
      if (Double.isFinite(v)) {
        m = Math.max(m, Math.abs(v));
      }
    }
    if (!(m > 0)) {
      return weight;
    }
    int up = Math.max(0, Math.min(MAX_EXTRA_BITS, (int) Math.floor(-Math.log(m) / Math.log(2))));
    int byBound = (int) Math.floor(Math.log(FixedPoint.MAX_ACT / m) / Math.log(2));
    return Math.min(weight + up, byBound);
  }

  /** Calibrated [min, max] of a tensor's float values; [0, 0] when unknown. */
  public double[] range(String name) {
    double[] r = ranges.get(name);
    return r == null ? new double[] {0, 0} : r.clone();
  }

  /**
   * Quantizes a multiplicative constant (weight, or bias at a product scale) and records it as a
   * parameter of the model.
   */
  public QTensor param(String id, Tensor t, int scale) {
    double[] v = t.data();
    for (int i = 0; i < v.length; i++) {
      // NaN would quantize to 0 and an infinity or a huge value saturate: the model proved would
      // not be the model given.
      if (!(Math.abs(v[i]) <= FixedPoint.MAX_ACT)) {
        throw new BadConstant(id, "holds " + v[i] + " at index " + i + (Double.isFinite(v[i])
            ? ", beyond the fixed-point range (magnitude at most " + FixedPoint.MAX_ACT + ")"
            : "; weights must be finite"));
      }
    }
    QTensor q = QTensor.quantizeParam(t.shape(), t.data(), scale);
    params.put(id, q);
    return q;
  }

  /**
   * Quantizes a constant that takes part as an activation (addend, compared value, selected or
   * padded value), saturating at the activation bound (so -inf becomes -MAX_ACT).
   */
  public QTensor actConst(String id, Tensor t, int scale) {
    double[] v = t.data();
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        throw new BadConstant(id, "holds NaN at index " + i);
      }
    }
    QTensor q = QTensor.quantize(t.shape(), t.data(), scale);
    params.put(id, q);
    return q;
  }

  /** A constant that cannot be quantized faithfully; {@code id} is "node/constant". */
  public static final class BadConstant extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String id;

    BadConstant(String id, String what) {
      super(what);
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  public Map<String, QTensor> params() {
    return Collections.unmodifiableMap(params);
  }

  public Map<String, LookupTable> tables() {
    return Collections.unmodifiableMap(tables);
  }

  /** How a table's domain is bounded. */
  public record Domain(double validLo, double validHi, boolean saturating) {
    /**
     * f is flat outside [-t, t] (its change there is below the output resolution of the scales in
     * use): the domain is [-t, t], and clamping outside it is exact.
     */
    public static Domain saturatingAt(double t) {
      return new Domain(-t, t, true);
    }

    /** f is defined on [lo, hi]; the domain is the calibrated range (with margin) inside it. */
    public static Domain valid(double lo, double hi) {
      return new Domain(lo, hi, false);
    }

    public static Domain all() {
      return valid(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
  }

  /**
   * A table for f whose input arrives at scale {@code inScale} with calibrated float range
   * {@code range}. The domain is the calibrated range widened by a margin (or the saturation
   * interval), then the table's own input scale is the finest one (at most inScale) at which the
   * domain fits {@link FixedPoint#MAX_TABLE_SIZE} entries.
   */
  public LookupTable table(
      String id, String function, DoubleUnaryOperator f, int inScale, double[] range, Domain d) {
    return table(id, function, f, inScale, range, d, act);
  }

  public LookupTable table(
      String id,
      String function,
      DoubleUnaryOperator f,
      int inScale,
      double[] range,
      Domain d,
      int outScale) {
    double lo;
    double hi;
    if (d.saturating()) {
      // f is flat outside [validLo, validHi]: clamping there is exact whatever the inputs are.
      lo = d.validLo();
      hi = d.validHi();
    } else {
      double a = range[0];
      double b = range[1];
      double m = 0.1 * (b - a) + 0.1 * Math.max(Math.abs(a), Math.abs(b)) + Math.scalb(8.0, -inScale);
      lo = Math.max(a - m, d.validLo());
      hi = Math.min(b + m, d.validHi());
      if (hi < lo) {
        hi = lo;
      }
    }
    int s = inScale;
    while (Math.ceil(Math.scalb(hi, s)) - Math.floor(Math.scalb(lo, s)) + 1
        > FixedPoint.MAX_TABLE_SIZE) {
      s--;
    }
    long qlo = (long) Math.floor(Math.scalb(lo, s));
    long qhi = (long) Math.ceil(Math.scalb(hi, s));
    if (d.validLo() > Double.NEGATIVE_INFINITY && Math.scalb((double) qlo, -s) < d.validLo()) {
      qlo++;
    }
    if (d.validHi() < Double.POSITIVE_INFINITY && Math.scalb((double) qhi, -s) > d.validHi()) {
      qhi--;
    }
    if (qhi < qlo) {
      qhi = qlo;
    }
    LookupTable t = LookupTable.build(function, f, s, outScale, qlo, qhi, d.saturating());
    tables.put(id, t);
    return t;
  }
}
