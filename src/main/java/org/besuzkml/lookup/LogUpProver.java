package org.besuzkml.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.EqWeightedInstance;
import org.besuzkml.sumcheck.SumcheckProver;
import org.besuzkml.transcript.Transcript;

/**
 * The prover of the lookup phase (5.2-5.5; section 8 phase 2): builds the leaf vector of 5.3 from
 * the looked-up columns, the multiplicities and the tables, the fraction tree of 5.4, proves it
 * layer by layer with degree-3 eq-weighted sumchecks, and states the leaf values of 5.5. Returns
 * the proof messages and the claims of {@link LogUpClaims} that the caller must discharge.
 * Cost: about 15 multiplications per leaf (leaves, tree, sumchecks) plus one MLE evaluation per
 * column for the leaf values.
 */
public final class LogUpProver {
  private LogUpProver() {}

  private static final int L = Fr.LIMBS;
  private static final int PARALLEL_MIN = 1 << 14;

  /** The prover's result: the messages and the claims left for the caller. */
  public record Result(LogUpProof proof, LogUpClaims claims) {}

  /**
   * @param layout the vk's layout
   * @param columns per instance (layout instance order) its 1 or 2 columns, padded layout
   * @param multiplicities per table its 2^b counts ({@link Multiplicities#compute}), committed earlier
   */
  public static Result prove(LeafLayout layout, List<LookupColumn[]> columns, long[][] multiplicities,
      Transcript transcript) {
    List<LookupInstance> instances = layout.instances();
    List<Table> tables = layout.tables();
    if (columns.size() != instances.size() || multiplicities.length != tables.size()) {
      throw new IllegalArgumentException("columns / multiplicities do not match the layout");
    }
    for (int i = 0; i < instances.size(); i++) {
      Multiplicities.checkColumns(instances.get(i), columns.get(i));
    }
    long[][] mFr = new long[tables.size()][];
    for (int t = 0; t < tables.size(); t++) {
      if (multiplicities[t].length != tables.get(t).rows()) {
        throw new IllegalArgumentException("table " + t + " needs " + tables.get(t).rows() + " multiplicities");
      }
      mFr[t] = new long[multiplicities[t].length * L];
      for (int j = 0; j < multiplicities[t].length; j++) {
        Fr.fromLong(mFr[t], j * L, multiplicities[t][j]);
      }
    }
    long[][] fOut = new long[tables.size()][];
    for (int t = 0; t < tables.size(); t++) {
      fOut[t] = tables.get(t).outColumn();
    }

    long[] alpha = transcript.challengeFr(LogUpVerifier.ALPHA);
    long[] beta = transcript.challengeFr(LogUpVerifier.BETA);
    int lv = layout.leafVars();
    long[][] p = new long[lv + 1][];
    long[][] q = new long[lv + 1][];
    p[lv] = new long[L << lv];
    q[lv] = new long[L << lv];
    buildLeaves(layout, columns, mFr, fOut, alpha, beta, p[lv], q[lv]);
    for (int k = lv - 1; k >= 1; k--) {
      p[k] = new long[L << k];
      q[k] = new long[L << k];
      foldLayer(p[k + 1], q[k + 1], p[k], q[k], 1 << k);
    }

    long[] top = new long[4 * L];
    Fr.copy(top, 0, p[1], 0);
    Fr.copy(top, L, p[1], L);
    Fr.copy(top, 2 * L, q[1], 0);
    Fr.copy(top, 3 * L, q[1], L);
    transcript.absorbFrs(LogUpVerifier.TOP, top, 0, 4);
    long[] zeta = transcript.challengeFr(LogUpVerifier.MU);

    List<org.besuzkml.sumcheck.SumcheckProof> layers = new ArrayList<>();
    List<long[]> children = new ArrayList<>();
    for (int k = 1; k < lv; k++) {
      long[] lambda = transcript.challengeFr(LogUpVerifier.LAMBDA);
      int n = 1 << k;
      long[] p0 = new long[n * L];
      long[] p1 = new long[n * L];
      long[] q0 = new long[n * L];
      long[] q1 = new long[n * L];
      for (int x = 0; x < n; x++) {
        Fr.copy(p0, x * L, p[k + 1], 2 * x * L);
        Fr.copy(p1, x * L, p[k + 1], (2 * x + 1) * L);
        Fr.copy(q0, x * L, q[k + 1], 2 * x * L);
        Fr.copy(q1, x * L, q[k + 1], (2 * x + 1) * L);
      }
      EqWeightedInstance inst = new EqWeightedInstance(zeta, k, new FractionLayer(lambda), p0, p1, q0, q1);
      SumcheckProver.Proved run = SumcheckProver.prove(inst, transcript);
      long[] ch = inst.finalValues();
      transcript.absorbFrs(LogUpVerifier.CHILDREN, ch, 0, 4);
      layers.add(run.proof());
      children.add(ch);
      long[] next = new long[(k + 1) * L];
      System.arraycopy(run.point(), 0, next, 0, k * L);
      transcript.challengeFr(LogUpVerifier.MU, next, k * L);
      zeta = next;
    }
    long[] rho = zeta;

    // leaf values, segment by segment in layout order
    long[] leaves = new long[layout.leavesMessageSize() * L];
    int pos = 0;
    List<LeafClaim> claims = new ArrayList<>();
    for (LeafLayout.Segment s : layout.segments()) {
      long[] lo = suffix(rho, lv, s.numVars());
      if (s.kind() == LeafLayout.Kind.INSTANCE) {
        LookupInstance lk = instances.get(s.index());
        LookupColumn[] cols = columns.get(s.index());
        for (int c = 0; c < lk.columns(); c++) {
          ColumnEncoding enc = lk.encoding(c);
          long[] stated = cols[c].state(lo, lk.numVars());
          if (stated.length != enc.statedCount() * L) {
            throw new IllegalStateException("column stater disagrees with its encoding");
          }
          System.arraycopy(stated, 0, leaves, pos * L, stated.length);
          pos += enc.statedCount();
          long[] value = new long[L];
          enc.value(value, 0, stated, 0, lo, 0, lk.numVars());
          claims.add(new LeafClaim(LeafClaim.Kind.INSTANCE_COLUMN, s.index(), c, lo, stated, value));
        }
      } else if (s.kind() == LeafLayout.Kind.TABLE) {
        Table table = tables.get(s.index());
        long[] mv = new long[L];
        Multilinear.evaluate(mv, 0, mFr[s.index()], 0, table.bits(), lo, 0);
        Fr.copy(leaves, pos++ * L, mv, 0);
        claims.add(new LeafClaim(LeafClaim.Kind.MULTIPLICITY, s.index(), 0, lo, mv.clone(), mv));
        if (table.hasCommittedOutput()) {
          long[] fv = new long[L];
          Multilinear.evaluate(fv, 0, fOut[s.index()], 0, table.bits(), lo, 0);
          Fr.copy(leaves, pos++ * L, fv, 0);
          claims.add(new LeafClaim(LeafClaim.Kind.FUNCTION_OUTPUT, s.index(), 0, lo, fv.clone(), fv));
        }
      }
    }
    transcript.absorbFrs(LogUpVerifier.LEAVES, leaves, 0, pos);
    LogUpProof proof = new LogUpProof(top, layers.toArray(new org.besuzkml.sumcheck.SumcheckProof[0]),
        children.toArray(new long[0][]), leaves);
    return new Result(proof, new LogUpClaims(rho, List.copyOf(claims)));
  }

  /** The last m of the L coordinates. */
  static long[] suffix(long[] rho, int lv, int m) {
    long[] out = new long[m * L];
    System.arraycopy(rho, (lv - m) * L, out, 0, m * L);
    return out;
  }

  /** The leaves (p, q) of 5.3. */
  static void buildLeaves(LeafLayout layout, List<LookupColumn[]> columns, long[][] mFr, long[][] fOut,
      long[] alpha, long[] beta, long[] p, long[] q) {
    long[] beta2 = new long[L];
    long[] beta3 = new long[L];
    Fr.sqr(beta2, 0, beta, 0);
    Fr.mul(beta3, 0, beta2, 0, beta, 0);
    long[] one = new long[L];
    Fr.setOne(one, 0);
    long[] t = new long[L];
    long[] base = new long[L];
    int total = p.length / L;
    if (layout.isZk()) { // segments leave gaps: every leaf starts as filler (0, 1)
      for (int i = 0; i < total; i++) {
        Fr.copy(q, i * L, one, 0);
      }
    }
    for (LeafLayout.Segment s : layout.segments()) {
      int o = (int) s.offset();
      int n = 1 << s.numVars();
      int table = s.kind() == LeafLayout.Kind.INSTANCE ? layout.instances().get(s.index()).table() : s.index();
      Fr.fromLong(t, 0, LeafLayout.tag(table));
      Fr.sub(base, 0, alpha, 0, t, 0); // alpha - tau
      switch (s.kind()) {
        case INSTANCE -> {
          LookupInstance lk = layout.instances().get(s.index());
          LookupColumn[] cols = columns.get(s.index());
          long[] x1 = cols[0].values();
          long[] x2 = cols.length > 1 ? cols[1].values() : null;
          long[] baseReal = new long[L];
          Fr.sub(baseReal, 0, base, 0, beta, 0);
          parallel(n, (lo, hi) -> {
            long[] u = new long[L];
            for (int e = lo; e < hi; e++) {
              int d = (o + e) * L;
              Fr.copy(p, d, one, 0);
              Fr.copy(q, d, lk.isReal(e) ? baseReal : base, 0);
              Fr.mul(u, 0, beta2, 0, x1, e * L);
              Fr.sub(q, d, q, d, u, 0);
              if (x2 != null) {
                Fr.mul(u, 0, beta3, 0, x2, e * L);
                Fr.sub(q, d, q, d, u, 0);
              }
            }
          });
        }
        case TABLE -> {
          long[] m = mFr[s.index()];
          long[] out = fOut[s.index()];
          long[] baseRow = new long[L];
          Fr.sub(baseRow, 0, base, 0, beta, 0);
          parallel(n, (lo, hi) -> {
            long[] u = new long[L];
            for (int j = lo; j < hi; j++) {
              int d = (o + j) * L;
              Fr.neg(p, d, m, j * L);
              Fr.fromLong(u, 0, j);
              Fr.mul(u, 0, u, 0, beta2, 0);
              Fr.sub(q, d, baseRow, 0, u, 0);
              Fr.mul(u, 0, beta3, 0, out, j * L);
              Fr.sub(q, d, q, d, u, 0);
            }
          });
        }
        case PADDING -> {
          Fr.fromLong(p, o * L, -layout.paddingCount(s.index()));
          Fr.copy(q, o * L, base, 0);
        }
        default -> throw new IllegalStateException();
      }
    }
    for (long i = layout.isZk() ? total : layout.totalSize(); i < total; i++) {
      Fr.setZero(p, (int) i * L);
      Fr.copy(q, (int) i * L, one, 0);
    }
  }

  /** One tree layer up (5.4): children 2x, 2x+1 differ in the last variable. */
  static void foldLayer(long[] pc, long[] qc, long[] pOut, long[] qOut, int n) {
    parallel(n, (lo, hi) -> {
      long[] u = new long[L];
      for (int x = lo; x < hi; x++) {
        int a = 2 * x * L;
        int b = a + L;
        Fr.mul(u, 0, pc, a, qc, b);
        Fr.mul(pOut, x * L, pc, b, qc, a);
        Fr.add(pOut, x * L, pOut, x * L, u, 0);
        Fr.mul(qOut, x * L, qc, a, qc, b);
      }
    });
  }

  private interface Range {
    void run(int lo, int hi);
  }

  private static void parallel(int n, Range body) {
    int threads = Runtime.getRuntime().availableProcessors();
    if (threads <= 1 || n < 2 * PARALLEL_MIN) {
      body.run(0, n);
      return;
    }
    int pieces = Math.min(4 * threads, n / PARALLEL_MIN);
    IntStream.range(0, pieces).parallel()
        .forEach(k -> body.run((int) ((long) n * k / pieces), (int) ((long) n * (k + 1) / pieces)));
  }
}
