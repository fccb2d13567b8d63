/**
 * The mask column {@code Lambda} of a zero-knowledge proof (docs/zk-design.md 3.5, 4.5): one vector
 * of random field elements, committed once per proof, from which every masked sumcheck takes its
 * coefficients and every masked stated value its slot.
 *
 * <p>{@link org.besuzkml.mask.MaskCursor} allocates entries in transcript order; prover and verifier
 * run the same allocation, so an index is a function of the vk alone. A check that involves a mask
 * is not done on the spot: it becomes a {@link org.besuzkml.mask.MaskForm}, a sparse linear form with
 * verifier-known coefficients, and the claim {@code <form, Lambda> = value} joins the opening
 * reduction (zk-design 6.1), which checks all of them against the committed column at once.
 *
 * <p>Verifier-side code: bounded by the cursor's size (fixed by the vk), deterministic, no throws on
 * proof content. Dependencies: the JDK and {@code field}.
 */
package org.besuzkml.mask;
