package org.besuzkml.proof;

import java.util.Locale;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * The heap a prove job needs, estimated from the key before any work, so that a job too large for
 * the JVM is refused at once with the {@code -Xmx} to use rather than dying half way through an MSM.
 *
 * <p>The estimate is linear in two sizes read from the vk: the bin entries {@code (K + K') 2^n_bin}
 * and the padded entries of every tensor that is not a constant (activations). The opening holds
 * every bin as integers, as field elements and beside an eq table of the same size, its sumcheck
 * folds them, and the HyperKzg MSMs keep digit and base buffers per entry; the parameters and the
 * function tables live in the model bins, so they are counted there. The trace, the witness, the
 * lookup columns and the walk's sumcheck tables are per activation. The coefficients are fitted to
 * the smallest {@code -Xmx} at which each model of a ladder (generated MLPs of 10^5 to 10^7
 * parameters, lenet_5, self_attention and smaller corpus models) still proves, rounded up
 * (docs/benchmarks.md, "Proving memory"): a job below the estimate would at best crawl through
 * back-to-back collections, so {@link #check} refuses it.
 */
public final class ProveMemory {
  private ProveMemory() {}

  /** The smallest models' floor: engine graph, compiled model, pk bytes, JIT and GC slack. */
  static final long BASE = 20L << 20;
  /**
   * Per bin entry up to {@code 2^17}-entry bins (see the class comment): measured 250-390 bytes of
   * -Xmx. G1 keeps an array larger than half a region in whole regions of its own, which wastes up
   * to half of a 2^15-entry table but little of a 2^20-entry one (regions grow with the heap), so
   * the figure falls for larger bins: {@link #perBinEntry}.
   */
  static final long PER_BIN_ENTRY = 400;
  /** Per padded activation entry beyond what the witness bins hold (trace and witness longs). */
  static final long PER_ACTIVATION = 32;

  /** Bytes of heap per bin entry for bins of {@code 2^nBin} entries (fitted, docs/benchmarks.md). */
  static long perBinEntry(int nBin) {
    return nBin <= 17 ? PER_BIN_ENTRY : nBin == 18 ? 330 : nBin == 19 ? 270 : 220;
  }

  /**
   * The estimated peak heap in bytes of proving with this key. Fitted on version-1 keys; a version-2
   * key is estimated alike, unmeasured (it has no key file yet, so only in-memory keys reach here).
   */
  public static long estimate(VerifyingKey vk) {
    long bins = ((long) vk.witnessBinCount() + vk.modelBinCount()) << vk.nBin();
    long acts = 0;
    for (TensorInfo t : vk.circuit().tensors()) {
      if (t.kind() != TensorKind.CONSTANT) {
        acts += 1L << t.vars();
      }
    }
    return BASE + perBinEntry(vk.nBin()) * bins + PER_ACTIVATION * acts;
  }

  /**
   * Null when {@code maxHeap} (e.g. {@link Runtime#maxMemory()}) covers the estimate, else the one
   * line that says how much heap is needed and how to ask for it.
   */
  public static String check(VerifyingKey vk, long maxHeap) {
    long need = estimate(vk);
    if (maxHeap >= need) {
      return null;
    }
    return "proving this model needs about " + size(need) + " of heap; this JVM has " + size(maxHeap)
        + ": run with " + xmx(need) + " (java " + xmx(need) + " -jar zkml.jar ..., or JAVA_TOOL_OPTIONS="
        + xmx(need) + ")";
  }

  /** The one line for an {@link OutOfMemoryError} while proving with this key. */
  public static String outOfHeap(VerifyingKey vk, long maxHeap) {
    long need = Math.max(estimate(vk), maxHeap + maxHeap / 2);
    return "out of memory while proving with a heap limit of " + size(maxHeap) + " (about " + size(estimate(vk))
        + " estimated for this model): run with a larger heap, e.g. java " + xmx(need) + " -jar zkml.jar ...";
  }

  /** The line for an out-of-heap failure when no key is at hand. */
  public static String outOfHeap(long maxHeap) {
    return "out of memory while proving with a heap limit of " + size(maxHeap)
        + ": run with a larger heap, e.g. java " + xmx(2 * maxHeap) + " -jar zkml.jar ...";
  }

  static String size(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
        : ((bytes + (1 << 20) - 1) >> 20) + " MiB";
  }

  /** The -Xmx flag that covers {@code bytes}: whole GiB from 1 GiB up, else multiples of 64 MiB. */
  static String xmx(long bytes) {
    long mib = (bytes + (1 << 20) - 1) >> 20;
    return mib > 1024 ? "-Xmx" + (mib + 1023) / 1024 + "g" : "-Xmx" + (mib + 63) / 64 * 64 + "m";
  }
}
