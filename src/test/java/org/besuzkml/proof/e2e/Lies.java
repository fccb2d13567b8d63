package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.besuzkml.codec.Container;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.Adversary;
import org.besuzkml.proof.Adversary.Message;
import org.besuzkml.proof.Adversary.Run;
import org.besuzkml.proof.verify.Verifier;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.Witness;

/**
 * Shared helpers of the Adversarial*Test classes (issue 7): the cheating prover's honest run per
 * model, which messages each gadget sent, lies that replace one message (the prover then continues
 * from it), and the verdicts. Every lie must be rejected; the same adversary telling no lie must
 * be accepted (so each test can fail).
 */
final class Lies {
  static final int L = Fr.LIMBS;
  private static final Map<String, Run> HONEST = new ConcurrentHashMap<>();
  private static final Map<String, Map<Integer, List<Integer>>> BY_GADGET = new ConcurrentHashMap<>();

  private Lies() {}

  static VerifyResult verify(Fixtures.Keyed k, long[][] in, long[][] out, byte[] proof) {
    return Verifier.verify(k.pk().vk(), in, out, proof, Verifier.SrsPolicy.ALLOW_DEV);
  }

  static VerifyResult verify(Fixtures.Keyed k, Run r) {
    return verify(k, r.inputs, r.outputs, r.bytes);
  }

  /** The adversary's untampered run (accepted, and equal to the honest prover's bytes: checked). */
  static Run honest(String model) {
    return HONEST.computeIfAbsent(model, m -> {
      Fixtures.Keyed k = Fixtures.get(m);
      Run r = Adversary.prove(k.pk(), k.model().honest(), Adversary.HONEST);
      assertTrue(java.util.Arrays.equals(r.bytes, k.proof().bytes()),
          m + ": the untampered adversary sends the honest prover's proof");
      VerifyResult v = verify(k, r);
      assertTrue(v.valid(), m + ": untampered adversary rejected: " + v);
      return r;
    });
  }

  /** Runs the adversary with a lie on the honest witness and asserts the verifier rejects. */
  static VerifyResult assertRejected(String model, String what, Adversary.Lie lie) {
    Fixtures.Keyed k = Fixtures.get(model);
    honest(model);
    return assertRejected(k, model + ": " + what, Adversary.prove(k.pk(), k.model().honest(), lie));
  }

  static VerifyResult assertRejected(Fixtures.Keyed k, String what, Run r) {
    VerifyResult v = verify(k, r);
    assertFalse(v.valid(), what + " was accepted");
    return v;
  }

  /**
   * The element positions a sweep over a message of n elements lies at: every step-th one, or under
   * mutation testing (Fixtures.MUTATION_RUN) the first two, the middle and the last two of those,
   * which are where an off-by-one or a wrong stride in a check would show.
   */
  static int[] positions(int n, int step) {
    int[] all = java.util.stream.IntStream.iterate(0, e -> e < n, e -> e + step).toArray();
    if (!Fixtures.MUTATION_RUN || all.length <= 5) {
      return all;
    }
    int k = all.length;
    return new int[] {all[0], all[1], all[k / 2], all[k - 2], all[k - 1]};
  }

  /** Indices of the honest run's messages matching p. */
  static List<Integer> messages(String model, Predicate<Message> p) {
    List<Integer> out = new ArrayList<>();
    for (Message m : honest(model).messages) {
      if (p.test(m)) {
        out.add(m.index());
      }
    }
    return out;
  }

  /** Per gadget index (walk order), the indices of the WALK messages its verifier read. */
  static Map<Integer, List<Integer>> byGadget(String model) {
    return BY_GADGET.computeIfAbsent(model, m -> {
      Fixtures.Keyed k = Fixtures.get(m);
      Run r = honest(m);
      int at = Container.decode(r.bytes, Container.PROOF, 6).value()[6];
      List<int[]> spans = new ArrayList<>();
      Verifier.verify(k.pk().vk(), r.inputs, r.outputs, r.bytes, Verifier.SrsPolicy.ALLOW_DEV,
          (g, from, to) -> spans.add(new int[] {g, from, to}));
      Map<Integer, List<Integer>> out = new TreeMap<>();
      for (Message msg : r.messages) {
        if (msg.section() != 4) {
          continue;
        }
        int from = at;
        at += msg.count() * Fr.BYTES;
        for (int[] s : spans) {
          if (from >= s[1] && from < s[2]) {
            out.computeIfAbsent(s[0], x -> new ArrayList<>()).add(msg.index());
          }
        }
      }
      return out;
    });
  }

  /** The gadget indices of a kind, in vk order. */
  static List<Integer> gadgets(String model, String kind) {
    var gs = Fixtures.get(model).pk().vk().circuit().gadgets();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < gs.size(); i++) {
      if (gs.get(i).kind().equals(kind)) {
        out.add(i);
      }
    }
    return out;
  }

  /** Replaces message i by f(honest elements, run so far). */
  static Adversary.Lie at(int i, BiFunction<long[], Run, long[]> f) {
    return new Adversary.Lie() {
      @Override
      public long[] frs(Message honest, Run sofar) {
        return honest.index() == i ? f.apply(honest.frs().clone(), sofar) : null;
      }
    };
  }

  /** Message i with element e increased by one. */
  static Adversary.Lie plusOne(int i, int e) {
    return at(i, (v, r) -> {
      Fr.add(v, e * L, v, e * L, one(), 0);
      return v;
    });
  }

  /** Message i with one element appended (a sumcheck polynomial of one degree too many). */
  static Adversary.Lie longer(int i) {
    return at(i, (v, r) -> java.util.Arrays.copyOf(v, v.length + L));
  }

  /** Message i with its last element dropped. */
  static Adversary.Lie shorter(int i) {
    return at(i, (v, r) -> java.util.Arrays.copyOf(v, v.length - L));
  }

  static long[] one() {
    long[] o = new long[L];
    Fr.setOne(o, 0);
    return o;
  }

  static long[] fr(long v) {
    long[] o = new long[L];
    Fr.fromLong(o, 0, v);
    return o;
  }

  /** A copy of the honest witness. */
  static Witness witness(String model) {
    return Fixtures.get(model).model().honest().copy();
  }
}
