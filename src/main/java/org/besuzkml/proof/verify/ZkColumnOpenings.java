package org.besuzkml.proof.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.field.Fr;
import org.besuzkml.mask.LambdaClaim;
import org.besuzkml.mask.MaskCursor;
import org.besuzkml.mask.MaskForm;
import org.besuzkml.mask.MaskedOpening;
import org.besuzkml.poly.Multilinear;
import org.besuzkml.proof.gadget.ColumnLayout;
import org.besuzkml.proof.gadget.ProofSink;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.WalkMath;
import org.besuzkml.sumcheck.Checked;
import org.besuzkml.sumcheck.FieldReader;
import org.besuzkml.transcript.Transcript;

/**
 * The bin mapping in zero-knowledge mode (zk-design 4.3 R4, 6.1), one bookkeeping for both sides as
 * {@link Walk#finish} is in version 1: masked claims on columns (object = tensor id of a constant or
 * committed tensor, or {@link #multiplicityObject} of a lookup table) become masked opening claims on
 * bins (object = bin index, witness bins first, then model bins) at points of {@code nBin} variables.
 * A column inside one bin keeps value and offset at the point {@code (bits(offset >> m), z)}; a column
 * of {@code chunks} bins states its chunk values {@code v_k = chunk_k~(z_lo) + Lambda[slot_k]} in one
 * {@code walk/vals} record (slots consecutive, taken when stated), defers the chunk sum as R1's
 * Lambda-claim {@code <sum_k eq(z_hi, k) e_slot_k - omega, Lambda> = sum_k eq(z_hi, k) v_k - v} and
 * opens each chunk as {@code (bin_k, z_lo, v_k, e_slot_k)}. Claims are taken in the caller's order
 * (version 1: the lookup phase's multiplicity claims, then the walk's); the allocation check (cursor
 * exhausted) is the caller's, after its last consumer. Verifier work: O(chunks * (vars - nBin)) per
 * chunked claim, O(nBin) per other one.
 */
public final class ZkColumnOpenings {
  private ZkColumnOpenings() {}

  private static final int L = Fr.LIMBS;

  /** The opening claims on bins in creation order and the chunk sums' Lambda-claims in creation order. */
  public record Result(List<MaskedOpening> openings, List<LambdaClaim> lambdaClaims) {}

  /** The object naming lookup table j's multiplicity column (as {@link Walk} names it). */
  public static int multiplicityObject(int table) {
    return -1 - table;
  }

  /** What differs between the sides: the chunk values of one chunked claim, masked, stated or read. */
  private interface Chunks {
    /** The {@code count} masked values of bins {@code bin..bin+count} at z's low part, or null. */
    long[] values(int bin, int count, long[] z, int hi, int firstSlot);

    /** Why {@link #values} returned null. */
    String error();
  }

  /**
   * The number of mask entries the mapping of these claims takes: the chunk count of every chunked
   * column claimed (a function of the vk and the claims' objects), or -1 if an object is no column.
   */
  public static int slots(VerifyingKey vk, List<MaskedOpening> claims) {
    if (claims == null) {
      return -1;
    }
    ColumnIndex index = ColumnIndex.of(vk);
    long n = 0;
    for (MaskedOpening cl : claims) {
      Located at = cl == null ? null : locate(vk, index, cl.object());
      if (at == null) {
        return -1;
      }
      n += at.col().chunks() > 1 ? at.col().chunks() : 0;
    }
    return n > Integer.MAX_VALUE ? -1 : (int) n;
  }

  /**
   * Prover: the same messages and claims as {@link #verify}. {@code bins} are the committed bins' Fr
   * tables (2^nBin elements each) in the reduction's order, {@code lambda} the whole mask column and
   * {@code cursor} its allocation, positioned where the mapping starts.
   */
  public static Checked<Result> prove(VerifyingKey vk, List<MaskedOpening> claims, long[][] bins, long[] lambda,
      MaskCursor cursor, ProofSink out, Transcript t) {
    if (cursor == null || bins == null || bins.length < vk.witnessBinCount() + vk.modelBinCount() || lambda == null
        || lambda.length != cursor.size() * L) {
      return Checked.rejected("zk bin mapping (prover): bins or mask column of the wrong size");
    }
    for (long[] b : bins) {
      if (b == null || b.length != (1 << vk.nBin()) * L) {
        return Checked.rejected("zk bin mapping (prover): a bin of the wrong size");
      }
    }
    int nBin = vk.nBin();
    return map(vk, claims, cursor, new Chunks() {
      @Override
      public long[] values(int bin, int count, long[] z, int hi, int firstSlot) {
        long[] v = new long[count * L];
        for (int k = 0; k < count; k++) {
          // the chunk fills bin + k, so its MLE at z_lo is the bin's
          Multilinear.evaluate(v, k * L, bins[bin + k], 0, nBin, z, hi * L);
          Fr.add(v, k * L, v, k * L, lambda, (firstSlot + k) * L);
        }
        WalkMath.state(v, count, out, t);
        return v;
      }

      @Override
      public String error() {
        return "unreachable";
      }
    });
  }

  /**
   * Verifier: reads the chunk values, or a rejection with its reason; never throws on proof content.
   * {@code cursor} is positioned where the mapping starts.
   */
  public static Checked<Result> verify(VerifyingKey vk, List<MaskedOpening> claims, MaskCursor cursor,
      FieldReader in, Transcript t) {
    try {
      return map(vk, claims, cursor, new Chunks() {
        @Override
        public long[] values(int bin, int count, long[] z, int hi, int firstSlot) {
          return WalkMath.read(count, in, t);
        }

        @Override
        public String error() {
          return "proof too short for the chunk values (" + in.error() + ")";
        }
      });
    } catch (RuntimeException e) {
      return Checked.rejected("zk bin mapping: malformed input (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A column and whether it is a model column. */
  private record Located(ColumnLayout.Column col, boolean model) {}

  /** The column an object names, or null: constant tensors, committed tensors with a witness column, tables. */
  private static Located locate(VerifyingKey vk, ColumnIndex index, int object) {
    if (object < 0) {
      int table = -1 - object;
      return table < index.multiplicity().length && index.multiplicity()[table] != null
          ? new Located(index.multiplicity()[table], false) : null;
    }
    if (object >= vk.circuit().tensors().size()) {
      return null;
    }
    TensorInfo ti = vk.circuit().tensor(object);
    return switch (ti.kind()) {
      case CONSTANT -> index.model()[object] == null ? null : new Located(index.model()[object], true);
      case COMMITTED -> index.witness()[object] == null ? null : new Located(index.witness()[object], false);
      default -> null; // public and virtual tensors have no column
    };
  }

  private static Checked<Result> map(VerifyingKey vk, List<MaskedOpening> claims, MaskCursor cursor,
      Chunks side) {
    if (claims == null || cursor == null) {
      return Checked.rejected("zk bin mapping: missing input");
    }
    ColumnIndex index = ColumnIndex.of(vk);
    int nBin = vk.nBin();
    List<MaskedOpening> openings = new ArrayList<>();
    List<LambdaClaim> lambdaClaims = new ArrayList<>();
    for (int j = 0; j < claims.size(); j++) {
      MaskedOpening cl = claims.get(j);
      Located at = cl == null ? null : locate(vk, index, cl.object());
      if (at == null) {
        return Checked.rejected("zk bin mapping: claim " + j + " is not on a column of the layout");
      }
      ColumnLayout.Column col = at.col();
      if (cl.point() == null || cl.point().length != col.vars() * L || cl.value() == null
          || cl.value().length != L || cl.omega() == null) {
        return Checked.rejected("zk bin mapping: claim " + j + " malformed or at a point of the wrong length");
      }
      int bin = (at.model() ? vk.witnessBinCount() : 0) + col.bin();
      if (col.chunks() == 1) {
        openings.add(new MaskedOpening(bin, binPoint(col, cl.point(), nBin), cl.value().clone(),
            cl.omega().copy()));
        continue;
      }
      int chunks = col.chunks();
      int hi = col.vars() - nBin;
      int first = cursor.take(chunks);
      if (first < 0) {
        return Checked.rejected("zk bin mapping: mask column overrun");
      }
      long[] vals = side.values(bin, chunks, cl.point(), hi, first);
      if (vals == null) {
        return Checked.rejected("zk bin mapping: claim " + j + ": " + side.error());
      }
      chunkClaims(cl, bin, chunks, hi, first, vals, openings, lambdaClaims);
    }
    return Checked.ok(new Result(List.copyOf(openings), List.copyOf(lambdaClaims)));
  }

  /** R1 on the chunk sum, then one opening per chunk at z_lo. */
  private static void chunkClaims(MaskedOpening cl, int bin, int chunks, int hi, int first, long[] vals,
      List<MaskedOpening> openings, List<LambdaClaim> lambdaClaims) {
    long[] z = cl.point();
    long[] lo = Arrays.copyOfRange(z, hi * L, z.length);
    long[] idx = new long[hi * L];
    long[] e = new long[L];
    long[] sum = new long[L];
    long[] minusOne = new long[L];
    Fr.sub(minusOne, 0, minusOne, 0, WalkMath.one(), 0);
    MaskForm form = new MaskForm().addScaled(cl.omega(), minusOne, 0);
    for (int k = 0; k < chunks; k++) {
      Walk.bits(idx, 0, k, hi);
      Multilinear.eqEvaluate(e, 0, z, 0, idx, 0, hi);
      form.add(first + k, e, 0);
      Fr.mul(e, 0, e, 0, vals, k * L);
      Fr.add(sum, 0, sum, 0, e, 0);
      openings.add(new MaskedOpening(bin + k, lo.clone(), WalkMath.at(vals, k),
          MaskForm.single(first + k, WalkMath.one(), 0)));
    }
    Fr.sub(sum, 0, sum, 0, cl.value(), 0);
    lambdaClaims.add(new LambdaClaim(form, sum));
  }

  /** (bits(offset >> m, nBin - m), z): the column's aligned subcube of its bin (as {@link Walk}). */
  private static long[] binPoint(ColumnLayout.Column col, long[] z, int nBin) {
    int m = col.vars();
    long[] p = new long[nBin * L];
    Walk.bits(p, 0, col.offset() >> m, nBin - m);
    System.arraycopy(z, 0, p, (nBin - m) * L, m * L);
    return p;
  }
}
