package org.besuzkml.field;

/**
 * The JDK 21+ version of {@code src/main/java/.../Mul64.java} (META-INF/versions/21 of the
 * multi-release jars): {@code Math.unsignedMultiplyHigh}, a C2 intrinsic since JDK 18. Same methods,
 * same results; see the base version for the contract.
 */
final class Mul64 {
  private Mul64() {}

  static long high(long a, long b) {
    return Math.unsignedMultiplyHigh(a, b);
  }

  static long highSmallA(long a, long b) {
    return Math.unsignedMultiplyHigh(a, b);
  }

  static long highSmallB(long a, long b) {
    return Math.unsignedMultiplyHigh(a, b);
  }

  static String implementation() {
    return "unsignedMultiplyHigh";
  }
}
