package org.besuzkml.proof.verify;

import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.proof.gadget.ColumnLayout;

/**
 * Where each tensor's column lives in the bins: per tensor id its model or witness column (null
 * if none), per lookup table its multiplicity column. The walk opens claims through it, and the
 * cost bound prices those openings through the same index, so the two cannot disagree.
 */
record ColumnIndex(ColumnLayout.Column[] model, ColumnLayout.Column[] witness,
    ColumnLayout.Column[] multiplicity) {

  static ColumnIndex of(VerifyingKey vk) {
    int n = vk.circuit().tensors().size();
    ColumnLayout.Column[] model = new ColumnLayout.Column[n];
    ColumnLayout.Column[] witness = new ColumnLayout.Column[n];
    ColumnLayout.Column[] multiplicity = new ColumnLayout.Column[vk.plan().tables().size()];
    for (ColumnLayout.Column col : vk.layout().model()) {
      model[col.tensor()] = col;
    }
    for (ColumnLayout.Column col : vk.layout().witness()) {
      if (col.tensor() >= 0) {
        witness[col.tensor()] = col;
      } else {
        multiplicity[col.table()] = col;
      }
    }
    return new ColumnIndex(model, witness, multiplicity);
  }
}
