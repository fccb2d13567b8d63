package org.besuzkml.lookup;

import java.util.List;

/**
 * What a passed lookup argument leaves to the caller: the leaf point {@code rho} (L coordinates)
 * and the claims of 5.5, in layout order (per segment: instance columns X_1[, X_2]; table M_T[,
 * F_out]). The argument is sound only once every claim is discharged by the caller.
 */
public record LogUpClaims(long[] rho, List<LeafClaim> claims) {}
