package org.besuzkml.lookup;

import java.util.List;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskForm;

/**
 * What a zero-knowledge lookup argument leaves to the caller (zk-design 5.3): the leaf point, the
 * leaf claims with their stated (masked) values, and per claim its hidden offset: column~(point) +
 * {@code <offsets.get(i), Lambda>} = {@code claims.get(i).value()}. The Lambda-claims (each layer's
 * sumcheck end, the two leaf checks) join the opening reduction. Sound only once all are discharged.
 */
public record ZkLogUpClaims(long[] rho, List<LeafClaim> claims, List<MaskForm> offsets,
    List<LambdaClaim> lambdaClaims) {}
