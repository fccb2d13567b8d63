/**
 * Precompiled contracts, independent of Besu: each is a small class computing gas for an input and
 * a result value (success with return data, or failure with a reason), never an exception.
 *
 * <p>{@link org.besuzkml.precompile.AltBn128} reproduces Ethereum's alt_bn128 precompiles 0x06
 * (ECADD), 0x07 (ECMUL) and 0x08 (pairing check) of EIP-196/197 with EIP-1108 gas, on top of
 * {@link org.besuzkml.curve} and {@link org.besuzkml.pairing}. Input handling is the consensus
 * part: short ECADD/ECMUL input is right-padded with zeros and extra bytes are ignored; pairing
 * input must be a multiple of 192 bytes; coordinates must be canonical ({@code < p}); points must
 * be on their curves and G2 points in the order-r subgroup.
 *
 * <p>Verifier-side code: depends only on the JDK and the crypto packages of this project;
 * deterministic; bounded work per input byte.
 */
package org.besuzkml.precompile;
