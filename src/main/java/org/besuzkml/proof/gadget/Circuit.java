package org.besuzkml.proof.gadget;

import java.util.List;

/**
 * The gadget list of a model (what the vk describes, section 7.3): tensors, gadgets in topological
 * order, function tables, limb width {@code w} (7.4), public inputs and outputs (tensor ids).
 */
public record Circuit(List<TensorInfo> tensors, List<Gadget> gadgets, List<TableInfo> tables,
    int limbWidth, int[] inputs, int[] outputs) {
  public Circuit {
    tensors = List.copyOf(tensors);
    gadgets = List.copyOf(gadgets);
    tables = List.copyOf(tables);
  }

  public TensorInfo tensor(int id) {
    return tensors.get(id);
  }
}
