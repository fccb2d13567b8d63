package org.hyperledger.besu.evm.frame;

/**
 * Stub of Besu's MessageFrame (a class). The zkML precompile reads nothing from the frame: its
 * result is a function of the input bytes alone. Besu builds frames with a builder; the
 * no-argument constructor exists only for the tests.
 */
public class MessageFrame {
  public enum State {
    NOT_STARTED, CODE_EXECUTING, CODE_SUCCESS, CODE_SUSPENDED, EXCEPTIONAL_HALT, REVERT,
    COMPLETED_FAILED, COMPLETED_SUCCESS
  }

  public enum Type { CONTRACT_CREATION, MESSAGE_CALL }

  public MessageFrame() {}
}
