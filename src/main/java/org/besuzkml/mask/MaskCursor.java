package org.besuzkml.mask;

/**
 * Allocates consecutive entries of the mask column, of a size fixed by the vk. Prover and verifier
 * take entries in the same order (zk-design 3.5), and the verifier checks at the end that exactly
 * {@link #size()} were taken ({@link #exhausted()}): a proof that needs more or fewer masks than the
 * vk says is malformed.
 */
public final class MaskCursor {
  /** Most entries a mask column may have (2^24: far above any corpus model's few thousand). */
  public static final int MAX_SIZE = 1 << 24;

  private final int size;
  private int next;

  private MaskCursor(int size) {
    this.size = size;
  }

  /** A cursor over {@code size} entries, or null when size is outside {@code [0, MAX_SIZE]}. */
  public static MaskCursor of(long size) {
    return size >= 0 && size <= MAX_SIZE ? new MaskCursor((int) size) : null;
  }

  /** Takes the next {@code count} entries: their first index, or -1 (nothing taken) if they do not fit. */
  public int take(int count) {
    if (count < 0 || count > size - next) {
      return -1;
    }
    int first = next;
    next += count;
    return first;
  }

  /** An independent cursor in the same state (a prover replaying its own messages). */
  public MaskCursor copy() {
    MaskCursor c = new MaskCursor(size);
    c.next = next;
    return c;
  }

  public int size() {
    return size;
  }

  /** Entries taken so far. */
  public int used() {
    return next;
  }

  /** True when every entry was taken. */
  public boolean exhausted() {
    return next == size;
  }
}
