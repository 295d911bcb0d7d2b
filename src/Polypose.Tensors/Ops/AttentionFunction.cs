using System.Numerics.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>
/// Fused scaled dot-product attention over q [B, H, L, D], k [B, H, S, D], v [B, H, S, Dv] (any layout whose last
/// stride is 1, e.g. the [B, T, H, D] projections viewed as [B, H, T, D]): per head S = scale·q kᵀ (+ mask), P =
/// softmax(S) in place, O = P v, all as strided GEMMs (lda = row stride of the view, no re-layout copies). O is stored
/// [B, L, H, Dv] and returned as a [B, H, L, Dv] view, so the usual transpose + reshape back to [B, L, E] is free.
/// Outputs: O and P [B, H, L, S] (attention weights). Backward (per head): dV = Pᵀ dO, dP = dO vᵀ (+ dP from the
/// weights output), dS = P ∘ (dP − rowsum(dP ∘ P))·scale, dQ = dS k, dK = dSᵀ q; dQ/dK/dV are stored [B, T, H, D].
/// </summary>
internal sealed class AttentionFunction(float scale, Tensor? mask) : Function
{
    public override string Name => "ScaledDotProductAttention";

    protected override Tensor[] Forward(Tensor[] inputs)
    {
        Tensor q = LastDense(inputs[0]), k = LastDense(inputs[1]), v = LastDense(inputs[2]);
        int b = q.ShapeArray[0], h = q.ShapeArray[1], l = q.ShapeArray[2], d = q.ShapeArray[3], s = k.ShapeArray[2], dv = v.ShapeArray[3];
        var p = Tensor.NewUninitialized([b, h, l, s], out var pd);
        var o = Tensor.NewUninitialized([b, l, h, dv], out var od);
        var maskView = mask?.Expand([b, h, l, s]);
        var qd = q.FData!;
        var kd = k.FData!;
        var vd = v.FData!;
        for (var bi = 0; bi < b; bi++)
        {
            for (var hi = 0; hi < h; hi++)
            {
                var head = ((bi * h) + hi) * l * s;
                var scores = pd.Slice(head, l * s);
                Gemm.Sgemm(false, true, l, s, d, scale, qd.AsSpan(At(q, bi, hi)), RowStride(q), kd.AsSpan(At(k, bi, hi)), RowStride(k), 0f, scores, Math.Max(s, 1));
                for (var i = 0; i < l; i++)
                {
                    var row = scores.Slice(i * s, s);
                    if (maskView is not null)
                    {
                        AddMaskRow(maskView, bi, hi, i, row);
                    }

                    SoftmaxRowInPlace(row);
                }

                Gemm.Sgemm(false, false, l, dv, s, 1f, scores, Math.Max(s, 1), vd.AsSpan(At(v, bi, hi)), RowStride(v), 0f, od.Slice(((bi * l * h) + hi) * dv), h * dv);
            }
        }

        SaveForBackward(q, k, v, p);
        var oView = o.WithLayout([b, h, l, dv], [l * h * dv, dv, h * dv, 1], 0);
        return [oView, p];
    }

    protected override Tensor?[] Backward(Tensor[] gradOutputs)
    {
        Tensor q = SavedTensors[0], k = SavedTensors[1], v = SavedTensors[2], p = SavedTensors[3];
        int b = q.ShapeArray[0], h = q.ShapeArray[1], l = q.ShapeArray[2], d = q.ShapeArray[3], s = k.ShapeArray[2], dv = v.ShapeArray[3];
        var dO = LastDense(gradOutputs[0]);
        var dPw = gradOutputs[1].Contiguous();
        var dOd = dO.FData!;
        var pd = p.FData!;
        var dPwd = dPw.FData!;
        var grads = new Tensor?[3];
        Span<float> dq = default, dk = default, dvv = default;
        if (NeedsInputGrad(0))
        {
            grads[0] = Tensor.NewUninitialized([b, l, h, d], out dq).WithLayout([b, h, l, d], [l * h * d, d, h * d, 1], 0);
        }

        if (NeedsInputGrad(1))
        {
            grads[1] = Tensor.NewUninitialized([b, s, h, d], out dk).WithLayout([b, h, s, d], [s * h * d, d, h * d, 1], 0);
        }

        if (NeedsInputGrad(2))
        {
            grads[2] = Tensor.NewUninitialized([b, s, h, dv], out dvv).WithLayout([b, h, s, dv], [s * h * dv, dv, h * dv, 1], 0);
        }

        var scratch = Tensor.NewUninitialized([l * s], out var dS);
        var qd = q.FData!;
        var kd = k.FData!;
        var vd = v.FData!;
        var ldS = Math.Max(s, 1);
        for (var bi = 0; bi < b; bi++)
        {
            for (var hi = 0; hi < h; hi++)
            {
                var head = ((bi * h) + hi) * l * s;
                var ph = pd.AsSpan(head, l * s);
                var dOh = dOd.AsSpan(At(dO, bi, hi));
                if (!dvv.IsEmpty)
                {
                    Gemm.Sgemm(true, false, s, dv, l, 1f, ph, ldS, dOh, RowStride(dO), 0f, dvv.Slice(((bi * s * h) + hi) * dv), h * dv);
                }

                if (dq.IsEmpty && dk.IsEmpty)
                {
                    continue;
                }

                dPwd.AsSpan(dPw.Offset + head, l * s).CopyTo(dS);
                Gemm.Sgemm(false, true, l, s, dv, 1f, dOh, RowStride(dO), vd.AsSpan(At(v, bi, hi)), RowStride(v), 1f, dS, ldS);
                for (var i = 0; i < l; i++)
                {
                    var pr = ph.Slice(i * s, s);
                    var gr = dS.Slice(i * s, s);
                    var dot = TensorPrimitives.Dot(gr, pr);
                    TensorPrimitives.Subtract(gr, dot, gr);
                    TensorPrimitives.Multiply(gr, pr, gr);
                }

                if (!dq.IsEmpty)
                {
                    Gemm.Sgemm(false, false, l, d, s, scale, dS, ldS, kd.AsSpan(At(k, bi, hi)), RowStride(k), 0f, dq.Slice(((bi * l * h) + hi) * d), h * d);
                }

                if (!dk.IsEmpty)
                {
                    Gemm.Sgemm(true, false, s, d, l, scale, dS, ldS, qd.AsSpan(At(q, bi, hi)), RowStride(q), 0f, dk.Slice(((bi * s * h) + hi) * d), h * d);
                }
            }
        }

        scratch.Store.Release("attention backward scratch");
        return grads;
    }

    /// <summary>The tensor itself when its last stride is 1 (or it has one column), else a dense copy.</summary>
    private static Tensor LastDense(Tensor t) =>
        (t.StrideArray[3] == 1 || t.ShapeArray[3] <= 1) && (t.ShapeArray[2] <= 1 || t.StrideArray[2] >= Math.Max(t.ShapeArray[3], 1)) ? t : t.Contiguous();

    /// <summary>Storage offset of head (b, h): rows then follow at <see cref="RowStride"/>.</summary>
    private static int At(Tensor t, int b, int h) => t.Offset + (b * t.StrideArray[0]) + (h * t.StrideArray[1]);

    private static int RowStride(Tensor t) => t.ShapeArray[2] <= 1 ? Math.Max(t.ShapeArray[3], 1) : t.StrideArray[2];

    private static void AddMaskRow(Tensor m, int b, int h, int i, Span<float> row)
    {
        var md = m.FData!;
        var at = m.Offset + (b * m.StrideArray[0]) + (h * m.StrideArray[1]) + (i * m.StrideArray[2]);
        var step = m.StrideArray[3];
        if (step == 1)
        {
            TensorPrimitives.Add(row, md.AsSpan(at, row.Length), row);
            return;
        }

        for (var j = 0; j < row.Length; j++)
        {
            row[j] += md[at + (j * step)];
        }
    }

    /// <summary>Numerically stable softmax of one row in place; a fully masked (all −∞) row becomes zeros.</summary>
    private static void SoftmaxRowInPlace(Span<float> row)
    {
        if (row.IsEmpty)
        {
            return;
        }

        var max = TensorPrimitives.Max(row);
        if (float.IsNegativeInfinity(max))
        {
            row.Clear();
            return;
        }

        TensorPrimitives.Subtract(row, max, row);
        TensorPrimitives.Exp(row, row);
        TensorPrimitives.Multiply(row, 1f / TensorPrimitives.Sum(row), row);
    }
}
