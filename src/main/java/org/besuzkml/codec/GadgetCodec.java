package org.besuzkml.codec;

import org.besuzkml.proof.gadget.Alias;
import org.besuzkml.proof.gadget.Contract;
import org.besuzkml.proof.gadget.Conv;
import org.besuzkml.proof.gadget.Decomp;
import org.besuzkml.proof.gadget.DivConst;
import org.besuzkml.proof.gadget.DivTensor;
import org.besuzkml.proof.gadget.Gadget;
import org.besuzkml.proof.gadget.Lin;
import org.besuzkml.proof.gadget.Lookup;
import org.besuzkml.proof.gadget.MaxSelect;
import org.besuzkml.proof.gadget.Poly;
import org.besuzkml.proof.gadget.ReduceSum;
import org.besuzkml.proof.gadget.Requant;
import org.besuzkml.proof.gadget.Wire;
import org.besuzkml.proof.gadget.ZeroBit;

/**
 * The GADGETS section's per-kind parameter layouts (12.3). Integers are i32 (tensor ids, -1 for
 * "none"), constants i64, arrays a u32 count then the elements, booleans one byte (0 or 1).
 * <pre>
 *  1 Alias     y x
 *  2 Wire      y xs[] srcInput[] srcIndex[] constant[]
 *  3 Lin       y xs[] coeffs[] c0
 *  4 Poly      y xs[] coeffs[] u32 nMonomials, each ints[] ; zeroCheck
 *  5 ReduceSum y x axes[]
 *  6 Contract  y a b
 *  7 Conv      y x w groups in[] kernel[] out[] strides[] padBegin[] dilations[]
 *  8 Requant   acc q r k
 *  9 Decomp    x offset(i64) bits signed define width limbs[] sign
 * 10 DivConst  a q r rPrime c[] rBits
 * 11 DivTensor a d q r rPrime dBits
 * 12 MaxSelect u sigma
 * 13 Lookup    idx y table
 * 14 ZeroBit   d zeta
 * 15 Wire      the affine form ({@link WireMapCodec}; decoded where the tensors are known)
 * </pre>
 */
public final class GadgetCodec {
  /** Most elements of one parameter array (a Wire map has one per output entry). */
  public static final int MAX_ARRAY = 1 << 24;

  private GadgetCodec() {}

  public static int code(Gadget g) {
    if (g instanceof Alias) {
      return 1;
    }
    if (g instanceof Wire w) {
      return w.map() != null ? WireMapCodec.KIND : 2;
    }
    if (g instanceof Lin) {
      return 3;
    }
    if (g instanceof Poly) {
      return 4;
    }
    if (g instanceof ReduceSum) {
      return 5;
    }
    if (g instanceof Contract) {
      return 6;
    }
    if (g instanceof Conv) {
      return 7;
    }
    if (g instanceof Requant) {
      return 8;
    }
    if (g instanceof Decomp) {
      return 9;
    }
    if (g instanceof DivConst) {
      return 10;
    }
    if (g instanceof DivTensor) {
      return 11;
    }
    if (g instanceof MaxSelect) {
      return 12;
    }
    if (g instanceof Lookup) {
      return 13;
    }
    if (g instanceof ZeroBit) {
      return 14;
    }
    throw new IllegalArgumentException("unknown gadget " + g);
  }

  public static byte[] encodeParams(Gadget g) {
    ByteWriter w = new ByteWriter();
    if (g instanceof Alias a) {
      w.i32(a.y()).i32(a.x());
      return w.toByteArray();
    }
    if (g instanceof Wire a && a.map() != null) {
      return WireMapCodec.encodeParams(a);
    }
    if (g instanceof Wire a) {
      w.i32(a.y()).ints(a.xs()).ints(a.srcInput()).ints(a.srcIndex()).longs(a.constant());
      return w.toByteArray();
    }
    if (g instanceof Lin a) {
      w.i32(a.y()).ints(a.xs()).longs(a.coeffs()).i64(a.c0());
      return w.toByteArray();
    }
    if (g instanceof Poly a) {
      w.i32(a.y()).ints(a.xs()).longs(a.coeffs()).i32(a.monomials().length);
      for (int[] m : a.monomials()) {
        w.ints(m);
      }
      w.u8(a.zeroCheck() ? 1 : 0);
      return w.toByteArray();
    }
    if (g instanceof ReduceSum a) {
      w.i32(a.y()).i32(a.x()).ints(a.axes());
      return w.toByteArray();
    }
    if (g instanceof Contract a) {
      w.i32(a.y()).i32(a.a()).i32(a.b());
      return w.toByteArray();
    }
    if (g instanceof Conv a) {
      w.i32(a.y()).i32(a.x()).i32(a.w()).i32(a.groups()).ints(a.in()).ints(a.kernel())
          .ints(a.out()).ints(a.strides()).ints(a.padBegin()).ints(a.dilations());
      return w.toByteArray();
    }
    if (g instanceof Requant a) {
      w.i32(a.acc()).i32(a.q()).i32(a.r()).i32(a.k());
      return w.toByteArray();
    }
    if (g instanceof Decomp a) {
      w.i32(a.x()).i64(a.offset()).i32(a.bits()).u8(a.signed() ? 1 : 0)
          .u8(a.define() ? 1 : 0).i32(a.width()).ints(a.limbs()).i32(a.sign());
      return w.toByteArray();
    }
    if (g instanceof DivConst a) {
      w.i32(a.a()).i32(a.q()).i32(a.r()).i32(a.rPrime()).longs(a.c()).i32(a.rBits());
      return w.toByteArray();
    }
    if (g instanceof DivTensor a) {
      w.i32(a.a()).i32(a.d()).i32(a.q()).i32(a.r()).i32(a.rPrime()).i32(a.dBits());
      return w.toByteArray();
    }
    if (g instanceof MaxSelect a) {
      w.i32(a.u()).i32(a.sigma());
      return w.toByteArray();
    }
    if (g instanceof Lookup a) {
      w.i32(a.idx()).i32(a.y()).i32(a.table());
      return w.toByteArray();
    }
    if (g instanceof ZeroBit a) {
      w.i32(a.d()).i32(a.zeta());
      return w.toByteArray();
    }
    throw new IllegalArgumentException("unknown gadget " + g);
  }

  /** Reads one gadget's parameters of the given kind; null (with r's error set) on failure. */
  public static Gadget decodeParams(int kind, ByteReader r) {
    Gadget g = switch (kind) {
      case 1 -> new Alias(r.i32("Alias"), r.i32("Alias"));
      case 2 -> new Wire(r.i32("Wire"), r.ints("Wire", MAX_ARRAY), r.ints("Wire", MAX_ARRAY),
          r.ints("Wire", MAX_ARRAY), r.longs("Wire", MAX_ARRAY));
      case 3 -> new Lin(r.i32("Lin"), r.ints("Lin", 64), r.longs("Lin", 64), r.i64("Lin"));
      case 4 -> {
        int y = r.i32("Poly");
        int[] xs = r.ints("Poly", 64);
        long[] coeffs = r.longs("Poly", 64);
        int n = r.count("Poly monomials", 64, 4);
        int[][] mono = new int[n][];
        for (int i = 0; i < n; i++) {
          mono[i] = r.ints("Poly monomial", Poly.MAX_DEGREE);
        }
        yield new Poly(y, xs, coeffs, mono, bool(r, "Poly"));
      }
      case 5 -> new ReduceSum(r.i32("ReduceSum"), r.i32("ReduceSum"), r.ints("ReduceSum", 8));
      case 6 -> new Contract(r.i32("Contract"), r.i32("Contract"), r.i32("Contract"));
      case 7 -> new Conv(r.i32("Conv"), r.i32("Conv"), r.i32("Conv"), r.i32("Conv"), r.ints("Conv", 2),
          r.ints("Conv", 2), r.ints("Conv", 2), r.ints("Conv", 2), r.ints("Conv", 2), r.ints("Conv", 2));
      case 8 -> new Requant(r.i32("Requant"), r.i32("Requant"), r.i32("Requant"), r.i32("Requant"));
      case 9 -> new Decomp(r.i32("Decomp"), r.i64("Decomp"), r.i32("Decomp"), bool(r, "Decomp"),
          bool(r, "Decomp"), r.i32("Decomp"), r.ints("Decomp", 8), r.i32("Decomp"));
      case 10 -> new DivConst(r.i32("DivConst"), r.i32("DivConst"), r.i32("DivConst"), r.i32("DivConst"),
          r.longs("DivConst", MAX_ARRAY), r.i32("DivConst"));
      case 11 -> new DivTensor(r.i32("DivTensor"), r.i32("DivTensor"), r.i32("DivTensor"),
          r.i32("DivTensor"), r.i32("DivTensor"), r.i32("DivTensor"));
      case 12 -> new MaxSelect(r.i32("MaxSelect"), r.i32("MaxSelect"));
      case 13 -> new Lookup(r.i32("Lookup"), r.i32("Lookup"), r.i32("Lookup"));
      case 14 -> new ZeroBit(r.i32("ZeroBit"), r.i32("ZeroBit"));
      default -> {
        r.fail("unknown gadget kind " + kind);
        yield null;
      }
    };
    return r.ok() ? g : null;
  }

  private static boolean bool(ByteReader r, String what) {
    int b = r.u8(what);
    if (b > 1) {
      r.fail("boolean byte " + b + " in " + what);
    }
    return b == 1;
  }
}
