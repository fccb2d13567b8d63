package org.besuzkml.codec;

import java.util.ArrayList;
import java.util.List;
import org.besuzkml.curve.G1;
import org.besuzkml.pcs.HyperKzgVerifierKey;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * The verifying key "BZKV" (12.3). Sections: 1 PARAMS, 2 SRS_G2, 3 TENSORS, 4 TABLES (function
 * tables only; the range tables follow from the gadgets), 5 GADGETS ({@link GadgetCodec}), 6 PUBLIC,
 * 7 MODEL_COLUMNS (checked against the layout derived from the circuit), 8 MODEL_BINS.
 * Tensor kinds: 0 public input, 2 constant, 3 committed, 4 virtual (a public output is whatever kind
 * its producer gives it; PUBLIC lists it). A version-2 key (zero knowledge: container version 2 with
 * the zk flag, PARAMS protocol version 2) adds section 9 VISIBILITY ({@link Visibility}).
 */
public final class VkCodec {
  public static final int PROTOCOL_VERSION = 1;
  public static final int PROTOCOL_VERSION_ZK = 2;
  public static final int MAX_COUNT = 1 << 16;
  public static final int MAX_RANK = 8;
  public static final int MAX_DIM = 1 << 24;
  public static final long MAX_TOTAL_ENTRIES = 1L << 28;

  private VkCodec() {}

  /** Encodes a key; tableHashes[i] = keccak256 of function table i's values (i64 big-endian). */
  public static byte[] encode(int nBin, boolean dev, long devSeed, byte[] srsDigest,
      HyperKzgVerifierKey pcsKey, Circuit c, int[] scales, byte[][] tableHashes, long[] modelBins,
      int modelBinCount) {
    return encode(nBin, dev, devSeed, srsDigest, pcsKey, c, scales, tableHashes, modelBins, modelBinCount, null);
  }

  /**
   * As above; with a visibility, a version-2 (zero-knowledge) key with section 9 ({@code srsDigest}
   * is then the version-2 digest over the beta points too, zk-design 1.3).
   */
  public static byte[] encode(int nBin, boolean dev, long devSeed, byte[] srsDigest,
      HyperKzgVerifierKey pcsKey, Circuit c, int[] scales, byte[][] tableHashes, long[] modelBins,
      int modelBinCount, Visibility visibility) {
    boolean zk = visibility != null;
    ByteWriter params = new ByteWriter().u16(zk ? PROTOCOL_VERSION_ZK : PROTOCOL_VERSION).u8(c.limbWidth()).u8(nBin)
        .u8(dev ? 1 : 0).i64(devSeed).bytes(srsDigest);
    byte[][] circuit = circuitSections(c, scales, tableHashes);
    ColumnLayout layout = ColumnLayout.of(c, LookupPlan.of(c));
    ByteWriter cols = new ByteWriter().i32(layout.model().size());
    for (ColumnLayout.Column col : layout.model()) {
      cols.i32(col.tensor()).u8(col.vars());
    }
    ByteWriter bins = new ByteWriter().i32(modelBinCount).g1s(modelBins, 0, modelBinCount);
    byte[][] sections = {params.toByteArray(), pcsKey.encodeG2(), circuit[0], circuit[1], circuit[2], circuit[3],
        cols.toByteArray(), bins.toByteArray()};
    if (!zk) {
      return Container.encode(Container.VK, sections);
    }
    byte[][] all = java.util.Arrays.copyOf(sections, 9);
    all[8] = visibility.encode();
    return Container.encode(Container.VK, Container.VERSION_ZK, Container.FLAG_ZK, all);
  }

  /** The TENSORS, TABLES, GADGETS and PUBLIC section bodies of a circuit. */
  public static byte[][] circuitSections(Circuit c, int[] scales, byte[][] tableHashes) {
    ByteWriter tensors = new ByteWriter().i32(c.tensors().size());
    for (TensorInfo t : c.tensors()) {
      tensors.u8(kindCode(t.kind())).u8(t.rank());
      for (int d : t.shape()) {
        tensors.i32(d);
      }
      tensors.u8(scales == null ? 0 : scales[t.id()]);
    }
    ByteWriter tables = new ByteWriter().i32(c.tables().size());
    for (int i = 0; i < c.tables().size(); i++) {
      TableInfo t = c.tables().get(i);
      tables.u8(3).u8(t.bits()).i32(t.size()).i64(t.lo()).i32(t.values()).bytes(tableHashes[i])
          .string(t.function());
    }
    ByteWriter gadgets = new ByteWriter().i32(c.gadgets().size());
    for (Gadget g : c.gadgets()) {
      byte[] p = GadgetCodec.encodeParams(g);
      gadgets.u16(GadgetCodec.code(g)).i32(p.length).bytes(p);
    }
    ByteWriter pub = new ByteWriter().u16(c.inputs().length);
    for (int i : c.inputs()) {
      pub.i32(i);
    }
    pub.u16(c.outputs().length);
    for (int o : c.outputs()) {
      pub.i32(o);
    }
    return new byte[][] {tensors.toByteArray(), tables.toByteArray(), gadgets.toByteArray(),
        pub.toByteArray()};
  }

  static int kindCode(TensorKind k) {
    return switch (k) {
      case PUBLIC_INPUT -> 0;
      case CONSTANT -> 2;
      case COMMITTED -> 3;
      case VIRTUAL -> 4;
    };
  }

  /** Decodes and checks a key; never throws. */
  public static Decoded<VerifyingKey> decode(byte[] data) {
    try {
      return decodeUnchecked(data);
    } catch (RuntimeException e) {
      return Decoded.err("malformed verifying key: " + e.getClass().getSimpleName(), -1);
    }
  }

  private static Decoded<VerifyingKey> decodeUnchecked(byte[] data) {
    Decoded<Container.Sections> cont = Container.decode(data, Container.VK, 8, 9);
    if (!cont.isOk()) {
      return cont.cast();
    }
    int[] b = cont.value().bounds();
    boolean zk = cont.value().version() == Container.VERSION_ZK;
    // 1 PARAMS
    ByteReader r = new ByteReader(data, b[0], b[1]);
    int version = r.u16("protocol version");
    int w = r.u8("w");
    int nBin = r.u8("n_bin");
    int dev = r.u8("dev");
    long seed = r.i64("dev seed");
    byte[] digest = r.bytes(32, "srs digest");
    if (!end(r, "PARAMS")) {
      return err(r);
    }
    if (version != (zk ? PROTOCOL_VERSION_ZK : PROTOCOL_VERSION)) {
      return Decoded.err("protocol version " + version + " unsupported in a version-" + cont.value().version()
          + " container", b[0]);
    }
    if ((w != 8 && w != 16) || nBin < 1 || nBin > 20 || dev > 1) {
      return Decoded.err("PARAMS out of range (w " + w + ", n_bin " + nBin + ", dev " + dev + ")", b[0]);
    }
    // 2 SRS_G2
    if (b[3] - b[2] != 256) {
      return Decoded.err("SRS_G2 must be 256 bytes", b[2]);
    }
    HyperKzgVerifierKey.Decoded key = HyperKzgVerifierKey.decode(data, b[2], digest, dev == 1);
    if (key.key() == null) {
      return Decoded.err("SRS_G2: " + key.error(), b[2]);
    }
    // 3 TENSORS
    r = new ByteReader(data, b[4], b[5]);
    int nt = r.count("tensors", MAX_COUNT, 3);
    List<TensorInfo> tensors = new ArrayList<>(nt);
    int[] scales = new int[nt];
    long total = 0;
    for (int i = 0; i < nt && r.ok(); i++) {
      int kind = r.u8("tensor kind");
      int rank = r.u8("tensor rank");
      if (rank > MAX_RANK) {
        r.fail("rank " + rank + " over " + MAX_RANK);
        break;
      }
      int[] shape = new int[rank];
      for (int d = 0; d < rank; d++) {
        shape[d] = r.i32("dimension");
        if (shape[d] < 1 || shape[d] > MAX_DIM) {
          r.fail("dimension " + shape[d] + " out of range");
        }
      }
      scales[i] = r.i8("scale");
      TensorKind k = switch (kind) {
        case 0 -> TensorKind.PUBLIC_INPUT;
        case 2 -> TensorKind.CONSTANT;
        case 3 -> TensorKind.COMMITTED;
        case 4 -> TensorKind.VIRTUAL;
        default -> null;
      };
      if (k == null) {
        r.fail("tensor kind " + kind);
        break;
      }
      if (r.ok()) {
        TensorInfo t = new TensorInfo(i, "t" + i, k, shape);
        total += 1L << Math.min(40, t.vars());
        if (t.vars() > 28 || total > MAX_TOTAL_ENTRIES) {
          r.fail("tensors exceed 2^28 entries");
        }
        tensors.add(t);
      }
    }
    if (!end(r, "TENSORS")) {
      return err(r);
    }
    // 4 TABLES
    r = new ByteReader(data, b[6], b[7]);
    int nf = r.count("tables", MAX_COUNT, 50);
    List<TableInfo> tables = new ArrayList<>(nf);
    for (int i = 0; i < nf && r.ok(); i++) {
      int kind = r.u8("table kind");
      int bits = r.u8("table bits");
      int size = r.i32("table size");
      long lo = r.i64("table lo");
      int col = r.i32("table column");
      r.bytes(32, "table hash");
      String fn = r.string("table function");
      if (r.ok() && (kind != 3 || bits < 1 || bits > 16 || size < 1 || size > (1 << bits) || col < 0
          || col >= tensors.size() || tensors.get(col).kind() != TensorKind.CONSTANT)) {
        r.fail("function table " + i + " malformed");
      }
      TableInfo t = new TableInfo(fn, size, lo, col);
      if (r.ok() && t.bits() != bits) {
        r.fail("function table " + i + " bits disagree with its size");
      }
      tables.add(t);
    }
    if (!end(r, "TABLES")) {
      return err(r);
    }
    // 5 GADGETS
    r = new ByteReader(data, b[8], b[9]);
    int ng = r.count("gadgets", MAX_COUNT, 6);
    List<Gadget> gadgets = new ArrayList<>(ng);
    WireMapCodec.Budget budget = new WireMapCodec.Budget();
    for (int i = 0; i < ng && r.ok(); i++) {
      int kind = r.u16("gadget kind");
      int plen = r.i32("gadget params length");
      if (!r.ok()) {
        break;
      }
      if (plen < 0 || plen > r.remaining()) {
        r.fail("gadget " + i + " params length exceeds the section");
        break;
      }
      int start = r.position();
      ByteReader pr = new ByteReader(data, start, start + plen);
      Gadget g = kind == WireMapCodec.KIND ? WireMapCodec.decodeParams(pr, tensors, budget)
          : GadgetCodec.decodeParams(kind, pr);
      if (g == null || pr.remaining() != 0) {
        r.fail("gadget " + i + ": " + (pr.ok() ? "trailing parameter bytes" : pr.error()));
        break;
      }
      r.skip(plen);
      gadgets.add(g);
    }
    if (!end(r, "GADGETS")) {
      return err(r);
    }
    // 6 PUBLIC
    r = new ByteReader(data, b[10], b[11]);
    int ni = r.u16("inputs");
    int[] ins = new int[Math.min(ni, r.remaining() / 4)];
    for (int i = 0; i < ins.length; i++) {
      ins[i] = r.i32("input");
    }
    if (ins.length != ni) {
      r.fail("truncated inputs");
    }
    int no = r.u16("outputs");
    int[] outs = new int[Math.min(no, r.remaining() / 4)];
    for (int i = 0; i < outs.length; i++) {
      outs[i] = r.i32("output");
    }
    if (outs.length != no) {
      r.fail("truncated outputs");
    }
    if (!end(r, "PUBLIC")) {
      return err(r);
    }
    Circuit c = new Circuit(tensors, gadgets, tables, w, ins, outs);
    String bad = CircuitCheck.check(c, zk);
    if (bad != null) {
      return Decoded.err("gadget list rejected: " + bad, b[8]);
    }
    LookupPlan plan = LookupPlan.of(c);
    ColumnLayout layout = ColumnLayout.of(c, plan);
    if (layout.nBin() != nBin) {
      return Decoded.err("n_bin " + nBin + " differs from the layout's " + layout.nBin(), b[0]);
    }
    // 7 MODEL_COLUMNS
    r = new ByteReader(data, b[12], b[13]);
    int nc = r.count("model columns", MAX_COUNT, 5);
    if (r.ok() && nc != layout.model().size()) {
      r.fail("model column count differs from the layout");
    }
    for (int i = 0; i < nc && r.ok(); i++) {
      int t = r.i32("column tensor");
      int m = r.u8("column vars");
      ColumnLayout.Column col = layout.model().get(i);
      if (r.ok() && (t != col.tensor() || m != col.vars())) {
        r.fail("model column " + i + " differs from the layout");
      }
    }
    if (!end(r, "MODEL_COLUMNS")) {
      return err(r);
    }
    // 8 MODEL_BINS
    r = new ByteReader(data, b[14], b[15]);
    int nb = r.count("model bins", MAX_COUNT, G1.ENCODED);
    if (r.ok() && nb != layout.modelBins()) {
      r.fail("model bin count " + nb + ", layout needs " + layout.modelBins());
    }
    long[] bins = new long[nb * G1.AFFINE];
    for (int i = 0; i < nb && r.ok(); i++) {
      r.g1(bins, i * G1.AFFINE, "model bin");
    }
    if (!end(r, "MODEL_BINS")) {
      return err(r);
    }
    HyperKzgVerifierKey pcsKey = key.key();
    Visibility visibility = null;
    if (zk) {
      // 9 VISIBILITY
      Decoded<Visibility.Checked> v = Visibility.decode(data, b[16], b[17], ins.length, outs.length, nb, pcsKey);
      if (!v.isOk()) {
        return v.cast();
      }
      visibility = v.value().visibility();
      pcsKey = v.value().key();
      String p10 = visibility.checkCircuit(c);
      if (p10 != null) {
        return Decoded.err("VISIBILITY: " + p10, b[16]);
      }
    }
    return Decoded.ok(new VerifyingKey(w, nBin, dev == 1, seed, digest, pcsKey, c, scales, bins, plan,
        layout, data.clone(), Keccak.hash(data), visibility));
  }

  private static boolean end(ByteReader r, String section) {
    if (r.ok() && r.remaining() != 0) {
      r.fail("trailing bytes in " + section);
    }
    return r.ok();
  }

  private static <T> Decoded<T> err(ByteReader r) {
    return Decoded.err(r.error(), r.errorOffset());
  }

  /** keccak256 of a function table's values as i64 big-endian. */
  public static byte[] tableHash(long[] values) {
    ByteWriter w = new ByteWriter();
    for (long v : values) {
      w.i64(v);
    }
    return Keccak.hash(w.toByteArray());
  }
}
