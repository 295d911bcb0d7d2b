using System.Globalization;
using Polypose.Core.Options;

namespace Polypose.Detection.MoveNet;

/// <summary>
/// How each camera's MultiPose input size is chosen (sides multiples of 32, image letterboxed, <see cref="Letterbox.Fit"/>):
/// a fixed long side for every camera, one given per camera by name, or <see cref="Auto"/>: from the camera's image size
/// and the expected person size — the median box height of the people a probe at <see cref="ProbeLongSide"/> finds in
/// the camera's first frame is scaled to <see cref="TargetPersonHeight"/> input pixels (long side clamped to
/// [<see cref="MinLongSide"/>, <see cref="MaxLongSide"/>]; the probe size is kept when it finds nobody).
/// </summary>
public sealed record InputSizeRule
{
    private readonly int longSide = 640;
    private readonly int probeLongSide = 640;
    private readonly double targetPersonHeight = 192;
    private readonly int minLongSide = 256;
    private readonly int maxLongSide = 1280;

    /// <summary>Gets the long side used for cameras without their own (default 640).</summary>
    public int LongSide
    {
        get => longSide;
        init => longSide = OptionCheck.InRange(value, 32, 4096, nameof(LongSide));
    }

    /// <summary>Gets the long side per camera name, overriding <see cref="LongSide"/> and <see cref="Auto"/>.</summary>
    public IReadOnlyDictionary<string, int> PerCamera { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether cameras without their own size are sized from the people they see.</summary>
    public bool Auto { get; init; }

    /// <summary>Gets the probe's long side in auto mode (default 640).</summary>
    public int ProbeLongSide
    {
        get => probeLongSide;
        init => probeLongSide = OptionCheck.InRange(value, 32, 4096, nameof(ProbeLongSide));
    }

    /// <summary>Gets the person height (input px) auto mode aims at (default 192).</summary>
    public double TargetPersonHeight
    {
        get => targetPersonHeight;
        init => targetPersonHeight = OptionCheck.InRange(value, 16.0, 4096.0, nameof(TargetPersonHeight));
    }

    /// <summary>Gets the smallest long side auto mode picks (default 256).</summary>
    public int MinLongSide
    {
        get => minLongSide;
        init => minLongSide = OptionCheck.InRange(value, 32, 4096, nameof(MinLongSide));
    }

    /// <summary>Gets the largest long side auto mode picks (default 1280).</summary>
    public int MaxLongSide
    {
        get => maxLongSide;
        init => maxLongSide = OptionCheck.InRange(value, 32, 4096, nameof(MaxLongSide));
    }

    /// <summary>
    /// Parses <c>N</c>, <c>auto</c>, or comma-separated <c>CAMERA=N</c> items optionally with one plain <c>N</c> or
    /// <c>auto</c> for the other cameras (e.g. <c>00_03=960,640</c>); throws <see cref="FormatException"/> naming the bad item.
    /// </summary>
    public static InputSizeRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rule = new InputSizeRule();
        var perCamera = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            var value = eq < 0 ? raw : raw[(eq + 1)..];
            if (eq < 0 && value.Equals("auto", StringComparison.OrdinalIgnoreCase))
            {
                rule = rule with { Auto = true };
                continue;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var side) || side < 32 || side > 4096)
            {
                throw new FormatException($"'{raw}': expected N, auto or CAMERA=N with N in [32, 4096]");
            }

            if (eq < 0)
            {
                rule = rule with { LongSide = side };
            }
            else if (eq == 0 || !perCamera.TryAdd(raw[..eq], side))
            {
                throw new FormatException($"'{raw}': camera name missing or given twice");
            }
        }

        return rule with { PerCamera = perCamera };
    }

    /// <summary>
    /// The long side auto mode picks for a camera whose people measure <paramref name="personHeight"/> original pixels
    /// (median box height) in a <paramref name="imageWidth"/> × <paramref name="imageHeight"/> image.
    /// </summary>
    public int AutoLongSide(int imageWidth, int imageHeight, double personHeight)
    {
        if (!(personHeight > 0))
        {
            return ProbeLongSide;
        }

        var side = Math.Max(imageWidth, imageHeight) * TargetPersonHeight / personHeight;
        var rounded = (int)Math.Round(side / 32) * 32;
        return Math.Clamp(rounded, MinLongSide, MaxLongSide);
    }
}
