package org.besuzkml.field;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code src/main/codegen/PrimeField.java.tmpl} into {@code Fq.java} and {@code Fr.java}.
 * Every constant is derived here from the modulus, so the two fields share one kernel and cannot
 * drift apart. {@link GeneratedFieldsTest} fails when the checked-in sources differ from this output.
 */
final class PrimeFieldGenerator {
  static final Path TEMPLATE = Path.of("src/main/codegen/PrimeField.java.tmpl");
  static final Path OUT_DIR = Path.of("src/main/java/org/besuzkml/field");

  static final BigInteger BN254_Q =
      new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583");
  static final BigInteger BN254_R =
      new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617");

  record Spec(String className, String doc, BigInteger modulus) {}

  static final Spec[] SPECS = {
    new Spec("Fq", "The BN254 base field Fq: coordinates of G1 and (through Fq2) G2 points.", BN254_Q),
    new Spec("Fr", "The BN254 scalar field Fr: the group order, over which every proof computes.", BN254_R),
  };

  static String render(String template, Spec spec) {
    BigInteger m = spec.modulus();
    BigInteger w = BigInteger.ONE.shiftLeft(64);
    BigInteger r = BigInteger.ONE.shiftLeft(256).mod(m);
    BigInteger r2 = BigInteger.ONE.shiftLeft(512).mod(m);
    BigInteger inv = m.modInverse(w).negate().mod(w);
    int twoAdicity = m.subtract(BigInteger.ONE).getLowestSetBit();
    BigInteger half = m.shiftRight(1);
    int nonResidue = 2;
    while (!BigInteger.valueOf(nonResidue).modPow(half, m).equals(m.subtract(BigInteger.ONE))) {
      nonResidue++;
    }
    if (m.bitLength() > 254) {
      throw new IllegalArgumentException("the kernel needs two spare bits in the top limb");
    }
    Map<String, String> v = new LinkedHashMap<>();
    v.put("CLASS", spec.className());
    v.put("DOC", spec.doc());
    v.put("MODULUS", m.toString());
    v.put("BITS", Integer.toString(m.bitLength()));
    v.put("TWO_ADICITY", Integer.toString(twoAdicity));
    v.put("NONRESIDUE", Integer.toString(nonResidue));
    v.put("INV", hex(inv));
    for (int i = 0; i < 4; i++) {
      v.put("P" + i, hex(m.shiftRight(64 * i).mod(w)));
      v.put("R2_" + i, hex(r2.shiftRight(64 * i).mod(w)));
      v.put("R" + i, hex(r.shiftRight(64 * i).mod(w)));
    }
    v.put("MUL_BODY", montgomeryBody(false));
    v.put("SQR_BODY", montgomeryBody(true));
    v.put("MUL_WIDE_BODY", mulWideBody());
    v.put("REDUCE_WIDE_BODY", reduceWideBody());
    String out = template;
    // longest keys first so that ${R2_0} is not eaten by ${R2}
    String[] keys = v.keySet().stream().sorted((a, b) -> b.length() - a.length()).toArray(String[]::new);
    for (String k : keys) {
      out = out.replace("${" + k + "}", v.get(k));
    }
    if (out.contains("${")) {
      throw new IllegalStateException("unreplaced token in template");
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Unrolled kernels. Column k (weight 2^(64k)) of a product scanning collects lo(x_i*y_j) for
  // i + j = k and hi(x_i*y_j) for i + j = k - 1; the Montgomery digits m_i contribute m_i*P_j the
  // same way. Each term w is added as w into s (mod 2^64) and as w >>> 32 into h; after the column,
  // h += (s - (h << 32)) >>> 32 makes s the column's word and h >>> 32 its carry (see the template).

  /**
   * The high word of x_i * y_j. A top limb of an input below 2^255 is below 2^63: one such operand
   * needs only the other's sign correction on JDK 17 (Mul64.highSmallA/B), two need none.
   */
  private static String high(String x, int i, String y, int j) {
    if (i == 3 && j == 3) {
      return "Math.multiplyHigh(" + x + i + ", " + y + j + ")";
    }
    if (i == 3) {
      return "Mul64.highSmallA(" + x + i + ", " + y + j + ")";
    }
    if (j == 3) {
      return "Mul64.highSmallB(" + x + i + ", " + y + j + ")";
    }
    return "mulHi(" + x + i + ", " + y + j + ")";
  }

  /** The terms a_i*y_j of column k; with square, each cross product once, flagged for doubling. */
  private static void productTerms(List<String[]> terms, int k, String y, boolean square) {
    for (int i = 0; i < 4; i++) {
      for (int part = 0; part < 2; part++) {
        int j = k - part - i;
        if (j < 0 || j > 3 || (square && i > j)) {
          continue;
        }
        String e = part == 0 ? "a" + i + " * " + y + j : high("a", i, y, j);
        terms.add(new String[] {e, square && i < j ? "2" : "1"});
      }
    }
  }

  /** The terms m_i*P_j of column k of the reduction (lo(m_k*P0) is implied, see the template). */
  private static void reductionTerms(List<String[]> terms, int k) {
    for (int i = 0; i < 4 && i < k; i++) {
      for (int part = 0; part < 2; part++) {
        int j = k - part - i;
        if (j >= 0 && j <= 3) {
          terms.add(new String[] {part == 0 ? "m" + i + " * P" + j : "mulHi(m" + i + ", P" + j + ")", "1"});
        }
      }
    }
  }

  /** Emits one column: its terms, then the normalization. */
  private static void column(StringBuilder sb, List<String[]> terms, String start) {
    for (int n = 0; n < terms.size(); n++) {
      String e = terms.get(n)[0];
      boolean dbl = terms.get(n)[1].equals("2");
      if (n == 0 && start == null) {
        sb.append(dbl ? "    w = " + e + "; s = w << 1; h = (w >>> 32) << 1;\n" : "    w = " + e + "; s = w; h = w >>> 32;\n");
      } else if (n == 0) {
        sb.append(dbl ? "    w = " + e + "; s = " + start + " + (w << 1); h = (w >>> 32) << 1;\n"
            : "    w = " + e + "; s = " + start + " + w; h = w >>> 32;\n");
      } else {
        sb.append(dbl ? "    w = " + e + "; s += w << 1; h += (w >>> 32) << 1;\n" : "    w = " + e + "; s += w; h += w >>> 32;\n");
      }
    }
    sb.append("    h += (s - (h << 32)) >>> 32;\n");
  }

  /** Reduction step after column k: the digit m_k (k < 4) or the result word r_(k-4). */
  private static void digitOrResult(StringBuilder sb, int k) {
    if (k < 4) {
      sb.append("    long m").append(k).append(" = s * INV;\n");
      sb.append("    c = (h >>> 32) + ((s | -s) >>> 63); // + (s != 0), without a branch\n");
    } else {
      sb.append("    long r").append(k - 4).append(" = s;\n");
      if (k < 7) {
        sb.append("    c = h >>> 32;\n");
      }
    }
  }

  static String montgomeryBody(boolean square) {
    StringBuilder sb = new StringBuilder();
    sb.append("    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];\n");
    if (!square) {
      sb.append("    long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];\n");
    }
    sb.append("    long w, s, h, c;\n");
    for (int k = 0; k < 8; k++) {
      sb.append("    // column ").append(k).append('\n');
      List<String[]> terms = new ArrayList<>();
      productTerms(terms, k, square ? "a" : "b", square);
      reductionTerms(terms, k);
      column(sb, terms, k == 0 ? null : "c");
      digitOrResult(sb, k);
    }
    sb.append("    reduceOnce(r, ro, r0, r1, r2, r3);");
    return sb.toString();
  }

  static String mulWideBody() {
    StringBuilder sb = new StringBuilder();
    sb.append("    long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];\n");
    sb.append("    long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];\n");
    sb.append("    long w, s, h, c;\n");
    for (int k = 0; k < 8; k++) {
      List<String[]> terms = new ArrayList<>();
      productTerms(terms, k, "b", false);
      column(sb, terms, k == 0 ? null : "c");
      sb.append(k == 0 ? "    t[to] = s;\n" : "    t[to + " + k + "] = s;\n");
      if (k < 7) {
        sb.append("    c = h >>> 32;\n");
      }
    }
    return sb.toString().stripTrailing();
  }

  static String reduceWideBody() {
    StringBuilder sb = new StringBuilder();
    sb.append("    long w, s, h, c = 0, tk;\n");
    for (int k = 0; k < 8; k++) {
      sb.append(k == 0 ? "    tk = t[to];\n" : "    tk = t[to + " + k + "];\n");
      List<String[]> terms = new ArrayList<>();
      terms.add(new String[] {"tk", "1"});
      reductionTerms(terms, k);
      column(sb, terms, k == 0 ? null : "c");
      digitOrResult(sb, k);
    }
    sb.append("    reduceOnce(r, ro, r0, r1, r2, r3);");
    return sb.toString();
  }

  private static String hex(BigInteger x) {
    return String.format("0x%016xL", x);
  }

  static String renderFile(Spec spec) throws IOException {
    return render(Files.readString(TEMPLATE, StandardCharsets.UTF_8), spec);
  }

  static void writeAll() throws IOException {
    for (Spec s : SPECS) {
      Files.writeString(OUT_DIR.resolve(s.className() + ".java"), renderFile(s), StandardCharsets.UTF_8);
    }
  }

  public static void main(String[] args) throws IOException {
    writeAll();
  }
}
