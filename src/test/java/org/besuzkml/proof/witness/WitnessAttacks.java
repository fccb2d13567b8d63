package org.besuzkml.proof.witness;

import java.util.List;
import java.util.function.Predicate;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * Reusable witness corruptions (the attacks), applied through
 * {@link WitnessBuilder.Tamper}: the cheating value is written right after its gadget is
 * evaluated, and every later gadget is evaluated from it, as a cheating prover that keeps the rest
 * consistent would. Each attack says which relation must catch it. The same attacks drive the
 * soundness tests of the full prover (a tampered witness must yield a rejected proof).
 */
public final class WitnessAttacks {
  private WitnessAttacks() {}

  /** A corruption and the gadget kind whose relation must reject it. */
  public record Attack(String name, WitnessBuilder.Tamper tamper, String caughtBy) {
    public Witness apply(CorpusModels.Loaded l) {
      return WitnessBuilder.build(l.compiled(), l.trace(), tamper);
    }
  }

  static int first(Circuit c, Predicate<Gadget> p) {
    List<Gadget> g = c.gadgets();
    for (int i = 0; i < g.size(); i++) {
      if (p.test(g.get(i))) {
        return i;
      }
    }
    throw new IllegalArgumentException("the model has no such gadget");
  }

  /** The first rescaled activation (a Requant output) is one more than the engine computes. */
  public static Attack activationOffByOne(CompiledModel m) {
    int at = first(m.circuit(), g -> g instanceof Requant);
    Requant r = (Requant) m.circuit().gadgets().get(at);
    return new Attack("activationOffByOne", (i, g, w) -> {
      if (i == at) {
        w.get(r.q())[0] += 1;
      }
    }, "Requant");
  }

  /**
   * The first Relu outputs its negative input unchanged (its sign bit left honest): the Relu
   * product {@code y = s * x} fails.
   */
  public static Attack reluLettingNegativeThrough(CompiledModel m) {
    int at = first(m.circuit(), g -> g instanceof Poly p && isRelu(m.circuit(), p));
    Poly p = (Poly) m.circuit().gadgets().get(at);
    return new Attack("reluLettingNegativeThrough", (i, g, w) -> {
      if (i == at) {
        long[] x = w.get(p.xs()[1]);
        long[] y = w.get(p.y());
        y[negativeIndex(x)] = x[negativeIndex(x)];
      }
    }, "Poly");
  }

  /**
   * The first Relu's sign bit claims a negative input is non-negative, so y = s * x lets it
   * through: the (top limb, sign) pair is not in the MSB table.
   */
  public static Attack reluSignForged(CompiledModel m) {
    int at = first(m.circuit(), g -> g instanceof Poly p && isRelu(m.circuit(), p));
    Poly p = (Poly) m.circuit().gadgets().get(at);
    return new Attack("reluSignForged", (i, g, w) -> {
      if (i == -1) {
        return;
      }
      if (g.outputs().length > 0 && contains(g.outputs(), p.xs()[0]) && i < at) {
        // right after the sign is produced (its Decomp), forge it
        long[] x = w.has(p.xs()[1]) ? w.get(p.xs()[1]) : null;
        if (x != null && w.has(p.xs()[0])) {
          w.get(p.xs()[0])[negativeIndex(x)] = 1;
        }
      }
    }, "Decomp");
  }

  /** The first Requant rounds down instead of half up, with the remainder that balances it. */
  public static Attack wrongRounding(CompiledModel m) {
    int at = first(m.circuit(), g -> g instanceof Requant);
    Requant r = (Requant) m.circuit().gadgets().get(at);
    return new Attack("wrongRounding", (i, g, w) -> {
      if (i == at) {
        long[] q = w.get(r.q());
        long[] rem = w.get(r.r());
        long half = 1L << (r.k() - 1);
        for (int e = 0; e < q.length; e++) {
          if (rem[e] < half) { // (acc mod 2^k) >= 2^(k-1): floor differs from half up
            q[e] -= 1;
            rem[e] += 1L << r.k();
            return;
          }
        }
        throw new IllegalStateException("no element where rounding matters");
      }
    }, "Decomp");
  }

  /** The first function-table output is off by one: (idx, y) is not a table row. */
  public static Attack lookupOutputNotInTable(CompiledModel m) {
    int at = first(m.circuit(), g -> g instanceof Lookup);
    Lookup l = (Lookup) m.circuit().gadgets().get(at);
    return new Attack("lookupOutputNotInTable", (i, g, w) -> {
      if (i == at) {
        w.get(l.y())[0] += 1;
      }
    }, "Lookup");
  }

  /** The prover uses weights other than the committed ones (consistently everywhere). */
  public static Attack weightsDifferentFromCommitted(CompiledModel m) {
    int weight = -1;
    for (var t : m.circuit().tensors()) {
      if (t.kind() == TensorKind.CONSTANT && t.size() > 1) {
        weight = t.id();
        break;
      }
    }
    int id = weight;
    if (id < 0) {
      throw new IllegalArgumentException("the model has no weights");
    }
    return new Attack("weightsDifferentFromCommitted", (i, g, w) -> {
      if (i == -1) {
        w.get(id)[0] += 1;
      }
    }, "Constant");
  }

  /**
   * The first MaxSelect picks a second, positive tap in one row (finding 1 of issue 7): the row's
   * maximum becomes the sum of two taps, every later gadget is evaluated from it, and the gap
   * {@code m - u} stays non-negative, so only the selector's row-sum relation (6.12 (i)) catches it.
   */
  public static Attack maxSelectTwoTaps(CompiledModel m) {
    int at = first(m.circuit(), g -> g instanceof MaxSelect);
    MaxSelect ms = (MaxSelect) m.circuit().gadgets().get(at);
    int taps = m.circuit().tensor(ms.u()).dim(m.circuit().tensor(ms.u()).rank() - 1);
    return new Attack("maxSelectTwoTaps", (i, g, w) -> {
      if (i == at) {
        long[] u = w.get(ms.u());
        long[] sigma = w.get(ms.sigma());
        for (int row = 0; row < u.length / taps; row++) {
          for (int t = 0; t < taps; t++) {
            int e = row * taps + t;
            if (sigma[e] == 0 && u[e] > 0) {
              sigma[e] = 1;
              return;
            }
          }
        }
        throw new IllegalStateException("no row with a second positive tap");
      }
    }, "MaxSelect");
  }

  static boolean isRelu(Circuit c, Poly p) {
    return c.tensor(p.y()).name().endsWith("/relu");
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static int negativeIndex(long[] x) {
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        return i;
      }
    }
    throw new IllegalStateException("no negative entry to let through");
  }
}
