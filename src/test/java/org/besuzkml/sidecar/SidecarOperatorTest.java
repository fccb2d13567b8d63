package org.besuzkml.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.besuzkml.sidecar.SidecarFixture.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator methods over HTTP: they need the admin token; models can be removed and added back. */
class SidecarOperatorTest {
  @TempDir Path tmp;

  @Test
  void operatorRemovesAndAddsAModelWithTheAdminTokenOnly() throws Exception {
    Path token = tmp.resolve("admin.token");
    Files.writeString(token, "an-operator-token-of-some-length\n");
    try (Sidecar s = SidecarFixture.start(SidecarFixture.options(tmp.resolve("data")).withAdminToken(token))) {
      Client anyone = new Client(s.port());
      Client op = new Client(s.port());
      op.bearer = "an-operator-token-of-some-length";
      String dir = SidecarFixture.model().toString();
      assertEquals(-32002, anyone.call("zkml_removeModel", List.of("mlp")).get("error").get("code").asInt());
      assertEquals(-32002, anyone.call("zkml_addModel", List.of(dir)).get("error").get("code").asInt());
      Client wrong = new Client(s.port());
      wrong.bearer = "an-operator-token-of-some-lengtH";
      assertEquals(-32002, wrong.call("zkml_removeModel", List.of("mlp")).get("error").get("code").asInt());

      JsonNode removed = op.call("zkml_removeModel", List.of("mlp")).get("result");
      assertTrue(removed.get("removed").asBoolean(), removed.toString());
      assertEquals(0, anyone.call("zkml_models", "[]").get("result").size());
      assertEquals(-32602, anyone.call("zkml_requestProof", SidecarFixture.request(1, 2, 3)).get("error").get("code")
          .asInt());
      assertEquals(-32602, op.call("zkml_addModel", List.of(tmp.resolve("nothing").toString())).get("error")
          .get("code").asInt());

      JsonNode added = op.call("zkml_addModel", List.of(dir)).get("result");
      assertEquals("mlp", added.get("name").asText(), added.toString());
      assertEquals(-32602, op.call("zkml_addModel", List.of(dir)).get("error").get("code").asInt(), "already served");
      String id = anyone.call("zkml_requestProof", SidecarFixture.request(1, 2, 3)).get("result").get("jobId")
          .asText();
      assertEquals("PROVED", anyone.awaitDone(id, 60_000).get("state").asText());
    }
  }
}
