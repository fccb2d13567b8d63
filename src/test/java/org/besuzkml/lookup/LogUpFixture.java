package org.besuzkml.lookup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.transcript.Transcript;

/** A lookup setup: tables, instances with their columns, and helpers to prove and verify it. */
final class LogUpFixture {
  static final int L = Fr.LIMBS;

  /** x = lo + 16 hi, stated as the two limb values; the verifier recomposes (a limb-backed column, 6.1). */
  static final ColumnEncoding TWO_NIBBLES = new ColumnEncoding() {
    @Override
    public int statedCount() {
      return 2;
    }

    @Override
    public void value(long[] out, int outOff, long[] stated, int so, long[] point, int po, int m) {
      long[] sixteen = new long[L];
      Fr.fromLong(sixteen, 0, 16);
      Fr.mul(out, outOff, stated, so + L, sixteen, 0);
      Fr.add(out, outOff, out, outOff, stated, so);
    }
  };

  final List<Table> tables = new ArrayList<>();
  final List<LookupInstance> instances = new ArrayList<>();
  final List<LookupColumn[]> columns = new ArrayList<>();

  int table(Table t) {
    tables.add(t);
    return tables.size() - 1;
  }

  /** A 1-D instance: n real entries given, padded to a power of two with zeros. */
  LogUpFixture lookup(int table, long[] x1, long[] x2) {
    int n = x1.length;
    int size = Integer.highestOneBit(Math.max(1, n - 1)) << (n > 1 ? 1 : 0);
    long[][] cols = x2 == null ? new long[][] {pad(x1, size)} : new long[][] {pad(x1, size), pad(x2, size)};
    return lookupPadded(table, new int[] {n}, cols);
  }

  /** An instance of the given logical dims whose columns are already in padded layout. */
  LogUpFixture lookupPadded(int table, int[] dims, long[][] padded) {
    LookupInstance lk = padded.length == 2
        ? LookupInstance.of(table, dims, ColumnEncoding.PLAIN, ColumnEncoding.PLAIN)
        : LookupInstance.of(table, dims, ColumnEncoding.PLAIN);
    instances.add(lk);
    LookupColumn[] cs = new LookupColumn[padded.length];
    for (int c = 0; c < padded.length; c++) {
      cs[c] = LookupColumn.ofLongs(padded[c]);
    }
    columns.add(cs);
    return this;
  }

  static long[] pad(long[] v, int size) {
    long[] out = new long[size];
    System.arraycopy(v, 0, out, 0, v.length);
    return out;
  }

  LeafLayout layout() {
    Checked<LeafLayout> l = LeafLayout.of(tables, instances);
    assertTrue(l.isOk(), l.reason());
    return l.value();
  }

  static Transcript transcript() {
    Transcript t = Transcript.v1();
    t.absorbBytes("bzk/model", new byte[32]);
    return t;
  }

  LogUpProver.Result prove(long[][] multiplicities) {
    return LogUpProver.prove(layout(), columns, multiplicities, transcript());
  }

  LogUpProver.Result proveHonest() {
    return prove(Multiplicities.compute(layout(), columns, true));
  }

  Checked<LogUpClaims> verify(LogUpProof proof) {
    return LogUpVerifier.verify(layout(), proof, transcript());
  }

  /** Proves honestly, verifies, and checks every emitted claim against the real columns. */
  LogUpClaims proveVerifyAndCheckClaims() {
    LeafLayout layout = layout();
    long[][] mult = Multiplicities.compute(layout, columns, true);
    Transcript proverTranscript = transcript();
    LogUpProver.Result res = LogUpProver.prove(layout, columns, mult, proverTranscript);
    // through bytes, as the verifier will see it
    Checked<LogUpProof> decoded = LogUpProof.decode(res.proof().encode(), layout);
    assertTrue(decoded.isOk(), decoded.reason());
    assertEquals(layout.proofSize() * Fr.BYTES, res.proof().encode().length);
    Transcript pt = transcript();
    Checked<LogUpClaims> out = LogUpVerifier.verify(layout, decoded.value(), pt);
    assertTrue(out.isOk(), out.reason());
    assertArrayEquals(proverTranscript.challengeFr("next"), pt.challengeFr("next"), "transcripts in step");
    assertFalse(pt.isMalformed());
    LogUpClaims claims = out.value();
    assertArrayEquals(res.claims().rho(), claims.rho());
    assertEquals(res.claims().claims().size(), claims.claims().size());
    for (int i = 0; i < claims.claims().size(); i++) {
      LeafClaim c = claims.claims().get(i);
      assertArrayEquals(res.claims().claims().get(i).value(), c.value());
      long[] truth = new long[L];
      int vars = c.point().length / L;
      long[] column = switch (c.kind()) {
        case INSTANCE_COLUMN -> columns.get(c.index())[c.column()].values();
        case MULTIPLICITY -> toFr(mult[c.index()]);
        case FUNCTION_OUTPUT -> tables.get(c.index()).outColumn();
      };
      Multilinear.evaluate(truth, 0, column, 0, vars, c.point(), 0);
      assertArrayEquals(truth, c.value(), "claim " + i + " " + c.kind() + " is true");
    }
    return claims;
  }

  static long[] toFr(long[] v) {
    long[] out = new long[v.length * L];
    for (int i = 0; i < v.length; i++) {
      Fr.fromLong(out, i * L, v[i]);
    }
    return out;
  }
}
