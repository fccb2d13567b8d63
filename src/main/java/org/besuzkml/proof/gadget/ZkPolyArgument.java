package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.CompositeInstance;
import org.besuzkml.sumcheck.Composition;
import org.besuzkml.sumcheck.EqWeightedInstance;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.sumcheck.Masked;
import org.besuzkml.sumcheck.SubClaim;
import org.besuzkml.transcript.Transcript;

/**
 * Poly (6.7) in zero-knowledge mode (zk-design 4.3 R3, 4.6): version 1's sumcheck of
 * {@code eq(z, x) P(Bcast(X_1)(x), ..., sel(x))} over Y's variables, on the single claim (or, for a
 * zero check, on {@code (Y, z*, 0)} at version 1's fresh point), masked, with every input replaced
 * by its masked extension in the run's last variable {@code x_k}. A broadcast input
 * {@code Bcast(X) = X~(x|X) D(x)} (D the product of {@code LT_(n_d)} over the broadcast blocks, as
 * version 1's verifier factor) is masked as {@code (X~ + x_k (1 - x_k) s) D}, also when X does not
 * depend on {@code x_k}: its stated value is {@code X~(r|X) + kappa s} at version 1's point
 * {@code r|X}, and the verifier multiplies it by {@code D(r)} as version 1 does. Round degrees:
 * {@code delta + 1} in every round but the last, which has {@code 1 + max_t sum_(j in t) deg_j}
 * ({@code deg_j = 2} for a masked input, 3 when D depends on {@code x_k}, which is when Y's last
 * variable lies in a broadcast block of odd size; 1 for a public input and for sel). The final check
 * becomes R3's Lambda-claim. Each distinct input is stated once (one slot), in order of first use.
 * A zero-variable output (version 1: no run, the
 * check {@code v = P(stated values)} is not linear) runs over one dummy variable in which every factor is
 * constant ({@link ZkSumcheckEnd#constantExtension}), on the doubled claim: one round of degree
 * {@code max_t sum_(j in t) deg_j} (no eq factor to count: it is constant), at least version 1's
 * {@code delta + 1}: {@code 2 delta} when every input is masked and {@code delta > 1} (its inputs have its shape, all
 * ones: nothing broadcasts).
 */
final class ZkPolyArgument {
  private ZkPolyArgument() {}

  private static final int L = Fr.LIMBS;

  /** The round degrees of a Poly's masked run. */
  static int[] degrees(Poly g, Circuit c, ZkMasks m) {
    int vars = c.tensor(g.y()).vars();
    int last = 1;
    TensorInfo y = c.tensor(g.y());
    for (int[] mono : g.monomials()) {
      int d = mono.length == 0 ? 1 : 0;
      for (int j : mono) {
        int x = g.xs()[j];
        int dx = ZkSumcheckEnd.factorDegree(x, m);
        d += dx > 1 && weightOnLast(y, c.tensor(x)) ? dx + 1 : dx;
      }
      last = Math.max(last, d);
    }
    int d1 = PolyArgument.composition(g).degree() + 1;
    return vars == 0 ? new int[] {Math.max(d1, last)} : ZkSumcheckEnd.degrees(vars, d1, 1 + last);
  }

  /** {@code eq * P} over (eq, X_1..X_a[, sel]): version 1's summand with the eq table as a factor. */
  private static Composition weighted(Composition p) {
    return new Composition() {
      @Override
      public int arity() {
        return 1 + p.arity();
      }

      @Override
      public int degree() {
        return 1 + p.degree();
      }

      @Override
      public int scratchElements() {
        return p.scratchElements();
      }

      @Override
      public void evaluate(long[] out, int outOff, long[] v, int vOff, long[] scratch) {
        p.evaluate(out, outOff, v, vOff + L, scratch);
        Fr.mul(out, outOff, out, outOff, v, vOff);
      }
    };
  }

  /** Why this Poly with these claims has no masked run yet, or null. */
  static String refusal(Poly g, Circuit c, List<ZkClaim> claims) {
    if (g.zeroCheck() && !claims.isEmpty()) {
      return "Poly: a claim reached a zero-check output";
    }
    if (!g.zeroCheck() && claims.size() != 1) {
      return "Poly: expected one merged claim, got " + claims.size();
    }
    if (g.degree() > Poly.MAX_DEGREE || g.coeffs().length != g.monomials().length) {
      return "Poly: degree above " + Poly.MAX_DEGREE + " or malformed monomials";
    }
    TensorInfo y = c.tensor(g.y());
    for (int[] mono : g.monomials()) {
      for (int j : mono) {
        if (j < 0 || j >= g.xs().length) {
          return "Poly: malformed monomials";
        }
      }
    }
    for (int x : g.xs()) {
      int[] xs = c.tensor(x).shape();
      if (xs.length != y.rank()) {
        return "Poly: broadcast shape";
      }
      for (int d = 0; d < xs.length; d++) {
        if (xs[d] != y.dim(d) && xs[d] != 1) {
          return "Poly: broadcast shape";
        }
      }
    }
    return null;
  }

  /**
   * Whether the mask weight D of input x depends on Y's last variable: that variable is the low bit
   * of the last dimension with a variable, and {@code LT_n} depends on its low bit iff n is odd.
   */
  static boolean weightOnLast(TensorInfo y, TensorInfo x) {
    for (int d = y.rank() - 1; d >= 0; d--) {
      if (TensorInfo.log2Ceil(y.dim(d)) > 0) {
        return x.dim(d) != y.dim(d) && (y.dim(d) & 1) == 1;
      }
    }
    return false;
  }

  /**
   * Prover: the table over Y's variables of the weight D of input x, the product of {@code LT_(n_d)}
   * over the dimensions x broadcasts (1 where each such coordinate is below its size), or null when x
   * has Y's shape.
   */
  static long[] weightTable(TensorInfo y, TensorInfo x) {
    if (Arrays.equals(x.shape(), y.shape())) {
      return null;
    }
    int vars = y.vars();
    long[] out = new long[L << vars];
    for (int p = 0; p < 1 << vars; p++) {
      boolean inside = true;
      int shift = 0;
      for (int d = y.rank() - 1; d >= 0; d--) {
        int bits = TensorInfo.log2Ceil(y.dim(d));
        int coord = (p >>> shift) & ((1 << bits) - 1);
        inside &= x.dim(d) == y.dim(d) || coord < y.dim(d);
        shift += bits;
      }
      if (inside) {
        Fr.setOne(out, p * L);
      }
    }
    return out;
  }

  private static ZkClaim target(Poly g, Circuit c, List<ZkClaim> claims, Transcript t) {
    if (g.zeroCheck()) {
      return new ZkClaim(g.y(), t.challengeFrs(WalkMath.FRESH, c.tensor(g.y()).vars()), new long[L], null);
    }
    return claims.get(0);
  }

  /**
   * The stated tensors: the distinct inputs in order of first use (a tensor named twice, as
   * {@code Mul(x, x)} lowers, is one stated value with one slot, 4.2).
   */
  static int[] distinct(Poly g) {
    return Arrays.stream(g.xs()).distinct().toArray();
  }

  /** Per input its index among {@link #distinct}. */
  private static int[] targetOf(Poly g, int[] distinct) {
    int[] out = new int[g.xs().length];
    for (int j = 0; j < out.length; j++) {
      int x = g.xs()[j];
      out[j] = Arrays.stream(distinct).boxed().toList().indexOf(x);
    }
    return out;
  }

  /**
   * Each distinct input is stated at version 1's point {@code r|X} (r itself for Y's shape; no point
   * over a dummy variable: a constant is its own value).
   */
  private static List<ZkStatements.Target> targets(Poly g, Circuit c, long[] r) {
    long[] p = ZkSumcheckEnd.tensorPoint(c.tensor(g.y()).vars(), r);
    List<ZkStatements.Target> out = new ArrayList<>();
    long[] f = new long[L];
    for (int x : distinct(g)) {
      out.add(new ZkStatements.Target(x, WalkMath.restrict(c.tensor(g.y()), c.tensor(x), p, f)));
    }
    return out;
  }

  /** {@code eq(z, r) P(stated values times their D(r), sel_Y(r))}: version 1's final value. */
  private static long[] expected(Poly g, Circuit c, long[] z, long[] r, ZkStatements.Stated st) {
    Composition p = PolyArgument.composition(g);
    int a = g.xs().length;
    int[] target = targetOf(g, distinct(g));
    long[] factors = new long[p.arity() * L];
    int vars = c.tensor(g.y()).vars();
    long[] ry = ZkSumcheckEnd.tensorPoint(vars, r); // over a dummy variable eq and sel are the constant 1
    long[] f = new long[L];
    for (int j = 0; j < a; j++) {
      WalkMath.restrict(c.tensor(g.y()), c.tensor(g.xs()[j]), ry, f);
      Fr.mul(factors, j * L, st.values().get(target[j]).value(), 0, f, 0);
    }
    if (PolyArgument.usesSel(g)) {
      Fr.copy(factors, a * L, WalkMath.sel(c.tensor(g.y()), ry), 0);
    }
    return EqWeightedInstance.expectedFinal(z, ry, vars, p, factors);
  }

  static final class Prover implements ZkGadgetArguments.Prover<Poly> {
    @Override
    public List<ZkClaim> prove(Poly g, Circuit c, ProverTables w, List<ZkClaim> claims, ProofSink out,
        Transcript t, ZkMasks m) {
      if (claims.isEmpty() && !g.zeroCheck()) {
        return List.of();
      }
      String bad = refusal(g, c, claims);
      if (bad != null) {
        throw new IllegalArgumentException(bad);
      }
      ZkClaim cl = target(g, c, claims, t);
      int ym = c.tensor(g.y()).vars();
      int vars = ZkSumcheckEnd.runVars(ym);
      long[][] x = PolyArgument.tables(g, c, w);
      long[][] tables = new long[1 + x.length][];
      tables[0] = Multilinear.eqTable(cl.point(), 0, ym);
      System.arraycopy(x, 0, tables, 1, x.length);
      tables = ZkSumcheckEnd.runTables(ym, tables);
      int[] distinct = distinct(g);
      int[] target = targetOf(g, distinct);
      int[] factorTarget = new int[tables.length];
      Arrays.fill(factorTarget, -1);
      System.arraycopy(target, 0, factorTarget, 1, target.length);
      long[][] weights = new long[tables.length][];
      for (int j = 0; j < g.xs().length; j++) {
        weights[1 + j] = weightTable(c.tensor(g.y()), c.tensor(g.xs()[j]));
      }
      CompositeInstance inst = new CompositeInstance(weighted(PolyArgument.composition(g)), vars, tables);
      Masked<SubClaim> end = ZkSumcheckEnd.run(inst, factorTarget, weights, distinct, degrees(g, c, m),
          ZkSumcheckEnd.runClaim(ym, cl), m, out, t);
      long[] r = end.claim().point();
      ZkStatements.Stated st = ZkSumcheckEnd.prove(targets(g, c, r), r, vars, c, w, m, out, t);
      ZkSumcheckEnd.close(end, expected(g, c, cl.point(), r, st), m);
      return st.returned();
    }
  }

  static final class Verifier implements ZkGadgetArguments.Verifier<Poly> {
    @Override
    public Checked<List<ZkClaim>> verify(Poly g, Circuit c, List<ZkClaim> claims, FieldReader in, Transcript t,
        ZkMasks m) {
      if (claims.isEmpty() && !g.zeroCheck()) {
        return Checked.ok(List.of()); // nothing consumes Y: no claim to reduce
      }
      String bad = refusal(g, c, claims);
      if (bad != null) {
        return Checked.rejected(bad);
      }
      ZkClaim cl = target(g, c, claims, t);
      int ym = c.tensor(g.y()).vars();
      int vars = ZkSumcheckEnd.runVars(ym);
      Checked<Masked<SubClaim>> sc = ZkSumcheckEnd.rounds(ZkSumcheckEnd.runClaim(ym, cl), degrees(g, c, m), m, in,
          t);
      if (!sc.isOk()) {
        return sc.rethrow("Poly");
      }
      long[] r = sc.value().claim().point();
      Checked<ZkStatements.Stated> st = ZkSumcheckEnd.verify(targets(g, c, r), r, vars, c, m, in, t);
      if (!st.isOk()) {
        return st.rethrow("Poly");
      }
      ZkSumcheckEnd.close(sc.value(), expected(g, c, cl.point(), r, st.value()), m);
      return Checked.ok(st.value().returned());
    }
  }
}
