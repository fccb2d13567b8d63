package org.besuzkml.proof;

import java.util.Locale;
import org.besuzkml.codec.VerifyingKey;
import org.besuzkml.proof.gadget.TensorInfo;
import org.besuzkml.proof.gadget.TensorKind;

/**
 * The heap a prove job needs, estimated from the key before any work, so that a job too large for
 * the JVM is refused at once with the {@code -Xmx} to use rather than dying half way through an MSM.
 *
 * <p>The estimate is linear in four sizes read from the vk: the bin entries {@code (K + K') 2^n_bin}
 * (the opening holds every bin as field elements beside its eq table, and the MSMs' digit and base
 * buffers are per bin entry), the SRS powers {@code 2^n_bin}, and the padded entries of the
 * constant tensors (parameters) and of every other tensor (activations, which the trace, the
 * witness and the walk's sumcheck tables hold). The coefficients are fitted to the smallest heap
 * at which each of a ladder of models still proves (docs/benchmarks.md, "Proving memory"), with a
 * margin, so a job refused by {@link #check} would have run out of heap.
 */
public final class ProveMemory {
  private ProveMemory() {}

  /** The JVM itself, the loaded classes, the pk bytes and ONNX graph of a small model. */
  static final long BASE = 48L << 20;
  /** Per bin entry: two field-element tables in the opening, the long bins, sumcheck folds, MSM buffers. */
  static final long PER_BIN_ENTRY = 200;
  /** Per SRS power: the affine point (64 bytes) and the MSM's doubled, sign-split base copy. */
  static final long PER_POWER = 200;
  /** Per padded parameter entry: its long, its float, and its field element in the walk's tables. */
  static final long PER_PARAM = 64;
  /** Per padded activation entry: trace, witness, lookup columns and walk tables. */
  static final long PER_ACTIVATION = 400;

  /** The estimated peak heap in bytes of proving with this key (version 1 or 2). */
  public static long estimate(VerifyingKey vk) {
    long n = 1L << vk.nBin();
    long bins = (long) vk.witnessBinCount() + vk.modelBinCount();
    long params = 0;
    long acts = 0;
    for (TensorInfo t : vk.circuit().tensors()) {
      if (t.kind() == TensorKind.CONSTANT) {
        params += 1L << t.vars();
      } else {
        acts += 1L << t.vars();
      }
    }
    long e = BASE + PER_BIN_ENTRY * bins * n + PER_POWER * n + PER_PARAM * params + PER_ACTIVATION * acts;
    return vk.zk() ? e + e / 4 : e; // masks and hiding terms: about a quarter more (zk-design 10)
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
