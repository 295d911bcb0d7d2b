using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Bilinear resize of NCHW planes (PyTorch <c>interpolate(mode="bilinear")</c> with output size given).
/// Output row oy reads source row s = oy·(H − 1)/(OH − 1) with <c>alignCorners</c> (0 when OH == 1), else
/// s = max(0, (oy + 0.5)·H/OH − 0.5); the rows blended are ⌊s⌋ and min(⌊s⌋ + 1, H − 1) with weights 1 − f and f.
/// Columns likewise.
/// </summary>
internal static class ResizeBilinearKernel
{
    /// <summary>Forward: y [N·C, OH, OW] from x [N·C, H, W] (overwritten).</summary>
    /// <param name="planes">N·C.</param>
    /// <param name="h">H.</param>
    /// <param name="w">W.</param>
    /// <param name="outH">OH.</param>
    /// <param name="outW">OW.</param>
    /// <param name="input">x.</param>
    /// <param name="output">y.</param>
    /// <param name="alignCorners">Corner pixel centres map onto each other (true) or pixel areas scale (false).</param>
    public static void Forward(int planes, int h, int w, int outH, int outW, ReadOnlySpan<float> input, Span<float> output, bool alignCorners)
    {
        CheckSizes(planes, h, w, outH, outW, input.Length, output.Length, nameof(output));
        for (var p = 0; p < planes; p++)
        {
            var x = input.Slice(p * h * w, h * w);
            var y = output.Slice(p * outH * outW, outH * outW);
            for (var oy = 0; oy < outH; oy++)
            {
                Source(oy, h, outH, alignCorners, out var y0, out var y1, out var fy);
                for (var ox = 0; ox < outW; ox++)
                {
                    Source(ox, w, outW, alignCorners, out var x0, out var x1, out var fx);
                    var top = ((1 - fx) * x[(y0 * w) + x0]) + (fx * x[(y0 * w) + x1]);
                    var bottom = ((1 - fx) * x[(y1 * w) + x0]) + (fx * x[(y1 * w) + x1]);
                    y[(oy * outW) + ox] = ((1 - fy) * top) + (fy * bottom);
                }
            }
        }
    }

    /// <summary>Backward: dx = adjoint of <see cref="Forward"/> applied to dy (overwrites <paramref name="gradInput"/>).</summary>
    /// <param name="planes">N·C.</param>
    /// <param name="h">H.</param>
    /// <param name="w">W.</param>
    /// <param name="outH">OH.</param>
    /// <param name="outW">OW.</param>
    /// <param name="gradOutput">dy, [N·C, OH, OW].</param>
    /// <param name="gradInput">dx, [N·C, H, W].</param>
    /// <param name="alignCorners">As in the forward pass.</param>
    public static void Backward(int planes, int h, int w, int outH, int outW, ReadOnlySpan<float> gradOutput, Span<float> gradInput, bool alignCorners)
    {
        CheckSizes(planes, h, w, outH, outW, gradInput.Length, gradOutput.Length, nameof(gradOutput));
        gradInput[..(planes * h * w)].Clear();
        for (var p = 0; p < planes; p++)
        {
            var dx = gradInput.Slice(p * h * w, h * w);
            var dy = gradOutput.Slice(p * outH * outW, outH * outW);
            for (var oy = 0; oy < outH; oy++)
            {
                Source(oy, h, outH, alignCorners, out var y0, out var y1, out var fy);
                for (var ox = 0; ox < outW; ox++)
                {
                    Source(ox, w, outW, alignCorners, out var x0, out var x1, out var fx);
                    var g = dy[(oy * outW) + ox];
                    dx[(y0 * w) + x0] += (1 - fy) * (1 - fx) * g;
                    dx[(y0 * w) + x1] += (1 - fy) * fx * g;
                    dx[(y1 * w) + x0] += fy * (1 - fx) * g;
                    dx[(y1 * w) + x1] += fy * fx * g;
                }
            }
        }
    }

    private static void Source(int dst, int inSize, int outSize, bool alignCorners, out int i0, out int i1, out float frac)
    {
        float s;
        if (alignCorners)
        {
            s = outSize > 1 ? dst * (float)(inSize - 1) / (outSize - 1) : 0f;
        }
        else
        {
            s = MathF.Max(0f, ((dst + 0.5f) * ((float)inSize / outSize)) - 0.5f);
        }

        i0 = Math.Min((int)s, inSize - 1);
        i1 = Math.Min(i0 + 1, inSize - 1);
        frac = i1 == i0 ? 0f : s - i0;
    }

    private static void CheckSizes(int planes, int h, int w, int outH, int outW, int inLength, int outLength, string outName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(planes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(h, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(w, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outH, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outW, 1);
        SpanChecks.AtLeast(inLength, planes * h * w, "input");
        SpanChecks.AtLeast(outLength, planes * outH * outW, outName);
    }
}
