package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.poly.Univariate;

/**
 * Eq-weighted composition: {@code claim = sum_x eq(z, x) P(f_1(x), ..., f_a(x))} for a fixed point
 * z and a small polynomial P, degree {@code deg P + 1}. This is the shape of every "claim on an
 * output at z reduces to claims on inputs" step: {@code Y~(z) = sum_x eq(z, x) Y(x)} with Y
 * pointwise P of its inputs (6.7 Poly, the fraction-tree layers of 5.4). The eq factor is computed
 * by the verifier, so {@link #finalValues()} are only {@code f_1(r), ..., f_a(r)} and the check is
 * {@code subClaim.value == eq(z, r) P(f(r))} ({@link #expectedFinal}).
 *
 * <p>Prover technique (why it is faster than treating eq as one more table): in round i,
 * {@code s_i(t) = eq(z_<i, r_<i) * eq(z_i, t) * q(t)} with
 * {@code q(t) = sum_{x'} eq(z_>i, x') P(f(r_<i, t, x'))} of degree {@code deg P}. The prover evaluates
 * q at {@code t = 0, 2, ..., deg P} only, recovers {@code q(1)} from the running claim
 * ({@code s(0) + s(1) = claim}), extrapolates q to {@code deg P + 1} points, and never binds an eq
 * table (the suffix tables {@code eq(z_>i, .)} are built once per round, 2^k multiplications in all).
 * The messages are the same polynomial s_i as the plain method; only the work differs.
 */
public final class EqWeightedInstance implements SumcheckInstance {
  private static final int L = Fr.LIMBS;

  private final long[] z;
  private final Composition p;
  private final int numVars;
  private final int degP;
  private long[][] tables;
  private int vars;
  private boolean copied;
  /** eq(z_<i, r_<i) over the bound variables. */
  private final long[] prefix = new long[L];
  /** The running claim s_(i-1)(r_(i-1)) (the input claim before round 1); null until known. */
  private long[] current;
  private long[] inputClaim;
  /** Coefficients of the last round polynomial (for the next running claim). */
  private long[] lastCoeffs;

  /**
   * @param z the point (numVars elements, flat)
   * @param p the polynomial P (arity = factors.length)
   * @param factors the tables f_j, 2^numVars elements each (read only)
   */
  public EqWeightedInstance(long[] z, int numVars, Composition p, long[]... factors) {
    if (p == null || factors == null || factors.length != p.arity() || p.degree() < 0
        || p.degree() + 1 > SumcheckProof.MAX_DEGREE) {
      throw new IllegalArgumentException("need one table per input of P, and a small degree");
    }
    if (numVars < 0 || numVars > Multilinear.MAX_VARS || z == null || z.length < numVars * L) {
      throw new IllegalArgumentException("bad point or numVars");
    }
    for (long[] t : factors) {
      if (t == null || t.length < (L << numVars)) {
        throw new IllegalArgumentException("table shorter than 2^" + numVars + " elements");
      }
    }
    this.z = java.util.Arrays.copyOf(z, numVars * L);
    this.p = p;
    this.numVars = numVars;
    this.degP = p.degree();
    this.tables = factors.clone();
    this.vars = numVars;
    Fr.setOne(prefix, 0);
  }

  @Override
  public int numVars() {
    return numVars;
  }

  @Override
  public int degree() {
    return degP + 1;
  }

  @Override
  public long[] claim() {
    if (inputClaim == null) {
      if (vars != numVars) {
        throw new IllegalStateException("claim() must be called before binding");
      }
      inputClaim = fullSum();
      current = inputClaim.clone();
    }
    return inputClaim.clone();
  }

  /** sum_x eq(z, x) P(f(x)) in one pass over the full eq table. */
  private long[] fullSum() {
    long[] eq = Multilinear.eqTable(z, 0, numVars);
    int n = 1 << numVars;
    int a = tables.length;
    int pieces = Pieces.count(n);
    long[] partial = new long[pieces * L];
    Pieces.run(pieces, piece -> {
      long[] v = new long[a * L];
      long[] out = new long[L];
      long[] scratch = new long[p.scratchElements() * L];
      int hi = Pieces.start(piece + 1, pieces, n);
      for (int x = Pieces.start(piece, pieces, n); x < hi; x++) {
        for (int j = 0; j < a; j++) {
          Fr.copy(v, j * L, tables[j], x * L);
        }
        p.evaluate(out, 0, v, 0, scratch);
        Fr.mul(out, 0, out, 0, eq, x * L);
        Fr.add(partial, piece * L, partial, piece * L, out, 0);
      }
    });
    long[] s = new long[L];
    Multilinear.sum(s, 0, partial, 0, pieces);
    return s;
  }

  @Override
  public long[] roundEvaluations() {
    if (vars < 1) {
      throw new IllegalStateException("no variable left to bind");
    }
    int round = numVars - vars;
    int zi = round * L;
    // can q(1) come from the running claim? needs claim known, prefix != 0 and z_i != 0
    long[] prefixInv = new long[L];
    long[] ziInv = new long[L];
    boolean derive = current != null && !Fr.isZero(prefix, 0) && !Fr.isZero(z, zi);
    if (derive) {
      Fr.inv(prefixInv, 0, prefix, 0);
      Fr.inv(ziInv, 0, z, zi);
    }
    long[] q = innerSums(round, !derive); // q(0..degP); q(1) left zero when derived
    if (derive) {
      // claim = prefix ((1 - z_i) q(0) + z_i q(1))  =>  q(1) = (claim / prefix - (1 - z_i) q(0)) / z_i
      long[] t = new long[L];
      long[] oneMinus = new long[L];
      Fr.setOne(oneMinus, 0);
      Fr.sub(oneMinus, 0, oneMinus, 0, z, zi);
      Fr.mul(t, 0, oneMinus, 0, q, 0);
      Fr.mul(q, L, current, 0, prefixInv, 0);
      Fr.sub(q, L, q, L, t, 0);
      Fr.mul(q, L, q, L, ziInv, 0);
    }
    // q has degree degP: extend to t = degP + 1, then s(t) = prefix * eq(z_i, t) * q(t)
    int d = degP + 1;
    long[] qCoeffs = Univariate.coefficientsFromEvaluations(q, 0, degP + 1);
    long[] evals = new long[(d + 1) * L];
    long[] tt = new long[L];
    long[] lt = new long[L];
    long[] twoZiMinusOne = new long[L];
    Fr.dbl(twoZiMinusOne, 0, z, zi);
    long[] one = new long[L];
    Fr.setOne(one, 0);
    Fr.sub(twoZiMinusOne, 0, twoZiMinusOne, 0, one, 0);
    for (int s = 0; s <= d; s++) {
      Fr.fromLong(tt, 0, s);
      long[] qs = new long[L];
      if (s <= degP) {
        Fr.copy(qs, 0, q, s * L);
      } else {
        Univariate.evaluate(qs, 0, qCoeffs, 0, degP + 1, tt, 0);
      }
      // eq(z_i, t) = 1 - z_i + t (2 z_i - 1)
      Fr.mul(lt, 0, tt, 0, twoZiMinusOne, 0);
      Fr.add(lt, 0, lt, 0, one, 0);
      Fr.sub(lt, 0, lt, 0, z, zi);
      Fr.mul(lt, 0, lt, 0, prefix, 0);
      Fr.mul(evals, s * L, lt, 0, qs, 0);
    }
    if (current == null) {
      current = new long[L];
      Fr.add(current, 0, evals, 0, evals, L);
      if (round == 0) {
        inputClaim = current.clone();
      }
    }
    lastCoeffs = Univariate.coefficientsFromEvaluations(evals, 0, d + 1);
    return evals;
  }

  /** q(t) for t = 0..degP (t = 1 only if withOne) over the unbound variables. */
  private long[] innerSums(int round, boolean withOne) {
    int half = 1 << (vars - 1);
    long[] eqRest = Multilinear.eqTable(z, (round + 1) * L, vars - 1);
    int a = tables.length;
    int points = degP + 1;
    int pieces = Pieces.count(half);
    long[] partial = new long[pieces * points * L];
    Pieces.run(pieces, piece -> {
      long[] val = new long[a * L];
      long[] diff = new long[a * L];
      long[] out = new long[L];
      long[] scratch = new long[p.scratchElements() * L];
      int base = piece * points * L;
      int hi = Pieces.start(piece + 1, pieces, half);
      for (int x = Pieces.start(piece, pieces, half); x < hi; x++) {
        for (int j = 0; j < a; j++) {
          long[] t = tables[j];
          Fr.copy(val, j * L, t, x * L);
          Fr.sub(diff, j * L, t, (x + half) * L, t, x * L);
        }
        for (int s = 0; s < points; s++) {
          if (s > 0) {
            for (int j = 0; j < a; j++) {
              Fr.add(val, j * L, val, j * L, diff, j * L);
            }
          }
          if (s == 1 && !withOne) {
            continue;
          }
          p.evaluate(out, 0, val, 0, scratch);
          Fr.mul(out, 0, out, 0, eqRest, x * L);
          Fr.add(partial, base + s * L, partial, base + s * L, out, 0);
        }
      }
    });
    long[] q = new long[points * L];
    for (int piece = 0; piece < pieces; piece++) {
      for (int s = 0; s < points; s++) {
        Fr.add(q, s * L, q, s * L, partial, (piece * points + s) * L);
      }
    }
    return q;
  }

  @Override
  public void bind(long[] r, int rOff) {
    if (vars < 1) {
      throw new IllegalStateException("no variable left to bind");
    }
    int round = numVars - vars;
    if (lastCoeffs == null) {
      roundEvaluations(); // bind without a round message: keep the running claim right
    }
    long[] next = new long[L];
    Univariate.evaluate(next, 0, lastCoeffs, 0, degP + 2, r, rOff);
    current = next;
    lastCoeffs = null;
    // prefix *= eq(z_i, r) = 1 - z_i - r + 2 z_i r
    long[] e = new long[L];
    Multilinear.eqEvaluate(e, 0, z, round * L, r, rOff, 1);
    Fr.mul(prefix, 0, prefix, 0, e, 0);
    BoundTables.bindFirst(tables, copied, vars, r, rOff);
    copied = true;
    vars--;
  }

  @Override
  public long[] finalValues() {
    return BoundTables.finalValues(tables, vars);
  }

  /** The verifier's g(r): {@code eq(z, r) * P(values)}, O(k + cost(P)). */
  public static long[] expectedFinal(long[] z, long[] r, int numVars, Composition p, long[] values) {
    long[] e = new long[L];
    Multilinear.eqEvaluate(e, 0, z, 0, r, 0, numVars);
    long[] v = new long[L];
    p.evaluate(v, 0, values, 0, new long[p.scratchElements() * L]);
    Fr.mul(v, 0, v, 0, e, 0);
    return v;
  }
}
