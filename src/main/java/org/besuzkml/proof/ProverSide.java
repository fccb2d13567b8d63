package org.besuzkml.proof;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.besuzkml.codec.ByteWriter;
import org.besuzkml.field.Fr;
import org.besuzkml.proof.verify.Side;
import org.besuzkml.proof.verify.Walk;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.transcript.Transcript;

/** The prover's {@link Side}: computes each walk message from the witness and writes it. */
final class ProverSide implements Side {
  private final Witness w;
  private final long[][] multiplicities;
  private final Transcript t;
  final ByteWriter out = new ByteWriter();
  private final Map<Integer, long[]> tables = new HashMap<>();

  private final long[][] functionColumns;

  ProverSide(Witness w, long[][] multiplicities, Transcript t, long[][] functionColumns) {
    this.w = w;
    this.functionColumns = functionColumns;
    this.multiplicities = multiplicities;
    this.t = t;
  }

  @Override
  public boolean proving() {
    return true;
  }

  @Override
  public long[] state(int count, Supplier<long[]> values) {
    long[] v = values.get();
    out.frs(v, 0, count);
    t.absorbFrs("walk/vals", v, 0, count);
    return v;
  }

  @Override
  public long[] table(int tensor) {
    if (functionColumns[tensor] != null) {
      return tables.computeIfAbsent(tensor, id -> Prover.toFr(functionColumns[id]));
    }
    return tables.computeIfAbsent(tensor, id -> Walk.padded(w.circuit().tensor(id), w.get(id)));
  }

  @Override
  public long[] multiplicities(int table) {
    long[] m = multiplicities[table];
    long[] f = new long[m.length * Fr.LIMBS];
    for (int i = 0; i < m.length; i++) {
      Fr.fromLong(f, i * Fr.LIMBS, m[i]);
    }
    return f;
  }
}
