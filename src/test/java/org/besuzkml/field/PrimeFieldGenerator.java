package org.besuzkml.field;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
