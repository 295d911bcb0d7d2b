using Polypose.Core.Options;
using Polypose.Core.Poses;

namespace Polypose.Tracking.Filters;

/// <summary>
/// Hampel outlier rejection per axis: a present sample whose distance to the median of the present samples within
/// ±<see cref="HalfWidth"/> time steps (the window is cut at the ends) exceeds <see cref="Sigmas"/> · 1.4826 · MAD of
/// that window is replaced by the median, and the joint is marked <see cref="JointEdits.Rejected"/>. Windows are
/// taken on the input values (replacements do not feed later windows).
/// </summary>
public sealed record HampelFilter : IJointFilter
{
    /// <summary>The factor that makes the median absolute deviation estimate the standard deviation of a normal distribution.</summary>
    public const double MadScale = 1.4826;

    private readonly int _halfWidth = 3;
    private readonly double _sigmas = 3;

    /// <summary>Window half-width in time steps (window = 2 · HalfWidth + 1). Default 3.</summary>
    public int HalfWidth { get => _halfWidth; init => _halfWidth = OptionCheck.InRange(value, 1, 1000, nameof(HalfWidth)); }

    /// <summary>Threshold in robust standard deviations. Default 3.</summary>
    public double Sigmas { get => _sigmas; init => _sigmas = OptionCheck.Positive(value, nameof(Sigmas)); }

    /// <inheritdoc/>
    public void Apply(double[][] axes, bool[] present, JointEdits[] edits, double frameRate)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(edits);
        var window = new List<double>(2 * HalfWidth + 1);
        foreach (var axis in axes)
        {
            var input = (double[])axis.Clone();
            for (var t = 0; t < input.Length; t++)
            {
                if (!present[t])
                {
                    continue;
                }

                window.Clear();
                for (var k = Math.Max(0, t - HalfWidth); k <= Math.Min(input.Length - 1, t + HalfWidth); k++)
                {
                    if (present[k])
                    {
                        window.Add(input[k]);
                    }
                }

                var median = Median(window);
                for (var i = 0; i < window.Count; i++)
                {
                    window[i] = Math.Abs(window[i] - median);
                }

                var scale = MadScale * Median(window);
                if (Math.Abs(input[t] - median) > Sigmas * scale)
                {
                    axis[t] = median;
                    edits[t] |= JointEdits.Rejected;
                }
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
