package org.besuzkml.proof.gadget;

/**
 * 6.5: {@code Y[b.., i, j] = sum_k A[b.., i, k] B[b.., k, j]} (MatMul, Gemm, batched MatMul). The
 * three tensors have equal rank r >= 2; the leading r - 2 batch dimensions of A or B may be 1
 * (broadcast).
 */
public record Contract(int y, int a, int b) implements Gadget {
  @Override
  public String kind() {
    return "Contract";
  }

  @Override
  public int[] inputs() {
    return new int[] {a, b};
  }

  @Override
  public int[] outputs() {
    return new int[] {y};
  }
}
