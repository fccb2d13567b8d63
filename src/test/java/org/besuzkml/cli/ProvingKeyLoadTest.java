package org.besuzkml.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.curve.G1;
import org.besuzkml.onnx.MlpLadder;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.ModelFiles.PkCheck;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.compile.CompiledModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pk load does and refuses, on a generated MLP: the cheap load recommits no weight and
 * recomputes no dev SRS (the pk carries the powers, checked by the vk's SRS digest); a tampered
 * weight is refused by the cheap load and by {@code prove --check}, each in one line; a pk of the
 * previous format (no stored powers) still loads.
 */
class ProvingKeyLoadTest {
  static final int[] WIDTHS = {16, 32, 8};
  static final long SEED = 77;

  @TempDir static Path tmp;
  static Path dir;
  static byte[] onnx;
  static String json;

  @BeforeAll
  static void setUp() throws Exception {
    onnx = MlpLadder.onnx(WIDTHS, 3);
    json = MlpLadder.input(WIDTHS, 3);
    dir = Files.createDirectories(tmp.resolve("mlp"));
    Files.writeString(dir.resolve("input.json"), json, StandardCharsets.UTF_8);
    CompiledModel cm = ModelFiles.compile(onnx, json);
    ProvingKey pk = Setup.run(cm, DevSrs.create(Setup.binVars(cm), SEED));
    assertTrue(pk.modelBins().length >= 2, "the test wants two model bins");
    Files.write(dir.resolve(ModelFiles.PK), ModelFiles.encodeProvingKey(pk, ModelFiles.encodeModel(onnx, json, cm),
        ModelFiles.devRef(SEED)));
    Files.write(dir.resolve(ModelFiles.VK), pk.vk().bytes());
  }

  /**
   * A vk whose first two bin commitments are swapped, with a digest setup would have written for
   * it: the cheap load accepts it, so it compared digests and committed nothing; the full check
   * recommits and refuses (such a pk is its author's loss: its proofs do not verify).
   */
  @Test
  void theCheapLoadRecommitsNoWeight() throws Exception {
    ProvingKey pk = ModelFiles.readProvingKey(dir, PkCheck.FULL);
    byte[] vk = pk.vk().bytes();
    int[] b = Container.decode(vk, Container.VK, 8).value();
    byte[][] s = new byte[8][];
    for (int i = 0; i < 8; i++) {
      s[i] = Arrays.copyOfRange(vk, b[2 * i], b[2 * i + 1]);
    }
    byte[] bins = s[7]; // u32 K', then K' x 64 bytes
    byte[] first = Arrays.copyOfRange(bins, 4, 4 + G1.ENCODED);
    System.arraycopy(bins, 4 + G1.ENCODED, bins, 4, G1.ENCODED);
    System.arraycopy(first, 0, bins, 4 + G1.ENCODED, G1.ENCODED);
    VerifyingKey swapped = VkCodec.decode(Container.encode(Container.VK, s)).value();
    Path d = Files.createDirectories(tmp.resolve("swapped"));
    Files.write(d.resolve(ModelFiles.PK), ModelFiles.encodeProvingKey(
        new ProvingKey(swapped, pk.compiled(), pk.srs(), pk.modelBins()), modelSection(dir), ModelFiles.devRef(SEED)));

    ProvingKey quick = ModelFiles.readProvingKey(d, PkCheck.DIGEST);
    assertArrayEquals(swapped.bytes(), quick.vk().bytes());
    var e = assertThrows(ModelFiles.FileException.class, () -> ModelFiles.readProvingKey(d, PkCheck.FULL));
    assertEquals("pk.bzkk: model bin 0 does not match the vk's commitment", e.getMessage());
  }

  /**
   * The embedded model recompiled from an ONNX file with one weight changed (a consistent edit of
   * the ONNX bytes and CONSTANT_VALUES): the rebuilt bins miss setup's digest, and recommitting
   * them misses the vk's commitments.
   */
  @Test
  void aTamperedWeightIsRefusedByTheCheapLoadAndByCheck() throws Exception {
    byte[] other = MlpLadder.onnx(WIDTHS, 3, 0.75f);
    CompiledModel cm = ModelFiles.compile(other, json);
    Path d = withModel("tampered", ModelFiles.encodeModel(other, json, cm));
    var cheap = assertThrows(ModelFiles.FileException.class, () -> ModelFiles.readProvingKey(d, PkCheck.DIGEST));
    assertTrue(cheap.getMessage().contains("the model's weights or tables are not the ones set up (bins digest"
        + " differs)"), cheap.getMessage());
    var full = assertThrows(ModelFiles.FileException.class, () -> ModelFiles.readProvingKey(d, PkCheck.FULL));
    assertTrue(full.getMessage().matches("pk\\.bzkk: model bin \\d+ does not match the vk's commitment"),
        full.getMessage());
    for (String flag : new String[] {"--check", "--skip-memory-check"}) { // full check; cheap check
      var o = ModelCommandsTest.exec("prove", d.toString(), "--input", dir.resolve("input.json").toString(),
          "-o", tmp.resolve("never.json").toString(), flag);
      assertEquals(1, o.status(), o.err());
      ModelCommandsTest.assertOneLine(o);
      assertTrue(o.err().startsWith("error: pk.bzkk: "), o.err());
    }
    assertTrue(!Files.exists(tmp.resolve("never.json")));
  }

  /** CONSTANT_VALUES edited alone: the recompiled model no longer matches the file. */
  @Test
  void editedConstantValuesAreRefused() throws Exception {
    byte[] m = modelSection(dir);
    int[] b = Container.decode(m, Container.MODEL, 5).value();
    m[b[9] - 1] ^= 1; // the last byte of the last constant
    Path d = withModel("constants", m);
    var e = assertThrows(ModelFiles.FileException.class, () -> ModelFiles.readProvingKey(d, PkCheck.DIGEST));
    assertTrue(e.getMessage().startsWith("compiled model: the rebuilt gadget list or constants differ"),
        e.getMessage());
  }

  /** One stored SRS power replaced by another curve point: the SRS digest differs from the vk's. */
  @Test
  void aTamperedSrsPowerIsRefused() throws Exception {
    byte[][] s = sections(dir);
    byte[] g = G1.encode(G1.generator(), 0);
    System.arraycopy(g, 0, s[2], s[2].length - G1.ENCODED, G1.ENCODED); // the last power becomes [1]_1
    Path d = write("power", s);
    var e = assertThrows(ModelFiles.FileException.class, () -> ModelFiles.readProvingKey(d, PkCheck.DIGEST));
    assertEquals("SRS dev:" + SEED + " is not the one the vk was made with (digest differs)", e.getMessage());
    s[2] = Arrays.copyOf(s[2], s[2].length - 1); // not whole powers
    Path d2 = write("power2", s);
    e = assertThrows(ModelFiles.FileException.class, () -> ModelFiles.readProvingKey(d2, PkCheck.DIGEST));
    assertTrue(e.getMessage().contains("stored dev SRS powers are not 2^"), e.getMessage());
  }

  /** A pk of 0.1.1 (digest, no stored powers) loads by recomputing the dev SRS, to the same key. */
  @Test
  void aKeyWithoutStoredPowersStillLoads() throws Exception {
    ProvingKey now = ModelFiles.readProvingKey(dir);
    byte[][] s = sections(dir);
    s[2] = Arrays.copyOf(s[2], s[2].length - (G1.ENCODED << now.vk().nBin()));
    ProvingKey old = ModelFiles.readProvingKey(write("old", s), PkCheck.DIGEST);
    assertArrayEquals(now.vk().bytes(), old.vk().bytes());
    assertArrayEquals(now.srs().digest(), old.srs().digest());
    assertArrayEquals(now.srs().g1Powers(), old.srs().g1Powers());
    assertArrayEquals(now.srs().g2Tau(), old.srs().g2Tau());
    assertArrayEquals(now.srs().betaG1(), old.srs().betaG1());
  }

  private static byte[] modelSection(Path d) throws Exception {
    return sections(d)[1];
  }

  private static Path withModel(String name, byte[] model) throws Exception {
    byte[][] s = sections(dir);
    s[1] = model;
    return write(name, s);
  }

  private static byte[][] sections(Path d) throws Exception {
    byte[] data = Files.readAllBytes(d.resolve(ModelFiles.PK));
    int[] b = Container.decode(data, Container.PROVING_KEY, 3).value();
    byte[][] s = new byte[3][];
    for (int i = 0; i < 3; i++) {
      s[i] = Arrays.copyOfRange(data, b[2 * i], b[2 * i + 1]);
    }
    return s;
  }

  private static Path write(String name, byte[][] s) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(name));
    Files.write(d.resolve(ModelFiles.PK), Container.encode(Container.PROVING_KEY, s));
    return d;
  }
}
