using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// Sinusoidal embedding of a joint's valid-view count (dispose.md 4.2 step 9): with h = width/2 frequencies
/// f_i = exp(−ln(1e4)·i/(h − 1)), i &lt; h (reference width 64: i/31), the vector [sin(c·f), cos(c·f)] (computed in
/// double, no gradient: the counts are data). Counts <c>[...]</c> → <c>[..., width]</c> (float32).
/// </summary>
public static class ViewCountEmbedding
{
    /// <summary>The embedding of <paramref name="counts"/>.</summary>
    public static Tensor Embed(Tensor counts, int width)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var half = width / 2;
        var c = counts.Contiguous().ToArray();
        var values = new float[c.Length * width];
        for (var k = 0; k < c.Length; k++)
        {
            for (var i = 0; i < half; i++)
            {
                var arg = c[k] * Math.Exp(-Math.Log(1e4) * i / Math.Max(1, half - 1));
                values[(k * width) + i] = (float)Math.Sin(arg);
                values[(k * width) + half + i] = (float)Math.Cos(arg);
            }
        }

        return Tensor.FromArray(values, [.. counts.Shape, width]);
    }
}
