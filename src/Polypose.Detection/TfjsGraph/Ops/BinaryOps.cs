namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>The broadcasting binary ops of a TF.js graph (TensorFlow semantics; int32 arithmetic wraps).</summary>
public enum BinaryOp
{
    /// <summary>a + b (AddV2, Add, BiasAdd).</summary>
    Add,

    /// <summary>a − b.</summary>
    Sub,

    /// <summary>a · b.</summary>
    Mul,

    /// <summary>a / b (int32: truncating).</summary>
    RealDiv,

    /// <summary>⌊a / b⌋ (int32: floor division, rounding toward −∞).</summary>
    FloorDiv,

    /// <summary>min(a, b).</summary>
    Minimum,

    /// <summary>max(a, b).</summary>
    Maximum,

    /// <summary>(a − b)².</summary>
    SquaredDifference,

    /// <summary>a &lt; b (bool).</summary>
    Less,

    /// <summary>a ≤ b (bool).</summary>
    LessEqual,

    /// <summary>a &gt; b (bool).</summary>
    Greater,

    /// <summary>a ≥ b (bool).</summary>
    GreaterEqual,

    /// <summary>a == b (bool).</summary>
    Equal,

    /// <summary>a != b (bool).</summary>
    NotEqual,

    /// <summary>a ∧ b (bool).</summary>
    LogicalAnd,

    /// <summary>a ∨ b (bool).</summary>
    LogicalOr,
}

/// <summary>Evaluates <see cref="BinaryOp"/>s with broadcasting; same-shape float arithmetic runs on TensorPrimitives.</summary>
public static class BinaryOps
{
    /// <summary>Whether the op yields a bool tensor.</summary>
    public static bool IsPredicate(BinaryOp op) => op >= BinaryOp.Less;

    /// <summary>Applies the op to two tensors of the same dtype.</summary>
    public static TfjsTensor Apply(BinaryOp op, TfjsTensor a, TfjsTensor b)
    {
        if (a.DType != b.DType)
        {
            throw new InvalidOperationException($"{op}: operand types differ ({a} vs {b})");
        }

        var shape = Broadcast.Shape(a.Shape, b.Shape);
        var n = TfjsTensor.ElementCount(shape);
        if (a.DType == TfjsDType.Float32 && !IsPredicate(op))
        {
            var y = TensorArena.Floats(n);
            if (!FastFloat(op, a, b, shape, y))
            {
                var ia = Broadcast.SourceIndices(a.Shape, shape);
                var ib = Broadcast.SourceIndices(b.Shape, shape);
                for (var i = 0; i < n; i++)
                {
                    y[i] = Float(op, a.Floats[ia[i]], b.Floats[ib[i]]);
                }
            }

            return TfjsTensor.FromFloats(shape, y);
        }

        var ai = Broadcast.SourceIndices(a.Shape, shape);
        var bi = Broadcast.SourceIndices(b.Shape, shape);
        var r = TensorArena.Ints(n);
        if (IsPredicate(op))
        {
            for (var i = 0; i < n; i++)
            {
                r[i] = Test(op, a.Get(ai[i]), b.Get(bi[i])) ? 1 : 0;
            }

            return TfjsTensor.FromBools(shape, r);
        }

        for (var i = 0; i < n; i++)
        {
            r[i] = Int(op, a.Ints[ai[i]], b.Ints[bi[i]]);
        }

        return TfjsTensor.FromInts(shape, r);
    }

    /// <summary>The op on two floats.</summary>
    public static float Float(BinaryOp op, float a, float b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Sub => a - b,
        BinaryOp.Mul => a * b,
        BinaryOp.RealDiv => a / b,
        BinaryOp.FloorDiv => MathF.Floor(a / b),
        BinaryOp.Minimum => MathF.Min(a, b),
        BinaryOp.Maximum => MathF.Max(a, b),
        BinaryOp.SquaredDifference => (a - b) * (a - b),
        _ => throw new InvalidOperationException($"{op} is not a float arithmetic op"),
    };

    /// <summary>The op on two int32 values.</summary>
    public static int Int(BinaryOp op, int a, int b) => op switch
    {
        BinaryOp.Add => unchecked(a + b),
        BinaryOp.Sub => unchecked(a - b),
        BinaryOp.Mul => unchecked(a * b),
        BinaryOp.RealDiv => b == 0 ? 0 : a / b,
        BinaryOp.FloorDiv => b == 0 ? 0 : (int)Math.Floor((double)a / b),
        BinaryOp.Minimum => Math.Min(a, b),
        BinaryOp.Maximum => Math.Max(a, b),
        BinaryOp.SquaredDifference => unchecked((a - b) * (a - b)),
        _ => throw new InvalidOperationException($"{op} is not an int arithmetic op"),
    };

    private static bool Test(BinaryOp op, double a, double b) => op switch
    {
        BinaryOp.Less => a < b,
        BinaryOp.LessEqual => a <= b,
        BinaryOp.Greater => a > b,
        BinaryOp.GreaterEqual => a >= b,
        BinaryOp.Equal => a == b,
        BinaryOp.NotEqual => a != b,
        BinaryOp.LogicalAnd => a != 0 && b != 0,
        BinaryOp.LogicalOr => a != 0 || b != 0,
        _ => throw new InvalidOperationException($"{op} is not a predicate"),
    };

    private static bool FastFloat(BinaryOp op, TfjsTensor a, TfjsTensor b, int[] shape, float[] y) => op switch
    {
        BinaryOp.Add => FastFloat<AddOp>(a, b, shape, y),
        BinaryOp.Sub => FastFloat<SubOp>(a, b, shape, y),
        BinaryOp.Mul => FastFloat<MulOp>(a, b, shape, y),
        BinaryOp.RealDiv => FastFloat<DivOp>(a, b, shape, y),
        BinaryOp.Minimum => FastFloat<MinOp>(a, b, shape, y),
        BinaryOp.Maximum => FastFloat<MaxOp>(a, b, shape, y),
        BinaryOp.SquaredDifference => FastFloat<SquaredDifferenceOp>(a, b, shape, y),
        _ => false,
    };

    // Same shapes, or one operand a block repeated along the leading axes (per-channel constants on NHWC data),
    // or the general case by an outer loop over the broadcast shape with a contiguous or constant inner run.
    private static bool FastFloat<TOp>(TfjsTensor a, TfjsTensor b, int[] shape, float[] y)
        where TOp : struct, IFloatOp
    {
        var n = y.Length;
        var x1 = a.Floats;
        var x2 = b.Floats;
        if (a.Length == n && b.Length == n)
        {
            for (var i = 0; i < n; i++)
            {
                y[i] = TOp.F(x1[i], x2[i]);
            }

            return true;
        }

        if (b.Length == 1)
        {
            var v = x2[0];
            for (var i = 0; i < n; i++)
            {
                y[i] = TOp.F(x1[i], v);
            }

            return true;
        }

        if (a.Length == 1)
        {
            var v = x1[0];
            for (var i = 0; i < n; i++)
            {
                y[i] = TOp.F(v, x2[i]);
            }

            return true;
        }

        if (a.Length == n && Broadcast.IsSuffix(b.Shape, shape))
        {
            var m = b.Length;
            for (var o = 0; o < n; o += m)
            {
                for (var i = 0; i < m; i++)
                {
                    y[o + i] = TOp.F(x1[o + i], x2[i]);
                }
            }

            return true;
        }

        if (b.Length == n && Broadcast.IsSuffix(a.Shape, shape))
        {
            var m = a.Length;
            for (var o = 0; o < n; o += m)
            {
                for (var i = 0; i < m; i++)
                {
                    y[o + i] = TOp.F(x1[i], x2[o + i]);
                }
            }

            return true;
        }

        // General: rows of the last output axis; each operand's last axis is either full (stride 1) or broadcast (0).
        var inner = shape.Length == 0 ? 1 : shape[^1];
        var sa = Broadcast.SourceIndices(a.Rank > 0 ? a.Shape[..^1] : [], shape[..^1]);
        var sb = Broadcast.SourceIndices(b.Rank > 0 ? b.Shape[..^1] : [], shape[..^1]);
        var lastA = a.Rank > 0 && a.Shape[^1] == inner && inner != 1 ? 1 : 0;
        var lastB = b.Rank > 0 && b.Shape[^1] == inner && inner != 1 ? 1 : 0;
        var rowA = a.Rank > 0 ? a.Shape[^1] : 1;
        var rowB = b.Rank > 0 ? b.Shape[^1] : 1;
        for (var r = 0; r < sa.Length; r++)
        {
            var oa = sa[r] * rowA;
            var ob = sb[r] * rowB;
            var oy = r * inner;
            for (var i = 0; i < inner; i++)
            {
                y[oy + i] = TOp.F(x1[oa + (i * lastA)], x2[ob + (i * lastB)]);
            }
        }

        return true;
    }

    private interface IFloatOp
    {
        static abstract float F(float a, float b);
    }

    private readonly struct AddOp : IFloatOp
    {
        public static float F(float a, float b) => a + b;
    }

    private readonly struct SubOp : IFloatOp
    {
        public static float F(float a, float b) => a - b;
    }

    private readonly struct MulOp : IFloatOp
    {
        public static float F(float a, float b) => a * b;
    }

    private readonly struct DivOp : IFloatOp
    {
        public static float F(float a, float b) => a / b;
    }

    private readonly struct MinOp : IFloatOp
    {
        public static float F(float a, float b) => MathF.Min(a, b);
    }

    private readonly struct MaxOp : IFloatOp
    {
        public static float F(float a, float b) => MathF.Max(a, b);
    }

    private readonly struct SquaredDifferenceOp : IFloatOp
    {
        public static float F(float a, float b) => (a - b) * (a - b);
    }
}
