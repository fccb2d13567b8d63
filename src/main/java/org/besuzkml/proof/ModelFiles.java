package org.besuzkml.proof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.ByteReader;
import org.besuzkml.codec.ByteWriter;
import org.besuzkml.codec.Container;
import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.curve.G1;
import org.besuzkml.model.Graph;
import org.besuzkml.model.ModelException;
import org.besuzkml.model.quant.Calibrator;
import org.besuzkml.onnx.InputFile;
import org.besuzkml.onnx.OnnxImporter;
import org.besuzkml.pcs.HyperKzg;
import org.besuzkml.pcs.srs.DevSrs;
import org.besuzkml.pcs.srs.PtauReader;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.pcs.srs.SrsException;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.compile.Compiler;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.TableInfo;

/**
 * The prover-side files of a model directory (12.5): {@code model.bzkm} (compiled model),
 * {@code pk.bzkk} (proving key), {@code vk.bzkv} (verifying key).
 *
 * <p>BZKM sections: 1 PARAMS ({@code u16 protocol version}); 2 ENGINE_MODEL ({@code u32 n} ONNX
 * bytes, {@code u32 n} calibration JSON): the engine model is rebuilt by importing, calibrating and
 * quantizing exactly as at compile time (deterministic); 3 CIRCUIT (the vk's TENSORS, TABLES,
 * GADGETS, PUBLIC bodies, each with a u32 length): the rebuilt gadget list must encode to the same
 * bytes; 4 TABLE_VALUES and 5 CONSTANT_VALUES ({@code u32 count}, each {@code u32 tensor, u32 n, n x
 * i64}), checked against the rebuilt ones. BZKK sections: 1 VK, 2 COMPILED_MODEL (the BZKM bytes),
 * 3 SRS_REF ({@code u32 n} UTF-8 reference: {@code dev:<seed>} or the ptau path; {@code 32
 * srs_digest}; since 0.1.1 {@code 32 bins_digest}, see {@link #binsDigest}; since 0.1.2, for a
 * dev reference only, the {@code 2^n_bin} G1 powers, 64 bytes each, checked by the srs digest).
 */
public final class ModelFiles {
  public static final String MODEL = "model.bzkm";
  public static final String PK = "pk.bzkk";
  public static final String VK = "vk.bzkv";

  private ModelFiles() {}

  /** A model-file problem, one line. */
  public static final class FileException extends Exception {
    private static final long serialVersionUID = 1L;

    public FileException(String message) {
      super(message);
    }
  }

  /** Imports, calibrates and compiles an ONNX model (calibration inputs in the input.json format). */
  public static CompiledModel compile(byte[] onnx, String calibrationJson) throws ModelException {
    Graph g = OnnxImporter.read(onnx);
    List<double[]> calib = InputFile.parse(calibrationJson, g);
    return Compiler.compile(Calibrator.calibrate(g, List.of(calib), null).model());
  }

  public static byte[] encodeModel(byte[] onnx, String calibrationJson, CompiledModel cm) {
    byte[] json = calibrationJson.getBytes(StandardCharsets.UTF_8);
    ByteWriter engine = new ByteWriter().i32(onnx.length).bytes(onnx).i32(json.length).bytes(json);
    return Container.encode(Container.MODEL, new ByteWriter().u16(VkCodec.PROTOCOL_VERSION).toByteArray(),
        engine.toByteArray(), circuitBytes(cm), tableValues(cm), constantValues(cm));
  }

  static byte[] circuitBytes(CompiledModel cm) {
    return circuitBytes(cm.circuit(), Setup.scales(cm), cm);
  }

  /** The circuit sections of {@code c} with {@code scales}, and the hashes of cm's table values. */
  private static byte[] circuitBytes(Circuit c, int[] scales, CompiledModel cm) {
    byte[][] hashes = new byte[cm.circuit().tables().size()][];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = VkCodec.tableHash(cm.constants().get(cm.circuit().tables().get(i).values()));
    }
    ByteWriter w = new ByteWriter();
    for (byte[] s : VkCodec.circuitSections(c, scales, hashes)) {
      w.i32(s.length).bytes(s);
    }
    return w.toByteArray();
  }

  static byte[] tableValues(CompiledModel cm) {
    Circuit c = cm.circuit();
    ByteWriter w = new ByteWriter().i32(c.tables().size());
    for (TableInfo t : c.tables()) {
      w.i32(t.values()).longs(cm.constants().get(t.values()));
    }
    return w.toByteArray();
  }

  static byte[] constantValues(CompiledModel cm) {
    var ids = cm.constants().keySet().stream().sorted().toList();
    ByteWriter w = new ByteWriter().i32(ids.size());
    for (int id : ids) {
      w.i32(id).longs(cm.constants().get(id));
    }
    return w.toByteArray();
  }

  /** Rebuilds the compiled model from BZKM bytes and checks it against the stored circuit and values. */
  public static CompiledModel decodeModel(byte[] data) throws FileException {
    Decoded<int[]> d = Container.decode(data, Container.MODEL, 5);
    if (!d.isOk()) {
      throw new FileException("compiled model: " + d.reason());
    }
    int[] b = d.value();
    ByteReader r = new ByteReader(data, b[2], b[3]);
    int n = r.count("onnx", Integer.MAX_VALUE, 1);
    byte[] onnx = r.bytes(n, "onnx");
    int m = r.count("calibration", Integer.MAX_VALUE, 1);
    byte[] json = r.bytes(m, "calibration");
    if (!r.ok()) {
      throw new FileException("compiled model: " + r.error());
    }
    CompiledModel cm;
    try {
      cm = compile(onnx, new String(json, StandardCharsets.UTF_8));
    } catch (ModelException | RuntimeException e) {
      throw new FileException("compiled model: the embedded model no longer compiles: " + e.getMessage());
    }
    byte[] stored = Arrays.copyOfRange(data, b[4], b[5]);
    if (!Arrays.equals(stored, circuitBytes(cm))) {
      // compiled before affine Wires (kind 15): the same circuit with every Wire explicit
      CompiledModel ex = new CompiledModel(org.besuzkml.proof.compile.WireCompaction.explicit(cm.circuit()),
          cm.constants(), cm.traceNames(), cm.model());
      if (Arrays.equals(stored, circuitBytes(ex))) {
        cm = ex;
      }
    }
    if (!Arrays.equals(stored, circuitBytes(cm))
        || !Arrays.equals(Arrays.copyOfRange(data, b[6], b[7]), tableValues(cm))
        || !Arrays.equals(Arrays.copyOfRange(data, b[8], b[9]), constantValues(cm))) {
      throw new FileException("compiled model: the rebuilt gadget list or constants differ from the file"
          + " (compiled by another version?)");
    }
    return cm;
  }

  public static byte[] encodeProvingKey(ProvingKey pk, byte[] modelBytes, String srsRef) {
    byte[] ref = srsRef.getBytes(StandardCharsets.UTF_8);
    ByteWriter srs = new ByteWriter().i32(ref.length).bytes(ref).bytes(pk.vk().srsDigest())
        .bytes(binsDigest(pk.vk(), pk.modelBins()));
    if (srsRef.startsWith("dev:")) { // the powers, so that a load does not recompute them
      srs.g1s(pk.srs().g1Powers(), 0, pk.srs().size());
    }
    return Container.encode(Container.PROVING_KEY, pk.vk().bytes(), modelBytes, srs.toByteArray());
  }

  /** How {@link #readProvingKey} makes sure the model bins are the ones the vk commits to. */
  public enum PkCheck {
    /**
     * Compare the rebuilt bins with the digest setup stored (milliseconds); a pk written before the
     * digest existed is recommitted. It catches a model or vk section that changed since setup, not
     * a pk rewritten on purpose: the vk stays the root of trust, and proofs from such a pk fail.
     */
    DIGEST,
    /** Recommit every bin and compare with the vk's commitments (one MSM of 2^n_bin per bin). */
    FULL
  }

  /**
   * keccak256 of a domain tag, the vk's MODEL_BINS commitments and every bin vector ({@code u32 n},
   * {@code n x i64}): what setup committed, tied to the vk it committed it in.
   */
  static byte[] binsDigest(VerifyingKey vk, long[][] bins) {
    byte[][] parts = new byte[bins.length + 2][];
    parts[0] = "besu-zkml/pk-bins/v1".getBytes(StandardCharsets.US_ASCII);
    parts[1] = new ByteWriter().g1s(vk.modelBins(), 0, vk.modelBins().length / G1.AFFINE).toByteArray();
    for (int k = 0; k < bins.length; k++) {
      parts[k + 2] = new ByteWriter().longs(bins[k]).toByteArray();
    }
    return org.besuzkml.codec.Keccak.hash(parts);
  }

  /** The SRS reference of a dev SRS. */
  public static String devRef(long seed) {
    return "dev:" + seed;
  }

  /** Loads pk.bzkk, checking the model bins against setup's digest ({@link PkCheck#DIGEST}). */
  public static ProvingKey readProvingKey(Path dir) throws FileException {
    return readProvingKey(dir, PkCheck.DIGEST);
  }

  /** Loads pk.bzkk: the vk, the rebuilt compiled model, the SRS (checked against the digest). */
  public static ProvingKey readProvingKey(Path dir, PkCheck check) throws FileException {
    byte[] data = read(dir.resolve(PK));
    Decoded<int[]> d = Container.decode(data, Container.PROVING_KEY, 3);
    if (!d.isOk()) {
      throw new FileException(PK + ": " + d.reason());
    }
    int[] b = d.value();
    Decoded<VerifyingKey> vk = VkCodec.decode(Arrays.copyOfRange(data, b[0], b[1]));
    if (!vk.isOk()) {
      throw new FileException(PK + ": embedded vk: " + vk.reason());
    }
    CompiledModel cm = decodeModel(Arrays.copyOfRange(data, b[2], b[3]));
    if (vk.value().zk()) { // private inputs are chosen at setup: lower the same model as the key says
      cm = Setup.withInputVisibility(cm, vk.value().visibility().inputs());
    }
    if (cm.circuit().tables().size() != vk.value().circuit().tables().size()
        || !Arrays.equals(circuitBytes(cm), circuitBytes(vk.value().circuit(), vk.value().scales(), cm))) {
      throw new FileException(PK + ": the compiled model is not the embedded vk's (gadgets, tensors or scales"
          + " differ)");
    }
    ByteReader r = new ByteReader(data, b[4], b[5]);
    int n = r.count("srs reference", 4096, 1);
    byte[] ref = r.bytes(n, "srs reference");
    r.bytes(32, "srs digest");
    byte[] stored = r.remaining() == 0 ? null : r.bytes(32, "bins digest"); // null: written before 0.1.1
    String srsRef = new String(ref, StandardCharsets.UTF_8);
    int nBin = vk.value().nBin();
    long[] powers = null; // a dev SRS's powers, stored since 0.1.2
    if (r.ok() && r.remaining() > 0 && srsRef.startsWith("dev:")) {
      if (r.remaining() != (G1.ENCODED << nBin)) {
        throw new FileException(PK + ": the stored dev SRS powers are not 2^" + nBin + " G1 points");
      }
      powers = new long[G1.AFFINE << nBin];
      for (int i = 0; i < 1 << nBin; i++) {
        if (!r.g1(powers, i * G1.AFFINE, "dev SRS powers")) {
          break;
        }
      }
    }
    if (!r.ok() || r.remaining() != 0) {
      throw new FileException(PK + ": " + (r.ok() ? "trailing bytes after the bins digest" : r.error()));
    }
    Srs srs;
    try {
      if (srsRef.startsWith("dev:")) {
        long seed = Long.parseLong(srsRef.substring(4));
        srs = powers != null ? DevSrs.fromPowers(nBin, seed, powers) : DevSrs.create(nBin, seed);
      } else {
        srs = vk.value().zk() ? PtauReader.readZk(Path.of(srsRef), nBin) : PtauReader.read(Path.of(srsRef), nBin);
      }
    } catch (SrsException | NumberFormatException e) {
      throw new FileException("SRS " + srsRef + ": " + e.getMessage());
    }
    // a zk key's digest also covers the beta points (zk-design 1.3)
    byte[] digest = vk.value().zk() ? srs.digestV2() : srs.digest();
    if (!Arrays.equals(digest, vk.value().srsDigest())) {
      throw new FileException("SRS " + srsRef + " is not the one the vk was made with (digest differs)");
    }
    long[][] bins = Setup.modelBins(cm, vk.value().layout());
    if (check == PkCheck.DIGEST && stored != null) {
      if (!Arrays.equals(stored, binsDigest(vk.value(), bins))) {
        throw new FileException(PK + ": the model's weights or tables are not the ones set up (bins digest"
            + " differs); run setup again");
      }
      return new ProvingKey(vk.value(), cm, srs, bins);
    }
    for (int k = 0; k < bins.length; k++) {
      long[] c = HyperKzg.commitSmall(srs, bins[k], 1 << nBin);
      if (!Arrays.equals(G1.encode(c, 0), G1.encode(vk.value().modelBins(), k * G1.AFFINE))) {
        throw new FileException(PK + ": model bin " + k + " does not match the vk's commitment");
      }
    }
    return new ProvingKey(vk.value(), cm, srs, bins);
  }

  /** Loads and checks vk.bzkv. */
  public static VerifyingKey readVerifyingKey(Path dir) throws FileException {
    Path p = Files.isDirectory(dir) ? dir.resolve(VK) : dir;
    Decoded<VerifyingKey> vk = VkCodec.decode(read(p));
    if (!vk.isOk()) {
      throw new FileException(p + ": " + vk.reason());
    }
    return vk.value();
  }

  public static byte[] read(Path p) throws FileException {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new FileException("cannot read " + p + ": " + e.getMessage());
    }
  }
}
