package org.besuzkml.model;

/**
 * Distance of fixed-point outputs from a float reference. The tolerance of one output is 1% of
 * max(range of the reference, max |reference|, 0.1); rel_err is max_abs_err over that denominator
 * (so an output passes when rel_err <= 0.01), and argmax must agree for outputs with more than one
 * element.
 */
public record Accuracy(double maxAbsErr, double relErr, boolean argmaxMatch) {
  public static final double TOLERANCE = 0.01;

  public boolean passes() {
    return relErr <= TOLERANCE && argmaxMatch;
  }

  public static Accuracy compare(double[][] reference, double[][] fixed) {
    double maxAbs = 0;
    double rel = 0;
    boolean argmax = true;
    for (int o = 0; o < reference.length; o++) {
      double[] r = reference[o];
      double[] f = fixed[o];
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      double mag = 0;
      double err = 0;
      for (int i = 0; i < r.length; i++) {
        lo = Math.min(lo, r[i]);
        hi = Math.max(hi, r[i]);
        mag = Math.max(mag, Math.abs(r[i]));
        double e = Math.abs(r[i] - f[i]);
        err = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(err, e);
      }
      double denom = Math.max(Math.max(r.length == 0 ? 0 : hi - lo, mag), 0.1);
      maxAbs = Math.max(maxAbs, err);
      rel = Math.max(rel, err / denom);
      if (r.length > 1 && argmax(r) != argmax(f)) {
        argmax = false;
      }
    }
    return new Accuracy(maxAbs, rel, argmax);
  }

  /** Index of the first maximum. */
  public static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
