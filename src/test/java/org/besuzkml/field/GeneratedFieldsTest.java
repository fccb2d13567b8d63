package org.besuzkml.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The checked-in Fq.java and Fr.java are exactly the template's output (regenerate on demand). */
class GeneratedFieldsTest {
  @Test
  void checkedInSourcesMatchTemplate() throws Exception {
    if (Boolean.getBoolean("zkml.regenerate")) {
      PrimeFieldGenerator.writeAll();
    }
    for (PrimeFieldGenerator.Spec s : PrimeFieldGenerator.SPECS) {
      String expected = PrimeFieldGenerator.renderFile(s);
      String actual =
          Files.readString(PrimeFieldGenerator.OUT_DIR.resolve(s.className() + ".java"), StandardCharsets.UTF_8);
      assertEquals(expected, actual, s.className() + ".java is stale: regenerate it from the template");
    }
  }
}
