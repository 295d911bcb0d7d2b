using System.Numerics;
using System.Runtime.InteropServices;

namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>The activations TF.js fuses into convolutions (<c>fused_ops</c> after <c>BiasAdd</c>).</summary>
public enum Activation
{
    /// <summary>Identity.</summary>
    None,

    /// <summary>max(v, 0).</summary>
    Relu,

    /// <summary>min(max(v, 0), 6).</summary>
    Relu6,
}

/// <summary>Adds a per-channel bias and applies an <see cref="Activation"/> over rows of channel-last data, in place.</summary>
public static class BiasActivation
{
    /// <summary>For every row r: <c>y[r, c] = f(y[r, c] + bias[c])</c> (bias may be empty).</summary>
    /// <param name="data">Rows × channels, row-major.</param>
    /// <param name="bias">Channels, or empty.</param>
    /// <param name="channels">Channels per row.</param>
    /// <param name="activation">Activation.</param>
    public static void Apply(Span<float> data, ReadOnlySpan<float> bias, int channels, Activation activation)
    {
        var rows = data.Length / channels;
        var width = Vector<float>.Count;
        var zero = Vector<float>.Zero;
        var six = new Vector<float>(6f);
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * channels, channels);
            var c = 0;
            if (!bias.IsEmpty)
            {
                var rv = MemoryMarshal.Cast<float, Vector<float>>(row);
                var bv = MemoryMarshal.Cast<float, Vector<float>>(bias[..channels]);
                for (var v = 0; v < rv.Length; v++)
                {
                    rv[v] = Clamp(rv[v] + bv[v], activation, zero, six);
                }

                c = rv.Length * width;
                for (; c < channels; c++)
                {
                    row[c] = Clamp(row[c] + bias[c], activation);
                }
            }
            else if (activation != Activation.None)
            {
                var rv = MemoryMarshal.Cast<float, Vector<float>>(row);
                for (var v = 0; v < rv.Length; v++)
                {
                    rv[v] = Clamp(rv[v], activation, zero, six);
                }

                for (c = rv.Length * width; c < channels; c++)
                {
                    row[c] = Clamp(row[c], activation);
                }
            }
        }
    }

    /// <summary>Applies the activation to one value.</summary>
    public static float Clamp(float v, Activation activation) => activation switch
    {
        Activation.Relu => MathF.Max(v, 0f),
        Activation.Relu6 => MathF.Min(MathF.Max(v, 0f), 6f),
        _ => v,
    };

    private static Vector<float> Clamp(Vector<float> v, Activation activation, Vector<float> zero, Vector<float> six) => activation switch
    {
        Activation.Relu => Vector.Max(v, zero),
        Activation.Relu6 => Vector.Min(Vector.Max(v, zero), six),
        _ => v,
    };
}
