using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Vectorised exact-form GELU, y = x·Φ(x) = ½x(1 + erf(x/√2)), and its derivative Φ(x) + x·φ(x).
/// erf uses Abramowitz–Stegun 7.1.26, erf(z) = 1 − t(a1 + t(a2 + t(a3 + t(a4 + t·a5))))·e^(−z²) with
/// t = 1/(1 + p·z): absolute error ≤ 1.5e-7 in erf (plus float rounding), so |ΔGELU| ≤ 1e-7·|x| + 1 ulp.
/// The same formula runs in the Vector256 body and the scalar tail, so results do not depend on alignment.
/// NaN propagates; GELU(+inf) = +inf and GELU(−inf) = NaN (−inf·0), as the scalar double-precision reference.
/// </summary>
internal static class GeluKernel
{
    private const float P = 0.3275911f;
    private const float A1 = 0.254829592f;
    private const float A2 = -0.284496736f;
    private const float A3 = 1.421413741f;
    private const float A4 = -1.453152027f;
    private const float A5 = 1.061405429f;
    private const float InvSqrt2 = 0.70710678118654752f;
    private const float InvSqrt2Pi = 0.39894228040143268f;

    /// <summary>y[i] = GELU(x[i]).</summary>
    /// <param name="x">Input values.</param>
    /// <param name="y">Output (same length; may alias <paramref name="x"/>).</param>
    /// <exception cref="ArgumentException">The output is shorter than the input.</exception>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        SpanChecks.AtLeast(y.Length, x.Length, nameof(y));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
            ref var yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
            for (; i + 8 <= x.Length; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref xr, (nuint)i);
                Cdf(v, out var cdf, out _);
                (v * cdf).StoreUnsafe(ref yr, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            var (cdf, _) = CdfScalar(x[i]);
            y[i] = x[i] * cdf;
        }
    }

    /// <summary>dx[i] = dy[i]·GELU′(x[i]) = dy[i]·(Φ(x) + x·φ(x)).</summary>
    /// <param name="x">Forward inputs.</param>
    /// <param name="gradOutput">Upstream gradient (same length).</param>
    /// <param name="gradInput">Output (same length; may alias <paramref name="gradOutput"/>).</param>
    /// <exception cref="ArgumentException">A span is shorter than <paramref name="x"/>.</exception>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput)
    {
        SpanChecks.AtLeast(gradOutput.Length, x.Length, nameof(gradOutput));
        SpanChecks.AtLeast(gradInput.Length, x.Length, nameof(gradInput));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
            ref var gr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(gradOutput);
            ref var dr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(gradInput);
            for (; i + 8 <= x.Length; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref xr, (nuint)i);
                Cdf(v, out var cdf, out var gauss);
                var d = Vector256.FusedMultiplyAdd(v * Vector256.Create(InvSqrt2Pi), gauss, cdf);
                (Vector256.LoadUnsafe(ref gr, (nuint)i) * d).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            var (cdf, gauss) = CdfScalar(x[i]);
            gradInput[i] = gradOutput[i] * (cdf + (x[i] * InvSqrt2Pi * gauss));
        }
    }

    /// <summary>Φ(x) and e^(−x²/2) for 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Cdf(Vector256<float> x, out Vector256<float> cdf, out Vector256<float> gauss)
    {
        var z = Vector256.Abs(x) * Vector256.Create(InvSqrt2);
        var t = Vector256<float>.One / Vector256.FusedMultiplyAdd(Vector256.Create(P), z, Vector256<float>.One);
        var poly = Vector256.FusedMultiplyAdd(t, Vector256.Create(A5), Vector256.Create(A4));
        poly = Vector256.FusedMultiplyAdd(t, poly, Vector256.Create(A3));
        poly = Vector256.FusedMultiplyAdd(t, poly, Vector256.Create(A2));
        poly = Vector256.FusedMultiplyAdd(t, poly, Vector256.Create(A1));
        poly *= t;
        gauss = Vector256.Exp(-(z * z));
        var erfAbs = Vector256<float>.One - (poly * gauss);
        var erf = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -erfAbs, erfAbs);
        cdf = Vector256.Create(0.5f) * (Vector256<float>.One + erf);
    }

    /// <summary>Scalar twin of <see cref="Cdf"/> (same formula, float arithmetic).</summary>
    private static (float Cdf, float Gauss) CdfScalar(float x)
    {
        var z = MathF.Abs(x) * InvSqrt2;
        var t = 1f / MathF.FusedMultiplyAdd(P, z, 1f);
        var poly = MathF.FusedMultiplyAdd(t, A5, A4);
        poly = MathF.FusedMultiplyAdd(t, poly, A3);
        poly = MathF.FusedMultiplyAdd(t, poly, A2);
        poly = MathF.FusedMultiplyAdd(t, poly, A1);
        poly *= t;
        var gauss = MathF.Exp(-(z * z));
        var erfAbs = 1f - (poly * gauss);
        var erf = x < 0 ? -erfAbs : erfAbs;
        return (0.5f * (1f + erf), gauss);
    }
}
