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

  /** High word of the unsigned product a * b for {@code 0 <= a < 2^63}: only b's sign needs a correction. */
  static long highSmallA(long a, long b) {
    return Math.multiplyHigh(a, b) + (a & (b >> 63));
  }

  /**
   * High word of the unsigned product a * b for {@code 0 <= b < 2^63}. The top limb of a field element
   * (254-bit modulus) is such a word. The operand order of each correction is that of the kernels
   * before this seam: C2 17 compiles the mirrored form about 4 % slower inside mul.
   */
  static long highSmallB(long a, long b) {
    return Math.multiplyHigh(a, b) + (b & (a >> 63));
  }

  /** Which version the class loader picked (a method, so that javac does not inline a constant). */
  static String implementation() {
    return "portable";
  }
}
