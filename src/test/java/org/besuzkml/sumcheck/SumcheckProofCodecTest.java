package org.besuzkml.sumcheck;

import static org.besuzkml.sumcheck.SumcheckTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

class SumcheckProofCodecTest {
  private static SumcheckProof sample(int k, int d) {
    SplittableRandom rnd = new SplittableRandom(k * 31 + d);
    return SumcheckProof.of(k, d, random(rnd, k * d));
  }

  @Test
  void roundTrip() {
    SumcheckProof p = sample(5, 3);
    Checked<SumcheckProof> back = SumcheckProof.decode(p.encode(), 5, 3);
    assertTrue(back.isOk());
    assertArrayEquals(p.compressed(), back.value().compressed());
  }

  @Test
  void degreeBoundEnforcedOnDecode() {
    // a degree-3 proof is more bytes than a degree-2 one of the same rounds: no way to pass it off
    SumcheckProof p = sample(4, 3);
    assertFalse(SumcheckProof.decode(p.encode(), 4, 2).isOk(), "higher-degree round polynomials rejected");
    // read from a stream, a degree-2 reader takes exactly 4 * 2 elements and leaves the rest
    FieldReader in = new FieldReader(p.encode(), 0, p.encode().length);
    Checked<SumcheckProof> q = SumcheckProof.read(in, 4, 2);
    assertTrue(q.isOk());
    assertTrue(q.value().degree() == 2 && in.remainingElements() == 4);
    // a verifier fed a proof of another degree rejects before any work
    long[] claim = new long[4];
    assertFalse(SumcheckVerifier.verify(claim, 4, 2, p, Transcript.v1()).isOk());
    assertFalse(SumcheckVerifier.verify(claim, 5, 3, p, Transcript.v1()).isOk());
    assertFalse(SumcheckProof.read(new FieldReader(new byte[0], 0, 0), 1, SumcheckProof.MAX_DEGREE + 1).isOk());
    assertFalse(SumcheckProof.read(new FieldReader(new byte[0], 0, 0), SumcheckProof.MAX_ROUNDS + 1, 2).isOk());
  }

  @Test
  void truncatedAndExtendedProofRejected() {
    byte[] enc = sample(3, 2).encode();
    assertFalse(SumcheckProof.decode(Arrays.copyOf(enc, enc.length - 1), 3, 2).isOk());
    assertFalse(SumcheckProof.decode(Arrays.copyOf(enc, enc.length + 32), 3, 2).isOk());
    assertFalse(SumcheckProof.decode(null, 3, 2).isOk());
  }

  @Test
  void nonCanonicalElementRejected() {
    byte[] enc = sample(3, 2).encode();
    byte[] bad = enc.clone();
    Arrays.fill(bad, 32, 64, (byte) 0xff); // >= p
    Checked<SumcheckProof> r = SumcheckProof.decode(bad, 3, 2);
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("non-canonical"), r.reason());
  }
}
