package org.besuzkml.proof.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.witness.CorpusModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
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

  /** Every stated leaf value (X~, M~, F_out~), plus one. */
  @ParameterizedTest
  @ValueSource(strings = {"1l_mlp", "1l_max_pool", "1l_softmax"})
  void everyLeafValueLieRejected(String model) {
    int i = Lies.messages(model, m -> m.label().equals("lu/leaves")).get(0);
    int n = Lies.honest(model).messages.get(i).count();
    for (int e = 0; e < n; e++) {
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
}
