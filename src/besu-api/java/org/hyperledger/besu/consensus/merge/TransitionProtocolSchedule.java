package org.hyperledger.besu.consensus.merge;

import java.util.function.Predicate;
import org.hyperledger.besu.ethereum.mainnet.ProtocolSchedule;
import org.hyperledger.besu.ethereum.mainnet.ScheduledProtocolSpec;

/**
 * Stub of Besu's TransitionProtocolSchedule (a class). Its anyMatch dispatches only to the schedule
 * of the current merge state, so the plugin visits both schedules itself. Besu's constructor also
 * takes a MergeContext; this two-schedule constructor exists only for the tests, and anyMatch here
 * models the post-merge state.
 */
public class TransitionProtocolSchedule implements ProtocolSchedule {
  private final ProtocolSchedule preMergeProtocolSchedule;
  private final ProtocolSchedule postMergeProtocolSchedule;

  public TransitionProtocolSchedule(ProtocolSchedule preMergeProtocolSchedule,
      ProtocolSchedule postMergeProtocolSchedule) {
    this.preMergeProtocolSchedule = preMergeProtocolSchedule;
    this.postMergeProtocolSchedule = postMergeProtocolSchedule;
  }

  public ProtocolSchedule getPreMergeSchedule() {
    return preMergeProtocolSchedule;
  }

  public ProtocolSchedule getPostMergeSchedule() {
    return postMergeProtocolSchedule;
  }

  @Override
  public boolean anyMatch(Predicate<ScheduledProtocolSpec> predicate) {
    return postMergeProtocolSchedule.anyMatch(predicate);
  }
}
