package org.besuzkml.sidecar.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The operator's token, read from a file (first line, trimmed; never logged). Callers present it
 * as {@code Authorization: Bearer <token>}. Both sides are hashed with SHA-256 before
 * {@link MessageDigest#isEqual}, a constant-time comparison, so neither the bytes nor the length of
 * the token leak through timing.
 */
public final class AdminToken {
  private final byte[] digest;

  private AdminToken(byte[] digest) {
    this.digest = digest;
  }

  public static AdminToken read(Path file) throws IOException {
    String t = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
    if (t.length() < 16) {
      throw new IOException(file + ": the admin token must be at least 16 characters");
    }
    return new AdminToken(sha256(t));
  }

  /** True if the Authorization header carries the token. */
  public boolean accepts(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorizationHeader.substring(7).strip()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
