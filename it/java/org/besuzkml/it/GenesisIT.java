package org.besuzkml.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.besuzkml.codec.Hex;
import org.besuzkml.codec.Keccak;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.api.Test;

/** The dev genesis files: forks, QBFT extraData naming exactly the validators, keys that match. */
class GenesisIT {
  static final String[] FORKS = {"berlinBlock", "londonBlock", "shanghaiTime", "cancunTime",
      "pragueTime", "osakaTime"};

  static String address(int n) throws Exception {
    return Files.readString(Path.of("genesis/keys/node" + n + ".address")).trim();
  }

  @Test
  void keysDeriveTheirAddresses() throws Exception {
    var curve = CustomNamedCurves.getByName("secp256k1");
    for (int n = 0; n < 4; n++) {
      String key = Files.readString(Path.of("genesis/keys/node" + n + ".key")).trim();
      byte[] pub = curve.getG().multiply(new BigInteger(key.substring(2), 16)).normalize()
          .getEncoded(false);
      byte[] h = Keccak.hash(Arrays.copyOfRange(pub, 1, 65));
      assertEquals(address(n), Hex.encode(Arrays.copyOfRange(h, 12, 32)));
      assertEquals(Files.readString(Path.of("genesis/keys/node" + n + ".pub")).trim(),
          Hex.encode(Arrays.copyOfRange(pub, 1, 65)));
    }
    assertEquals("0xfe3b557e8fb62b89f4916b721be55ceb828dbd73", address(0));
  }

  @Test
  void singleAndFourValidatorGenesis() throws Exception {
    check("genesis/qbft-1.json", 1);
    check("genesis/qbft-4.json", 4);
    // API.md's extraData for the single dev validator
    assertEquals("0xf83aa00000000000000000000000000000000000000000000000000000000000000000d594fe3b557e8fb62b89f4916b721be55ceb828dbd73c080c0",
        new ObjectMapper().readTree(Path.of("genesis/qbft-1.json").toFile()).get("extraData").asText());
  }

  private static void check(String file, int validators) throws Exception {
    JsonNode g = new ObjectMapper().readTree(Path.of(file).toFile());
    JsonNode cfg = g.get("config");
    for (String f : FORKS) {
      assertEquals(0, cfg.get(f).asLong(), file + " " + f);
    }
    assertTrue(cfg.get("qbft").get("pertxgaslimit").asLong() > 16_777_216L);
    String extra = g.get("extraData").asText();
    int listLen = 21 * validators;
    StringBuilder want = new StringBuilder();
    for (int n = 0; n < validators; n++) {
      want.append("94").append(address(n).substring(2));
    }
    assertTrue(extra.contains(want), file);
    assertTrue(extra.endsWith("c080c0"), file);
    int payload = 33 + (listLen > 55 ? 2 : 1) + listLen + 3;
    int header = payload > 55 ? 2 : 1;
    assertEquals(2 + 2 * (header + payload), extra.length(), file);
  }
}
