/**
 * Randomness of zero-knowledge proving (zk-design.md 7): every mask, shadow and blinder of a proof
 * comes from one {@link org.besuzkml.zk.ZkRandomness}, never from the witness alone.
 *
 * <p>A field element is 64 random bytes read big-endian and reduced mod {@code p} (statistical
 * distance below {@code 2^-258} from uniform on F), returned in Montgomery form. The only production
 * source is {@link org.besuzkml.zk.DrbgRandomness}: the JDK's DRBG ({@code Hash_DRBG} with SHA-256
 * in OpenJDK 17) instantiated at 256-bit strength with prediction resistance, so every request
 * reseeds from the operating system's entropy source; it refuses to start if the JDK gives it less.
 * A seeded, reproducible implementation exists in the test sources only: neither the CLI, the
 * sidecar nor the precompile can pass a seed.
 *
 * <p>Prover side. Depends on the JDK and {@link org.besuzkml.field}.
 */
package org.besuzkml.zk;
