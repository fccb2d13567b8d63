package org.besuzkml.proof.gadget;

import org.besuzkml.mask.MaskForm;

/**
 * A masked claim of the zero-knowledge walk (zk-design 4.2): {@code T~(point) + <omega, Lambda> =
 * value} about tensor {@code tensor}, point and value as in {@link Claim}. {@code omega} is the
 * hidden offset, with verifier-known coefficients; an empty form makes it an ordinary claim. The
 * arguments never change a claim's form in place: they build new forms, so a claim may be shared.
 */
public record ZkClaim(int tensor, long[] point, long[] value, MaskForm omega) {
  public ZkClaim {
    omega = omega == null ? new MaskForm() : omega;
  }

  /** The ordinary claim {@code (T, z, v)} as a masked claim with no offset. */
  public static ZkClaim of(Claim c) {
    return new ZkClaim(c.tensor(), c.point(), c.value(), new MaskForm());
  }

  /** The claim without its offset (true only when the offset is empty or evaluates to zero). */
  public Claim unmasked() {
    return new Claim(tensor, point, value);
  }
}
