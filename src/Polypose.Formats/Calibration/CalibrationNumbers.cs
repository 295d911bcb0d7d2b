using System.Globalization;

namespace Polypose.Formats.Calibration;

/// <summary>Number formatting shared by the text writers: shortest round-trip, invariant culture, always a float literal.</summary>
internal static class CalibrationNumbers
{
    /// <summary>Formats a finite double so that it parses back to the same bits and reads as a float ("0.0", "1e-05").</summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"cannot write a non-finite value ({value})", nameof(value));
        }

        var s = value.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal) ? s : s + ".0";
    }

    /// <summary>Formats several values joined by ", ".</summary>
    public static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(Format));

    /// <summary>Parses an invariant-culture double; false for anything else (including NaN and infinities).</summary>
    public static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Whether a literal spells NaN or an infinity in one of the usual ways (.nan, nan, inf, .Inf, Infinity).</summary>
    public static bool LooksNonFinite(string text)
    {
        var t = text.Trim().TrimStart('+', '-').TrimStart('.').ToUpperInvariant();
        return t is "NAN" or "INF" or "INFINITY";
    }
}
