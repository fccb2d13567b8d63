package org.besuzkml.proof.gadget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * Small circuits for the zero-knowledge walk arguments, built tensor by tensor with integer values
 * that satisfy their gadgets' relations, and the checks of a run: every Lambda-claim and every
 * returned masked claim against the tables and the column. Also the run/lie harness the zk gadget tests
 * share: prove an {@link Argument}, verify it from (possibly tampered) bytes, compare both sides, and
 * apply a lie at every element.
 */
final class ZkWalkFixture {
  static final int L = Fr.LIMBS;

  final List<TensorInfo> tensors = new ArrayList<>();
  final List<Gadget> gadgets = new ArrayList<>();
  final List<long[]> values = new ArrayList<>();
  final List<Integer> outputs = new ArrayList<>();
  private long[][] cached;

  int tensor(String name, TensorKind kind, long[] vals, int... shape) {
    int id = tensors.size();
    TensorInfo t = new TensorInfo(id, name, kind, shape);
    if (t.size() != vals.length) {
      throw new IllegalArgumentException(name + ": " + vals.length + " values for " + t.size());
    }
    tensors.add(t);
    values.add(vals.clone());
    return id;
  }

  /** A limb-backed tensor (Decomp define) with value x: limbs of x - offset + off, w bits each. */
  int limbBacked(String name, long[] x, long offset, int bits, boolean signed, int w, int... shape) {
    return decomposed(name, TensorKind.COMMITTED, x, offset, bits, signed, true, w, shape);
  }

  /** A tensor with its Decomp (define or check) and limb tensors; x must be in range. */
  int decomposed(String name, TensorKind kind, long[] x, long offset, int bits, boolean signed,
      boolean define, int w, int... shape) {
    int id = tensor(name, kind, x, shape);
    int n = Decomp.limbCount(bits, w);
    long off = signed ? 1L << (bits - 1) : 0;
    int[] limbs = new int[n];
    for (int j = 0; j < n; j++) {
      long[] l = new long[x.length];
      for (int i = 0; i < x.length; i++) {
        l[i] = ((x[i] - offset + off) >>> (w * j)) & ((1L << w) - 1);
      }
      limbs[j] = tensor(name + "/limb" + j, TensorKind.COMMITTED, l, shape);
    }
    gadgets.add(new Decomp(id, offset, bits, signed, define, w, limbs, -1));
    return id;
  }

  /**
   * A one-group Conv (6.6) of x {@code (1, C, H, W)} (or {@code (1, C, W)}: 1-D, height 1) with weights
   * w {@code (O, C, KH, KW)} (or {@code (O, C, K)}); strides, pads (on both sides) and dilations per axis
   * {height, width}. Its output {@code (1, O, OH, OW)} (or {@code (1, O, OW)}) is a virtual tensor holding
   * the engine's values: out-of-bounds reads are zero.
   */
  Conv conv(String name, int x, int w, int[] strides, int[] pads, int[] dilations) {
    int[] xs = tensors.get(x).shape();
    int[] ws = tensors.get(w).shape();
    boolean oneD = xs.length == 3;
    int ch = xs[1];
    int oc = ws[0];
    int[] in = oneD ? new int[] {1, xs[2]} : new int[] {xs[2], xs[3]};
    int[] k = oneD ? new int[] {1, ws[2]} : new int[] {ws[2], ws[3]};
    int[] out = new int[2];
    for (int a = 0; a < 2; a++) {
      out[a] = (in[a] + 2 * pads[a] - dilations[a] * (k[a] - 1) - 1) / strides[a] + 1;
    }
    long[] xv = values.get(x);
    long[] wv = values.get(w);
    long[] y = new long[oc * out[0] * out[1]];
    for (int o = 0; o < oc; o++) {
      for (int oy = 0; oy < out[0]; oy++) {
        for (int ox = 0; ox < out[1]; ox++) {
          for (int c = 0; c < ch; c++) {
            for (int i = 0; i < k[0]; i++) {
              for (int j = 0; j < k[1]; j++) {
                int h = oy * strides[0] + i * dilations[0] - pads[0];
                int ww = ox * strides[1] + j * dilations[1] - pads[1];
                if (h >= 0 && h < in[0] && ww >= 0 && ww < in[1]) {
                  y[(o * out[0] + oy) * out[1] + ox] += wv[((o * ch + c) * k[0] + i) * k[1] + j]
                      * xv[(c * in[0] + h) * in[1] + ww];
                }
              }
            }
          }
        }
      }
    }
    int yi = tensor(name, TensorKind.VIRTUAL, y, oneD ? new int[] {1, oc, out[1]} : new int[] {1, oc, out[0], out[1]});
    Conv g = new Conv(yi, x, w, 1, in, k, out, strides.clone(), pads.clone(), dilations.clone());
    gadgets.add(g);
    return g;
  }

  Circuit circuit() {
    int[] outs = outputs.stream().mapToInt(Integer::intValue).toArray();
    return new Circuit(tensors, gadgets, List.of(), 8, new int[0], outs);
  }

  /** Padded MLE tables (1.3) of the logical values. */
  ProverTables tables() {
    if (cached != null && cached.length == tensors.size()) {
      long[][] t = cached;
      return id -> t[id];
    }
    long[][] t = new long[tensors.size()][];
    for (int id = 0; id < t.length; id++) {
      TensorInfo info = tensors.get(id);
      t[id] = new long[(1 << info.vars()) * L];
      long[] v = values.get(id);
      for (int i = 0; i < v.length; i++) {
        Fr.fromLong(t[id], info.paddedIndex(i) * L, v[i]);
      }
    }
    cached = t;
    return id -> t[id];
  }

  long[] mle(int tensor, long[] point) {
    return WalkMath.evaluate(tables().mle(tensor), tensors.get(tensor).vars(), point);
  }

  static long[] random(SplittableRandom rnd, int n, long lo, long hi) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextLong(lo, hi);
    }
    return v;
  }

  static long[] randomPoint(SplittableRandom rnd, int vars) {
    long[] p = new long[vars * L];
    for (int i = 0; i < vars; i++) {
      Fr.random(p, i * L, rnd);
    }
    return p;
  }

  static long[] column(SplittableRandom rnd, int size) {
    long[] lambda = new long[size * L];
    for (int i = 0; i < size; i++) {
      Fr.random(lambda, i * L, rnd);
    }
    return lambda;
  }

  static Transcript transcript() {
    Transcript t = Transcript.v1();
    t.absorbBytes("test", new byte[] {7});
    return t;
  }

  /**
   * An honest masked claim on a tensor at a random point, whose offset is a random combination of
   * the entries {@code [0, upstream)} (as a claim made upstream in the walk would have).
   */
  ZkClaim honest(int tensor, SplittableRandom rnd, long[] lambda, int upstream) {
    long[] z = randomPoint(rnd, tensors.get(tensor).vars());
    MaskForm omega = new MaskForm();
    long[] c = new long[L];
    for (int i = 0; i < upstream; i++) {
      Fr.random(c, 0, rnd);
      omega.add(i, c, 0);
    }
    long[] v = mle(tensor, z);
    Fr.add(v, 0, v, 0, omega.evaluate(lambda), 0);
    return new ZkClaim(tensor, z, v, omega);
  }

  /** Null when every Lambda-claim and every returned claim is true; else the first false one. */
  String falseClaim(long[] lambda, List<LambdaClaim> deferred, List<ZkClaim> claims) {
    return falseClaim(circuit(), tables(), lambda, deferred, claims);
  }

  /** The same for any circuit and tables. */
  static String falseClaim(Circuit c, ProverTables tables, long[] lambda, List<LambdaClaim> deferred,
      List<ZkClaim> claims) {
    for (int i = 0; i < deferred.size(); i++) {
      LambdaClaim lc = deferred.get(i);
      if (!Fr.equal(lc.omega().evaluate(lambda), 0, lc.value(), 0)) {
        return "Lambda-claim " + i;
      }
    }
    for (ZkClaim cl : claims) {
      long[] truth = WalkMath.evaluate(tables.mle(cl.tensor()), c.tensor(cl.tensor()).vars(), cl.point());
      Fr.add(truth, 0, truth, 0, cl.omega().evaluate(lambda), 0);
      if (!Fr.equal(truth, 0, cl.value(), 0)) {
        return "claim on " + c.tensor(cl.tensor()).name();
      }
    }
    return null;
  }

  /** One zero-knowledge argument as the walk runs it, on both sides. */
  interface Argument {
    List<ZkClaim> prove(Circuit c, ProverTables t, List<ZkClaim> claims, ZkMasks pm, ProofSink sink, Transcript pt);

    Checked<List<ZkClaim>> verify(Circuit c, List<ZkClaim> claims, ZkMasks vm, FieldReader in, Transcript vt);
  }

  /** The registered argument of one gadget ({@link ZkGadgetArguments}). */
  static Argument gadget(Gadget g) {
    return new Argument() {
      @Override
      public List<ZkClaim> prove(Circuit c, ProverTables t, List<ZkClaim> claims, ZkMasks pm, ProofSink sink,
          Transcript pt) {
        return ZkGadgetArguments.prove(g, c, t, claims, sink, pt, pm);
      }

      @Override
      public Checked<List<ZkClaim>> verify(Circuit c, List<ZkClaim> claims, ZkMasks vm, FieldReader in,
          Transcript vt) {
        return ZkGadgetArguments.verify(g, c, claims, in, vt, vm);
      }
    };
  }

  /** The merge of the claims on one tensor ({@link ZkClaimMerge}). */
  static Argument merge(int tensor) {
    return new Argument() {
      @Override
      public List<ZkClaim> prove(Circuit c, ProverTables t, List<ZkClaim> claims, ZkMasks pm, ProofSink sink,
          Transcript pt) {
        return ZkClaimMerge.prove(tensor, claims, c, t, pm, sink, pt);
      }

      @Override
      public Checked<List<ZkClaim>> verify(Circuit c, List<ZkClaim> claims, ZkMasks vm, FieldReader in,
          Transcript vt) {
        return ZkClaimMerge.verify(tensor, claims, c, vm, in, vt);
      }
    };
  }

  /**
   * Gadgets run in walk order: each takes the pending claims on its output and adds what it returns;
   * the result is what is left pending. The verifier stops at the first refusal.
   */
  static Argument chain(List<Gadget> chain) {
    return new Argument() {
      @Override
      public List<ZkClaim> prove(Circuit c, ProverTables t, List<ZkClaim> claims, ZkMasks pm, ProofSink sink,
          Transcript pt) {
        List<ZkClaim> pending = new ArrayList<>(claims);
        for (Gadget g : chain) {
          pending.addAll(ZkGadgetArguments.prove(g, c, t, take(pending, g.outputs()[0]), sink, pt, pm));
        }
        return pending;
      }

      @Override
      public Checked<List<ZkClaim>> verify(Circuit c, List<ZkClaim> claims, ZkMasks vm, FieldReader in,
          Transcript vt) {
        List<ZkClaim> pending = new ArrayList<>(claims);
        for (Gadget g : chain) {
          Checked<List<ZkClaim>> one = ZkGadgetArguments.verify(g, c, take(pending, g.outputs()[0]), in, vt, vm);
          if (!one.isOk()) {
            return one;
          }
          pending.addAll(one.value());
        }
        return Checked.ok(pending);
      }
    };
  }

  /** Removes and returns the pending claims on {@code tensor}. */
  private static List<ZkClaim> take(List<ZkClaim> pending, int tensor) {
    List<ZkClaim> mine = new ArrayList<>();
    pending.removeIf(cl -> cl.tensor() == tensor && mine.add(cl));
    return mine;
  }

  /** Both sides of one run: the (tampered) bytes, the prover's claims and masks, the verifier's verdict. */
  record Run(byte[] bytes, List<ZkClaim> proverClaims, ZkMasks proverMasks, Transcript pt,
      Checked<List<ZkClaim>> verified, ZkMasks verifierMasks, Transcript vt, boolean atEnd) {}

  /**
   * Proves {@code a} on the claims {@code proverClaims} with the column {@code lambda} (its first {@code up}
   * entries taken upstream), tampers the bytes, and verifies them on {@code verifierClaims} with a column of
   * {@code verifierSize} entries (the first {@code up} taken).
   */
  Run run(Argument a, long[] lambda, int up, List<ZkClaim> proverClaims, List<ZkClaim> verifierClaims,
      int verifierSize, UnaryOperator<byte[]> tamper) {
    Circuit c = circuit();
    MaskCursor pc = MaskCursor.of(lambda.length / L);
    pc.take(up);
    ZkMasks pm = ZkMasks.prover(c, c.outputs(), lambda, pc);
    Transcript pt = transcript();
    ProofSink sink = new ProofSink();
    List<ZkClaim> pcl = a.prove(c, tables(), proverClaims, pm, sink, pt);
    byte[] bytes = tamper.apply(sink.toBytes());
    MaskCursor vc = MaskCursor.of(verifierSize);
    vc.take(up);
    ZkMasks vm = ZkMasks.verifier(c, c.outputs(), vc);
    Transcript vt = transcript();
    FieldReader in = new FieldReader(bytes, 0, bytes.length);
    Checked<List<ZkClaim>> v = a.verify(c, verifierClaims, vm, in, vt);
    return new Run(bytes, pcl, pm, pt, v, vm, vt, in.atEnd());
  }

  /** Null when the verifier rejected or left a false claim (the lie is caught), else why not. */
  String passed(Run r, long[] lambda) {
    if (!r.verified().isOk()) {
      return null;
    }
    return falseClaim(lambda, r.verifierMasks().lambdaClaims(), r.verified().value()) == null
        ? "passed every check" : null;
  }

  /**
   * The checks every honest run passes: verified from bytes read to the end, transcripts in step, both
   * sides taking the same slots, every Lambda-claim and returned claim true, and the prover's claims and
   * Lambda-claims the verifier's (tensor, point, value, offset).
   */
  void assertHonest(Run r, long[] lambda, String what) {
    assertTrue(r.verified().isOk(), what + ": " + r.verified().reason());
    assertTrue(r.atEnd(), what + ": the verifier read every element");
    assertArrayEquals(r.pt().challengeFr("next"), r.vt().challengeFr("next"), what + ": transcripts in step");
    assertEquals(r.proverMasks().cursor().used(), r.verifierMasks().cursor().used(), what + ": same slots");
    List<ZkClaim> vc = r.verified().value();
    assertNull(falseClaim(lambda, r.verifierMasks().lambdaClaims(), vc), what);
    assertEquals(r.proverClaims().size(), vc.size(), what);
    for (int i = 0; i < vc.size(); i++) {
      ZkClaim a = r.proverClaims().get(i);
      ZkClaim b = vc.get(i);
      assertEquals(a.tensor(), b.tensor(), what);
      assertArrayEquals(a.point(), b.point(), what);
      assertArrayEquals(a.value(), b.value(), what);
      assertTrue(sameForm(a.omega(), b.omega()), what + ": same offset");
    }
    List<LambdaClaim> pl = r.proverMasks().lambdaClaims();
    List<LambdaClaim> vl = r.verifierMasks().lambdaClaims();
    assertEquals(pl.size(), vl.size(), what);
    for (int i = 0; i < vl.size(); i++) {
      assertArrayEquals(pl.get(i).value(), vl.get(i).value(), what + ": the prover derives the verifier's claims");
      assertTrue(sameForm(pl.get(i).omega(), vl.get(i).omega()), what);
    }
  }

  /**
   * A +1 and a flipped bit at every element of the honest run's bytes ({@code run} applies a tamper),
   * each caught; returns the number of elements.
   */
  int assertEveryLieCaught(String name, long[] lambda, Function<UnaryOperator<byte[]>, Run> run) {
    int n = run.apply(b -> b).bytes().length / Fr.BYTES;
    for (int e = 0; e < n; e++) {
      final int at = e;
      assertNull(passed(run.apply(b -> plusOne(b, at)), lambda), name + ": +1 at element " + e + " of " + n);
      assertNull(passed(run.apply(b -> flipBit(b, at)), lambda), name + ": a flipped bit at element " + e);
    }
    return n;
  }

  /** The bytes with element {@code e} (an Fr) one higher. */
  static byte[] plusOne(byte[] bytes, int e) {
    long[] x = new long[L];
    assertTrue(Fr.fromBytes(x, 0, bytes, e * Fr.BYTES));
    Fr.add(x, 0, x, 0, WalkMath.one(), 0);
    byte[] out = bytes.clone();
    Fr.toBytes(out, e * Fr.BYTES, x, 0);
    return out;
  }

  /** The bytes with one bit of element {@code e} flipped. */
  static byte[] flipBit(byte[] bytes, int e) {
    byte[] c = bytes.clone();
    c[e * Fr.BYTES + 5] ^= 0x10;
    return c;
  }

  /** The claim with its value one higher (a false input claim). */
  static ZkClaim plusOne(ZkClaim h) {
    long[] v = h.value().clone();
    Fr.add(v, 0, v, 0, WalkMath.one(), 0);
    return new ZkClaim(h.tensor(), h.point(), v, h.omega());
  }

  /** The claim with its offset moved to the next of the {@code up} upstream entries (its value kept). */
  static ZkClaim movedOffset(ZkClaim h, int up) {
    MaskForm moved = new MaskForm();
    long[] c = new long[L];
    for (int j = 0; j < h.omega().terms(); j++) {
      h.omega().coefficient(j, c, 0);
      moved.add((h.omega().index(j) + 1) % up, c, 0);
    }
    return new ZkClaim(h.tensor(), h.point(), h.value(), moved);
  }

  /** Whether two forms have the same terms in the same order. */
  static boolean sameForm(MaskForm a, MaskForm b) {
    return org.besuzkml.mask.MaskForms.same(a, b);
  }
}
