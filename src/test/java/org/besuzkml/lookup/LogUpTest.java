package org.besuzkml.lookup;

import static org.besuzkml.lookup.LogUpFixture.L;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.besuzkml.field.Fr;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.transcript.Transcript;
import org.junit.jupiter.api.Test;

class LogUpTest {
  private static long[] randomValues(SplittableRandom rnd, int n, int bound) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(bound);
    }
    return v;
  }

  private static final long[] SIGMOID_LIKE = {-5, -3, 0, 2, 7, 11, 12, 40, 41, 99, 100};

  /** R_8 with a 1-D and a 2-D instance, MSB_8 pairs, and a function table of 11 values in 2^4 rows. */
  private static LogUpFixture mixed(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    LogUpFixture f = new LogUpFixture();
    int r8 = f.table(Table.range(8));
    int msb = f.table(Table.msb(8));
    int fn = f.table(Table.function(4, SIGMOID_LIKE));
    f.lookup(r8, randomValues(rnd, 300, 256), null);
    // 2-D (3, 5) tensor padded to (4, 8)
    long[] grid = new long[32];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        grid[i * 8 + j] = rnd.nextInt(256);
      }
    }
    f.lookupPadded(r8, new int[] {3, 5}, new long[][] {grid});
    long[] limbs = randomValues(rnd, 40, 256);
    long[] bits = new long[40];
    for (int i = 0; i < 40; i++) {
      bits[i] = limbs[i] >= 128 ? 1 : 0;
    }
    f.lookup(msb, limbs, bits);
    long[] idx = randomValues(rnd, 9, 16); // indices past size_F map to the last value
    long[] ys = new long[9];
    for (int i = 0; i < 9; i++) {
      ys[i] = SIGMOID_LIKE[(int) Math.min(idx[i], SIGMOID_LIKE.length - 1)];
    }
    f.lookup(fn, idx, ys);
    return f;
  }

  @Test
  void completenessMixedTables() {
    LogUpClaims claims = mixed(1).proveVerifyAndCheckClaims();
    // 4 instances with 1 + 1 + 2 + 2 columns, 3 tables (M each) + 1 F_out
    assertEquals(6 + 3 + 1, claims.claims().size());
  }

  @Test
  void completenessRange8() {
    SplittableRandom rnd = new SplittableRandom(2);
    for (int n : new int[] {1, 2, 3, 256, 1000}) {
      LogUpFixture f = new LogUpFixture();
      int t = f.table(Table.range(8));
      f.lookup(t, randomValues(rnd, n, 256), null);
      f.proveVerifyAndCheckClaims();
    }
  }

  @Test
  void completenessRange16() {
    SplittableRandom rnd = new SplittableRandom(3);
    LogUpFixture f = new LogUpFixture();
    int t = f.table(Table.range(16));
    f.lookup(t, randomValues(rnd, 5000, 1 << 16), null);
    f.lookup(t, new long[] {0, 65535, 65535, 1}, null);
    f.proveVerifyAndCheckClaims();
  }

  @Test
  void completenessFunctionTable() {
    LogUpFixture f = new LogUpFixture();
    long[] vals = new long[200];
    for (int i = 0; i < vals.length; i++) {
      vals[i] = (long) i * i - 5000;
    }
    int t = f.table(Table.function(8, vals));
    long[] idx = {0, 1, 199, 200, 255, 17, 17};
    long[] ys = new long[idx.length];
    for (int i = 0; i < idx.length; i++) {
      ys[i] = vals[(int) Math.min(idx[i], 199)];
    }
    f.lookup(t, idx, ys);
    f.proveVerifyAndCheckClaims();
  }

  @Test
  void valueNotInTableRejected() {
    LogUpFixture f = new LogUpFixture();
    int t = f.table(Table.range(8));
    long[] v = randomValues(new SplittableRandom(4), 100, 256);
    v[37] = 256;
    f.lookup(t, v, null);
    assertThrows(IllegalArgumentException.class, () -> Multiplicities.compute(f.layout(), f.columns, true));
    Checked<LogUpClaims> r = f.verify(f.prove(Multiplicities.compute(f.layout(), f.columns, false)).proof());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("root numerator"), r.reason());
  }

  @Test
  void lookupOutputNotInTableRejected() {
    LogUpFixture f = mixed(5);
    // change one function output y to another table value (a valid value, the wrong row)
    LookupColumn[] cols = f.columns.get(3);
    long[] y = cols[1].values().clone();
    long[] one = new long[L];
    Fr.fromLong(one, 0, 1);
    Fr.add(y, 0, y, 0, one, 0);
    f.columns.set(3, new LookupColumn[] {cols[0], LookupColumn.ofFr(y)});
    Checked<LogUpClaims> r = f.verify(f.prove(Multiplicities.compute(f.layout(), f.columns, false)).proof());
    assertFalse(r.isOk());
  }

  @Test
  void msbPairWithWrongBitRejected() {
    LogUpFixture f = new LogUpFixture();
    int t = f.table(Table.msb(8));
    f.lookup(t, new long[] {3, 200, 100}, new long[] {0, 1, 1}); // 100 < 128: bit must be 0
    assertFalse(f.verify(f.prove(Multiplicities.compute(f.layout(), f.columns, false)).proof()).isOk());
  }

  @Test
  void wrongMultiplicityRejected() {
    LogUpFixture f = mixed(6);
    long[][] m = Multiplicities.compute(f.layout(), f.columns, true);
    // move one count from a used row to another row: totals unchanged, rows wrong
    int used = 0;
    while (m[0][used] == 0) {
      used++;
    }
    m[0][used]--;
    m[0][(used + 1) % 256]++;
    Checked<LogUpClaims> r = f.verify(f.prove(m).proof());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("root numerator"), r.reason());
  }

  @Test
  void paddedEntryNonZeroRejected() {
    LogUpFixture f = new LogUpFixture();
    int t = f.table(Table.range(8));
    long[] padded = new long[512];
    long[] real = randomValues(new SplittableRandom(7), 300, 256);
    System.arraycopy(real, 0, padded, 0, 300);
    padded[400] = 7; // a padded entry, in range, but not zero
    f.lookupPadded(t, new int[] {300}, new long[][] {padded});
    Checked<LogUpClaims> r = f.verify(f.prove(Multiplicities.compute(f.layout(), f.columns, true)).proof());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("root numerator"), r.reason());
    // the same with the padded entry zero passes
    padded[400] = 0;
    LogUpFixture g = new LogUpFixture();
    g.table(Table.range(8));
    g.lookupPadded(0, new int[] {300}, new long[][] {padded});
    assertTrue(g.verify(g.proveHonest().proof()).isOk());
  }

  @Test
  void zeroDenominatorRejected() {
    // layer 1 with q_1(0) = 0 and p_1 = 0 passes the numerator test (0 * q + 0 * 0 = 0) and must
    // be caught by the root denominator test.
    LogUpFixture f = mixed(8);
    LeafLayout layout = f.layout();
    long[] e = f.proveHonest().proof().elements();
    Fr.setZero(e, 0);
    Fr.setZero(e, L);
    Fr.setZero(e, 2 * L);
    Checked<LogUpClaims> r = LogUpVerifier.verify(layout, LogUpProof.decode(bytes(e), layout).value(),
        LogUpFixture.transcript());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("denominator is zero"), r.reason());
  }

  @Test
  void entryChosenToZeroADenominatorRejected() {
    // A prover that knows alpha and beta before committing (not possible in the real schedule, where
    // commitments are absorbed first) sets one entry to (alpha - tau - beta)/beta^2: its leaf
    // denominator is zero. The root check still rejects.
    Transcript probe = LogUpFixture.transcript();
    long[] alpha = probe.challengeFr("lu/alpha");
    long[] beta = probe.challengeFr("lu/beta");
    long[] x = new long[L];
    long[] tau = new long[L];
    Fr.fromLong(tau, 0, 1);
    Fr.sub(x, 0, alpha, 0, tau, 0);
    Fr.sub(x, 0, x, 0, beta, 0);
    long[] b2 = new long[L];
    Fr.mul(b2, 0, beta, 0, beta, 0);
    Fr.inv(b2, 0, b2, 0);
    Fr.mul(x, 0, x, 0, b2, 0);
    LogUpFixture f = new LogUpFixture();
    f.table(Table.range(8));
    f.lookup(0, new long[] {1, 2, 3, 4}, null);
    long[] col = f.columns.get(0)[0].values().clone();
    Fr.copy(col, 2 * L, x, 0);
    f.columns.set(0, new LookupColumn[] {LookupColumn.ofFr(col)});
    assertFalse(f.verify(f.prove(Multiplicities.compute(f.layout(), f.columns, false)).proof()).isOk());
  }

  @Test
  void everyProofElementIsChecked() {
    LogUpFixture f = mixed(9);
    LeafLayout layout = f.layout();
    long[] e = f.proveHonest().proof().elements();
    long[] one = new long[L];
    Fr.setOne(one, 0);
    for (int i = 0; i < e.length / L; i++) {
      long[] bad = e.clone();
      Fr.add(bad, i * L, bad, i * L, one, 0);
      Checked<LogUpClaims> r = LogUpVerifier.verify(layout, LogUpProof.decode(bytes(bad), layout).value(),
          LogUpFixture.transcript());
      // a changed leaf value of a column is caught only by the caller's claim (its value no longer
      // matches the column); every other element is caught here
      if (r.isOk()) {
        assertTrue(i >= e.length / L - layout.leavesMessageSize(), "element " + i + " unchecked");
        fail(i, r.value(), f);
      }
    }
  }

  /** A tampered leaf value that passes the leaf check must produce a false claim. */
  private static void fail(int i, LogUpClaims claims, LogUpFixture f) {
    boolean someFalse = false;
    long[][] m = Multiplicities.compute(f.layout(), f.columns, true);
    for (LeafClaim c : claims.claims()) {
      long[] column = switch (c.kind()) {
        case INSTANCE_COLUMN -> f.columns.get(c.index())[c.column()].values();
        case MULTIPLICITY -> LogUpFixture.toFr(m[c.index()]);
        case FUNCTION_OUTPUT -> f.tables.get(c.index()).outColumn();
      };
      long[] truth = new long[L];
      org.besuzkml.poly.Multilinear.evaluate(truth, 0, column, 0, c.point().length / L, c.point(), 0);
      someFalse |= !Fr.equal(truth, 0, c.value(), 0);
    }
    assertTrue(someFalse, "element " + i + ": tampering left only true claims");
  }

  @Test
  void truncatedAndExtendedLookupProofRejected() {
    LogUpFixture f = mixed(10);
    byte[] enc = f.proveHonest().proof().encode();
    assertFalse(LogUpProof.decode(java.util.Arrays.copyOf(enc, enc.length - 32), f.layout()).isOk());
    assertFalse(LogUpProof.decode(java.util.Arrays.copyOf(enc, enc.length + 32), f.layout()).isOk());
    assertTrue(LogUpProof.decode(enc, f.layout()).isOk());
  }

  @Test
  void proofForAnotherLayoutRejected() {
    LogUpFixture small = new LogUpFixture();
    small.table(Table.range(4));
    small.lookup(0, new long[] {1, 2, 3}, null);
    LogUpFixture big = mixed(11);
    Checked<LogUpClaims> r = LogUpVerifier.verify(big.layout(), small.proveHonest().proof(), LogUpFixture.transcript());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("layout"), r.reason());
  }

  @Test
  void randomBytesAsLookupProofNeverThrow() {
    LogUpFixture f = mixed(12);
    LeafLayout layout = f.layout();
    int len = (int) layout.proofSize() * Fr.BYTES;
    SplittableRandom rnd = new SplittableRandom(13);
    int decodedOk = 0;
    for (int trial = 0; trial < 200; trial++) {
      byte[] junk = new byte[trial % 3 == 0 ? rnd.nextInt(len + 64) : len];
      for (int i = 0; i < junk.length; i++) {
        junk[i] = (byte) rnd.nextInt();
      }
      if (trial % 2 == 0) {
        for (int i = 0; i < junk.length; i += 32) {
          junk[i] &= 0x0f; // mostly canonical elements, so decoding passes and verification runs
        }
      }
      Checked<LogUpProof> p = LogUpProof.decode(junk, layout);
      if (p.isOk()) {
        decodedOk++;
        Checked<LogUpClaims> r = LogUpVerifier.verify(layout, p.value(), LogUpFixture.transcript());
        assertFalse(r.isOk());
        assertTrue(r.reason() != null && !r.reason().isEmpty());
      } else {
        assertTrue(p.reason() != null && !p.reason().isEmpty());
      }
    }
    assertTrue(decodedOk > 20, "the fuzz reached the verifier");
  }

  @Test
  void limbEncodedColumnStatesLimbsAndVerifierRecomposes() {
    SplittableRandom rnd = new SplittableRandom(14);
    long[] lo = randomValues(rnd, 8, 16);
    long[] hi = randomValues(rnd, 8, 16);
    long[] x = new long[8];
    for (int i = 0; i < 8; i++) {
      x[i] = lo[i] + 16 * hi[i];
    }
    LogUpFixture f = new LogUpFixture();
    f.table(Table.range(8));
    f.instances.add(LookupInstance.of(0, new int[] {8}, LogUpFixture.TWO_NIBBLES));
    LookupColumn.Stater limbs = (point, m) -> {
      long[] out = new long[2 * L];
      org.besuzkml.poly.Multilinear.evaluate(out, 0, LogUpFixture.toFr(lo), 0, m, point, 0);
      org.besuzkml.poly.Multilinear.evaluate(out, L, LogUpFixture.toFr(hi), 0, m, point, 0);
      return out;
    };
    f.columns.add(new LookupColumn[] {LookupColumn.ofLongs(x).withStater(limbs)});
    LogUpClaims claims = f.proveVerifyAndCheckClaims();
    // layout order: the 256-row table segment comes before the 8-entry instance
    assertEquals(LeafClaim.Kind.MULTIPLICITY, claims.claims().get(0).kind());
    LeafClaim c = claims.claims().get(1);
    assertEquals(LeafClaim.Kind.INSTANCE_COLUMN, c.kind());
    assertEquals(2 * L, c.stated().length, "the claim carries both limb values for the caller's openings");
    // a prover stating limbs that do not recompose to x is caught by the leaf check
    LogUpFixture g = new LogUpFixture();
    g.table(Table.range(8));
    g.instances.add(LookupInstance.of(0, new int[] {8}, LogUpFixture.TWO_NIBBLES));
    g.columns.add(new LookupColumn[] {LookupColumn.ofLongs(x).withStater((point, m) -> {
      long[] out = limbs.state(point, m);
      Fr.add(out, 0, out, 0, out, L);
      return out;
    })});
    Checked<LogUpClaims> r = g.verify(g.proveHonest().proof());
    assertFalse(r.isOk());
    assertTrue(r.reason().contains("leaf denominator"), r.reason());
  }

  private static byte[] bytes(long[] e) {
    byte[] out = new byte[e.length / L * Fr.BYTES];
    for (int i = 0; i < e.length / L; i++) {
      Fr.toBytes(out, i * Fr.BYTES, e, i * L);
    }
    return out;
  }
}
