package org.besuzkml.proof.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.Visibility;
import org.besuzkml.codec.VkCodec;
import org.junit.jupiter.api.Test;

/**
 * Version-1 artifacts stored when version 2 (zero knowledge) was introduced: a 1l_mlp vk (dev SRS,
 * seed 0), one of its proofs and the statement. Whatever later changes, they decode to the same
 * model id and the proof still verifies; a changed statement still does not. A failure here means a
 * change broke proofs already made (zk-design 11.1).
 */
class VersionCompatTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = VersionCompatTest.class.getResourceAsStream("/compat/v1/" + name)) {
      return in.readAllBytes();
    }
  }

  /** The statement file: per part (inputs, outputs) a count line, then one line of integers per list. */
  private static long[][][] statement() throws IOException {
    String[] lines = new String(resource("1l_mlp.statement"), java.nio.charset.StandardCharsets.US_ASCII)
        .split("\n");
    long[][][] parts = new long[2][][];
    int at = 0;
    for (int p = 0; p < 2; p++) {
      int n = Integer.parseInt(lines[at++].trim());
      parts[p] = new long[n][];
      for (int i = 0; i < n; i++) {
        parts[p][i] = Arrays.stream(lines[at++].trim().split(" ")).mapToLong(Long::parseLong).toArray();
      }
    }
    return parts;
  }

  @Test
  void storedVersionOneKeyAndProofStillVerify() throws IOException {
    byte[] vkBytes = resource("1l_mlp.bzkv");
    Decoded<VerifyingKey> d = VkCodec.decode(vkBytes);
    assertTrue(d.isOk(), d.reason());
    VerifyingKey vk = d.value();
    assertFalse(vk.zk());
    assertEquals(MODEL_ID, vk.modelIdHex());
    long[][][] st = statement();
    byte[] proof = resource("1l_mlp.bzkp");
    VerifyResult ok = Verifier.verify(vk, st[0], st[1], proof, Verifier.SrsPolicy.ALLOW_DEV);
    assertTrue(ok.valid(), ok.reason());
    long[][] other = st[1].clone();
    other[0] = other[0].clone();
    other[0][0]++;
    assertFalse(Verifier.verify(vk, st[0], other, proof, Verifier.SrsPolicy.ALLOW_DEV).valid());
    // the same proof in a version-2 container is not a version-1 proof
    byte[] relabelled = proof.clone();
    relabelled[5] = 2;
    relabelled[7] = 1;
    assertFalse(Verifier.verify(vk, st[0], st[1], relabelled, Verifier.SrsPolicy.ALLOW_DEV).valid());
  }

  /** A version-1 verifier refuses a version-2 key by reason, before reading the proof. */
  @Test
  void versionOneProofUnderAVersionTwoKeyRefusedByReason() throws IOException {
    VerifyingKey v1 = VkCodec.decode(resource("1l_mlp.bzkv")).value();
    VerifyingKey v2 = new VerifyingKey(v1.w(), v1.nBin(), v1.dev(), v1.devSeed(), v1.srsDigest(), v1.pcsKey(),
        v1.circuit(), v1.scales(), v1.modelBins(), v1.plan(), v1.layout(), v1.bytes(), v1.modelId(),
        Visibility.allPublic(1, 1, v1.modelBinCount(), new byte[0]));
    long[][][] st = statement();
    byte[] proof = resource("1l_mlp.bzkp");
    // a version-2 key goes to the zk verifier, which refuses a version-1 proof by name (zk-design 11.1)
    assertEquals("proof format: proof version 1 for a zk vk",
        Verifier.verify(v2, st[0], st[1], proof, Verifier.SrsPolicy.ALLOW_DEV).reason());
    assertTrue(Verifier.verify(v1, st[0], st[1], proof, Verifier.SrsPolicy.ALLOW_DEV).valid());
  }

  private static final String MODEL_ID = "0x8c26d97081d978db3a29ac24730f27b296fd04e607a173f0bef7968a7e87d196";
}
