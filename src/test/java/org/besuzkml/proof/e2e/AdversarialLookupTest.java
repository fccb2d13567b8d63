package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.lookup.LeafLayout;
import org.besuzkml.lookup.LookupInstance;
import org.besuzkml.proof.Adversary;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.verify.LookupSetup;
import org.besuzkml.proof.verify.VerifyResult;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cheating prover lies in the logUp-GKR messages (issue 7): the root, each layer's children
 * (p0, p1, q0, q1), and the leaf values (instance columns, multiplicities, function outputs). The
 * smart lies keep every check but one: a root whose numerator is still zero, children that still
 * satisfy their layer's final check (so only the next layer or the leaf check can notice).
 */
class AdversarialLookupTest {
  static final int L = Fr.LIMBS;

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(Files.isDirectory(CorpusModels.CORPUS));
  }

  /** Every element of the root and of every layer's children, plus one. */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_max_pool"})
  void everyTreeValueLieRejected(String model) {
    List<Integer> tree = Lies.messages(model, m -> m.label().equals("lu/top")
        || m.label().equals("lu/children"));
    assertTrue(tree.size() > 3);
    for (int i : tree) {
      for (int e = 0; e < 4; e++) {
        Lies.assertRejected(model, "tree message " + i + " element " + e, Lies.plusOne(i, e));
      }
    }
  }

  /**
   * Every stated leaf value (X~, M~, F_out~), plus one; on 1l_softmax, whose 27 values cost 0.7 s
   * a proof each, every fourth (a stride coprime to 3, so X~, M~ and F_out~ positions all occur).
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_max_pool", "1l_tanh", "1l_softmax"})
  void everyLeafValueLieRejected(String model) {
    int i = Lies.messages(model, m -> m.label().equals("lu/leaves")).get(0);
    int n = Lies.honest(model).messages.get(i).count();
    for (int e : Lies.positions(n, model.equals("1l_softmax") ? 4 : 1)) {
      Lies.assertRejected(model, "leaf value " + e, Lies.plusOne(i, e));
    }
  }

  /**
   * Numerators shifted so that p0 q1 + p1 q0 is unchanged: the root still sums to zero and the
   * layer's final check still holds; the interpolated numerator claim moves, which only the next
   * layer or, at the last layer, the leaf numerator check sees.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_softmax"})
  void numeratorLieKeepingTheLayerCheckRejected(String model) {
    List<Integer> tree = Lies.messages(model, m -> m.label().equals("lu/top")
        || m.label().equals("lu/children"));
    for (int i : new int[] {tree.get(0), tree.get(1), tree.get(tree.size() - 1)}) {
      Lies.assertRejected(model, "numerators of tree message " + i, Lies.at(i, (v, r) -> {
        long[] d = Lies.fr(5);
        long[] t = new long[L];
        Fr.add(v, 0, v, 0, d, 0); // p0 + d
        Fr.inv(t, 0, v, 2 * L); // p1 - d q1 / q0
        Fr.mul(t, 0, t, 0, v, 3 * L);
        Fr.mul(t, 0, t, 0, d, 0);
        Fr.sub(v, L, v, L, t, 0);
        return v;
      }));
    }
  }

  /**
   * The last layer's children rescaled (p0, q0 doubled; p1, q1 halved): p0 q1, p1 q0 and q0 q1 are
   * unchanged, so the whole layer final check holds; both interpolated claims move and only the
   * leaf checks can notice.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp"})
  void childrenRescaledKeepingTheLayerCheckRejected(String model) {
    List<Integer> tree = Lies.messages(model, m -> m.label().equals("lu/children"));
    int i = tree.get(tree.size() - 1);
    Lies.assertRejected(model, "denominators of the last layer", Lies.at(i, (v, r) -> {
      long[] two = Lies.fr(2);
      long[] half = new long[L];
      Fr.inv(half, 0, two, 0);
      Fr.mul(v, 0, v, 0, two, 0);
      Fr.mul(v, L, v, L, half, 0);
      Fr.mul(v, 2 * L, v, 2 * L, two, 0);
      Fr.mul(v, 3 * L, v, 3 * L, half, 0);
      return v;
    }));
  }

  /**
   * Two tables' stated multiplicities moved so that the leaf numerator sum is unchanged: M_a + d
   * pre_b and M_b - d pre_a, where pre_s is segment s's selector weight eq(rho_hi, offset_s), so
   * sum_s pre_s (-M_s) stays the same and the whole logUp argument passes. The chunk values are
   * honest, so each chunk's opening holds: the walk's chunk sum (the chunked column's stated chunks
   * must add up to the claimed M) is the first check to see the lie, and the reason names it (with
   * that check disabled, the plain column's opening rejects later). 1l_tanh: its 2^13-row function
   * table is split over 4 bins of 2^11; the 2^8 range table is not.
   */
  @Test
  void chunkedMultiplicityLieKeepingTheLeafCheckRejectedByTheChunkSum() {
    String model = "1l_tanh";
    var vk = Fixtures.get(model).pk().vk();
    LeafLayout layout = LookupSetup.layout(vk, null).value();
    int chunked = -1;
    int plain = -1;
    for (ColumnLayout.Column col : vk.layout().witness()) {
      if (col.tensor() < 0) {
        if (col.chunks() > 1 && chunked < 0) {
          chunked = col.table();
        } else if (col.chunks() == 1 && plain < 0) {
          plain = col.table();
        }
      }
    }
    assertTrue(chunked >= 0 && plain >= 0, "1l_tanh has a chunked and a plain multiplicity column");
    int a = chunked;
    int b = plain;
    int leaves = Lies.messages(model, m -> m.label().equals("lu/leaves")).get(0);
    VerifyResult v = Lies.assertRejected(model, "multiplicities moved together", Lies.at(leaves,
        (val, run) -> {
          long[] rho = leafPoint(run, layout.leafVars());
          long[] preA = segmentWeight(layout, rho, LeafLayout.Kind.TABLE, a);
          long[] preB = segmentWeight(layout, rho, LeafLayout.Kind.TABLE, b);
          long[] d = Lies.fr(7);
          long[] t = new long[L];
          int posA = multiplicityPosition(layout, a);
          int posB = multiplicityPosition(layout, b);
          Fr.mul(t, 0, d, 0, preB, 0);
          Fr.add(val, posA * L, val, posA * L, t, 0);
          Fr.mul(t, 0, d, 0, preA, 0);
          Fr.sub(val, posB * L, val, posB * L, t, 0);
          return val;
        }));
    assertTrue(v.reason().contains("multiplicity: chunks of column do not add up"), v.reason());
  }

  /** rho: the last logUp layer's sumcheck point followed by the last mu (the root's mu if lv = 1). */
  private static long[] leafPoint(Adversary.Run run, int lv) {
    List<long[]> rounds = new java.util.ArrayList<>();
    for (Adversary.Challenge ch : run.challenges) {
      if (ch.label().equals("sc/r")) {
        rounds.add(ch.values());
      }
    }
    long[] rho = new long[lv * L];
    for (int k = 0; k < lv - 1; k++) {
      System.arraycopy(rounds.get(rounds.size() - (lv - 1) + k), 0, rho, k * L, L);
    }
    System.arraycopy(run.lastChallenge("lu/mu"), 0, rho, (lv - 1) * L, L);
    return rho;
  }

  /** pre_s = eq(rho's first lv - m_s coordinates, bits of offset_s >> m_s), MSB first. */
  private static long[] segmentWeight(LeafLayout layout, long[] rho, LeafLayout.Kind kind, int index) {
    for (LeafLayout.Segment s : layout.segments()) {
      if (s.kind() == kind && s.index() == index) {
        int n = layout.leafVars() - s.numVars();
        long at = s.offset() >>> s.numVars();
        long[] acc = Lies.one();
        long[] f = new long[L];
        for (int k = 0; k < n; k++) {
          if (((at >>> (n - 1 - k)) & 1) != 0) {
            Fr.copy(f, 0, rho, k * L);
          } else {
            Fr.sub(f, 0, Lies.one(), 0, rho, k * L);
          }
          Fr.mul(acc, 0, acc, 0, f, 0);
        }
        return acc;
      }
    }
    throw new IllegalArgumentException("no segment " + kind + " " + index);
  }

  /** Position of table j's M~ in the leaves message (segments in layout order). */
  private static int multiplicityPosition(LeafLayout layout, int table) {
    int pos = 0;
    for (LeafLayout.Segment s : layout.segments()) {
      switch (s.kind()) {
        case INSTANCE -> {
          LookupInstance lk = layout.instances().get(s.index());
          for (int c = 0; c < lk.columns(); c++) {
            pos += lk.encoding(c).statedCount();
          }
        }
        case TABLE -> {
          if (s.index() == table) {
            return pos;
          }
          pos += layout.tables().get(s.index()).hasCommittedOutput() ? 2 : 1;
        }
        default -> { }
      }
    }
    throw new IllegalArgumentException("no table " + table);
  }
}
