package org.besuzkml.proof.gadget;

/**
 * "Claim (T, z, v)": the statement {@code T~(z) = v} (1.3) about tensor {@code tensor}, with the
 * point as flat Montgomery Fr coordinates (the tensor's variables, first = most significant) and
 * the value as one Montgomery element.
 */
public record Claim(int tensor, long[] point, long[] value) {}
