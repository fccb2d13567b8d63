package org.besuzkml.sidecar.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.besuzkml.codec.Hex;

/**
 * The requester's right to cancel its own job: the request that creates a job gets {@code
 * cancelToken = HMAC-SHA256(secret, jobId)} (first 16 bytes), the secret being 32 random bytes kept
 * in {@code DATA/cancel.secret} (owner-only). Nothing is stored per job, and tokens survive a
 * restart. Requests that join an existing job by dedup get no token: the job is not theirs alone.
 */
public final class CancelTokens {
  static final String FILE = "cancel.secret";
  private final SecretKeySpec key;

  private CancelTokens(byte[] secret) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** Reads the secret under {@code dataDir}, creating it on first start. */
  public static CancelTokens open(Path dataDir) throws IOException {
    Path f = dataDir.resolve(FILE);
    if (!Files.exists(f)) {
      byte[] s = new byte[32];
      new SecureRandom().nextBytes(s);
      Path tmp = dataDir.resolve(FILE + ".tmp");
      Files.write(tmp, s, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the data directory's own permissions protect it
      }
      Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    byte[] s = Files.readAllBytes(f);
    if (s.length != 32) {
      throw new IOException(f + ": expected 32 bytes, found " + s.length);
    }
    return new CancelTokens(s);
  }

  public String token(String jobId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] full = mac.doFinal(jobId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return Hex.encode(java.util.Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** Constant-time check of a presented token. */
  public boolean matches(String jobId, String presented) {
    if (presented == null) {
      return false;
    }
    byte[] want = token(jobId).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] got = presented.toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(want, got);
  }
}
