using System.Globalization;

namespace Polypose.Export.Exporters;

/// <summary>Invariant-culture number text for the text formats (fixed maximum decimals, no exponent, no "-0").</summary>
internal static class Numbers
{
    private static readonly string[] Formats = ["0", "0.#", "0.##", "0.###", "0.####", "0.#####", "0.######", "0.#######", "0.########", "0.#########"];

    /// <summary>The value with at most <paramref name="decimals"/> decimals (0–9).</summary>
    public static string Text(double value, int decimals)
    {
        var s = value.ToString(Formats[decimals], CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }

    /// <summary>Decimals that keep about a micrometre of a length in <paramref name="millimetresPerUnit"/>-sized units.</summary>
    public static int LengthDecimals(double millimetresPerUnit) => millimetresPerUnit switch
    {
        >= 1000 => 6,
        >= 10 => 5,
        _ => 4,
    };
}
