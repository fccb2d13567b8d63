package org.besuzkml.sidecar.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin token file and the per-job cancel tokens. */
class TokensTest {
  @TempDir Path tmp;

  @Test
  void adminTokenAcceptsOnlyTheExactBearerToken() throws Exception {
    Path f = tmp.resolve("t");
    Files.writeString(f, "  s3cret-operator-token  \nignored second line\n");
    AdminToken t = AdminToken.read(f);
    assertTrue(t.accepts("Bearer s3cret-operator-token"));
    assertFalse(t.accepts("Bearer s3cret-operator-toke"));
    assertFalse(t.accepts("Bearer s3cret-operator-token2"));
    assertFalse(t.accepts("s3cret-operator-token"));
    assertFalse(t.accepts(null));
    Files.writeString(f, "short");
    assertThrows(IOException.class, () -> AdminToken.read(f));
  }

  @Test
  void cancelTokensArePerJobAndSurviveReopening() throws Exception {
    CancelTokens a = CancelTokens.open(tmp);
    String t = a.token("job-1");
    assertTrue(a.matches("job-1", t));
    assertTrue(a.matches("job-1", t.toUpperCase().replace("0X", "0x")));
    assertFalse(a.matches("job-2", t));
    assertNotEquals(t, a.token("job-2"));
    assertEquals(t, CancelTokens.open(tmp).token("job-1"), "the secret is kept in the data directory");
    Path other = Files.createDirectories(tmp.resolve("other"));
    assertNotEquals(t, CancelTokens.open(other).token("job-1"), "another data directory, another secret");
  }
}
