namespace Polypose.Core.Options;

/// <summary>
/// The one way Polypose validates settings: every options record checks each value in its <c>init</c> accessor with
/// these helpers, so an out-of-range options object cannot be constructed (no <c>Validate()</c> to remember). Each
/// helper returns the value it accepted and throws <see cref="ArgumentOutOfRangeException"/> naming the setting and the
/// allowed range otherwise. Settings constrained by another setting are checked where the two meet (see each record).
/// </summary>
public static class OptionCheck
{
    /// <summary>A finite value ≥ 0.</summary>
    public static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "must be finite and >= 0");

    /// <summary>A finite value &gt; 0.</summary>
    public static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "must be finite and > 0");

    /// <summary>A value &gt; 0 where +∞ is allowed (it disables the check the setting controls).</summary>
    public static double PositiveOrInfinity(double value, string name) =>
        value > 0 && !double.IsNaN(value) ? value : throw new ArgumentOutOfRangeException(name, value, "must be > 0 (+infinity disables it)");

    /// <summary>Any finite value.</summary>
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "must be finite");

    /// <summary>A finite value in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double InRange(double value, double min, double max, string name) =>
        double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"must be in [{min}, {max}]");

    /// <summary>An integer ≥ <paramref name="min"/>.</summary>
    public static int AtLeast(int value, int min, string name) =>
        value >= min ? value : throw new ArgumentOutOfRangeException(name, value, $"must be >= {min}");

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"must be in [{min}, {max}]");

    /// <summary>A non-null reference.</summary>
    public static T NotNull<T>(T? value, string name)
        where T : class =>
        value ?? throw new ArgumentNullException(name);
}
