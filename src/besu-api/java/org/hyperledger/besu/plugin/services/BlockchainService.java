package org.hyperledger.besu.plugin.services;

/**
 * Stub of Besu's BlockchainService: the plugin only needs the type to look the service up; its
 * implementation's private {@code protocolSchedule} field is read by reflection (API.md 2).
 */
public interface BlockchainService extends BesuService {}
