package org.besuzkml.proof.gadget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;

/**
 * The mask side of one zero-knowledge walk (zk-design 3.5, 4.1-4.5), one per prover or verifier
 * run: the cursor over the mask column, the column itself on the prover side, the Lambda-claims the
 * arguments defer (in creation order, the order the opening reduction takes them), and what the
 * rule of 4.1 needs to know about tensors: which are public (their stated values are not masked)
 * and which are limb-backed (their values are never stated, 4.2). Both sides take slots in the
 * order the values are stated, so an index is a function of the vk alone.
 */
public final class ZkMasks {
  private static final int L = Fr.LIMBS;

  private final MaskCursor cursor;
  private final long[] lambda;
  private final boolean[] publicTensor;
  private final Map<Integer, Decomp> limbBacked = new TreeMap<>();
  private final List<LambdaClaim> deferred = new ArrayList<>();

  private ZkMasks(Circuit c, int[] publicOutputs, MaskCursor cursor, long[] lambda) {
    this.cursor = cursor;
    this.lambda = lambda;
    this.publicTensor = new boolean[c.tensors().size()];
    for (int i = 0; i < publicTensor.length; i++) {
      publicTensor[i] = c.tensor(i).kind() == TensorKind.PUBLIC_INPUT;
    }
    for (int o : publicOutputs == null ? new int[0] : publicOutputs) {
      if (o >= 0 && o < publicTensor.length) {
        publicTensor[o] = true;
      }
    }
    for (Gadget g : c.gadgets()) {
      if (g instanceof Decomp d && d.define()) {
        limbBacked.put(d.x(), d);
      }
    }
  }

  /**
   * The prover's side: {@code lambda} is the whole mask column (flat Montgomery), {@code cursor} its
   * allocation, positioned where the walk starts. Public tensors: the public inputs and
   * {@code publicOutputs} (the circuit's outputs in version 1's statement; committed outputs of
   * step 8 are not in the list).
   */
  public static ZkMasks prover(Circuit c, int[] publicOutputs, long[] lambda, MaskCursor cursor) {
    if (lambda == null || lambda.length != cursor.size() * L) {
      throw new IllegalArgumentException("the mask column must have the cursor's size");
    }
    return new ZkMasks(c, publicOutputs, cursor, lambda);
  }

  /** The verifier's side: the same allocation, no column. */
  public static ZkMasks verifier(Circuit c, int[] publicOutputs, MaskCursor cursor) {
    return new ZkMasks(c, publicOutputs, cursor, null);
  }

  public MaskCursor cursor() {
    return cursor;
  }

  /** Whether a stated value of this tensor is masked (4.1): every tensor that is not public. */
  public boolean masked(int tensor) {
    return !publicTensor[tensor];
  }

  /** The Decomp define whose limbs back this tensor, or null. */
  public Decomp limbBacked(int tensor) {
    return limbBacked.get(tensor);
  }

  /** Takes the next slot: its index, or -1 when the column is used up (nothing taken). */
  int slot() {
    return cursor.take(1);
  }

  /** Prover: adds {@code Lambda[slot]} to the value at {@code v[off]}. */
  void addMask(long[] v, int off, int slot) {
    if (lambda == null) {
      throw new IllegalStateException("the verifier has no mask column");
    }
    Fr.add(v, off, v, off, lambda, slot * L);
  }

  /** Prover: the whole mask column (flat), for the masked sumcheck's coefficients. */
  long[] column() {
    if (lambda == null) {
      throw new IllegalStateException("the verifier has no mask column");
    }
    return lambda;
  }

  /** Prover: {@code Lambda[i]}. */
  long[] entry(int i) {
    return WalkMath.at(column(), i);
  }

  /** Prover: {@code <omega, Lambda>}, the hidden offset of a claim. */
  long[] evaluate(MaskForm omega) {
    return omega.evaluate(column());
  }

  /** Defers the check {@code <omega, Lambda> = value} to the opening reduction (4.5). */
  void defer(MaskForm omega, long[] value) {
    deferred.add(new LambdaClaim(omega, value));
  }

  /** The Lambda-claims deferred so far, in creation order. */
  public List<LambdaClaim> lambdaClaims() {
    return List.copyOf(deferred);
  }
}
