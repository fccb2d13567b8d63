package org.besuzkml.proof;

import org.besuzkml.codec.Decoded;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.codec.Visibility;
import org.besuzkml.codec.VkCodec;
import org.besuzkml.curve.G1;
import org.besuzkml.pcs.HyperKzg;
import org.besuzkml.pcs.HyperKzgVerifierKey;
import org.besuzkml.pcs.srs.Srs;
import org.besuzkml.proof.compile.CompiledModel;
import org.besuzkml.proof.compile.Compiler;
import org.besuzkml.proof.gadget.Circuit;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.LookupPlan;
import org.besuzkml.proof.gadget.TableInfo;
import org.besuzkml.proof.gadget.TensorKind;
import org.besuzkml.proof.witness.Witness;
import org.besuzkml.proof.witness.WitnessBins;

/**
 * Setup (7.1): packs the model's constants into model bins, commits each bin with the SRS, and
 * writes the verifying key. Deterministic for a given model and SRS.
 */
public final class Setup {
  private Setup() {}

  /** The number of bin variables (so the SRS size) a compiled model needs. */
  public static int binVars(CompiledModel cm) {
    Circuit c = cm.circuit();
    return ColumnLayout.of(c, LookupPlan.of(c)).nBin();
  }

  /** The proving key (with its vk) for a compiled model; the SRS must have at least 2^n_bin powers. */
  public static ProvingKey run(CompiledModel cm, Srs srs) {
    return run(cm, srs, false);
  }

  /**
   * The version-2 (zero-knowledge) proving key (zk-design 1.6, 11.2): the same model bins and
   * circuit, VISIBILITY with the SRS's blinding base, the version-2 SRS digest. The SRS must carry
   * its beta points. The visibility follows the circuit: an input is private exactly when the
   * compiler made its tensor committed ({@link #withPrivateInputs}); everything else is public.
   */
  public static ProvingKey runZk(CompiledModel cm, Srs srs) {
    if (!srs.hasBeta()) {
      throw new IllegalArgumentException("a zero-knowledge key needs an SRS with its beta points");
    }
    return run(cm, srs, true);
  }

  private static ProvingKey run(CompiledModel cm, Srs srs, boolean zk) {
    Circuit c = cm.circuit();
    ColumnLayout layout = ColumnLayout.of(c, LookupPlan.of(c));
    int nBin = layout.nBin();
    if (srs.logSize() < nBin) {
      throw new IllegalArgumentException("the SRS has 2^" + srs.logSize() + " powers; this model needs 2^"
          + nBin);
    }
    Srs s = srs.logSize() == nBin ? srs : srs.truncate(nBin);
    long[][] bins = modelBins(cm, layout);
    long[] commitments = new long[bins.length * G1.AFFINE];
    for (int k = 0; k < bins.length; k++) {
      System.arraycopy(HyperKzg.commitSmall(s, bins[k], 1 << nBin), 0, commitments, k * G1.AFFINE, G1.AFFINE);
    }
    byte[][] hashes = new byte[c.tables().size()][];
    for (int i = 0; i < hashes.length; i++) {
      TableInfo ti = c.tables().get(i);
      hashes[i] = VkCodec.tableHash(cm.constants().get(ti.values()));
    }
    HyperKzgVerifierKey key = HyperKzgVerifierKey.of(s);
    byte[] vkBytes = zk
        ? VkCodec.encode(nBin, s.insecure(), s.devSeed(), s.digestV2(), key, c, scales(cm), hashes, commitments,
            bins.length, visibility(c, bins.length, key.encodeBeta()))
        : VkCodec.encode(nBin, s.insecure(), s.devSeed(), s.digest(), key, c, scales(cm), hashes, commitments,
            bins.length);
    Decoded<VerifyingKey> vk = VkCodec.decode(vkBytes);
    if (!vk.isOk()) {
      throw new IllegalStateException("setup produced a vk its own decoder rejects: " + vk.reason());
    }
    return new ProvingKey(vk.value(), cm, s, bins);
  }

  /** VISIBILITY of a zk key for circuit c: inputs private where their tensor is committed, the rest public. */
  private static Visibility visibility(Circuit c, int modelBins, byte[] beta) {
    int[] in = new int[c.inputs().length];
    boolean[] backed = new boolean[c.tensors().size()];
    for (var g : c.gadgets()) {
      if (g instanceof org.besuzkml.proof.gadget.Decomp d && d.define()) {
        backed[d.x()] = true;
      }
    }
    for (int i = 0; i < in.length; i++) {
      boolean committed = c.tensor(c.inputs()[i]).kind() == TensorKind.COMMITTED;
      in[i] = !committed ? Visibility.PUBLIC : backed[c.inputs()[i]] ? Visibility.PRIVATE : Visibility.COMMITTED;
    }
    return new Visibility(Visibility.PUBLIC, in, new int[c.outputs().length], modelBins, beta);
  }

  /**
   * The compiled model with the given graph inputs private (zk-design 1.1, chosen at setup: one
   * compiled model, keys of several visibilities): the same quantized model lowered again with each
   * private input as committed advice backed by a Decomp define Act. None private: cm itself.
   */
  public static CompiledModel withPrivateInputs(CompiledModel cm, boolean[] privateInputs) {
    boolean any = false;
    for (boolean p : privateInputs) {
      any |= p;
    }
    return any ? Compiler.compile(cm.model(), privateInputs) : cm;
  }

  /**
   * The compiled model with each graph input as its VISIBILITY code says (0 public, 1 private,
   * 2 committed; zk-design 1.1, 4.7). All public: cm itself.
   */
  public static CompiledModel withInputVisibility(CompiledModel cm, int[] codes) {
    boolean[] priv = new boolean[codes.length];
    boolean[] com = new boolean[codes.length];
    boolean any = false;
    for (int i = 0; i < codes.length; i++) {
      priv[i] = codes[i] == Visibility.PRIVATE;
      com[i] = codes[i] == Visibility.COMMITTED;
      any |= priv[i] || com[i];
    }
    return any ? Compiler.compile(cm.model(), priv, com) : cm;
  }

  /** Scale exponents of the public tensors (engine scales by graph input/output name). */
  public static int[] scales(CompiledModel cm) {
    Circuit c = cm.circuit();
    int[] s = new int[c.tensors().size()];
    var g = cm.model().graph();
    for (int i = 0; i < c.inputs().length; i++) {
      s[c.inputs()[i]] = cm.model().scales().getOrDefault(g.inputs().get(i).name(), 0);
    }
    for (int i = 0; i < c.outputs().length; i++) {
      s[c.outputs()[i]] = cm.model().scales().getOrDefault(g.outputs().get(i).name(), 0);
    }
    return s;
  }

  /** The model bins (integers) from the constants. */
  static long[][] modelBins(CompiledModel cm, ColumnLayout layout) {
    Witness w = new Witness(cm.circuit());
    for (var e : cm.constants().entrySet()) {
      w.set(e.getKey(), e.getValue());
    }
    long[][] bins = WitnessBins.modelBins(layout, w);
    // function-table output columns repeat their last value over the padding (5.1)
    long[][] f = Prover.functionColumns(cm.circuit(), cm);
    int size = 1 << layout.nBin();
    for (ColumnLayout.Column col : layout.model()) {
      long[] vals = f[col.tensor()];
      if (vals != null) {
        for (int i = 0; i < vals.length; i++) {
          bins[col.bin() + i / size][col.offset() + i % size] = vals[i];
        }
      }
    }
    return bins;
  }
}
