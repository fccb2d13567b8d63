package org.besuzkml.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.web3j.crypto.Credentials;

/**
 * A secp256k1 account key, read from a file or an environment variable holding 32 bytes of hex
 * (Besu's {@code key} file format). The key is never logged and never put in a message: errors
 * name only the file or the variable, and {@link #toString()} shows only the address.
 */
public final class SigningKey {
  private final Credentials credentials;

  private SigningKey(Credentials credentials) {
    this.credentials = credentials;
  }

  /** From a file whose content is the hex private key (optionally 0x, surrounding whitespace). */
  public static SigningKey fromFile(Path file) throws ChainException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new ChainException(ChainException.Kind.KEY, "cannot read key file " + file);
    }
    return parse(text, "key file " + file);
  }

  /** From the environment variable {@code name}. */
  public static SigningKey fromEnv(String name) throws ChainException {
    return fromEnv(name, System.getenv());
  }

  static SigningKey fromEnv(String name, Map<String, String> env) throws ChainException {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      throw new ChainException(ChainException.Kind.KEY, "environment variable " + name + " is not set");
    }
    return parse(text, "environment variable " + name);
  }

  /** From hex text; {@code where} names its origin in the error (the text itself never appears). */
  static SigningKey parse(String text, String where) throws ChainException {
    String h = text.strip();
    if (h.startsWith("0x") || h.startsWith("0X")) {
      h = h.substring(2);
    }
    if (!h.matches("[0-9a-fA-F]{64}") || h.matches("0{64}")) {
      throw new ChainException(ChainException.Kind.KEY, where + " does not hold a 32-byte hex private key");
    }
    return new SigningKey(Credentials.create(h));
  }

  /** The account address, 0x-prefixed lower-case hex. */
  public String address() {
    return credentials.getAddress();
  }

  /** For signing only; package-private so that the key does not travel further. */
  Credentials credentials() {
    return credentials;
  }

  @Override
  public String toString() {
    return "SigningKey[" + address() + "]";
  }
}
