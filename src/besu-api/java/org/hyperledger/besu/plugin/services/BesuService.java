package org.hyperledger.besu.plugin.services;

/** Stub: Besu's marker interface of plugin services. */
public interface BesuService {}
