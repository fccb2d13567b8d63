package org.besuzkml.sumcheck;

import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.poly.Univariate;

/**
 * The general prover instance {@code g(x) = Q(A_1(x), ..., A_a(x))} for multilinear tables A_j of
 * 2^k entries and a {@link Composition} Q of degree d: round polynomials by stepping every table
 * along the bound variable ({@code A(t, x') = A(0, x') + t (A(1, x') - A(0, x'))}, one addition per
 * point) and evaluating Q, O(2^k (a + cost(Q)) d) per round in total over the shrinking tables.
 * The caller's tables are never modified: the first bind writes half-size copies.
 * {@link #finalValues()} are {@code A_1(r), ..., A_a(r)}.
 */
public class CompositeInstance implements SumcheckInstance {
  private static final int L = Fr.LIMBS;
  /** Entries per parallel piece below which one thread does the whole round. */

  private final Composition q;
  private final int numVars;
  private final int degree;
  private long[][] tables;
  private int vars;
  private boolean copied;
  private long[] claim;
  /** The running claim s_(i-1)(r_(i-1)); null until known. Lets a round skip evaluating t = 1. */
  private long[] current;
  private long[] lastEvals;

  /**
   * @param q the composition (arity = tables.length)
   * @param numVars k; every table has 2^k elements (at offset 0, at least that long)
   * @param tables the multilinear tables A_1..A_a (Montgomery form, read only)
   */
  public CompositeInstance(Composition q, int numVars, long[]... tables) {
    if (q == null || tables == null || tables.length != q.arity()) {
      throw new IllegalArgumentException("need one table per composition input");
    }
    if (numVars < 0 || numVars > Multilinear.MAX_VARS) {
      throw new IllegalArgumentException("numVars out of range: " + numVars);
    }
    for (long[] t : tables) {
      if (t == null || t.length < (L << numVars)) {
        throw new IllegalArgumentException("table shorter than 2^" + numVars + " elements");
      }
    }
    this.q = q;
    this.numVars = numVars;
    this.degree = Math.max(1, q.degree());
    this.tables = tables.clone();
    this.vars = numVars;
  }

  @Override
  public int numVars() {
    return numVars;
  }

  @Override
  public int degree() {
    return degree;
  }

  @Override
  public long[] claim() {
    if (claim == null) {
      if (vars != numVars) {
        throw new IllegalStateException("claim() must be called before binding");
      }
      claim = sumOverHypercube();
      current = claim.clone();
    }
    return claim.clone();
  }

  private long[] sumOverHypercube() {
    int n = 1 << vars;
    int a = tables.length;
    int pieces = Pieces.count(n);
    long[] partial = new long[pieces * L];
    Pieces.run(pieces, p -> {
      long[] v = new long[a * L];
      long[] out = new long[L];
      long[] scratch = new long[q.scratchElements() * L];
      int hi = Pieces.start(p + 1, pieces, n);
      for (int x = Pieces.start(p, pieces, n); x < hi; x++) {
        for (int j = 0; j < a; j++) {
          Fr.copy(v, j * L, tables[j], x * L);
        }
        q.evaluate(out, 0, v, 0, scratch);
        Fr.add(partial, p * L, partial, p * L, out, 0);
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
    int half = 1 << (vars - 1);
    int a = tables.length;
    int points = degree + 1;
    int pieces = Pieces.count(half);
    boolean skipOne = current != null;
    long[] partial = new long[pieces * points * L];
    Pieces.run(pieces, p -> {
      long[] val = new long[a * L];
      long[] diff = new long[a * L];
      long[] out = new long[L];
      long[] scratch = new long[q.scratchElements() * L];
      int base = p * points * L;
      int hi = Pieces.start(p + 1, pieces, half);
      for (int x = Pieces.start(p, pieces, half); x < hi; x++) {
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
          if (s == 1 && skipOne) {
            continue;
          }
          q.evaluate(out, 0, val, 0, scratch);
          Fr.add(partial, base + s * L, partial, base + s * L, out, 0);
        }
      }
    });
    long[] evals = new long[points * L];
    for (int p = 0; p < pieces; p++) {
      for (int s = 0; s < points; s++) {
        Fr.add(evals, s * L, evals, s * L, partial, (p * points + s) * L);
      }
    }
    if (skipOne) {
      Fr.sub(evals, L, current, 0, evals, 0); // s(1) = claim - s(0)
    } else {
      current = new long[L];
      Fr.add(current, 0, evals, 0, evals, L);
      if (vars == numVars) {
        claim = current.clone();
      }
    }
    lastEvals = evals;
    return evals;
  }

  @Override
  public void bind(long[] r, int rOff) {
    if (vars < 1) {
      throw new IllegalStateException("no variable left to bind");
    }
    if (claim == null && vars == numVars) {
      claim = sumOverHypercube();
    }
    if (lastEvals != null) {
      long[] coeffs = Univariate.coefficientsFromEvaluations(lastEvals, 0, degree + 1);
      current = new long[L];
      Univariate.evaluate(current, 0, coeffs, 0, degree + 1, r, rOff);
    } else {
      current = null; // bound without a round message: recompute s(1) next round
    }
    lastEvals = null;
    BoundTables.bindFirst(tables, copied, vars, r, rOff);
    copied = true;
    vars--;
  }

  @Override
  public long[] finalValues() {
    return BoundTables.finalValues(tables, vars);
  }

  /** Variables not yet bound. */
  int remainingVars() {
    return vars;
  }

  /** With one variable left: {@code out[(2 j + b) L..]} = table j at x = b. */
  void lastEntries(long[] out) {
    if (vars != 1) {
      throw new IllegalStateException("not at the last round");
    }
    for (int j = 0; j < tables.length; j++) {
      Fr.copy(out, 2 * j * L, tables[j], 0);
      Fr.copy(out, (2 * j + 1) * L, tables[j], L);
    }
  }

  /** The composition of this instance. */
  public Composition composition() {
    return q;
  }
}
