package org.besuzkml.onnx;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one reader configuration for every JSON file the product reads (input.json, calibration,
 * proof.json). Duplicate keys and trailing content are errors: a lenient parser keeps the last
 * duplicate, so {@code {"outputs": FAKE, ..., "outputs": REAL}} would show one value to a reader
 * and verify another.
 */
public final class Json {
  private Json() {}

  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // NaN and Infinity tokens are read so that they can be rejected with a clear message.
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  /** A strict reader (thread-safe, shared). */
  public static ObjectMapper reader() {
    return STRICT;
  }

  /** The first line of a parser message, without Jackson's source excerpt. */
  public static String reason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.lines().findFirst().orElse("");
    // Jackson: "Duplicate field 'outputs'"; say it in the user's words.
    if (m.startsWith("Duplicate field ")) {
      return "duplicate key " + m.substring("Duplicate field ".length());
    }
    return m;
  }
}
