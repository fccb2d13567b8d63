package org.besuzkml.sumcheck;

import org.besuzkml.mask.MaskForm;

/**
 * What a masked sumcheck (zk-design 3) leaves to the caller: the sub-claim of the unmasked run,
 * except that its final value also holds the masks, {@code final = g(point) + <mask, Lambda>}. The
 * caller computes {@code F = g(point)} from stated values exactly as without zero knowledge and
 * emits the Lambda-claim {@code <mask, Lambda> = final - F} (zk-design 4.3 R3), which the opening
 * reduction checks against the committed mask column. Nothing here is checked on its own.
 *
 * @param claim the {@link SubClaim} or {@link BatchedSubClaim}
 * @param mask the mask's evaluation at the point plus the input claim's hidden offset, as a form
 */
public record Masked<C>(C claim, MaskForm mask) {}
