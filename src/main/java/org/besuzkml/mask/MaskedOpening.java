package org.besuzkml.mask;

/**
 * An opening claim in zero-knowledge mode (zk-design 4.3 R4, 6.1): committed object {@code object}'s
 * multilinear extension at {@code point}, plus {@code <omega, Lambda>}, equals {@code value}. An
 * ordinary claim has an empty {@code omega}.
 */
public record MaskedOpening(int object, long[] point, long[] value, MaskForm omega) {}
