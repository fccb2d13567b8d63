package org.besuzkml.sidecar.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.model.Graph;
import org.besuzkml.model.quant.QuantizedModel;
import org.besuzkml.proof.ModelFiles;
import org.besuzkml.proof.ProveMemory;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;

/**
 * The models served, by id and by directory name. Loading reads pk.bzkk (which rebuilds and checks
 * the compiled model and the SRS) and proves one all-zero input, which both warms the JIT and
 * measures what a proof allocates: the pool sizing rule uses that figure.
 *
 * <p>A model directory may hold {@code sidecar.json} with {@code {"timeoutSeconds": N}}, the
 * model's ceiling on a job's time from acceptance to proof (default: the sidecar's).
 */
public final class ModelCatalog {
  public static final String SETTINGS = "sidecar.json";

  private final Map<String, LoadedModel> byId = new ConcurrentHashMap<>();
  private final Map<String, LoadedModel> byName = new ConcurrentHashMap<>();

  /** Loads one directory (compile + setup output). */
  public static LoadedModel load(Path dir, long defaultTimeoutMs) throws ModelFiles.FileException {
    ProvingKey pk = ModelFiles.readProvingKey(dir);
    VerifyingKey vk = pk.vk();
    String tooSmall = ProveMemory.check(vk, Runtime.getRuntime().maxMemory());
    if (tooSmall != null) {
      throw new ModelFiles.FileException(dir + ": " + tooSmall);
    }
    QuantizedModel qm = pk.compiled().model();
    List<LoadedModel.Tensor> ins = new ArrayList<>();
    for (Graph.Value v : qm.graph().inputs()) {
      ins.add(new LoadedModel.Tensor(v.name(), v.shape().clone(), qm.scales().get(v.name())));
    }
    List<LoadedModel.Tensor> outs = new ArrayList<>();
    int[] outIds = vk.circuit().outputs();
    for (int i = 0; i < qm.graph().outputs().size(); i++) {
      Graph.Value v = qm.graph().outputs().get(i);
      outs.add(new LoadedModel.Tensor(v.name(), v.shape().clone(), vk.scales()[outIds[i]]));
    }
    long timeout = timeoutMs(dir, defaultTimeoutMs);
    List<double[]> zeros = new ArrayList<>();
    for (LoadedModel.Tensor t : ins) {
      zeros.add(new double[t.size()]);
    }
    String name = dir.toAbsolutePath().normalize().getFileName().toString();
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long a0 = mx.getThreadAllocatedBytes(tid);
    long t0 = System.nanoTime();
    try {
      Prover.prove(pk, zeros);
    } catch (RuntimeException e) {
      throw new ModelFiles.FileException(dir + ": the warm-up proof on an all-zero input failed: "
          + org.besuzkml.proof.ProofJson.firstLine(e.getMessage()));
    } catch (OutOfMemoryError e) {
      throw new ModelFiles.FileException(dir + ": the warm-up proof: "
          + ProveMemory.outOfHeap(vk, Runtime.getRuntime().maxMemory()));
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    long allocated = Math.max(1, mx.getThreadAllocatedBytes(tid) - a0);
    return new LoadedModel(name, vk.modelIdHex(), dir, pk, List.copyOf(ins), List.copyOf(outs), allocated, ms,
        timeout);
  }

  private static long timeoutMs(Path dir, long dflt) throws ModelFiles.FileException {
    Path f = dir.resolve(SETTINGS);
    if (!Files.exists(f)) {
      return dflt;
    }
    try {
      JsonNode n = new ObjectMapper().readTree(Files.readString(f));
      JsonNode t = n == null ? null : n.get("timeoutSeconds");
      if (t == null || !t.canConvertToLong() || t.asLong() < 1) {
        throw new ModelFiles.FileException(f + ": expected {\"timeoutSeconds\": N} with N >= 1");
      }
      return t.asLong() * 1000;
    } catch (IOException e) {
      throw new ModelFiles.FileException(f + ": " + org.besuzkml.proof.ProofJson.firstLine(e.getMessage()));
    }
  }

  /** Adds a loaded model; refuses a second model with the same id or name. */
  public synchronized void add(LoadedModel m) throws ModelFiles.FileException {
    if (byId.containsKey(m.id()) || byName.containsKey(m.name())) {
      throw new ModelFiles.FileException("model " + m.name() + " (" + m.id() + ") is already served");
    }
    byId.put(m.id(), m);
    byName.put(m.name(), m);
  }

  /** Removes a model; empty if none has that id or name. */
  public synchronized Optional<LoadedModel> remove(String idOrName) {
    Optional<LoadedModel> m = find(idOrName);
    m.ifPresent(x -> {
      byId.remove(x.id());
      byName.remove(x.name());
    });
    return m;
  }

  /** The model named by id (0x..., any case) or directory name. */
  public Optional<LoadedModel> find(String idOrName) {
    if (idOrName == null) {
      return Optional.empty();
    }
    LoadedModel m = byId.get(idOrName.toLowerCase(java.util.Locale.ROOT));
    return Optional.ofNullable(m != null ? m : byName.get(idOrName));
  }

  public Collection<LoadedModel> all() {
    Map<String, LoadedModel> sorted = new LinkedHashMap<>();
    byName.keySet().stream().sorted().forEach(n -> sorted.put(n, byName.get(n)));
    return List.copyOf(sorted.values());
  }

  /** The largest per-proof allocation over the models (the pool sizing input). */
  public long maxProofBytes() {
    return byId.values().stream().mapToLong(LoadedModel::proofBytesAllocated).max().orElse(1);
  }
}
