package org.besuzkml.proof.gadget;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which reshapes keep the padded layout (protocol.md 6.8): the vk decoder, the walk and the
 * compiler all decide Alias by this one predicate, so each way it can go wrong is pinned here.
 */
class AliasTest {
  @Test
  void sizeOneDimsAndMergedPowersOfTwoKeepTheLayout() {
    assertTrue(Alias.bitCompatible(new int[] {2, 2, 3}, new int[] {4, 3}));
    assertTrue(Alias.bitCompatible(new int[] {1, 4, 1, 3}, new int[] {4, 3}));
    assertTrue(Alias.bitCompatible(new int[] {8}, new int[] {2, 4}));
    assertTrue(Alias.bitCompatible(new int[] {3, 2, 2}, new int[] {3, 4, 1}));
    assertTrue(Alias.bitCompatible(new int[] {5}, new int[] {1, 5}));
  }

  @Test
  void otherReshapesDoNot() {
    assertFalse(Alias.bitCompatible(new int[] {4, 3}, new int[] {2, 3}), "different sizes");
    assertFalse(Alias.bitCompatible(new int[] {2, 3, 2}, new int[] {3, 4}), "a power of two moved across 3");
    assertFalse(Alias.bitCompatible(new int[] {3, 2}, new int[] {2, 3}), "transposed");
    assertFalse(Alias.bitCompatible(new int[] {6}, new int[] {2, 3}), "a non-power-of-two split pads differently");
    assertFalse(Alias.bitCompatible(new int[] {3, 3}, new int[] {9}), "merging padded dims");
  }
}
