package org.besuzkml.sidecar.store;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A job's lifecycle: {@code ACCEPTED -> QUEUED -> PROVING -> PROVED}, then with {@code submit}
 * {@code -> SUBMITTED -> CONFIRMED} (chain submission); any live state may end {@code FAILED},
 * {@code CANCELLED} or {@code EXPIRED}, and a submission may end FAILED (from PROVED when nothing
 * was signed, from SUBMITTED when the transaction reverted or could not be followed). After a restart a live job goes back to
 * QUEUED, so PROVING and QUEUED may both return to QUEUED.
 */
public enum JobState {
  ACCEPTED, QUEUED, PROVING, PROVED, SUBMITTED, CONFIRMED, FAILED, CANCELLED, EXPIRED;

  private static final Set<JobState> ENDS = EnumSet.of(FAILED, CANCELLED, EXPIRED);
  private static final Map<JobState, Set<JobState>> NEXT = Map.of(
      ACCEPTED, EnumSet.of(QUEUED),
      QUEUED, EnumSet.of(QUEUED, PROVING),
      PROVING, EnumSet.of(QUEUED, PROVED),
      PROVED, EnumSet.of(SUBMITTED, FAILED),
      SUBMITTED, EnumSet.of(CONFIRMED, FAILED),
      CONFIRMED, EnumSet.noneOf(JobState.class),
      FAILED, EnumSet.noneOf(JobState.class),
      CANCELLED, EnumSet.noneOf(JobState.class),
      EXPIRED, EnumSet.noneOf(JobState.class));

  /** True while the job still waits for or runs a proof. */
  public boolean live() {
    return this == ACCEPTED || this == QUEUED || this == PROVING;
  }

  /** True when a proof exists (PROVED and the submission states after it). */
  public boolean hasProof() {
    return this == PROVED || this == SUBMITTED || this == CONFIRMED;
  }

  public boolean canBecome(JobState next) {
    if (live() && ENDS.contains(next)) {
      return true;
    }
    return NEXT.get(this).contains(next);
  }
}
