using Polypose.Core.Options;

namespace Polypose.Synthesis.Rigs;

/// <summary>
/// Ranges the rig builder draws camera parameters from. Every setting is checked when set (an out-of-range RigOptions
/// cannot be built); the order of the two field-of-view bounds, which meet only as a pair, is checked by
/// <see cref="RigBuilder.Build"/>.
/// </summary>
public sealed record RigOptions
{
    /// <summary>Smallest horizontal field of view, degrees, 10–150 (default 50).</summary>
    public double MinHorizontalFovDegrees { get; init => field = OptionCheck.InRange(value, 10, 150, nameof(MinHorizontalFovDegrees)); } = 50;

    /// <summary>Largest horizontal field of view, degrees, 10–150 and ≥ <see cref="MinHorizontalFovDegrees"/> (default 90).</summary>
    public double MaxHorizontalFovDegrees { get; init => field = OptionCheck.InRange(value, 10, 150, nameof(MaxHorizontalFovDegrees)); } = 90;

    /// <summary>Fixed image size (pixels, both ≥ 1) for every camera, or null to draw each from <see cref="Resolutions"/>.</summary>
    public (int Width, int Height)? Resolution { get; init => field = value is { } r ? CheckSize(r, nameof(Resolution)) : null; }

    /// <summary>Image sizes (pixels, both ≥ 1) drawn from when <see cref="Resolution"/> is null; at least one.</summary>
    public IReadOnlyList<(int Width, int Height)> Resolutions { get; init => field = CheckSizes(value); } = [(1920, 1080), (1280, 720), (1032, 776), (1280, 1024)];

    /// <summary>When true, each camera gets OpenCV lens distortion with k1 in [−0.3, 0.1], k2 in [0, 0.15], |p| ≤ 1e-3.</summary>
    public bool Distortion { get; init; }

    /// <summary>Prefix of camera names (not empty); cameras are named PREFIX01, PREFIX02, ...</summary>
    public string NamePrefix { get; init => field = CheckPrefix(value); } = "cam";

    /// <summary>Throws <see cref="ArgumentException"/> naming both bounds when the field-of-view range is reversed.</summary>
    internal void ThrowUnlessFovOrdered()
    {
        if (MinHorizontalFovDegrees > MaxHorizontalFovDegrees)
        {
            throw new ArgumentException($"{nameof(MinHorizontalFovDegrees)} ({MinHorizontalFovDegrees}) must not exceed {nameof(MaxHorizontalFovDegrees)} ({MaxHorizontalFovDegrees})");
        }
    }

    private static string CheckPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix, nameof(NamePrefix));
        return prefix;
    }

    private static (int Width, int Height) CheckSize((int Width, int Height) size, string name)
    {
        OptionCheck.AtLeast(size.Width, 1, name + ".Width");
        OptionCheck.AtLeast(size.Height, 1, name + ".Height");
        return size;
    }

    private static IReadOnlyList<(int Width, int Height)> CheckSizes(IReadOnlyList<(int Width, int Height)> sizes)
    {
        OptionCheck.NotNull(sizes, nameof(Resolutions));
        OptionCheck.AtLeast(sizes.Count, 1, nameof(Resolutions) + ".Count");
        for (var i = 0; i < sizes.Count; i++)
        {
            CheckSize(sizes[i], $"{nameof(Resolutions)}[{i}]");
        }

        return sizes;
    }
}
