package org.besuzkml.model.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every integer tensor of one evaluation, in evaluation order: graph inputs, each node's outputs
 * and the internal steps of composite ops (named {@code node/step}, e.g. the accumulator before a
 * rescale, or a lookup's input). This is the witness the prover will commit to.
 */
public final class Trace {
  private final Map<String, QTensor> tensors = new LinkedHashMap<>();
  private final Map<String, Long> clamped = new LinkedHashMap<>();

  public void put(String name, QTensor t) {
    tensors.put(name, t);
  }

  public QTensor get(String name) {
    return tensors.get(name);
  }

  public Map<String, QTensor> tensors() {
    return Collections.unmodifiableMap(tensors);
  }

  /** Records a lookup of {@code t} by step {@code step}; returns the table outputs. */
  public long[] lookup(String step, LookupTable t, long[] in) {
    long[] out = new long[in.length];
    long c = 0;
    for (int i = 0; i < in.length; i++) {
      if (!t.saturating() && !t.inDomain(in[i])) {
        c++;
      }
      out[i] = t.apply(in[i]);
    }
    if (c > 0) {
      clamped.merge(step, c, Long::sum);
    }
    return out;
  }

  /**
   * Lookup steps whose input left the domain of a non-saturating table (where clamping changes the
   * result), with how many elements were clamped.
   */
  public Map<String, Long> clamped() {
    return Collections.unmodifiableMap(clamped);
  }
}
