namespace Polypose.Synthesis.Rigs;

/// <summary>Ranges the rig builder draws camera parameters from.</summary>
public sealed record RigOptions
{
    /// <summary>Smallest horizontal field of view, degrees (default 50).</summary>
    public double MinHorizontalFovDegrees { get; init; } = 50;

    /// <summary>Largest horizontal field of view, degrees (default 90).</summary>
    public double MaxHorizontalFovDegrees { get; init; } = 90;

    /// <summary>Fixed image size (pixels) for every camera, or null to draw each from <see cref="Resolutions"/>.</summary>
    public (int Width, int Height)? Resolution { get; init; }

    /// <summary>Image sizes drawn from when <see cref="Resolution"/> is null.</summary>
    public IReadOnlyList<(int Width, int Height)> Resolutions { get; init; } = [(1920, 1080), (1280, 720), (1032, 776), (1280, 1024)];

    /// <summary>When true, each camera gets OpenCV lens distortion with k1 in [−0.3, 0.1], k2 in [0, 0.15], |p| ≤ 1e-3.</summary>
    public bool Distortion { get; init; }

    /// <summary>Prefix of camera names; cameras are named PREFIX01, PREFIX02, ...</summary>
    public string NamePrefix { get; init; } = "cam";

    /// <summary>Throws <see cref="ArgumentException"/> when a range is empty or outside (10°, 150°) or a size is not positive.</summary>
    public void Validate()
    {
        if (!(MinHorizontalFovDegrees > 10) || !(MaxHorizontalFovDegrees < 150) || MinHorizontalFovDegrees > MaxHorizontalFovDegrees)
        {
            throw new ArgumentException($"horizontal field of view range must lie within (10, 150) degrees and be ordered; got [{MinHorizontalFovDegrees}, {MaxHorizontalFovDegrees}]");
        }

        if (Resolution is { } r && (r.Width <= 0 || r.Height <= 0))
        {
            throw new ArgumentException($"resolution must be positive; got {r.Width}x{r.Height}");
        }

        if (Resolution is null && (Resolutions.Count == 0 || Resolutions.Any(s => s.Width <= 0 || s.Height <= 0)))
        {
            throw new ArgumentException("the resolution list must be non-empty with positive sizes");
        }

        ArgumentException.ThrowIfNullOrEmpty(NamePrefix);
    }
}
