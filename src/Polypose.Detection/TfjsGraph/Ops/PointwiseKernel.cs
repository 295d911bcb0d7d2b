using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>
/// The 1×1 convolution of channel-last pixels, <c>y[m, n] = f(b[n] + Σ_k x[m, k] · w[k, n])</c> for x <c>[M, K]</c>
/// (pixels × input channels) and w <c>[K, N]</c> (TF's HWIO filter with H = W = 1), without packing: 4 pixels × 16
/// output channels of FMA accumulators per step, weights streamed from cache, bias and activation applied in registers.
/// MobileNet's pointwise layers have small K and N and huge M, where this beats a packed GEMM. Needs AVX2 + FMA
/// (<see cref="IsSupported"/>); callers fall back to GEMM otherwise. With AVX-512 it runs 8 pixels × 32 channels
/// per step instead (PointwiseKernel.Avx512.cs), with the same bits.
/// </summary>
public static unsafe partial class PointwiseKernel
{
    /// <summary>Gets a value indicating whether the CPU has the instructions the kernel uses.</summary>
    public static bool IsSupported => Fma.IsSupported && Avx2.IsSupported;

    /// <summary>
    /// Computes y (overwritten) for a filter held in an array (a model's constant): with AVX-512 and a channel count
    /// that is not a multiple of 16, the zero-padded copy of the filter is made once and reused.
    /// </summary>
    public static void Run(ReadOnlySpan<float> x, int m, int k, float[] w, int n, ReadOnlySpan<float> bias, Span<float> y, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (!HasAvx512 || n % 16 == 0)
        {
            Run(x, m, k, w.AsSpan(), n, bias, y, activation);
            return;
        }

        if (x.Length < m * k || w.Length < k * n || y.Length < m * n || (!bias.IsEmpty && bias.Length < n))
        {
            throw new ArgumentException("PointwiseKernel: a span is too short");
        }

        var padded = Padded(w, k, n, (n + 15) & ~15);
        fixed (float* px = x, pw = padded, pb = bias, py = y)
        {
            RunAvx512(px, m, k, pw, n, bias.IsEmpty ? null : pb, py, activation);
        }
    }

    /// <summary>Computes y (overwritten).</summary>
    public static void Run(ReadOnlySpan<float> x, int m, int k, ReadOnlySpan<float> w, int n, ReadOnlySpan<float> bias, Span<float> y, Activation activation)
    {
        if (x.Length < m * k || w.Length < k * n || y.Length < m * n || (!bias.IsEmpty && bias.Length < n))
        {
            throw new ArgumentException("PointwiseKernel: a span is too short");
        }

        if (HasAvx512 && n % 16 == 0)
        {
            fixed (float* px = x, pw = w, pb = bias, py = y)
            {
                RunAvx512(px, m, k, pw, n, bias.IsEmpty ? null : pb, py, activation);
            }

            return;
        }

        fixed (float* px = x, pw = w, pb = bias, py = y)
        {
            var i = 0;
            for (; i + 4 <= m; i += 4)
            {
                Rows4(px + (i * k), k, pw, n, bias.IsEmpty ? null : pb, py + (i * n), activation);
            }

            for (; i < m; i++)
            {
                Row1(px + (i * k), k, pw, n, bias.IsEmpty ? null : pb, py + (i * n), activation);
            }
        }
    }

    private static void Rows4(float* a, int k, float* w, int n, float* bias, float* y, Activation act)
    {
        var lo = Vector256<float>.Zero;
        var hi = Vector256.Create(act == Activation.Relu6 ? 6f : float.PositiveInfinity);
        var clamp = act != Activation.None;
        var j = 0;
        for (; j + 16 <= n; j += 16)
        {
            var b0 = bias == null ? Vector256<float>.Zero : Avx.LoadVector256(bias + j);
            var b1 = bias == null ? Vector256<float>.Zero : Avx.LoadVector256(bias + j + 8);
            Vector256<float> c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
            var wp = w + j;
            for (var p = 0; p < k; p++, wp += n)
            {
                var w0 = Avx.LoadVector256(wp);
                var w1 = Avx.LoadVector256(wp + 8);
                var a0 = Vector256.Create(a[p]);
                var a1 = Vector256.Create(a[k + p]);
                var a2 = Vector256.Create(a[(2 * k) + p]);
                var a3 = Vector256.Create(a[(3 * k) + p]);
                c00 = Fma.MultiplyAdd(a0, w0, c00);
                c01 = Fma.MultiplyAdd(a0, w1, c01);
                c10 = Fma.MultiplyAdd(a1, w0, c10);
                c11 = Fma.MultiplyAdd(a1, w1, c11);
                c20 = Fma.MultiplyAdd(a2, w0, c20);
                c21 = Fma.MultiplyAdd(a2, w1, c21);
                c30 = Fma.MultiplyAdd(a3, w0, c30);
                c31 = Fma.MultiplyAdd(a3, w1, c31);
            }

            if (clamp)
            {
                c00 = Avx.Min(Avx.Max(c00, lo), hi);
                c01 = Avx.Min(Avx.Max(c01, lo), hi);
                c10 = Avx.Min(Avx.Max(c10, lo), hi);
                c11 = Avx.Min(Avx.Max(c11, lo), hi);
                c20 = Avx.Min(Avx.Max(c20, lo), hi);
                c21 = Avx.Min(Avx.Max(c21, lo), hi);
                c30 = Avx.Min(Avx.Max(c30, lo), hi);
                c31 = Avx.Min(Avx.Max(c31, lo), hi);
            }

            Avx.Store(y + j, c00);
            Avx.Store(y + j + 8, c01);
            Avx.Store(y + n + j, c10);
            Avx.Store(y + n + j + 8, c11);
            Avx.Store(y + (2 * n) + j, c20);
            Avx.Store(y + (2 * n) + j + 8, c21);
            Avx.Store(y + (3 * n) + j, c30);
            Avx.Store(y + (3 * n) + j + 8, c31);
        }

        for (; j + 8 <= n; j += 8)
        {
            var b0 = bias == null ? Vector256<float>.Zero : Avx.LoadVector256(bias + j);
            Vector256<float> c0 = b0, c1 = b0, c2 = b0, c3 = b0;
            var wp = w + j;
            for (var p = 0; p < k; p++, wp += n)
            {
                var w0 = Avx.LoadVector256(wp);
                c0 = Fma.MultiplyAdd(Vector256.Create(a[p]), w0, c0);
                c1 = Fma.MultiplyAdd(Vector256.Create(a[k + p]), w0, c1);
                c2 = Fma.MultiplyAdd(Vector256.Create(a[(2 * k) + p]), w0, c2);
                c3 = Fma.MultiplyAdd(Vector256.Create(a[(3 * k) + p]), w0, c3);
            }

            if (clamp)
            {
                c0 = Avx.Min(Avx.Max(c0, lo), hi);
                c1 = Avx.Min(Avx.Max(c1, lo), hi);
                c2 = Avx.Min(Avx.Max(c2, lo), hi);
                c3 = Avx.Min(Avx.Max(c3, lo), hi);
            }

            Avx.Store(y + j, c0);
            Avx.Store(y + n + j, c1);
            Avx.Store(y + (2 * n) + j, c2);
            Avx.Store(y + (3 * n) + j, c3);
        }

        for (; j < n; j++)
        {
            for (var r = 0; r < 4; r++)
            {
                var s = bias == null ? 0f : bias[j];
                for (var p = 0; p < k; p++)
                {
                    s = MathF.FusedMultiplyAdd(a[(r * k) + p], w[(p * n) + j], s);
                }

                y[(r * n) + j] = BiasActivation.Clamp(s, act);
            }
        }
    }

    private static void Row1(float* a, int k, float* w, int n, float* bias, float* y, Activation act)
    {
        for (var j = 0; j < n; j++)
        {
            var s = bias == null ? 0f : bias[j];
            for (var p = 0; p < k; p++)
            {
                s = MathF.FusedMultiplyAdd(a[p], w[(p * n) + j], s);
            }

            y[j] = BiasActivation.Clamp(s, act);
        }
    }
}
