using System.Numerics.Tensors;

namespace Polypose.Tensors.Internal;

/// <summary>Span op writing f(x) into destination.</summary>
/// <typeparam name="T">Element type (float or double).</typeparam>
internal delegate void SpanUnary<T>(ReadOnlySpan<T> x, Span<T> destination);

/// <summary>Span op writing f(x, y) into destination.</summary>
/// <typeparam name="T">Element type (float or double).</typeparam>
internal delegate void SpanBinary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

/// <summary>Span op writing f(x, scalar) into destination.</summary>
/// <typeparam name="T">Element type (float or double).</typeparam>
internal delegate void SpanScalar<T>(ReadOnlySpan<T> x, T y, Span<T> destination);

/// <summary>
/// Drivers that run span kernels (mostly <see cref="TensorPrimitives"/>) over float32 or float64 tensors: contiguous
/// fast path, row-wise broadcasting, and a dense-copy fallback for strided views. The non-generic overloads are the
/// float32 ones.
/// </summary>
internal static class Elementwise
{
    public static Tensor Map(Tensor x, SpanUnary<float> op) => Map<float>(x, op);

    public static Tensor Map<T>(Tensor x, SpanUnary<T> op)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Tensor.NewUninitialized<T>((int[])x.ShapeArray.Clone(), out var dst);
        op(x.ReadSpan<T>(), dst);
        return r;
    }

    /// <summary>Element-wise f over a float tensor with a scalar lambda (for ops without a TensorPrimitives kernel).</summary>
    public static Tensor Map(Tensor x, Func<float, float> f) => Map<float>(x, f);

    /// <inheritdoc cref="Map(Tensor, Func{float, float})"/>
    public static Tensor Map<T>(Tensor x, Func<T, T> f)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = x.ReadSpan<T>();
        var r = Tensor.NewUninitialized<T>((int[])x.ShapeArray.Clone(), out var dst);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = f(src[i]);
        }

        return r;
    }

    /// <summary>Element-wise f(a, b) for two tensors of the same shape (backward helpers).</summary>
    public static Tensor Zip(Tensor a, Tensor b, Func<float, float, float> f) => Zip<float>(a, b, f);

    /// <inheritdoc cref="Zip(Tensor, Tensor, Func{float, float, float})"/>
    public static Tensor Zip<T>(Tensor a, Tensor b, Func<T, T, T> f)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = a.ReadSpan<T>();
        var y = b.ReadSpan<T>();
        var r = Tensor.NewUninitialized<T>((int[])a.ShapeArray.Clone(), out var dst);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = f(x[i], y[i]);
        }

        return r;
    }

    /// <summary>Element-wise f(a, b, c) for three tensors of the same shape (backward helpers).</summary>
    public static Tensor Zip(Tensor a, Tensor b, Tensor c, Func<float, float, float, float> f)
    {
        var x = a.ReadSpan();
        var y = b.ReadSpan();
        var z = c.ReadSpan();
        var r = Tensor.NewUninitialized((int[])a.ShapeArray.Clone(), out var dst);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = f(x[i], y[i], z[i]);
        }

        return r;
    }

    /// <summary>Broadcasting binary op. <paramref name="right"/>/<paramref name="left"/> handle a single-element operand.</summary>
    public static Tensor Map2(Tensor a, Tensor b, SpanBinary<float> op, SpanScalar<float>? right = null, SpanScalar<float>? left = null)
        => Map2<float>(a, b, op, right, left);

    /// <inheritdoc cref="Map2(Tensor, Tensor, SpanBinary{float}, SpanScalar{float}?, SpanScalar{float}?)"/>
    public static Tensor Map2<T>(Tensor a, Tensor b, SpanBinary<T> op, SpanScalar<T>? right = null, SpanScalar<T>? left = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireOperands<T>(a, b);
        if (Shapes.Equal(a.ShapeArray, b.ShapeArray))
        {
            var same = Tensor.NewUninitialized<T>((int[])a.ShapeArray.Clone(), out var d);
            op(a.ReadSpan<T>(), b.ReadSpan<T>(), d);
            return same;
        }

        var shape = Shapes.Broadcast(a.ShapeArray, b.ShapeArray);
        var n = Shapes.NumEl(shape);
        var result = Tensor.NewUninitialized<T>(shape, out var dst);
        if (b.Count == 1 && right is not null && a.Count == n)
        {
            right(a.ReadSpan<T>(), b.DataOf<T>()[b.Offset], dst);
            return result;
        }

        if (a.Count == 1 && left is not null && b.Count == n)
        {
            left(b.ReadSpan<T>(), a.DataOf<T>()[a.Offset], dst);
            return result;
        }

        var ka = TrailingStart(a, shape);
        var kb = TrailingStart(b, shape);
        var k = Math.Max(ka, kb);
        var inner = 1;
        for (var i = k; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        if (n > 0 && inner >= 8 && (ka == 0 || ka == k) && (kb == 0 || kb == k))
        {
            var xa = a.ReadSpan<T>();
            var xb = b.ReadSpan<T>();
            for (var r = 0; r < n; r += inner)
            {
                var ra = ka == 0 ? xa.Slice(r, inner) : xa;
                var rb = kb == 0 ? xb.Slice(r, inner) : xb;
                op(ra, rb, dst.Slice(r, inner));
            }

            return result;
        }

        // One operand full, the other one value per row of the trailing dims (x[r, :] ∘ s[r], e.g. [rows, d] by
        // [rows, 1]): the scalar form per row, the same per-element operation without materialising the broadcast.
        if (n > 0 && right is not null && a.Count == n && RowScalarInner(b, shape) is var ib and > 1)
        {
            var xa = a.ReadSpan<T>();
            var xb = b.ReadSpan<T>();
            for (int r = 0, row = 0; r < n; r += ib, row++)
            {
                right(xa.Slice(r, ib), xb[row], dst.Slice(r, ib));
            }

            return result;
        }

        if (n > 0 && left is not null && b.Count == n && RowScalarInner(a, shape) is var ia and > 1)
        {
            var xa = a.ReadSpan<T>();
            var xb = b.ReadSpan<T>();
            for (int r = 0, row = 0; r < n; r += ia, row++)
            {
                left(xb.Slice(r, ia), xa[row], dst.Slice(r, ia));
            }

            return result;
        }

        op(a.Expand(shape).ToArrayOf<T>(), b.Expand(shape).ToArrayOf<T>(), dst);
        return result;
    }

    /// <summary>
    /// For an operand of the same rank as <paramref name="shape"/> that equals it on the leading dims and is 1 on the
    /// trailing ones (at least one): the number of elements per row (product of those trailing dims); 0 otherwise.
    /// </summary>
    private static int RowScalarInner(Tensor t, int[] shape)
    {
        if (t.NDim != shape.Length)
        {
            return 0;
        }

        var j = shape.Length;
        while (j > 0 && t.ShapeArray[j - 1] == 1)
        {
            j--;
        }

        if (j == shape.Length)
        {
            return 0;
        }

        for (var i = 0; i < j; i++)
        {
            if (t.ShapeArray[i] != shape[i])
            {
                return 0;
            }
        }

        var inner = 1;
        for (var i = j; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        return inner;
    }

    /// <summary>Both operands must have the dtype of <typeparamref name="T"/>; names the mismatch otherwise.</summary>
    private static void RequireOperands<T>(Tensor a, Tensor b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var want = Tensor.DTypeOf<T>();
        if (a.DType == want && b.DType == want)
        {
            a.RequireFloating("binary op");
            b.RequireFloating("binary op");
            return;
        }

        if (a.IsFloatingPoint && b.IsFloatingPoint)
        {
            Tensor.RequireSameDType(a, b, "binary op");
        }

        (a.DType == want ? b : a).RequireFloat("binary op");
    }

    /// <summary>
    /// For an operand broadcast to <paramref name="shape"/>: the first dim k such that the operand (left-padded)
    /// is 1 on dims before k and equal to <paramref name="shape"/> from k on. Returns int.MaxValue when no such k exists.
    /// </summary>
    private static int TrailingStart(Tensor t, int[] shape)
    {
        var pad = shape.Length - t.NDim;
        var k = shape.Length;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            var s = i >= pad ? t.ShapeArray[i - pad] : 1;
            if (s == shape[i])
            {
                k = i;
                continue;
            }

            break;
        }

        for (var i = 0; i < k; i++)
        {
            var s = i >= pad ? t.ShapeArray[i - pad] : 1;
            if (s != 1)
            {
                return int.MaxValue;
            }
        }

        return k;
    }
}
