package org.besuzkml.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.besuzkml.codec.Hex;
import org.junit.jupiter.api.Test;

class ZkmlAbiTest {
  static final byte[] VK = {1, 2, 3, 4, 5};
  static final long[][] IN = {{1, -2, 3}, {}};
  static final long[][] OUT = {{-7}};
  static final byte[] PROOF = new byte[40];

  @Test
  void selectorsAreKeccakOfTheSignatures() {
    // transfer(address,uint256) is the classic 0xa9059cbb
    assertEquals("0xa9059cbb", Hex.encode(Abi.selector("transfer(address,uint256)")));
    assertEquals(4, ZkmlAbi.VERIFY.length);
    // Error(string) is Solidity's 0x08c379a0
    assertEquals("0x08c379a0", Hex.encode(Abi.selector("Error(string)")));
  }

  @Test
  void roundTripsTheCanonicalEncoding() {
    byte[] in = ZkmlAbi.encodeVerify(VK, IN, OUT, PROOF);
    ZkmlAbi.Decoded d = ZkmlAbi.decode(in);
    assertNull(d.error());
    assertArrayEquals(VK, d.call().vk());
    assertArrayEquals(IN[0], d.call().inputs()[0]);
    assertEquals(0, d.call().inputs()[1].length);
    assertArrayEquals(OUT[0], d.call().outputs()[0]);
    assertArrayEquals(PROOF, d.call().proof());
    assertNull(ZkmlAbi.decode(ZkmlAbi.encodeModelId(VK)).error());
  }

  @Test
  void knownLayoutOfATinyCall() {
    // modelId(0x01): selector, offset 0x20, length 1, data right-padded
    byte[] in = ZkmlAbi.encodeModelId(new byte[] {1});
    assertEquals(4 + 3 * 32, in.length);
    assertEquals(0x20, in[4 + 31]);
    assertEquals(1, in[4 + 63]);
    assertEquals(1, in[4 + 64]);
  }

  @Test
  void rejectsEveryByteFlipOutsideTheElementWords() {
    byte[] in = ZkmlAbi.encodeVerify(VK, IN, OUT, PROOF);
    int accepted = 0;
    for (int i = 0; i < in.length; i++) {
      byte[] m = in.clone();
      m[i] ^= 0x40;
      ZkmlAbi.Decoded d = ZkmlAbi.decode(m);
      if (d.error() == null) {
        accepted++;
        // what still decodes is a different statement, never the same call
        ZkmlAbi.Call c = d.call();
        boolean same = java.util.Arrays.equals(c.vk(), VK) && java.util.Arrays.equals(c.proof(), PROOF)
            && java.util.Arrays.deepEquals(c.inputs(), IN) && java.util.Arrays.deepEquals(c.outputs(), OUT)
            && !c.outOfRange();
        assertTrue(!same, "byte " + i);
      }
    }
    assertTrue(accepted > 0);
  }

  @Test
  void rejectsTruncationTrailingBytesAndHugeLengths() {
    byte[] in = ZkmlAbi.encodeVerify(VK, IN, OUT, PROOF);
    for (int n = 0; n < in.length; n++) {
      assertNotNull(ZkmlAbi.decode(java.util.Arrays.copyOf(in, n)).error(), "truncated to " + n);
    }
    assertNotNull(ZkmlAbi.decode(java.util.Arrays.copyOf(in, in.length + 32)).error());
    byte[] huge = in.clone();
    int lenWord = 4 + 4 * 32; // the vk's length word
    for (int i = 0; i < 32; i++) {
      huge[lenWord + i] = (byte) 0xff;
    }
    assertNotNull(ZkmlAbi.decode(huge).error());
    huge[lenWord] = 0;
    for (int i = 1; i < 28; i++) {
      huge[lenWord + i] = 0;
    }
    huge[lenWord + 28] = 0x7f;
    assertTrue(ZkmlAbi.decode(huge).error().contains("exceeds"));
  }

  @Test
  void nonZeroPaddingIsRejected() {
    byte[] in = ZkmlAbi.encodeVerify(VK, IN, OUT, PROOF);
    in[4 + 5 * 32 + 10] = 1; // inside the vk's padding
    assertEquals("not the canonical ABI encoding", ZkmlAbi.decode(in).error());
  }

  @Test
  void anOutOfRangeInt256IsWellFormedButFlagged() {
    byte[] in = ZkmlAbi.encodeVerify(VK, IN, OUT, PROOF);
    // inputs[0][0]: after selector, 4 heads, vk tail (32 + 32), inputs len, 2 heads, row len
    int at = 4 + 4 * 32 + 64 + 32 + 64 + 32;
    in[at] = 0x7f;
    ZkmlAbi.Decoded d = ZkmlAbi.decode(in);
    assertNull(d.error());
    assertTrue(d.call().outOfRange());
  }

  @Test
  void invalidProofPayloadIsAbiEncoded() {
    byte[] p = ZkmlAbi.invalidProof("no");
    assertEquals(4 + 32 + 32 + 32, p.length);
    assertArrayEquals(ZkmlAbi.INVALID_PROOF, java.util.Arrays.copyOf(p, 4));
    assertEquals(0x20, p[4 + 31]);
    assertEquals(2, p[4 + 63]);
    assertEquals('n', p[4 + 64]);
  }
}
