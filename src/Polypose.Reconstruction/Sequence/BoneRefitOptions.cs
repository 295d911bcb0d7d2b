using Polypose.Core.Options;

namespace Polypose.Reconstruction.Sequence;

/// <summary>
/// Settings of <see cref="BoneLengthRefit"/>: how tightly each rigid segment is held to the person's own length (mm),
/// the robust scale of the reprojection term (px), which 2D keypoints count (score), how many frames a segment needs
/// before its length is trusted, how strongly a joint is kept near its triangulated place (mm), and for the streamed
/// form (<see cref="BoneLengthRefit.RunStream"/>) how many frames are held ahead and how many lengths are kept per
/// segment. Checked on init.
/// </summary>
public sealed record BoneRefitOptions
{
    private readonly double _boneSdMm = 5;
    private readonly double _robustScalePx = 7;
    private readonly double _minScore = 0.3;
    private readonly int _minFrames = 5;
    private readonly double _anchorSdMm = 50;
    private readonly int _maxIterations = 15;
    private readonly int _windowFrames = 300;
    private readonly int _maxSamples = 1024;

    /// <summary>Standard deviation (mm) of a segment's length about the person's median length: smaller holds it tighter (5 measured on the Pose2Sim demo). &gt; 0.</summary>
    public double BoneSdMm
    {
        get => _boneSdMm;
        init => _boneSdMm = OptionCheck.Positive(value, nameof(BoneSdMm));
    }

    /// <summary>Cauchy scale (px) of the reprojection errors: a keypoint many scales off its projection barely pulls. &gt; 0.</summary>
    public double RobustScalePx
    {
        get => _robustScalePx;
        init => _robustScalePx = OptionCheck.Positive(value, nameof(RobustScalePx));
    }

    /// <summary>2D keypoints below this score are not used by the refit (0.3, the checkers' threshold). Finite, ≥ 0.</summary>
    public double MinScore
    {
        get => _minScore;
        init => _minScore = OptionCheck.NonNegative(value, nameof(MinScore));
    }

    /// <summary>A segment's length is estimated (median) only from at least this many frames of the same tracked person; else it is left free. ≥ 1.</summary>
    public int MinFrames
    {
        get => _minFrames;
        init => _minFrames = OptionCheck.AtLeast(value, 1, nameof(MinFrames));
    }

    /// <summary>Standard deviation (mm) of the weak prior holding each joint near its triangulated place (keeps joints seen by few views well posed). &gt; 0.</summary>
    public double AnchorSdMm
    {
        get => _anchorSdMm;
        init => _anchorSdMm = OptionCheck.Positive(value, nameof(AnchorSdMm));
    }

    /// <summary>Gauss–Newton iterations per person and frame at most. ≥ 1.</summary>
    public int MaxIterations
    {
        get => _maxIterations;
        init => _maxIterations = OptionCheck.AtLeast(value, 1, nameof(MaxIterations));
    }

    /// <summary>
    /// Streamed refit only: frames held back, so that each frame is refitted with the lengths seen up to this many frames
    /// after it (300: 5 s at 60 fps; a sequence no longer than this is refitted exactly as by
    /// <see cref="BoneLengthRefit.Run"/>). Memory grows with it, not with the sequence. ≥ 0.
    /// </summary>
    public int WindowFrames
    {
        get => _windowFrames;
        init => _windowFrames = OptionCheck.AtLeast(value, 0, nameof(WindowFrames));
    }

    /// <summary>
    /// Streamed refit only: lengths kept per person and segment for the median (1,024); beyond that a seeded uniform
    /// sample of all the lengths seen (reservoir sampling). ≥ 1.
    /// </summary>
    public int MaxSamples
    {
        get => _maxSamples;
        init => _maxSamples = OptionCheck.AtLeast(value, 1, nameof(MaxSamples));
    }
}
