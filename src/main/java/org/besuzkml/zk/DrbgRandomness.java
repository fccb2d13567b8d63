package org.besuzkml.zk;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomParameters;

/**
 * The production {@link ZkRandomness} (zk-design.md 7): {@code SecureRandom.getInstance("DRBG",
 * instantiation(256, PR_AND_RESEED, "besu-zkml/zk/v1" || model id))}. Every request asks for
 * prediction resistance, so the DRBG reseeds from the OS entropy source before answering; the
 * personalization string is not secret, it only separates instances. Requests are split at 64 KiB
 * (Hash_DRBG's per-request limit is 2^19 bits).
 */
public final class DrbgRandomness implements ZkRandomness {
  /** Required security strength in bits. */
  public static final int STRENGTH = 256;
  private static final int MAX_REQUEST = 1 << 16;
  private static final byte[] DOMAIN = "besu-zkml/zk/v1".getBytes(StandardCharsets.US_ASCII);

  private final SecureRandom drbg;
  private final DrbgParameters.Instantiation params;

  private DrbgRandomness(SecureRandom drbg, DrbgParameters.Instantiation params) {
    this.drbg = drbg;
    this.params = params;
  }

  /**
   * A fresh instance for one proof of the model {@code modelId} (any bytes, may be empty).
   *
   * @throws IllegalStateException if the JDK offers no DRBG of 256-bit strength with prediction
   *     resistance (for example a {@code securerandom.drbg.config} that weakens it)
   */
  public static DrbgRandomness forProof(byte[] modelId) {
    byte[] pers = new byte[DOMAIN.length + modelId.length];
    System.arraycopy(DOMAIN, 0, pers, 0, DOMAIN.length);
    System.arraycopy(modelId, 0, pers, DOMAIN.length, modelId.length);
    SecureRandom r;
    try {
      r = SecureRandom.getInstance("DRBG",
          DrbgParameters.instantiation(STRENGTH, DrbgParameters.Capability.PR_AND_RESEED, pers));
    } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
      throw new IllegalStateException("no DRBG with " + STRENGTH + "-bit strength and prediction resistance: " + e, e);
    }
    SecureRandomParameters p = r.getParameters();
    if (!(p instanceof DrbgParameters.Instantiation inst) || inst.getStrength() < STRENGTH
        || inst.getCapability() != DrbgParameters.Capability.PR_AND_RESEED) {
      throw new IllegalStateException("the JDK's DRBG reports " + p + ", zero knowledge needs strength >= " + STRENGTH
          + " with prediction resistance");
    }
    return new DrbgRandomness(r, inst);
  }

  @Override
  public void nextBytes(byte[] out) {
    DrbgParameters.NextBytes req = DrbgParameters.nextBytes(STRENGTH, true, null);
    if (out.length <= MAX_REQUEST) {
      drbg.nextBytes(out, req);
      return;
    }
    byte[] chunk = new byte[MAX_REQUEST];
    for (int o = 0; o < out.length; o += MAX_REQUEST) {
      int m = Math.min(MAX_REQUEST, out.length - o);
      if (m < MAX_REQUEST) {
        chunk = new byte[m];
      }
      drbg.nextBytes(chunk, req);
      System.arraycopy(chunk, 0, out, o, m);
    }
  }

  /** The instantiated strength in bits (at least 256). */
  public int strength() {
    return params.getStrength();
  }

  /** True: every request reseeds (checked at creation). */
  public boolean predictionResistance() {
    return params.getCapability() == DrbgParameters.Capability.PR_AND_RESEED;
  }

  /** The JDK's description of the mechanism, e.g. {@code Hash_DRBG,SHA-256,256,pr_and_reseed}. */
  public String mechanism() {
    return drbg.toString();
  }
}
