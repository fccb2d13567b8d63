package org.besuzkml.sidecar.models;

import java.nio.file.Path;
import java.util.List;
import org.besuzkml.proof.ProvingKey;

/**
 * A model the sidecar serves: its proving key (vk, compiled model, SRS) loaded once, the public
 * tensors' names, shapes and scales, and what one proof cost when measured at load.
 *
 * @param name the directory name (requests may name a model by it or by its id)
 * @param id the model id, 0x-prefixed keccak256 of the vk
 * @param proofBytesAllocated bytes the warm-up proof allocated on its thread: an upper bound on
 *     the heap one concurrent proof needs (what is live at any moment is at most what was allocated)
 * @param warmProveMs wall time of the warm-up proof
 * @param timeoutMs the model's ceiling for a job's time from acceptance to proof
 */
public record LoadedModel(String name, String id, Path dir, ProvingKey pk, List<Tensor> inputs,
    List<Tensor> outputs, long proofBytesAllocated, double warmProveMs, long timeoutMs) {

  /** A public tensor: its graph name, shape and fixed-point scale (values are v / 2^scale). */
  public record Tensor(String name, int[] shape, int scale) {
    public int size() {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }
}
