using System.Numerics.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Kernels;
using Polypose.Tensors.Memory;

namespace Polypose.Tensors.Ops;

/// <summary>
/// Fused scaled dot-product attention over q [B, H, L, D], k [B, H, S, D], v [B, H, S, Dv] (any layout whose last
/// stride is 1, e.g. the [B, T, H, D] projections viewed as [B, H, T, D]): per head S = scale·q kᵀ (+ mask), P =
/// softmax(S) in place, O = P v, all as strided GEMMs (lda = row stride of the view, no re-layout copies). O is stored
/// [B, L, H, Dv] and returned as a [B, H, L, Dv] view, so the usual transpose + reshape back to [B, L, E] is free.
/// Outputs: O and P [B, H, L, S] (attention weights). Backward (per head): dV = Pᵀ dO, dP = dO vᵀ (+ dP from the
/// weights output), dS = P ∘ (dP − rowsum(dP ∘ P))·scale, dQ = dS k, dK = dSᵀ q; dQ/dK/dV are stored [B, T, H, D].
/// </summary>
internal sealed partial class AttentionFunction(float scale, Tensor? mask) : Function
{
    public override string Name => "ScaledDotProductAttention";

    protected override Tensor[] Forward(Tensor[] inputs)
    {
        Tensor q = LastDense(inputs[0]), k = LastDense(inputs[1]), v = LastDense(inputs[2]);
        int b = q.ShapeArray[0], h = q.ShapeArray[1], l = q.ShapeArray[2], d = q.ShapeArray[3], s = k.ShapeArray[2], dv = v.ShapeArray[3];
        var p = Tensor.NewUninitialized([b, h, l, s], out _);
        var o = Tensor.NewUninitialized([b, l, h, dv], out _);
        var maskView = mask?.Expand([b, h, l, s]);
        var heads = new Heads(q, k, v, p, o, null, null, null, null, maskView, scale);
        TensorThreads.For(b * h, heads.MinHeadsPerThread, heads, static (st, start, end) =>
        {
            for (var head = start; head < end; head++)
            {
                ForwardHead(st, head / st.H, head % st.H);
            }
        });

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
        var grads = new Tensor?[3];
        if (NeedsInputGrad(0))
        {
            grads[0] = Tensor.NewUninitialized([b, l, h, d], out _).WithLayout([b, h, l, d], [l * h * d, d, h * d, 1], 0);
        }

        if (NeedsInputGrad(1))
        {
            grads[1] = Tensor.NewUninitialized([b, s, h, d], out _).WithLayout([b, h, s, d], [s * h * d, d, h * d, 1], 0);
        }

        if (NeedsInputGrad(2))
        {
            grads[2] = Tensor.NewUninitialized([b, s, h, dv], out _).WithLayout([b, h, s, dv], [s * h * dv, dv, h * dv, 1], 0);
        }

        var heads = new Heads(q, k, v, p, dO, dPw, grads[0], grads[1], grads[2], null, scale);
        if (grads[0] is not null || grads[1] is not null || grads[2] is not null)
        {
            TensorThreads.For(b * h, heads.MinHeadsPerThread, heads, static (st, start, end) =>
            {
                var scratch = TensorPool.RentFloat(Math.Max(st.L * st.S, 1));
                try
                {
                    for (var head = start; head < end; head++)
                    {
                        BackwardHead(st, head / st.H, head % st.H, scratch.AsSpan(0, st.L * st.S));
                    }
                }
                finally
                {
                    TensorPool.Return(scratch);
                }
            });
        }

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
