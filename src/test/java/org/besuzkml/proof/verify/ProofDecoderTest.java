package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.curve.G1;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.pcs.HyperKzgProof;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proof decoder's section limits at their boundary (accepted) and one past (refused with its
 * reason and the byte offset it names), on an honest proof of a model without bins (1l_flatten)
 * and of one with witness bins, lookups and a PCS proof (1l_mlp).
 */
class ProofDecoderTest {
  /** The vk and an honest proof; the layout is computed afresh at each use (it is under test too). */
  private record Keyed(VerifyingKey vk, byte[] proof) {
    LeafLayout layout() {
      return LookupSetup.hasLookups(vk) ? LookupSetup.layout(vk, null).value() : null;
    }
  }

  private static final Map<String, Keyed> CACHE = new ConcurrentHashMap<>();

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  private static Keyed keyed(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      try {
        CorpusModels.Loaded l = CorpusModels.load(n);
        ProvingKey pk = Setup.run(l.compiled(), DevSrs.create(Setup.binVars(l.compiled()), 0));
        Prover.Proof p = Prover.prove(pk, l.honest(), true);
        return new Keyed(pk.vk(), p.bytes());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static byte[][] sections(byte[] proof) {
    int[] b = Container.decode(proof, Container.PROOF, ProofDecoder.SECTIONS).value();
    byte[][] s = new byte[ProofDecoder.SECTIONS][];
    for (int i = 0; i < s.length; i++) {
      s[i] = Arrays.copyOfRange(proof, b[2 * i], b[2 * i + 1]);
    }
    return s;
  }

  private static int start(byte[] proof, int section) {
    return Container.decode(proof, Container.PROOF, ProofDecoder.SECTIONS).value()[2 * section];
  }

  private static Decoded<ProofDecoder.Proof> decode(Keyed k, byte[] proof) {
    Decoded<ProofDecoder.Proof> d = ProofDecoder.decode(proof, k.vk(), k.layout());
    assertNotNull(d);
    return d;
  }

  private static void refused(Keyed k, byte[] proof, String reason, int offset) {
    Decoded<ProofDecoder.Proof> d = decode(k, proof);
    assertFalse(d.isOk(), "expected: " + reason);
    assertEquals(reason, d.error());
    assertEquals(offset, d.offset(), reason);
  }

  private static byte[] withSection(byte[] proof, int section, byte[] content) {
    byte[][] s = sections(proof);
    s[section] = content;
    return Container.encode(Container.PROOF, s);
  }

  private static final byte[] NON_CANONICAL = new byte[Fr.BYTES];

  static {
    Arrays.fill(NON_CANONICAL, (byte) 0xff);
  }

  /** Phases 4-5 are skipped only when both bin lists are empty (equal non-zero counts included). */
  @Test
  void noBinsOnlyWithoutWitnessAndModelBins() {
    for (int[] wm : new int[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 2}, {3, 1}}) {
      var layout = new org.besuzkml.proof.gadget.ColumnLayout(8, java.util.List.of(), java.util.List.of(), wm[1],
          wm[0]);
      VerifyingKey vk = new VerifyingKey(8, 8, false, 0, null, null, null, null, null, null, layout, null, null, null);
      assertEquals(wm[0] == 0 && wm[1] == 0, ProofDecoder.noBins(vk), wm[0] + " witness, " + wm[1] + " model bins");
    }
  }

  @Test
  void sectionLengthsOfAModelWithoutBins() {
    Keyed k = keyed("1l_flatten");
    assertTrue(ProofDecoder.noBins(k.vk()));
    assertTrue(decode(k, k.proof()).isOk());
    refused(k, new byte[3], "not a BZKP file (wrong magic)", 0);
    byte[] model33 = withSection(k.proof(), 0, Arrays.copyOf(sections(k.proof())[0], 33));
    refused(k, model33, "MODEL section has 33 bytes, the vk fixes 32", start(model33, 0));
    byte[] other = sections(k.proof())[0];
    other[31] ^= 1;
    byte[] otherModel = withSection(k.proof(), 0, other);
    refused(k, otherModel, "proof is for another model (model id differs from the vk's)", start(otherModel, 0));
    // sections the vk fixes at 0 bytes: one element is one too many
    byte[] opening = withSection(k.proof(), 4, new byte[Fr.BYTES]);
    refused(k, opening, "OPENING section has 32 bytes, the vk fixes 0", start(opening, 4));
    byte[] pcs = withSection(k.proof(), 5, new byte[Fr.BYTES]);
    refused(k, pcs, "PCS section has 32 bytes, the vk fixes 0", start(pcs, 5));
  }

  @Test
  void walkSectionLength() {
    Keyed k = keyed("1l_flatten");
    int walk = sections(k.proof())[3].length;
    byte[] plus1 = withSection(k.proof(), 3, new byte[walk + 1]);
    refused(k, plus1, "WALK section length " + (walk + 1) + " is not whole field elements", start(plus1, 3));
    // exactly MAX_WALK bytes decode (the walk itself refuses them later); one element more does not
    byte[] max = withSection(k.proof(), 3, new byte[ProofDecoder.MAX_WALK]);
    Decoded<ProofDecoder.Proof> d = decode(k, max);
    assertTrue(d.isOk(), d.reason());
    assertEquals(ProofDecoder.MAX_WALK / Fr.BYTES, d.value().walk().remainingElements());
    byte[] over = withSection(k.proof(), 3, new byte[ProofDecoder.MAX_WALK + Fr.BYTES]);
    refused(k, over, "WALK section length " + (ProofDecoder.MAX_WALK + Fr.BYTES) + " is not whole field elements",
        start(over, 3));
  }

  @Test
  void elementsWitnessBinsAndPcsOfAModelWithBins() {
    Keyed k = keyed("1l_mlp");
    assertFalse(ProofDecoder.noBins(k.vk()));
    byte[] p = k.proof();
    Decoded<ProofDecoder.Proof> ok = decode(k, p);
    assertTrue(ok.isOk(), ok.reason());
    assertEquals(k.vk().witnessBinCount(), ok.value().witnessBinEncodings().length);
    int wb = k.vk().witnessBinCount();
    assertTrue(wb >= 2);
    assertTrue(LookupSetup.hasLookups(k.vk()));
    // the layout has one instance per planned lookup, over its tensor's entries, with its columns
    java.util.List<org.besuzkml.proof.gadget.LookupPlan.Instance> plan = k.vk().plan().instances();
    LeafLayout layout = k.layout();
    assertEquals(plan.size(), layout.instances().size());
    for (int i = 0; i < plan.size(); i++) {
      assertEquals(k.vk().circuit().tensor(plan.get(i).column1()).size(), layout.instances().get(i).realEntries());
      assertEquals(plan.get(i).column2() >= 0 ? 2 : 1, layout.instances().get(i).columns());
    }
    // each bin decoded into its own slot, with its own encoding
    byte[] binBytes = sections(p)[1];
    for (int j = 0; j < wb; j++) {
      long[] pt = new long[G1.AFFINE];
      assertTrue(G1.decode(pt, 0, binBytes, j * G1.ENCODED));
      assertArrayEquals(pt, Arrays.copyOfRange(ok.value().witnessBins(), j * G1.AFFINE, (j + 1) * G1.AFFINE));
      assertArrayEquals(Arrays.copyOfRange(binBytes, j * G1.ENCODED, (j + 1) * G1.ENCODED),
          ok.value().witnessBinEncodings()[j]);
    }
    // the element sections as cursors over exactly their elements
    int nb = k.vk().nBin();
    assertEquals(k.layout().proofSize(), ok.value().lookup().remainingElements());
    assertEquals(sections(p)[3].length / Fr.BYTES, ok.value().walk().remainingElements());
    assertEquals(2 * nb + wb + k.vk().modelBinCount(), ok.value().opening().remainingElements());
    // the last witness bin off the curve (y + 1)
    byte[] bins = sections(p)[1];
    bins[wb * G1.ENCODED - 1] ^= 1;
    byte[] badBin = withSection(p, 1, bins);
    refused(k, badBin, "witness bin " + (wb - 1) + " is not a G1 point", start(badBin, 1) + (wb - 1) * G1.ENCODED);
    // the second element of each field-element section non-canonical
    String[] names = {"LOOKUP", "WALK", "OPENING"};
    for (int s = 2; s <= 4; s++) {
      byte[] sec = sections(p)[s];
      if (sec.length < 2 * Fr.BYTES) {
        continue;
      }
      System.arraycopy(NON_CANONICAL, 0, sec, Fr.BYTES, Fr.BYTES);
      refused(k, withSection(p, s, sec), names[s - 2] + ": non-canonical field element", start(p, s) + Fr.BYTES);
    }
    // W_1 off the curve: the PCS decoder's offset is relative to the section
    int nBin = k.vk().nBin();
    int w1 = (nBin - 1) * G1.ENCODED + 3 * nBin * Fr.BYTES;
    byte[] pcs = sections(p)[5];
    assertEquals(HyperKzgProof.encodedLength(nBin), pcs.length);
    pcs[w1 + G1.ENCODED - 1] ^= 1;
    refused(k, withSection(p, 5, pcs), "PCS section: W_1 is not a G1 point", start(p, 5) + w1);
  }
}
