package org.besuzkml.lookup;

/**
 * A claim the lookup argument hands to the caller's claim bookkeeping (5.5): the MLE of one column
 * at one point has the given value. The caller turns it into an opening claim (committed or
 * constant column), a pending claim (virtual column) or checks it at once (public column).
 * <ul>
 *   <li>{@code INSTANCE_COLUMN}: column {@code column} (0 = X_1, 1 = X_2) of instance {@code index},
 *       at {@code rho_lo} ({@code m_Lk} coordinates);
 *   <li>{@code MULTIPLICITY}: {@code M_T} of table {@code index} at {@code rho_lo} ({@code b_T}
 *       coordinates), always an opening claim on a witness column;
 *   <li>{@code FUNCTION_OUTPUT}: {@code F_out} of function table {@code index} at {@code rho_lo}
 *       ({@code b_T} coordinates), an opening claim on its model column.
 * </ul>
 *
 * @param stated the elements the prover stated for it (already absorbed in "lu/leaves"); for
 *     a non-plain {@link ColumnEncoding} these are e.g. limb values
 * @param value the column's value at the point (recovered from stated by the encoding)
 */
public record LeafClaim(Kind kind, int index, int column, long[] point, long[] stated, long[] value) {
  public enum Kind { INSTANCE_COLUMN, MULTIPLICITY, FUNCTION_OUTPUT }
}
