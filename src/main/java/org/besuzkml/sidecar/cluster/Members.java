package org.besuzkml.sidecar.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members as this node last read them from {@code zkml.members}: each one's RPC URL, load and
 * models. Requests are placed from this snapshot, never from a map read on the request path; the
 * jobs handed to a member since its last report count as load, so a burst does not all go to the
 * member that looked idle.
 */
final class Members {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One member's report. */
  record Member(String node, String url, int waiting, int running, int workers, Set<String> models, long ms) {
    /** Jobs per prover thread, counting those handed to it since this report. */
    double load(int handed) {
      return (double) (waiting + running + handed) / Math.max(1, workers);
    }

    String encode() {
      ObjectNode o = JSON.createObjectNode().put("url", url).put("waiting", waiting).put("running", running)
          .put("workers", workers).put("ms", ms);
      ArrayNode a = o.putArray("models");
      models.forEach(a::add);
      return o.toString();
    }

    static Member decode(String node, String s) {
      try {
        JsonNode o = JSON.readTree(s);
        Set<String> ms = new java.util.TreeSet<>();
        o.path("models").forEach(m -> ms.add(m.asText()));
        return new Member(node, o.path("url").asText(), o.path("waiting").asInt(), o.path("running").asInt(),
            o.path("workers").asInt(1), Set.copyOf(ms), o.path("ms").asLong());
      } catch (IOException e) {
        return null; // a value from another version: that member is not placed on
      }
    }
  }

  private final String self;
  private volatile Map<String, Member> known = Map.of();
  private final Map<String, Integer> handed = new ConcurrentHashMap<>();

  Members(String self) {
    this.self = self;
  }

  /** A fresh read of the map, restricted to the nodes the cluster manager lists as alive. */
  void update(Map<String, String> entries, Collection<String> alive) {
    Map<String, Member> next = new ConcurrentHashMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      Member m = Member.decode(e.getKey(), e.getValue());
      if (m == null || !alive.contains(e.getKey())) {
        continue; // a killed member's entry lingers until its TTL: never place on it
      }
      Member before = known.get(e.getKey());
      if (before == null || before.ms() != m.ms()) {
        handed.remove(e.getKey()); // its report now includes what was handed to it
      }
      next.put(e.getKey(), m);
    }
    known = next;
  }

  /**
   * The member to store a new job of {@code model}: the least loaded one serving it, this node on a
   * tie (no hop), else the earliest in node id order; null when no member report is known yet.
   */
  Member place(String model, Member me) {
    Member best = me;
    double bestLoad = me.load(handed.getOrDefault(self, 0));
    List<Member> others = new ArrayList<>(known.values());
    others.sort(java.util.Comparator.comparing(Member::node));
    for (Member m : others) {
      if (m.node().equals(self) || !m.models().contains(model)) {
        continue;
      }
      double l = m.load(handed.getOrDefault(m.node(), 0));
      if (l < bestLoad) {
        best = m;
        bestLoad = l;
      }
    }
    handed.merge(best.node(), 1, Integer::sum);
    return best;
  }

  Member get(String node) {
    return known.get(node);
  }

  Collection<Member> all() {
    return known.values();
  }
}
