package org.besuzkml.sidecar.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where a new job goes: the least-loaded member serving its model, never a member that is gone. */
class MembersTest {
  static Members.Member m(String node, int waiting, int running, int workers, String... models) {
    return new Members.Member(node, "http://" + node + "/rpc", waiting, running, workers, Set.of(models), 1);
  }

  static Map<String, String> reports(Members.Member... ms) {
    Map<String, String> out = new HashMap<>();
    for (Members.Member x : ms) {
      out.put(x.node(), x.encode());
    }
    return out;
  }

  @Test
  void theLeastLoadedMemberServingTheModelWinsAndATieStaysHere() {
    Members t = new Members("a");
    Members.Member me = m("a", 2, 1, 1, "0x1");
    t.update(reports(me, m("b", 0, 1, 1, "0x1"), m("c", 0, 0, 1, "0x2")), List.of("a", "b", "c"));
    assertEquals("b", t.place("0x1", me).node(), "c is idle but does not serve 0x1");
    assertEquals("c", t.place("0x2", m("a", 0, 1, 1, "0x1", "0x2")).node());
    Members same = new Members("a");
    Members.Member idle = m("a", 0, 0, 1, "0x1");
    same.update(reports(idle, m("b", 0, 0, 1, "0x1")), List.of("a", "b"));
    assertEquals("a", same.place("0x1", idle).node(), "a tie is not worth a hop");
  }

  @Test
  void aBurstIsSpreadByCountingWhatWasHandedOutSinceTheLastReport() {
    Members t = new Members("a");
    Members.Member me = m("a", 0, 1, 1, "0x1");
    t.update(reports(me, m("b", 0, 0, 1, "0x1"), m("c", 0, 0, 1, "0x1")), List.of("a", "b", "c"));
    Map<String, Integer> got = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      got.merge(t.place("0x1", me).node(), 1, Integer::sum);
    }
    assertEquals(Map.of("a", 2, "b", 2, "c", 2), got, "a had one running already: the loads end 3, 2, 2");
  }

  @Test
  void aMemberTheClusterNoLongerListsIsNeverChosen() {
    Members t = new Members("a");
    Members.Member me = m("a", 5, 1, 1, "0x1");
    t.update(reports(me, m("dead", 0, 0, 4, "0x1")), List.of("a"));
    assertEquals("a", t.place("0x1", me).node());
    assertNull(t.get("dead"));
    t.update(Map.of("b", "not json"), List.of("a", "b"));
    assertNull(t.get("b"), "an unreadable report is ignored");
  }
}
