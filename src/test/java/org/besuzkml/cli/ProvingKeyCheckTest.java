package org.besuzkml.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.besuzkml.codec.Container;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.ModelFiles.PkCheck;
import org.besuzkml.proof.ProvingKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a pk checks the rebuilt model bins against the digest setup stored instead of recommitting
 * them; {@code prove --check-pk} recommits. A pk from before the digest is recommitted, and a pk
 * whose model or vk changed since setup is refused under either check.
 */
class ProvingKeyCheckTest {
  @TempDir static Path tmp;
  static Path mlp;
  static Path other;

  @BeforeAll
  static void models() throws Exception {
    mlp = compileAndSetUp("1l_mlp");
    other = compileAndSetUp("1l_relu");
  }

  static Path compileAndSetUp(String name) throws Exception {
    Path src = Path.of("../shared/models/ezkl", name);
    Path dir = tmp.resolve(name);
    var c = ModelCommandsTest.exec("compile", src.resolve("network.onnx").toString(), "--input",
        src.resolve("input.json").toString(), "-o", dir.toString());
    assertEquals(0, c.status(), c.err());
    var s = ModelCommandsTest.exec("setup", dir.toString(), "--dev-srs");
    assertEquals(0, s.status(), s.err());
    return dir;
  }

  @Test
  void theDigestAndTheFullCheckLoadTheSameKey() throws Exception {
    ProvingKey quick = ModelFiles.readProvingKey(mlp, PkCheck.DIGEST);
    ProvingKey full = ModelFiles.readProvingKey(mlp, PkCheck.FULL);
    assertArrayEquals(full.vk().bytes(), quick.vk().bytes());
    assertEquals(full.modelBins().length, quick.modelBins().length);
    for (int k = 0; k < full.modelBins().length; k++) {
      assertArrayEquals(full.modelBins()[k], quick.modelBins()[k]);
    }
    Path input = Path.of("../shared/models/ezkl/1l_mlp/input.json");
    var p = ModelCommandsTest.exec("prove", mlp.toString(), "--input", input.toString(), "-o",
        tmp.resolve("checked.json").toString(), "--check-pk");
    assertEquals(0, p.status(), p.err());
    var v = ModelCommandsTest.exec("verify", mlp.toString(), tmp.resolve("checked.json").toString());
    assertEquals(0, v.status(), v.out() + v.err());
  }

  @Test
  void aChangedDigestIsRefusedAndTheFullCheckIgnoresIt() throws Exception {
    Path dir = copy(mlp, "flipped");
    byte[][] s = sections(dir);
    s[2][digestEnd(s[2]) - 1] ^= 1; // the last byte of the bins digest
    write(dir, s);
    var e = assertThrows(ModelFiles.FileException.class, () -> ModelFiles.readProvingKey(dir, PkCheck.DIGEST));
    assertTrue(e.getMessage().contains("bins digest differs"), e.getMessage());
    ModelFiles.readProvingKey(dir, PkCheck.FULL); // the weights are right: recommitting finds it so
  }

  @Test
  void aKeyWrittenBeforeTheDigestIsRecommitted() throws Exception {
    Path dir = copy(mlp, "old");
    byte[][] s = sections(dir);
    s[2] = Arrays.copyOf(s[2], digestEnd(s[2]) - 32); // SRS_REF up to the srs digest
    write(dir, s);
    ProvingKey pk = ModelFiles.readProvingKey(dir, PkCheck.DIGEST);
    assertArrayEquals(ModelFiles.readProvingKey(mlp).vk().bytes(), pk.vk().bytes());
    s[2] = Arrays.copyOf(s[2], s[2].length + 31); // neither format: refused by name
    write(dir, s);
    var e = assertThrows(ModelFiles.FileException.class, () -> ModelFiles.readProvingKey(dir, PkCheck.DIGEST));
    assertTrue(e.getMessage().contains("bins digest"), e.getMessage());
  }

  /** Another model's vk with this model's weights: the digest, and the commitments, disagree. */
  @Test
  void anotherModelsVkIsRefusedByBothChecks() throws Exception {
    Path dir = copy(mlp, "swapped");
    byte[][] s = sections(dir);
    s[0] = sections(other)[0];
    write(dir, s);
    for (PkCheck check : PkCheck.values()) {
      var e = assertThrows(ModelFiles.FileException.class, () -> ModelFiles.readProvingKey(dir, check));
      assertTrue(e.getMessage().startsWith("pk.bzkk") || e.getMessage().startsWith("compiled model"),
          check + ": " + e.getMessage());
    }
  }

  /** Where the bins digest ends in SRS_REF: u32 n, n bytes of reference, the two digests (then dev powers). */
  private static int digestEnd(byte[] srsRef) {
    return 4 + java.nio.ByteBuffer.wrap(srsRef).getInt() + 64;
  }

  private static Path copy(Path from, String name) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.copy(from.resolve(ModelFiles.PK), dir.resolve(ModelFiles.PK));
    return dir;
  }

  private static byte[][] sections(Path dir) throws Exception {
    byte[] data = Files.readAllBytes(dir.resolve(ModelFiles.PK));
    int[] b = Container.decode(data, Container.PROVING_KEY, 3).value();
    byte[][] s = new byte[3][];
    for (int i = 0; i < 3; i++) {
      s[i] = Arrays.copyOfRange(data, b[2 * i], b[2 * i + 1]);
    }
    return s;
  }

  private static void write(Path dir, byte[][] s) throws Exception {
    Files.write(dir.resolve(ModelFiles.PK), Container.encode(Container.PROVING_KEY, s));
  }
}
