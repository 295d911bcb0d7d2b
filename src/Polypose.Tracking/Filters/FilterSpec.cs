using System.Globalization;
using Polypose.Tracking.Gaps;

namespace Polypose.Tracking.Filters;

/// <summary>
/// Parses filter specifications <c>name[:key=value,...]</c> into chain steps:
/// <c>butterworth:order=4,cutoff=6</c> (Hz), <c>oneeuro:mincutoff=1,beta=0.01,dcutoff=1</c>,
/// <c>kalman:q=1e9,r=10</c> (mm²/s⁵, mm), <c>hampel:halfwidth=3,sigmas=3</c>, <c>fill:method=cubic|linear,maxgap=10</c>
/// (time steps). Unknown names, unknown keys and bad values raise <see cref="FormatException"/> naming the spec.
/// </summary>
public static class FilterSpec
{
    /// <summary>The names accepted, for help texts.</summary>
    public const string Names = "butterworth, oneeuro, kalman, hampel, fill";

    /// <summary>Parses one specification.</summary>
    public static IJointFilter Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (colon >= 0)
        {
            foreach (var part in spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new FormatException($"filter '{spec}': expected key=value but got '{part}'");
                }

                values[part[..eq].Trim()] = part[(eq + 1)..].Trim();
            }
        }

        try
        {
            IJointFilter filter = name switch
            {
                "butterworth" => new ButterworthFilter { Order = Int(values, "order", 4, spec), CutoffHz = Number(values, "cutoff", 6, spec) },
                "oneeuro" => new OneEuroFilter { MinCutoffHz = Number(values, "mincutoff", 1, spec), Beta = Number(values, "beta", 0.01, spec), DerivativeCutoffHz = Number(values, "dcutoff", 1, spec) },
                "kalman" => new KalmanSmoother { JerkDensity = Number(values, "q", 1e9, spec), MeasurementStdMm = Number(values, "r", 10, spec) },
                "hampel" => new HampelFilter { HalfWidth = Int(values, "halfwidth", 3, spec), Sigmas = Number(values, "sigmas", 3, spec) },
                "fill" => new GapFiller { Method = Method(values, spec), MaxGapFrames = Int(values, "maxgap", 10, spec) },
                _ => throw new FormatException($"filter '{spec}': unknown filter '{name}'; expected one of {Names}"),
            };
            if (values.Count > 0)
            {
                throw new FormatException($"filter '{spec}': unknown setting '{values.Keys.First()}' for {name}");
            }

            return filter;
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"filter '{spec}': {e.ParamName} {e.ActualValue} {e.Message.Split(" (Parameter", 2)[0]}", e);
        }
    }

    private static double Number(Dictionary<string, string> values, string key, double fallback, string spec)
    {
        if (!values.Remove(key, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"filter '{spec}': {key} must be a number, got '{text}'");
    }

    private static int Int(Dictionary<string, string> values, string key, int fallback, string spec)
    {
        if (!values.Remove(key, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"filter '{spec}': {key} must be an integer, got '{text}'");
    }

    private static GapFillMethod Method(Dictionary<string, string> values, string spec)
    {
        if (!values.Remove("method", out var text))
        {
            return GapFillMethod.Cubic;
        }

        return text.ToLowerInvariant() switch
        {
            "cubic" => GapFillMethod.Cubic,
            "linear" => GapFillMethod.Linear,
            _ => throw new FormatException($"filter '{spec}': method must be cubic or linear, got '{text}'"),
        };
    }
}
