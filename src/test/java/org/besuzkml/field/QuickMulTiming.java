package org.besuzkml.field;

/** Scratch timing (not a test): ns per Fr/Fq mul in a dependent chain. */
public final class QuickMulTiming {
  public static void main(String[] args) {
    long[] a = new long[4];
    long[] b = new long[4];
    Fr.fromLong(a, 0, 1234567);
    Fr.fromLong(b, 0, -7654321);
    for (int rep = 0; rep < 8; rep++) {
      int n = 20_000_000;
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Fr.mul(a, 0, a, 0, b, 0);
      }
      long dt = System.nanoTime() - t;
      System.out.printf("fr mul %.2f ns (%d)%n", dt / (double) n, a[0] & 1);
    }
  }
}
