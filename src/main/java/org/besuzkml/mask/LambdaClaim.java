package org.besuzkml.mask;

/**
 * A deferred linear check on the mask column (zk-design 4.5): {@code <omega, Lambda> = value}. Every
 * verifier check that involves a mask becomes one; the opening reduction checks all of them at once
 * against the committed column.
 */
public record LambdaClaim(MaskForm omega, long[] value) {}
