using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>
/// Per-head attention kernels. Heads are independent (disjoint outputs), so the forward and backward passes run them
/// in parallel over <see cref="TensorThreads"/> (each head's GEMMs then run single-threaded: no nested parallelism);
/// every head does the same arithmetic on any thread, so results do not depend on the thread count.
/// </summary>
internal sealed partial class AttentionFunction
{
    /// <summary>Forward of head (bi, hi): P = softmax(scale·q kᵀ + mask) in place, O = P v into [B, L, H, Dv].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardHead(Heads st, int bi, int hi)
    {
        int l = st.L, s = st.S, h = st.H, d = st.D, dv = st.Dv;
        Tensor q = st.Q, k = st.K, v = st.V;
        var head = ((bi * h) + hi) * l * s;
        var scores = st.P.FData.AsSpan(st.P.Offset + head, l * s);
        Gemm.Sgemm(false, true, l, s, d, st.Scale, q.FData.AsSpan(At(q, bi, hi)), RowStride(q), k.FData.AsSpan(At(k, bi, hi)), RowStride(k), 0f, scores, Math.Max(s, 1));
        for (var i = 0; i < l; i++)
        {
            var row = scores.Slice(i * s, s);
            if (st.Mask is not null)
            {
                AddMaskRow(st.Mask, bi, hi, i, row);
            }

            SoftmaxRowInPlace(row);
        }

        var od = st.OutOrGrad.FData.AsSpan(st.OutOrGrad.Offset + (((bi * l * h) + hi) * dv));
        Gemm.Sgemm(false, false, l, dv, s, 1f, scores, Math.Max(s, 1), v.FData.AsSpan(At(v, bi, hi)), RowStride(v), 0f, od, h * dv);
    }

    /// <summary>Backward of head (bi, hi) with a scratch dS of l·s floats; writes the head's slices of dQ, dK, dV.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardHead(Heads st, int bi, int hi, Span<float> dS)
    {
        int l = st.L, s = st.S, h = st.H, d = st.D, dv = st.Dv;
        Tensor q = st.Q, k = st.K, v = st.V, dO = st.OutOrGrad;
        var ldS = Math.Max(s, 1);
        var head = ((bi * h) + hi) * l * s;
        var ph = st.P.FData.AsSpan(st.P.Offset + head, l * s);
        var dOh = dO.FData.AsSpan(At(dO, bi, hi));
        if (st.DV is { } gv)
        {
            Gemm.Sgemm(true, false, s, dv, l, 1f, ph, ldS, dOh, RowStride(dO), 0f, gv.FData.AsSpan(gv.Offset + (((bi * s * h) + hi) * dv)), h * dv);
        }

        if (st.DQ is null && st.DK is null)
        {
            return;
        }

        st.DPw!.FData.AsSpan(st.DPw.Offset + head, l * s).CopyTo(dS);
        Gemm.Sgemm(false, true, l, s, dv, 1f, dOh, RowStride(dO), v.FData.AsSpan(At(v, bi, hi)), RowStride(v), 1f, dS, ldS);
        for (var i = 0; i < l; i++)
        {
            var pr = ph.Slice(i * s, s);
            var gr = dS.Slice(i * s, s);
            var dot = TensorPrimitives.Dot(gr, pr);
            TensorPrimitives.Subtract(gr, dot, gr);
            TensorPrimitives.Multiply(gr, pr, gr);
        }

        if (st.DQ is { } gq)
        {
            Gemm.Sgemm(false, false, l, d, s, st.Scale, dS, ldS, k.FData.AsSpan(At(k, bi, hi)), RowStride(k), 0f, gq.FData.AsSpan(gq.Offset + (((bi * l * h) + hi) * d)), h * d);
        }

        if (st.DK is { } gk)
        {
            Gemm.Sgemm(true, false, s, d, l, st.Scale, dS, ldS, q.FData.AsSpan(At(q, bi, hi)), RowStride(q), 0f, gk.FData.AsSpan(gk.Offset + (((bi * s * h) + hi) * d)), h * d);
        }
    }

    /// <summary>
    /// Tensors of one attention call shared by the head workers: q, k, v [B, H, T, D] views, P [B, H, L, S],
    /// <see cref="OutOrGrad"/> = O [B, L, H, Dv] storage (forward) or dO view (backward), dP from the weights output,
    /// the dQ/dK/dV gradients (views over [B, T, H, D] storage, null when not needed) and the expanded mask.
    /// </summary>
    private sealed class Heads(
        Tensor q, Tensor k, Tensor v, Tensor p, Tensor outOrGrad, Tensor? dPw, Tensor? dq, Tensor? dk, Tensor? dv, Tensor? mask, float scale)
    {
        public Tensor Q { get; } = q;

        public Tensor K { get; } = k;

        public Tensor V { get; } = v;

        public Tensor P { get; } = p;

        public Tensor OutOrGrad { get; } = outOrGrad;

        public Tensor? DPw { get; } = dPw;

        public Tensor? DQ { get; } = dq;

        public Tensor? DK { get; } = dk;

        public Tensor? DV { get; } = dv;

        public Tensor? Mask { get; } = mask;

        public float Scale { get; } = scale;

        public int H => Q.ShapeArray[1];

        public int L => Q.ShapeArray[2];

        public int D => Q.ShapeArray[3];

        public int S => K.ShapeArray[2];

        public int Dv => V.ShapeArray[3];

        /// <summary>Gets the fewest heads worth a thread (per-head multiply-adds against <see cref="TensorThreads.MinMacsPerThread"/>).</summary>
        public int MinHeadsPerThread
        {
            get
            {
                var macs = Math.Max(1L, (long)L * S * (D + (2L * Dv)));
                return (int)Math.Clamp(TensorThreads.MinMacsPerThread / macs, 1, int.MaxValue);
            }
        }
    }
}
