using System.Numerics.Tensors;

namespace Polypose.Tensors.Internal;

/// <summary>Span op writing f(x) into destination.</summary>
internal delegate void SpanUnary(ReadOnlySpan<float> x, Span<float> destination);

/// <summary>Span op writing f(x, y) into destination.</summary>
internal delegate void SpanBinary(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);

/// <summary>Span op writing f(x, scalar) into destination.</summary>
internal delegate void SpanScalar(ReadOnlySpan<float> x, float y, Span<float> destination);

/// <summary>
/// Drivers that run span kernels (mostly <see cref="TensorPrimitives"/>) over tensors: contiguous fast path,
/// row-wise broadcasting, and a dense-copy fallback for strided views.
/// </summary>
internal static class Elementwise
{
    public static Tensor Map(Tensor x, SpanUnary op)
    {
        var r = Tensor.NewUninitialized((int[])x.ShapeArray.Clone(), out var dst);
        op(x.ReadSpan(), dst);
        return r;
    }

    /// <summary>Element-wise f over a float tensor with a scalar lambda (for ops without a TensorPrimitives kernel).</summary>
    public static Tensor Map(Tensor x, Func<float, float> f)
    {
        var src = x.ReadSpan();
        var r = Tensor.NewUninitialized((int[])x.ShapeArray.Clone(), out var dst);
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = f(src[i]);
        }

        return r;
    }

    /// <summary>Element-wise f(a, b) for two tensors of the same shape (backward helpers).</summary>
    public static Tensor Zip(Tensor a, Tensor b, Func<float, float, float> f)
    {
        var x = a.ReadSpan();
        var y = b.ReadSpan();
        var r = Tensor.NewUninitialized((int[])a.ShapeArray.Clone(), out var dst);
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
    public static Tensor Map2(Tensor a, Tensor b, SpanBinary op, SpanScalar? right = null, SpanScalar? left = null)
    {
        a.RequireFloat("binary op");
        b.RequireFloat("binary op");
        if (Shapes.Equal(a.ShapeArray, b.ShapeArray))
        {
            var same = Tensor.NewUninitialized((int[])a.ShapeArray.Clone(), out var d);
            op(a.ReadSpan(), b.ReadSpan(), d);
            return same;
        }

        var shape = Shapes.Broadcast(a.ShapeArray, b.ShapeArray);
        var n = Shapes.NumEl(shape);
        var result = Tensor.NewUninitialized(shape, out var dst);
        if (b.Count == 1 && right is not null && a.Count == n)
        {
            right(a.ReadSpan(), b.FData![b.Offset], dst);
            return result;
        }

        if (a.Count == 1 && left is not null && b.Count == n)
        {
            left(b.ReadSpan(), a.FData![a.Offset], dst);
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
            var xa = a.ReadSpan();
            var xb = b.ReadSpan();
            for (var r = 0; r < n; r += inner)
            {
                var ra = ka == 0 ? xa.Slice(r, inner) : xa;
                var rb = kb == 0 ? xb.Slice(r, inner) : xb;
                op(ra, rb, dst.Slice(r, inner));
            }

            return result;
        }

        op(a.Expand(shape).ToArray(), b.Expand(shape).ToArray(), dst);
        return result;
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
