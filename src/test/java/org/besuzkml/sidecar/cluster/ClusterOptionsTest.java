package org.besuzkml.sidecar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --cluster-* options: what is accepted, and a one-line error naming the option for the rest. */
class ClusterOptionsTest {
  @Test
  void seedMembersAreTrimmedAndDeduplicatedInOrder() throws Exception {
    ClusterOptions o = ClusterOptions.parse("127.0.0.1", 5701,
        "127.0.0.1:5702, 127.0.0.1:5701,127.0.0.1:5702", "zkml-sidecar");
    assertEquals(List.of("127.0.0.1:5702", "127.0.0.1:5701"), o.members());
    assertEquals("127.0.0.1:5701", o.self());
    assertEquals(List.of(), ClusterOptions.parse("localhost", 5701, null, "a").members(), "alone: a cluster of one");
    assertEquals(List.of(), ClusterOptions.parse("localhost", 5701, " ", "a").members());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1 | 0     | 127.0.0.1:5702       | n   | --cluster-port",
      "127.0.0.1 | 65536 | 127.0.0.1:5702       | n   | --cluster-port",
      "::1       | 5701  | 127.0.0.1:5702       | n   | --cluster-host",
      "' '       | 5701  | 127.0.0.1:5702       | n   | --cluster-host",
      "127.0.0.1 | 5701  | 127.0.0.1            | n   | is not host:port",
      "127.0.0.1 | 5701  | 127.0.0.1:           | n   | is not host:port",
      "127.0.0.1 | 5701  | :5702                | n   | is not host:port",
      "127.0.0.1 | 5701  | 127.0.0.1:57x2       | n   | no numeric port",
      "127.0.0.1 | 5701  | 127.0.0.1:70000      | n   | outside 1..65535",
      "127.0.0.1 | 5701  | 127.0.0.1:5702,,     | n   | is not host:port",
      "127.0.0.1 | 5701  | 127.0.0.1:5702       | a b | --cluster-name",
      "127.0.0.1 | 5701  | 127.0.0.1:5702       | ''  | --cluster-name"})
  void badOptionsFailInOneLineNamingTheOption(String host, int port, String members, String name, String says) {
    ClusterOptions.Invalid e = assertThrows(ClusterOptions.Invalid.class,
        () -> ClusterOptions.parse(host, port, members, name));
    assertTrue(e.getMessage().contains(says), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
