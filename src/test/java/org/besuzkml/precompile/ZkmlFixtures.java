package org.besuzkml.precompile;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.besuzkml.pcs.srs.PtauReader;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.pcs.srs.TestCeremonySrs;
import org.besuzkml.proof.Prover;
import org.besuzkml.proof.ProvingKey;
import org.besuzkml.proof.Setup;
import org.besuzkml.proof.witness.CorpusModels;

/**
 * Corpus models keyed on a ceremony SRS and proven once per JVM, as ABI-encoded verify calls.
 * Models with n_bin <= 12 use the shared ceremony file; larger ones a test-only relabelled SRS.
 */
public final class ZkmlFixtures {
  public static final Path PTAU = Path.of("../shared/srs/pot12_final.ptau");

  /** A verify call of one model: the vk, the statement, the proof and its encoding. */
  public record Case(String model, byte[] vk, long[][] inputs, long[][] outputs, byte[] proof,
      byte[] calldata, byte[] modelId) {}

  private static final Map<String, Case> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, Case> ZK_CACHE = new ConcurrentHashMap<>();

  private ZkmlFixtures() {}

  public static Case get(String name) {
    return CACHE.computeIfAbsent(name, n -> build(n, false));
  }

  /** The same model under a version-2 (zero-knowledge, all-public) key and its zk proof (production DRBG). */
  public static Case getZk(String name) {
    return ZK_CACHE.computeIfAbsent(name, n -> build(n, true));
  }

  private static Case build(String n, boolean zk) {
    try {
      CorpusModels.Loaded l = CorpusModels.load(n);
      int nBin = Setup.binVars(l.compiled());
      Srs srs = nBin <= 12 && PTAU.toFile().exists()
          ? (zk ? PtauReader.readZk(PTAU, nBin) : PtauReader.read(PTAU, nBin))
          : TestCeremonySrs.create(nBin, 7);
      ProvingKey pk = zk ? Setup.runZk(l.compiled(), srs) : Setup.run(l.compiled(), srs);
      Prover.Proof p = Prover.prove(pk, l.honest(), true);
      byte[] vk = pk.vk().bytes();
      return new Case(n, vk, p.inputs(), p.outputs(), p.bytes(),
          ZkmlAbi.encodeVerify(vk, p.inputs(), p.outputs(), p.bytes()), pk.vk().modelId());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
