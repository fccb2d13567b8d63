package org.besuzkml.field;

/**
 * The one primitive the field kernels take from the JDK: the high 64 bits of the unsigned 128-bit
 * product of two words. This portable version (release 17) corrects the signed
 * {@link Math#multiplyHigh} for each negative operand. A multi-release jar replaces this class on
 * JDK 21+ with {@code src/main/java21/.../Mul64.java}, which calls {@code Math.unsignedMultiplyHigh}
 * (a C2 intrinsic since JDK 18: one {@code mul}, no corrections). Both return the same bits;
 * {@code Mul64Test} checks that on whichever JDK runs it. C2 inlines these calls, so the seam itself
 * costs nothing (docs/benchmarks.md, "JDK 21+ kernels").
 */
final class Mul64 {
  private Mul64() {}

  /** High word of the unsigned product a * b. */
  static long high(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /**
   * High word of the unsigned product a * b for {@code 0 <= b < 2^63} (a top limb of a field element,
   * whose modulus has 254 bits): only a's sign needs a correction.
   */
  static long highSmall(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b);
  }

  /** Which version the class loader picked (a method, so that javac does not inline a constant). */
  static String implementation() {
    return "portable";
  }
}
