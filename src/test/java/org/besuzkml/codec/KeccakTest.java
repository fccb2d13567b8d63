package org.besuzkml.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** keccak256 as Ethereum uses it (not SHA3-256): known answers, and parts hash as their concatenation. */
class KeccakTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void knownAnswers() {
    assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", HEX.formatHex(Keccak.hash()));
    assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        HEX.formatHex(Keccak.hash("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void partsHashAsTheirConcatenation() {
    byte[] a = "ab".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "c".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(Keccak.hash("abc".getBytes(StandardCharsets.US_ASCII)), Keccak.hash(a, b));
    assertArrayEquals(Keccak.hash(a, b), Keccak.hash(a, new byte[0], b));
  }
}
