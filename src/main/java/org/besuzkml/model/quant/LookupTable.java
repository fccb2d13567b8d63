package org.besuzkml.model.quant;

import java.util.function.DoubleUnaryOperator;

/**
 * A nonlinear function as a table over the integer domain [lo, lo + size) at scale {@code inScale}.
 * Entry i holds quantize(f((lo + i) / 2^inScale), outScale). Inputs outside the domain are clamped
 * to its nearest edge (the documented out-of-domain policy); the trace counts such clamps.
 */
public final class LookupTable {
  private final String function;
  private final int inScale;
  private final int outScale;
  private final long lo;
  private final long[] values;
  private final boolean saturating;

  private LookupTable(
      String function, int inScale, int outScale, long lo, long[] values, boolean saturating) {
    this.saturating = saturating;
    this.function = function;
    this.inScale = inScale;
    this.outScale = outScale;
    this.lo = lo;
    this.values = values;
  }

  /** Tabulates f over integers lo..hi (inclusive) at input scale inScale. */
  public static LookupTable build(
      String function, DoubleUnaryOperator f, int inScale, int outScale, long lo, long hi) {
    return build(function, f, inScale, outScale, lo, hi, false);
  }

  /**
   * As {@link #build(String, DoubleUnaryOperator, int, int, long, long)}; {@code saturating} says
   * f is constant (to within one output unit) outside the domain, so clamping there is exact.
   */
  public static LookupTable build(String function, DoubleUnaryOperator f, int inScale,
      int outScale, long lo, long hi, boolean saturating) {
    long n = hi - lo + 1;
    if (n < 1 || n > FixedPoint.MAX_TABLE_SIZE) {
      throw new IllegalArgumentException("table of " + n + " entries for " + function);
    }
    long[] v = new long[(int) n];
    for (int i = 0; i < n; i++) {
      v[i] = FixedPoint.quantize(f.applyAsDouble(FixedPoint.dequantize(lo + i, inScale)), outScale);
    }
    return new LookupTable(function, inScale, outScale, lo, v, saturating);
  }

  public String function() {
    return function;
  }

  public int inScale() {
    return inScale;
  }

  public int outScale() {
    return outScale;
  }

  public long lo() {
    return lo;
  }

  public long hi() {
    return lo + values.length - 1;
  }

  public int size() {
    return values.length;
  }

  public long[] values() {
    return values.clone();
  }

  /** Whether clamping an out-of-domain input is exact (f is flat outside the domain). */
  public boolean saturating() {
    return saturating;
  }

  public boolean inDomain(long x) {
    return x >= lo && x <= hi();
  }

  /** The table entry for x, clamping x into the domain first. */
  public long apply(long x) {
    long c = x < lo ? lo : Math.min(x, hi());
    return values[(int) (c - lo)];
  }

  @Override
  public String toString() {
    return function + "[" + lo + ".." + hi() + "]@2^" + inScale + "->2^" + outScale;
  }
}
