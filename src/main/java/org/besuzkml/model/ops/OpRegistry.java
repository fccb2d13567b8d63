package org.besuzkml.model.ops;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.besuzkml.model.ops.ActivationOps.Table;
import org.besuzkml.model.ops.DataMovementOps.Move;
import org.besuzkml.model.ops.ElementwiseOps.Binary;
import org.besuzkml.model.ops.ElementwiseOps.Kind;
import org.besuzkml.model.quant.QuantContext.Domain;

/** The map from ONNX op type (default domain) to its implementation. Adding an op is one line here. */
public final class OpRegistry {
  private static final Map<String, Op> OPS = new TreeMap<>();

  private static void table(String name, DoubleUnaryOperator f, Domain d) {
    OPS.put(name, new Table(name, a -> f, a -> d));
  }

  static {
    OPS.put("Add", new Binary(Kind.ADD));
    OPS.put("Sub", new Binary(Kind.SUB));
    OPS.put("Mul", new Binary(Kind.MUL));
    OPS.put("Div", new Binary(Kind.DIV));
    OPS.put("Pow", new Binary(Kind.POW));
    OPS.put("Max", new VariadicOps.Variadic(VariadicOps.Kind.MAX));
    OPS.put("Min", new VariadicOps.Variadic(VariadicOps.Kind.MIN));
    OPS.put("Equal", new Binary(Kind.EQUAL));
    OPS.put("Less", new Binary(Kind.LESS));
    OPS.put("Greater", new Binary(Kind.GREATER));
    OPS.put("LessOrEqual", new Binary(Kind.LESS_OR_EQUAL));
    OPS.put("GreaterOrEqual", new Binary(Kind.GREATER_OR_EQUAL));
    OPS.put("Where", new WhereOp());

    OPS.put("Relu", new ActivationOps.Exact("Relu"));
    OPS.put("Abs", new ActivationOps.Exact("Abs"));
    OPS.put("Neg", new ActivationOps.Exact("Neg"));
    OPS.put("LeakyRelu", new ActivationOps.Leaky(false));
    OPS.put("PRelu", new ActivationOps.Leaky(true));
    OPS.put("Clip", new ActivationOps.Clip());

    table("Sigmoid", ActivationOps::sigmoid, Domain.saturatingAt(16));
    table("Tanh", Math::tanh, Domain.saturatingAt(10));
    table("Erf", ActivationOps::erf, Domain.saturatingAt(6));
    table("Exp", Math::exp, Domain.all());
    table("Log", Math::log, Domain.valid(Double.MIN_VALUE, Double.POSITIVE_INFINITY));
    table("Sqrt", Math::sqrt, Domain.valid(0, Double.POSITIVE_INFINITY));
    table("Reciprocal", v -> 1 / v, Domain.all());
    table("Softplus", ActivationOps::softplus, Domain.all());
    table("Softsign", v -> v / (1 + Math.abs(v)), Domain.all());
    table("Sin", Math::sin, Domain.all());
    table("Cos", Math::cos, Domain.all());
    table("Atan", Math::atan, Domain.all());
    table("Mish", v -> v * Math.tanh(ActivationOps.softplus(v)), Domain.all());
    OPS.put("Elu", new Table("Elu", a -> {
      double al = a.getFloat("alpha", 1.0);
      return v -> v >= 0 ? v : al * Math.expm1(v);
    }, a -> Domain.all()));
    OPS.put("Celu", new Table("Celu", a -> {
      double al = a.getFloat("alpha", 1.0);
      return v -> Math.max(0, v) + Math.min(0, al * Math.expm1(v / al));
    }, a -> Domain.all()));
    OPS.put("Selu", new Table("Selu", a -> {
      double al = a.getFloat("alpha", 1.67326319217681884765625);
      double g = a.getFloat("gamma", 1.05070102214813232421875);
      return v -> g * (v > 0 ? v : al * Math.expm1(v));
    }, a -> Domain.all()));
    OPS.put("HardSigmoid", new Table("HardSigmoid", a -> {
      double al = a.getFloat("alpha", 0.2);
      double b = a.getFloat("beta", 0.5);
      return v -> Math.max(0, Math.min(1, al * v + b));
    }, a -> {
      double al = Math.abs(a.getFloat("alpha", 0.2));
      double b = Math.abs(a.getFloat("beta", 0.5));
      return Domain.saturatingAt(al == 0 ? 1 : (b + 1) / al + 1);
    }));
    table("HardSwish", v -> v * Math.max(0, Math.min(1, v / 6 + 0.5)), Domain.all());
    OPS.put("ThresholdedRelu", new Table("ThresholdedRelu", a -> {
      double al = a.getFloat("alpha", 1.0);
      return v -> v > al ? v : 0;
    }, a -> Domain.all()));
    OPS.put("Gelu", new Table("Gelu", a -> {
      boolean tanh = a.getString("approximate", "none").equals("tanh");
      return tanh
          ? v -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))
          : v -> 0.5 * v * (1 + ActivationOps.erf(v / Math.sqrt(2)));
    }, a -> Domain.all()));

    OPS.put("MatMul", new LinearOps.MatMul());
    OPS.put("Gemm", new LinearOps.Gemm());
    OPS.put("Einsum", new EinsumOp());
    OPS.put("Conv", new ConvOp());
    OPS.put("ConvTranspose", new ConvTransposeOp());
    OPS.put("MaxPool", new PoolOps.Pool(true, false));
    OPS.put("AveragePool", new PoolOps.Pool(false, false));
    OPS.put("GlobalMaxPool", new PoolOps.Pool(true, true));
    OPS.put("GlobalAveragePool", new PoolOps.Pool(false, true));
    OPS.put("BatchNormalization", new BatchNormOp());
    OPS.put("ReduceSum", new ReduceOps.Reduce(ReduceOps.Kind.SUM));
    OPS.put("ReduceMean", new ReduceOps.Reduce(ReduceOps.Kind.MEAN));
    OPS.put("ReduceMax", new ReduceOps.Reduce(ReduceOps.Kind.MAX));
    OPS.put("ReduceMin", new ReduceOps.Reduce(ReduceOps.Kind.MIN));
    OPS.put("ArgMax", new ArgOp(true));
    OPS.put("ArgMin", new ArgOp(false));
    OPS.put("CumSum", new CumSumOp());
    OPS.put("TopK", new TopKOp());
    OPS.put("NonZero", new NonZeroOp());
    OPS.put("Softmax", new SoftmaxOp(false));
    OPS.put("LogSoftmax", new SoftmaxOp(true));

    OPS.put("Identity", new Move(DataMovementOps::identity, false));
    OPS.put("Dropout", new Move(DataMovementOps::dropout, false));
    OPS.put("Reshape", new Move(DataMovementOps::reshape, false));
    OPS.put("Flatten", new Move(DataMovementOps::flatten, false));
    OPS.put("Squeeze", new Move(DataMovementOps::squeeze, false));
    OPS.put("Unsqueeze", new Move(DataMovementOps::unsqueeze, false));
    OPS.put("Transpose", new Move(DataMovementOps::transpose, false));
    OPS.put("Concat", new Move(DataMovementOps::concat, false));
    OPS.put("Slice", new Move(DataMovementOps::slice, false));
    OPS.put("Split", new Move(DataMovementOps::split, false));
    OPS.put("Gather", new GatherOp());
    OPS.put("Expand", new Move(DataMovementOps::expand, false));
    OPS.put("Tile", new Move(DataMovementOps::tile, false));
    OPS.put("Pad", new Move(DataMovementOps::pad, true));
    OPS.put("Resize", new ResizeOp());
    OPS.put("Trilu", new Move(DataMovementOps::trilu, true));
    OPS.put("DepthToSpace", new Move(DataMovementOps::depthToSpace, false));
    OPS.put("SpaceToDepth", new Move(DataMovementOps::spaceToDepth, false));
    OPS.put("Sum", new VariadicOps.Variadic(VariadicOps.Kind.SUM));
    OPS.put("Mean", new VariadicOps.Variadic(VariadicOps.Kind.MEAN));
    OPS.put("Floor", new RoundingOps.Unary("Floor"));
    OPS.put("Ceil", new RoundingOps.Unary("Ceil"));
    OPS.put("Round", new RoundingOps.Unary("Round"));
    OPS.put("Sign", new RoundingOps.Unary("Sign"));
    OPS.put("Not", new RoundingOps.Unary("Not"));
    OPS.put("And", new RoundingOps.Logic("And"));
    OPS.put("Or", new RoundingOps.Logic("Or"));
    OPS.put("Xor", new RoundingOps.Logic("Xor"));
    OPS.put("Upsample", new ResizeOp());

    OPS.put("Constant", new ConstantOps.Constant());
    OPS.put("ConstantOfShape", new ConstantOps.ConstantOfShape());
    OPS.put("Range", new ConstantOps.Range());
    OPS.put("Shape", new ConstantOps.ShapeOf(false));
    OPS.put("Size", new ConstantOps.ShapeOf(true));
    OPS.put("Cast", new ConstantOps.Cast());
  }

  private OpRegistry() {}

  /** The op, or null when the type is unknown. */
  public static Op get(String opType) {
    return OPS.get(opType);
  }

  public static Map<String, Op> all() {
    return Collections.unmodifiableMap(OPS);
  }

  /** Shape and Size fold from static shapes even when their input is computed. */
  public static boolean foldsFromShape(String opType) {
    return opType.equals("Shape") || opType.equals("Size");
  }
}
