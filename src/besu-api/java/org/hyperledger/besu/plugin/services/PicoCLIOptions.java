package org.hyperledger.besu.plugin.services;

/** Stub: options named --plugin-&lt;namespace&gt;-... (API.md 1a). */
public interface PicoCLIOptions extends BesuService {
  void addPicoCLIOptions(String namespace, Object optionObject);
}
