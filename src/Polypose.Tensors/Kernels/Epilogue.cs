using System.Numerics.Tensors;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>Fused per-channel bias + activation for inference over NCHW data: <c>y[n, c, s] = f(y[n, c, s] + b[c])</c>.</summary>
internal static class Epilogue
{
    /// <summary>Applies <c>y = f(y + b[c])</c> in place over [N, C, S] data.</summary>
    /// <param name="data">[N, C, S] values, modified in place.</param>
    /// <param name="bias">[C] per-channel bias, or empty for none.</param>
    /// <param name="batch">N.</param>
    /// <param name="channels">C.</param>
    /// <param name="spatial">S (e.g. H·W).</param>
    /// <param name="activation">f. NaN stays NaN for None/Silu; Relu/Relu6 use TensorPrimitives.Max/Min (NaN propagates).</param>
    /// <exception cref="ArgumentException">A span is too short.</exception>
    public static void BiasActivation(Span<float> data, ReadOnlySpan<float> bias, int batch, int channels, int spatial, FusedActivation activation)
    {
        SpanChecks.AtLeast(data.Length, batch * channels * spatial, nameof(data));
        if (!bias.IsEmpty)
        {
            SpanChecks.AtLeast(bias.Length, channels, nameof(bias));
        }

        for (var n = 0; n < batch; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                var row = data.Slice(((n * channels) + c) * spatial, spatial);
                if (!bias.IsEmpty)
                {
                    TensorPrimitives.Add(row, bias[c], row);
                }

                Apply(row, activation);
            }
        }
    }

    /// <summary>Applies the activation in place.</summary>
    /// <param name="values">Values, modified in place.</param>
    /// <param name="activation">f.</param>
    public static void Apply(Span<float> values, FusedActivation activation)
    {
        switch (activation)
        {
            case FusedActivation.Relu:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case FusedActivation.Relu6:
                TensorPrimitives.Max(values, 0f, values);
                TensorPrimitives.Min(values, 6f, values);
                break;
            case FusedActivation.Silu:
                Span<float> sig = stackalloc float[256];
                for (var i = 0; i < values.Length; i += sig.Length)
                {
                    var chunk = values.Slice(i, Math.Min(sig.Length, values.Length - i));
                    TensorPrimitives.Sigmoid(chunk, sig[..chunk.Length]);
                    TensorPrimitives.Multiply(chunk, sig[..chunk.Length], chunk);
                }

                break;
            default:
                break;
        }
    }
}
