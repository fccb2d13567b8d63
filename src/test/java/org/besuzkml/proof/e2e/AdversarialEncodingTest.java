package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.util.Arrays;
import org.besuzkml.codec.Container;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.Adversary;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.besuzkml.sumcheck.FieldReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cheating prover lies in encodings and in the PCS messages (issue 7): non-canonical field
 * elements and coordinates (x + p, the same value mod p: accepted by a reducing decoder), points
 * off the curve (G1 has cofactor 1, so on the curve is in the group), lies in the opening
 * reduction's evaluations and in HyperKZG's folds, evaluations, W1 and W2 (the prover continuing
 * from each), and whole proofs made honestly for another statement.
 */
class AdversarialEncodingTest {
  static final int L = Fr.LIMBS;

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  /** The 32 bytes at {@code at} replaced by their value + m, if that still fits 256 bits. */
  static byte[] plusModulus(byte[] proof, int at, BigInteger m) {
    BigInteger v = new BigInteger(1, Arrays.copyOfRange(proof, at, at + 32)).add(m);
    byte[] enc = v.toByteArray();
    assertTrue(enc.length <= 32 || (enc.length == 33 && enc[0] == 0), "x + m fits 32 bytes");
    byte[] out = proof.clone();
    Arrays.fill(out, at, at + 32, (byte) 0);
    int n = Math.min(enc.length, 32);
    System.arraycopy(enc, enc.length - n, out, at + 32 - n, n);
    return out;
  }

  /** Rejected at decoding, not by some later accident (a reducing decoder would accept). */
  static void assertDecoderRejects(Fixtures.Keyed k, long[][] in, long[][] out, byte[] bad, String what) {
    VerifyResult r = Lies.verify(k, in, out, bad);
    assertFalse(r.valid(), what + " accepted");
    assertTrue(r.reason().startsWith("proof format"), what + ": rejected late: " + r.reason());
  }

  /** x + r for the first and last element of every field-element section (and PCS evaluations). */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_pad", "div_by_activation"})
  void nonCanonicalFieldElementsRejected(String model) {
    Fixtures.Keyed k = Fixtures.get(model);
    Adversary.Run h = Lies.honest(model);
    int[] b = Container.decode(h.bytes, Container.PROOF, 6).value();
    int told = 0;
    for (int s = 2; s <= 4; s++) {
      if (b[2 * s + 1] > b[2 * s]) {
        for (int at : new int[] {b[2 * s], b[2 * s + 1] - 32}) {
          assertDecoderRejects(k, h.inputs, h.outputs, plusModulus(h.bytes, at, Fr.MODULUS),
              "section " + (s + 1) + " byte " + at + " + r");
          told++;
        }
      }
    }
    if (b[11] > b[10]) { // PCS: (l - 1) folds, then 3l evaluations
      int nBin = k.pk().vk().nBin();
      int ev = b[10] + (nBin - 1) * G1.ENCODED;
      for (int at : new int[] {ev, ev + (3 * nBin - 1) * 32}) {
        assertDecoderRejects(k, h.inputs, h.outputs, plusModulus(h.bytes, at, Fr.MODULUS),
            "PCS evaluation at " + at + " + r");
        told++;
      }
    }
    assertTrue(told >= 2);
  }

  /** FieldReader over raw bytes (the component verifiers' reader) refuses x + r too. */
  @Test
  void fieldReaderRefusesNonCanonical() {
    byte[] one = new byte[32];
    one[31] = 1;
    byte[] bad = plusModulus(one, 0, Fr.MODULUS);
    assertNull(new FieldReader(bad, 0, 32).read(1));
    assertTrue(new FieldReader(one, 0, 32).read(1) != null);
  }

  /** Coordinates x + q in witness bins and in the PCS points (the same point mod q). */
  @Test
  void nonCanonicalPointCoordinatesRejected() {
    String model = "1l_mlp";
    Fixtures.Keyed k = Fixtures.get(model);
    Adversary.Run h = Lies.honest(model);
    int[] b = Container.decode(h.bytes, Container.PROOF, 6).value();
    int nBin = k.pk().vk().nBin();
    int w1 = b[10] + (nBin - 1) * G1.ENCODED + 3 * nBin * 32;
    for (int at : new int[] {b[2], b[2] + 32, b[10], b[10] + 32, w1, w1 + 64 + 32}) {
      assertDecoderRejects(k, h.inputs, h.outputs, plusModulus(h.bytes, at, Fq.MODULUS),
          "coordinate at " + at + " + q");
    }
  }

  /** A G1 message replaced by (x, y + 1), off the curve; the prover continues from it. */
  static Adversary.Lie offCurve(String label, int nth) {
    return new Adversary.Lie() {
      int seen;

      @Override
      public byte[] g1(Adversary.Message honest, Adversary.Run sofar) {
        if (!honest.label().equals(label) || seen++ != nth) {
          return null;
        }
        byte[] e = honest.g1().clone();
        e[63] ^= 1; // y changed in its last bit: y^2 = x^3 + 3 no longer holds
        return e;
      }
    };
  }

  /** A G1 message replaced by another valid point (the generator). */
  static Adversary.Lie otherPoint(String label, int nth) {
    return new Adversary.Lie() {
      int seen;

      @Override
      public byte[] g1(Adversary.Message honest, Adversary.Run sofar) {
        return honest.label().equals(label) && seen++ == nth ? G1.encode(G1.generator(), 0) : null;
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"bzk/wbins", "hkzg/folds", "hkzg/w1", "hkzg/w2"})
  void offCurvePointsRejected(String label) {
    Fixtures.Keyed k = Fixtures.get("1l_mlp");
    Lies.honest("1l_mlp");
    Adversary.Run r = Adversary.prove(k.pk(), k.model().honest(), offCurve(label, 0));
    assertDecoderRejects(k, r.inputs, r.outputs, r.bytes, label + " off the curve");
    Lies.assertRejected("1l_mlp", label + " replaced by a valid other point", otherPoint(label, 0));
  }

  /**
   * A witness bin committed with one entry of one column changed, while the lookups and the walk
   * run on the honest witness: only the walk's final openings (committed tensors) or the
   * multiplicity openings (tables) tie the commitment to the claims, so each column is caught by
   * its own opening. Every column (under mutation testing the first and last of each kind).
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "div_by_activation"})
  void witnessBinDisagreeingWithTheWalkRejected(String model) {
    Fixtures.Keyed k = Fixtures.get(model);
    var cols = k.pk().vk().layout().witness();
    for (boolean tensors : new boolean[] {true, false}) {
      var kind = cols.stream().filter(c -> (c.tensor() >= 0) == tensors).toList();
      assertFalse(kind.isEmpty(), model + ": has " + (tensors ? "tensor" : "multiplicity") + " columns");
      for (int j : Lies.positions(kind.size(), 1)) {
        var col = kind.get(j);
        Lies.assertRejected(model, "bin " + col.bin() + " entry " + col.offset() + " (column of "
            + (tensors ? "tensor " + col.tensor() : "table " + col.table()) + ") changed",
            new Adversary.Lie() {
              @Override
              public long[][] witnessBins(long[][] honest, org.besuzkml.proof.gadget.ColumnLayout l) {
                long[][] b = new long[honest.length][];
                for (int i = 0; i < b.length; i++) {
                  b[i] = honest[i].clone();
                }
                b[col.bin()][col.offset()] += 1;
                return b;
              }
            });
      }
    }
  }

  /** The last fold and every witness bin replaced, the prover continuing. */
  @Test
  void everyCommitmentReplacedRejected() {
    String model = "div_by_activation";
    int bins = Lies.messages(model, m -> m.label().equals("bzk/wbins")).size();
    for (int i = 0; i < bins; i++) {
      Lies.assertRejected(model, "witness bin " + i, otherPoint("bzk/wbins", i));
      Lies.assertRejected(model, "witness bin " + i + " at infinity", new Adversary.Lie() {
        int seen;

        @Override
        public byte[] g1(Adversary.Message honest, Adversary.Run sofar) {
          return honest.label().equals("bzk/wbins") && seen++ == 0 ? new byte[64] : null;
        }
      });
    }
    int folds = Lies.messages(model, m -> m.label().equals("hkzg/folds")).size();
    Lies.assertRejected(model, "last fold", otherPoint("hkzg/folds", folds - 1));
  }

  /** Every opening-reduction evaluation and every HyperKZG evaluation, plus one. */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_softmax"})
  void openingAndPcsEvaluationLiesRejected(String model) {
    for (String label : new String[] {"open/evals", "hkzg/evals"}) {
      int i = Lies.messages(model, m -> m.label().equals(label)).get(0);
      int n = Lies.honest(model).messages.get(i).count();
      for (int e : Lies.positions(n, model.equals("1l_mlp") ? 1 : Math.max(1, n - 1))) {
        Lies.assertRejected(model, label + " element " + e, Lies.plusOne(i, e));
      }
    }
  }

  /**
   * A whole honest proof for another input, presented with the original statement, and the
   * original proof presented with the other statement.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_conv", "div_by_activation"})
  void proofForAnotherStatementRejected(String model) {
    Fixtures.Keyed k = Fixtures.get(model);
    Adversary.Run h = Lies.honest(model);
    var c = k.pk().vk().circuit();
    // another statement, re-proven honestly: the engine on other (small, in-range) inputs
    java.util.List<double[]> in = new java.util.ArrayList<>();
    for (int i = 0; i < c.inputs().length; i++) {
      double[] d = new double[(int) c.tensor(c.inputs()[i]).size()];
      for (int j = 0; j < d.length; j++) {
        d[j] = ((j * 7) % 11 - 5) / 10.0;
      }
      in.add(d);
    }
    Prover.Proof other = Prover.prove(k.pk(), in);
    assertFalse(Arrays.deepEquals(other.inputs(), h.inputs), "a different statement");
    assertTrue(Lies.verify(k, other.inputs(), other.outputs(), other.bytes()).valid(), "it is honest");
    assertFalse(Lies.verify(k, h.inputs, h.outputs, other.bytes()).valid(), "other proof, original statement");
    assertFalse(Lies.verify(k, other.inputs(), other.outputs(), h.bytes).valid(), "original proof, other statement");
    assertFalse(Lies.verify(k, h.inputs, other.outputs(), h.bytes).valid(), "original proof, other outputs");
  }
}
