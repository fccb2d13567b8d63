package org.besuzkml.proof.witness;

import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.TensorInfo;

/** Integer values of every tensor of a circuit (logical row-major order). */
public final class Witness {
  private final Circuit circuit;
  private final long[][] values;

  public Witness(Circuit circuit) {
    this.circuit = circuit;
    this.values = new long[circuit.tensors().size()][];
  }

  public Circuit circuit() {
    return circuit;
  }

  /** The values of tensor id (the live array: tamper hooks may edit it). */
  public long[] get(int id) {
    long[] v = values[id];
    if (v == null) {
      throw new IllegalStateException("tensor " + circuit.tensor(id).name() + " has no value yet");
    }
    return v;
  }

  public boolean has(int id) {
    return values[id] != null;
  }

  public void set(int id, long[] v) {
    if (v.length != circuit.tensor(id).size()) {
      throw new IllegalArgumentException("tensor " + circuit.tensor(id).name() + " has "
          + circuit.tensor(id).size() + " entries, got " + v.length);
    }
    values[id] = v;
  }

  /** The tensor in its padded layout (section 1.3): 2^vars entries, zero padding. */
  public long[] padded(int id) {
    TensorInfo t = circuit.tensor(id);
    long[] v = get(id);
    long[] p = new long[1 << t.vars()];
    for (int i = 0; i < v.length; i++) {
      p[t.paddedIndex(i)] = v[i];
    }
    return p;
  }

  public Witness copy() {
    Witness w = new Witness(circuit);
    for (int i = 0; i < values.length; i++) {
      w.values[i] = values[i] == null ? null : values[i].clone();
    }
    return w;
  }
}
