using System.Globalization;

namespace Polypose.Video.Decoding;

/// <summary>A frame rate as the rational ffprobe reports (frames per second = <see cref="Numerator"/> / <see cref="Denominator"/>).</summary>
public readonly record struct FrameRate(long Numerator, long Denominator)
{
    /// <summary>Frames per second.</summary>
    public double PerSecond => Denominator == 0 ? 0 : (double)Numerator / Denominator;

    /// <summary>Parses "60/1", "30000/1001" or "25"; false for anything else or a non-positive rate.</summary>
    public static bool TryParse(string? text, out FrameRate rate)
    {
        rate = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        long d = 1;
        if (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out d))
        {
            return false;
        }

        if (n <= 0 || d <= 0)
        {
            return false;
        }

        rate = new FrameRate(n, d);
        return true;
    }

    /// <summary>Whether two rates agree within a relative tolerance (1e-4 by default, so 29.97 and 30 differ).</summary>
    public bool Matches(FrameRate other, double relativeTolerance = 1e-4) =>
        Math.Abs(PerSecond - other.PerSecond) <= relativeTolerance * Math.Max(PerSecond, other.PerSecond);

    /// <inheritdoc/>
    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : PerSecond.ToString("0.###", CultureInfo.InvariantCulture);
}
