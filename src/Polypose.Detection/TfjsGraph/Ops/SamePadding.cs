namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>
/// TensorFlow's window geometry for one spatial axis: <c>VALID</c> gives out = ⌈(in − (k−1)·d) / s⌉ and no padding;
/// <c>SAME</c> gives out = ⌈in / s⌉ and pads total = max((out − 1)·s + (k−1)·d + 1 − in, 0), of which
/// ⌊total / 2⌋ goes before (so odd totals pad one more after, unlike PyTorch's symmetric padding).
/// </summary>
public static class SamePadding
{
    /// <summary>Output length and padding before for one axis.</summary>
    /// <param name="input">Input length.</param>
    /// <param name="kernel">Kernel taps.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="same">SAME (true) or VALID (false).</param>
    public static (int Output, int PadBefore) Axis(int input, int kernel, int stride, int dilation, bool same)
    {
        var span = ((kernel - 1) * dilation) + 1;
        if (!same)
        {
            var o = input >= span ? ((input - span) / stride) + 1 : 0;
            return (o, 0);
        }

        var output = (input + stride - 1) / stride;
        var total = Math.Max(((output - 1) * stride) + span - input, 0);
        return (output, total / 2);
    }

    /// <summary>Parses the <c>padding</c> attribute.</summary>
    /// <exception cref="NotSupportedException">EXPLICIT or anything else.</exception>
    public static bool IsSame(string padding) => padding switch
    {
        "SAME" => true,
        "VALID" => false,
        _ => throw new NotSupportedException($"padding '{padding}' is not supported (SAME or VALID)"),
    };
}
