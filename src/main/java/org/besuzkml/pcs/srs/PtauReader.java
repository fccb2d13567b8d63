package org.besuzkml.pcs.srs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import org.besuzkml.curve.G1;
import org.besuzkml.curve.G2;
import org.besuzkml.field.Fq;
import org.besuzkml.field.Fr;
import org.besuzkml.msm.Msm;
import org.besuzkml.pairing.Pairing;

/**
 * Reads the powers {@code [tau^i]_1 (i < 2^logSize)}, {@code [1]_2} and {@code [tau]_2} from a
 * snarkjs / Perpetual Powers of Tau {@code .ptau} file (bn128), and checks them (protocol.md 3.5).
 *
 * <p>File layout (all integers little-endian): {@code "ptau"}, u32 version (1), u32 section count,
 * then sections {@code u32 id, u64 size, body}. Section 1 (header): u32 n8 (32), the base-field
 * modulus q as n8 bytes, u32 power, u32 ceremonyPower. Section 2 (tauG1): {@code 2^(power+1) - 1}
 * G1 points; section 3 (tauG2): {@code 2^power} G2 points; 4 alphaTauG1 and 5 betaTauG1 ({@code
 * 2^power} G1 each), 6 betaG2 (one G2), 7 contributions; after {@code prepare phase2} also 12-15,
 * the Lagrange forms ({@code 2^(power+2) - 1} G1, then {@code 2^(power+1) - 1} G2, G1, G1). A G1
 * point is x || y, a G2 point x.c0 || x.c1 || y.c0 || y.c1, each coordinate 32 bytes little-endian
 * in Montgomery form ({@code x 2^256 mod q}): exactly the limbs of {@link Fq}'s representation.
 *
 * <p>Only sections 1-3 are read, and of them only what the model needs; other sections' sizes are
 * checked against the declared power when present. Nothing is allocated from a length field before
 * it has been checked against the real file size. Every used point is canonical, on its curve, not
 * infinity, and (G2) in the order-r subgroup; {@code [tau^0]_1 = G}, {@code [1]_2 = H}; and the
 * powers are consistent: {@code e(sum_i rho_i [tau^(i+1)]_1, H) = e(sum_i rho_i [tau^i]_1,
 * [tau]_2)} for fresh random 128-bit {@code rho_i}, {@code i < N - 1} (one two-pair pairing check;
 * a wrong power passes with probability at most 2^-128).
 *
 * <p>{@link #readZk} also reads the blinding base for zero knowledge (zk-design.md 2.2): the first
 * three points of section 5 ({@code [beta tau^i]_1}, i < 3) and section 6 ({@code [beta]_2}). Both
 * sections must be present ("ptau lacks betaTauG1/betaG2"); the four points canonical, on their
 * curves, not infinity, {@code [beta]_2} in G2; {@code [beta]_1} is not {@code +-[tau^i]_1} for any
 * read power (so also not {@code +-G}); {@code e([beta]_1, H) = e(G, [beta]_2)}; and {@code [beta
 * tau^(i+1)]_1} follows {@code [beta tau^i]_1} for i = 0, 1, folded into the randomized power
 * check above with two more 128-bit coefficients (no extra pairing). {@link #read} ignores sections
 * 5 and 6 except for their sizes, exactly as before.
 */
public final class PtauReader {
  private PtauReader() {}

  static final int HEADER_SECTION = 1, TAU_G1 = 2, TAU_G2 = 3, BETA_TAU_G1 = 5, BETA_G2 = 6;
  private static final int MAX_SECTION_COUNT = 64;
  private static final int MAX_SECTION_ID = 32;
  private static final int G1_BYTES = 64, G2_BYTES = 128;
  private static final int CHUNK_POINTS = 4096;
  private static final long[] Q = Fq.limbsOf(Fq.MODULUS);

  /** What the file header declares. */
  public record Header(int power, int ceremonyPower) {}

  /** Reads and checks the first {@code 2^logSize} powers of a ptau file (no beta points). */
  public static Srs read(Path file, int logSize) throws SrsException {
    return read(file, logSize, false);
  }

  /** As {@link #read(Path, int)} for the bytes of a ptau file. */
  public static Srs read(byte[] file, int logSize) throws SrsException {
    return read(file, logSize, false);
  }

  /** As {@link #read(Path, int)}, plus the beta points and their checks (see the class comment). */
  public static Srs readZk(Path file, int logSize) throws SrsException {
    return read(file, logSize, true);
  }

  /** As {@link #readZk(Path, int)} for the bytes of a ptau file. */
  public static Srs readZk(byte[] file, int logSize) throws SrsException {
    return read(file, logSize, true);
  }

  private static Srs read(Path file, int logSize, boolean beta) throws SrsException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(new ChannelSource(ch), logSize, beta);
    } catch (IOException e) {
      throw new SrsException("cannot read ptau file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Srs read(byte[] file, int logSize, boolean beta) throws SrsException {
    try {
      return read(new ArraySource(file), logSize, beta);
    } catch (IOException e) {
      throw new SrsException("cannot read ptau bytes: " + e.getMessage(), e);
    }
  }

  /** The checked header of a ptau file (to learn its size without reading points). */
  public static Header header(Path file) throws SrsException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Layout l = layout(new ChannelSource(ch));
      return new Header(l.power, l.ceremonyPower);
    } catch (IOException e) {
      throw new SrsException("cannot read ptau file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Srs read(Source src, int logSize, boolean withBeta) throws SrsException, IOException {
    if (logSize < 1 || logSize > Srs.MAX_LOG_SIZE) {
      throw new SrsException("requested size 2^" + logSize + " is outside 2^1 .. 2^" + Srs.MAX_LOG_SIZE, -1, -1);
    }
    Layout l = layout(src);
    if (logSize > l.power) {
      throw new SrsException("ptau file too small: it has 2^" + l.power + " powers (power " + l.power
          + "), the model needs 2^" + logSize + "; use a ptau file of power >= " + logSize, HEADER_SECTION,
          l.start[HEADER_SECTION]);
    }
    int n = 1 << logSize;
    if (withBeta && (l.start[BETA_TAU_G1] < 0 || l.start[BETA_G2] < 0)) {
      int missing = l.start[BETA_TAU_G1] < 0 ? BETA_TAU_G1 : BETA_G2;
      throw new SrsException("ptau lacks betaTauG1/betaG2 (section " + missing + " missing): zero-knowledge proving"
          + " needs the ceremony's beta points", missing, -1);
    }
    long[] g1 = readG1Points(src, TAU_G1, l.start[TAU_G1], n);
    long[] g2 = readG2Points(src, TAU_G2, l.start[TAU_G2], 2);
    long[] g2One = java.util.Arrays.copyOfRange(g2, 0, G2.AFFINE);
    long[] g2Tau = java.util.Arrays.copyOfRange(g2, G2.AFFINE, 2 * G2.AFFINE);
    checkGenerators(g1, g2One, l);
    if (!withBeta) {
      checkConsistent(g1, n, g2One, g2Tau, l.start[TAU_G1]);
      return new Srs(logSize, g1, g2One, g2Tau, false, 0);
    }
    long[] betaG1 = readG1Points(src, BETA_TAU_G1, l.start[BETA_TAU_G1], Srs.BETA_POWERS);
    long[] betaG2 = readG2Points(src, BETA_G2, l.start[BETA_G2], 1);
    checkBeta(g1, n, betaG1, betaG2, l);
    checkConsistent(g1, n, g2One, g2Tau, l.start[TAU_G1], betaG1, l.start[BETA_TAU_G1]);
    return new Srs(logSize, g1, g2One, g2Tau, false, 0, betaG1, betaG2);
  }

  /**
   * {@code [beta]_1} is no read power up to sign (x coordinates differ; this covers {@code +-G}),
   * and {@code e([beta]_1, H) = e(G, [beta]_2)}: the G2 copy is of the same beta.
   */
  static void checkBeta(long[] g1, int n, long[] betaG1, long[] betaG2, Layout l) throws SrsException {
    for (int i = 0; i < n; i++) {
      if (java.util.Arrays.equals(betaG1, 0, 4, g1, i * G1.AFFINE, i * G1.AFFINE + 4)) {
        throw pointError(BETA_TAU_G1, 0, l.start[BETA_TAU_G1], "[beta]_1 = +-[tau^" + i + "]_1 (a doctored file)");
      }
    }
    long[] ps = new long[2 * G1.AFFINE];
    System.arraycopy(betaG1, 0, ps, 0, G1.AFFINE);
    G1.negAffine(ps, G1.AFFINE, G1.generator(), 0);
    long[] qs = new long[2 * G2.AFFINE];
    System.arraycopy(G2.generator(), 0, qs, 0, G2.AFFINE);
    System.arraycopy(betaG2, 0, qs, G2.AFFINE, G2.AFFINE);
    if (!Pairing.pairingCheck(ps, qs, 2)) {
      throw new SrsException("section 5 (betaTauG1) / 6 (betaG2): [beta]_2 is not the beta of [beta]_1 (pairing check"
          + " e([beta]_1, H) = e(G, [beta]_2) failed)", BETA_G2, l.start[BETA_G2]);
    }
  }

  /** Section offsets and the header's values, after the structural checks. */
  private static final class Layout {
    final long[] start = new long[MAX_SECTION_ID + 1];
    final long[] size = new long[MAX_SECTION_ID + 1];
    int power;
    int ceremonyPower;
  }

  private static Layout layout(Source src) throws SrsException, IOException {
    long fileSize = src.size();
    if (fileSize < 12) {
      throw new SrsException("not a ptau file: " + fileSize + " bytes, shorter than the 12-byte file header", 0, 0);
    }
    byte[] h = new byte[12];
    src.read(0, h, 12);
    if (h[0] != 'p' || h[1] != 't' || h[2] != 'a' || h[3] != 'u') {
      throw new SrsException("not a ptau file: bad magic (expected \"ptau\")", 0, 0);
    }
    long version = u32(h, 4);
    if (version != 1) {
      throw new SrsException("unsupported ptau version " + version + " (expected 1)", 0, 4);
    }
    long count = u32(h, 8);
    if (count < 3 || count > MAX_SECTION_COUNT) {
      throw new SrsException("implausible section count " + count + " (expected 3.." + MAX_SECTION_COUNT + ")", 0, 8);
    }
    Layout l = new Layout();
    java.util.Arrays.fill(l.start, -1);
    long pos = 12;
    byte[] sh = new byte[12];
    for (int s = 0; s < count; s++) {
      if (fileSize - pos < 12) {
        throw new SrsException("truncated file: section header #" + s + " at offset " + pos + " needs 12 bytes, "
            + (fileSize - pos) + " remain", 0, pos);
      }
      src.read(pos, sh, 12);
      long id = u32(sh, 0);
      long size = u64(sh, 4);
      long remaining = fileSize - pos - 12;
      if (size < 0 || size > remaining) {
        throw new SrsException("truncated file: section " + id + " at offset " + pos + " declares " + Long.toUnsignedString(size)
            + " bytes, only " + remaining + " remain", (int) Math.min(id, Integer.MAX_VALUE), pos);
      }
      if (id >= 1 && id <= MAX_SECTION_ID) {
        if (l.start[(int) id] >= 0) {
          throw new SrsException("duplicate section " + id + " at offset " + pos, (int) id, pos);
        }
        l.start[(int) id] = pos + 12;
        l.size[(int) id] = size;
      }
      pos += 12 + size;
    }
    if (pos != fileSize) {
      throw new SrsException((fileSize - pos) + " trailing bytes after the last section", 0, pos);
    }
    for (int id : new int[] {HEADER_SECTION, TAU_G1, TAU_G2}) {
      if (l.start[id] < 0) {
        throw new SrsException("missing section " + id + " (" + sectionName(id) + ")", id, -1);
      }
    }
    readHeader(src, l);
    checkSectionSizes(l);
    return l;
  }

  private static void readHeader(Source src, Layout l) throws SrsException, IOException {
    long at = l.start[HEADER_SECTION];
    if (l.size[HEADER_SECTION] != 44) {
      throw new SrsException("section 1 (header) has " + l.size[HEADER_SECTION] + " bytes, expected 44 (n8 = 32)",
          HEADER_SECTION, at);
    }
    byte[] b = new byte[44];
    src.read(at, b, 44);
    long n8 = u32(b, 0);
    if (n8 != 32) {
      throw new SrsException("section 1 (header): field element size n8 = " + n8 + ", expected 32 (bn128)",
          HEADER_SECTION, at);
    }
    for (int i = 0; i < 4; i++) {
      if (u64(b, 4 + 8 * i) != Q[i]) {
        throw new SrsException("section 1 (header): base-field modulus is not BN254's q (not a bn128 ptau)",
            HEADER_SECTION, at + 4);
      }
    }
    long power = u32(b, 36), ceremony = u32(b, 40);
    if (power < 1 || power > Srs.MAX_LOG_SIZE) {
      throw new SrsException("section 1 (header): power " + power + " outside 1.." + Srs.MAX_LOG_SIZE,
          HEADER_SECTION, at + 36);
    }
    if (ceremony < power || ceremony > 64) {
      throw new SrsException("section 1 (header): ceremonyPower " + ceremony + " below power " + power
          + " or implausible", HEADER_SECTION, at + 40);
    }
    l.power = (int) power;
    l.ceremonyPower = (int) ceremony;
  }

  /** Every present point section must have the size its declared power implies. */
  private static void checkSectionSizes(Layout l) throws SrsException {
    long n = 1L << l.power;
    long[][] expected = {
        {TAU_G1, (2 * n - 1) * G1_BYTES}, {TAU_G2, n * G2_BYTES}, {4, n * G1_BYTES}, {5, n * G1_BYTES},
        {6, G2_BYTES}, {12, (4 * n - 1) * G1_BYTES}, {13, (2 * n - 1) * G2_BYTES}, {14, (2 * n - 1) * G1_BYTES},
        {15, (2 * n - 1) * G1_BYTES}};
    for (long[] e : expected) {
      int id = (int) e[0];
      if (l.start[id] >= 0 && l.size[id] != e[1]) {
        throw new SrsException("section " + id + " (" + sectionName(id) + ") has " + l.size[id] + " bytes, power "
            + l.power + " implies " + e[1], id, l.start[id] - 12);
      }
    }
  }

  private static long[] readG1Points(Source src, int section, long at, int n) throws SrsException, IOException {
    long[] out = new long[n * G1.AFFINE];
    byte[] buf = new byte[Math.min(n, CHUNK_POINTS) * G1_BYTES];
    for (int i0 = 0; i0 < n; i0 += CHUNK_POINTS) {
      int m = Math.min(CHUNK_POINTS, n - i0);
      src.read(at + (long) i0 * G1_BYTES, buf, m * G1_BYTES);
      for (int j = 0; j < m; j++) {
        int i = i0 + j;
        long off = at + (long) i * G1_BYTES;
        int o = i * G1.AFFINE;
        if (!montgomeryLimbs(buf, j * G1_BYTES, out, o) || !montgomeryLimbs(buf, j * G1_BYTES + 32, out, o + 4)) {
          throw pointError(section, i, off, "coordinate not below q");
        }
        if (G1.isInfinityAffine(out, o)) {
          throw pointError(section, i, off, "point at infinity");
        }
        if (!G1.isOnCurve(out, o)) {
          throw pointError(section, i, off, "not on the curve y^2 = x^3 + 3");
        }
      }
    }
    return out;
  }

  private static long[] readG2Points(Source src, int section, long at, int n) throws SrsException, IOException {
    long[] out = new long[n * G2.AFFINE];
    byte[] buf = new byte[n * G2_BYTES];
    src.read(at, buf, buf.length);
    for (int i = 0; i < n; i++) {
      long off = at + (long) i * G2_BYTES;
      int o = i * G2.AFFINE;
      for (int c = 0; c < 4; c++) {
        if (!montgomeryLimbs(buf, i * G2_BYTES + 32 * c, out, o + 4 * c)) {
          throw pointError(section, i, off, "coordinate not below q");
        }
      }
      if (G2.isInfinity(out, o)) {
        throw pointError(section, i, off, "point at infinity");
      }
      if (!G2.isOnCurve(out, o)) {
        throw pointError(section, i, off, "not on the twist y^2 = x^3 + 3/(9+u)");
      }
      if (!G2.isInSubgroup(out, o)) {
        throw pointError(section, i, off, "on the twist but outside the order-r subgroup G2");
      }
    }
    return out;
  }

  private static void checkGenerators(long[] g1, long[] g2One, Layout l) throws SrsException {
    long[] g = G1.generator();
    if (!java.util.Arrays.equals(g1, 0, G1.AFFINE, g, 0, G1.AFFINE)) {
      throw pointError(TAU_G1, 0, l.start[TAU_G1], "[tau^0]_1 is not the generator G = (1, 2)");
    }
    if (java.util.Arrays.equals(g1, G1.AFFINE, 2 * G1.AFFINE, g, 0, G1.AFFINE)) {
      throw pointError(TAU_G1, 1, l.start[TAU_G1] + G1_BYTES, "[tau]_1 = G, i.e. tau = 1");
    }
    if (!java.util.Arrays.equals(g2One, G2.generator())) {
      throw pointError(TAU_G2, 0, l.start[TAU_G2], "[tau^0]_2 is not the standard generator H");
    }
  }

  /** Randomized check that tauG1 are powers of the tau in [tau]_2 (see the class comment). */
  static void checkConsistent(long[] g1, int n, long[] g2One, long[] g2Tau, long sectionStart) throws SrsException {
    checkConsistent(g1, n, g2One, g2Tau, sectionStart, null, -1);
  }

  /**
   * With {@code betaG1} (three points) the same check also covers {@code [beta tau^(i+1)]_1}
   * against {@code [beta tau^i]_1}, i = 0, 1: both MSMs gain two terms with their own 128-bit
   * coefficients, so a wrong beta power is caught like a wrong tau power.
   */
  static void checkConsistent(long[] g1, int n, long[] g2One, long[] g2Tau, long sectionStart, long[] betaG1,
      long betaStart) throws SrsException {
    SecureRandom rnd = new SecureRandom();
    int m = n - 1;
    int extra = betaG1 == null ? 0 : Srs.BETA_POWERS - 1;
    long[] rho = new long[(m + extra) * Fr.LIMBS];
    for (int i = 0; i < m + extra; i++) {
      rho[i * 4] = rnd.nextLong();
      rho[i * 4 + 1] = rnd.nextLong();
      Fr.toMontgomery(rho, i * 4, rho, i * 4);
    }
    long[] pairs = new long[2 * G1.AFFINE];
    long[] shifted, base;
    if (betaG1 == null) {
      shifted = Msm.msm(g1, 1, rho, m);
      base = Msm.msm(g1, 0, rho, m);
    } else {
      // bases (tau^1..tau^(n-1), beta tau, beta tau^2) against (tau^0..tau^(n-2), beta, beta tau)
      long[] hi = new long[(m + extra) * G1.AFFINE], lo = new long[(m + extra) * G1.AFFINE];
      System.arraycopy(g1, G1.AFFINE, hi, 0, m * G1.AFFINE);
      System.arraycopy(g1, 0, lo, 0, m * G1.AFFINE);
      System.arraycopy(betaG1, G1.AFFINE, hi, m * G1.AFFINE, extra * G1.AFFINE);
      System.arraycopy(betaG1, 0, lo, m * G1.AFFINE, extra * G1.AFFINE);
      shifted = Msm.msm(hi, 0, rho, m + extra);
      base = Msm.msm(lo, 0, rho, m + extra);
    }
    G1.neg(base, 0, base, 0);
    G1.toAffine(pairs, 0, shifted, 0);
    G1.toAffine(pairs, G1.AFFINE, base, 0);
    long[] g2s = new long[2 * G2.AFFINE];
    System.arraycopy(g2One, 0, g2s, 0, G2.AFFINE);
    System.arraycopy(g2Tau, 0, g2s, G2.AFFINE, G2.AFFINE);
    if (!Pairing.pairingCheck(pairs, g2s, 2)) {
      String what = betaG1 == null ? "" : " (or [beta tau^i]_1, i < 3, of section 5 are not)";
      throw new SrsException("section 2 (tauG1) / 3 (tauG2): the first " + n + " G1 points are not consecutive powers"
          + " of the tau in [tau]_2" + what + " (randomized pairing check failed)", TAU_G1, sectionStart);
    }
  }

  private static SrsException pointError(int section, int index, long offset, String what) {
    return new SrsException("section " + section + " (" + sectionName(section) + "), point " + index + " at byte offset "
        + offset + ": " + what, section, offset);
  }

  static String sectionName(int id) {
    return switch (id) {
      case 1 -> "header";
      case 2 -> "tauG1";
      case 3 -> "tauG2";
      case 4 -> "alphaTauG1";
      case 5 -> "betaTauG1";
      case 6 -> "betaG2";
      case 7 -> "contributions";
      case 12 -> "lagrange tauG1";
      case 13 -> "lagrange tauG2";
      case 14 -> "lagrange alphaTauG1";
      case 15 -> "lagrange betaTauG1";
      default -> "unknown";
    };
  }

  /** 32 little-endian bytes as Montgomery limbs; false when not below q. */
  private static boolean montgomeryLimbs(byte[] b, int off, long[] r, int ro) {
    long l0 = u64(b, off), l1 = u64(b, off + 8), l2 = u64(b, off + 16), l3 = u64(b, off + 24);
    r[ro] = l0;
    r[ro + 1] = l1;
    r[ro + 2] = l2;
    r[ro + 3] = l3;
    long[] w = {l0, l1, l2, l3};
    for (int i = 3; i >= 0; i--) {
      if (w[i] != Q[i]) {
        return Long.compareUnsigned(w[i], Q[i]) < 0;
      }
    }
    return false;
  }

  private static long u32(byte[] b, int off) {
    return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
  }

  private static long u64(byte[] b, int off) {
    return u32(b, off) | u32(b, off + 4) << 32;
  }

  /** Random-access bytes: a file channel, or an array in tests. */
  private interface Source {
    long size() throws IOException;

    /** Reads exactly len bytes at pos into dst[0..len). */
    void read(long pos, byte[] dst, int len) throws IOException;
  }

  private record ArraySource(byte[] data) implements Source {
    public long size() {
      return data.length;
    }

    public void read(long pos, byte[] dst, int len) throws IOException {
      if (pos < 0 || pos + len > data.length) {
        throw new EOFException("read past the end at offset " + pos);
      }
      System.arraycopy(data, (int) pos, dst, 0, len);
    }
  }

  private record ChannelSource(FileChannel ch) implements Source {
    public long size() throws IOException {
      return ch.size();
    }

    public void read(long pos, byte[] dst, int len) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(dst, 0, len);
      while (bb.hasRemaining()) {
        if (ch.read(bb, pos + bb.position()) < 0) {
          throw new EOFException("read past the end at offset " + (pos + bb.position()));
        }
      }
    }
  }
}
