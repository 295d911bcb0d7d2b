using System.Globalization;

namespace Polypose.Formats.Input;

/// <summary>
/// The most bytes one input file may hold before it is refused (a guard against <c>/dev/zero</c>-like paths and absurd
/// files; docs/input-limits.md). Defaults: 64 MiB for a calibration file, 2 GiB for one detection or 3D-pose file. The
/// environment variables <c>POLYPOSE_MAX_CALIBRATION_BYTES</c> and <c>POLYPOSE_MAX_INPUT_BYTES</c> override them (a
/// positive whole number of bytes; a suffix K, M or G multiplies by 1024, 1024² or 1024³).
/// </summary>
public static class InputLimits
{
    /// <summary>The environment variable overriding <see cref="CalibrationBytes"/>.</summary>
    public const string CalibrationVariable = "POLYPOSE_MAX_CALIBRATION_BYTES";

    /// <summary>The environment variable overriding <see cref="DataFileBytes"/>.</summary>
    public const string DataFileVariable = "POLYPOSE_MAX_INPUT_BYTES";

    /// <summary>The default cap of a calibration file: 64 MiB (a 521-camera Panoptic calibration is under 1 MiB).</summary>
    public const long DefaultCalibrationBytes = 64L << 20;

    /// <summary>The default cap of one detection or 3D-pose file: 2 GiB (the largest .NET array of bytes).</summary>
    public const long DefaultDataFileBytes = 2L << 30;

    /// <summary>The cap of a calibration file, in bytes.</summary>
    public static long CalibrationBytes => FromEnvironment(CalibrationVariable, DefaultCalibrationBytes);

    /// <summary>The cap of one detection (4D Association text, OpenPose or COCO JSON) or 3D-pose file, in bytes.</summary>
    public static long DataFileBytes => FromEnvironment(DataFileVariable, DefaultDataFileBytes);

    /// <summary>A byte count for messages: "64 MiB", "1.5 GiB", "512 bytes".</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.##} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.##} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    private static long FromEnvironment(string variable, long fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        text = text.Trim();
        var scale = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            _ => 1L,
        };
        var digits = scale == 1 ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > DefaultDataFileBytes / scale)
        {
            throw new PolyposeFormatException(variable, $"must be a positive number of bytes up to {Describe(DefaultDataFileBytes)} (e.g. 128M), got '{text}'");
        }

        return value * scale;
    }
}
