using Polypose.Core.Options;

namespace Polypose.Video.Synchronisation;

/// <summary>Settings of <see cref="FrameOffsetEstimator"/>; every value is checked when set.</summary>
public sealed record FrameSyncOptions
{
    private readonly int _maxOffset = 60;
    private readonly double _minScore = 0.3;
    private readonly int _minOverlap = 20;
    private readonly int _rangeStart;
    private readonly int _rangeLength;
    private readonly int _smoothing = 2;

    /// <summary>The default settings.</summary>
    public static FrameSyncOptions Default { get; } = new();

    /// <summary>Largest offset searched, in frames, either way (default 60, one second at 60 fps).</summary>
    public int MaxOffset
    {
        get => _maxOffset;
        init => _maxOffset = OptionCheck.AtLeast(value, 0, nameof(MaxOffset));
    }

    /// <summary>Keypoints scoring below this are treated as missing (default 0.3).</summary>
    public double MinScore
    {
        get => _minScore;
        init => _minScore = OptionCheck.InRange(value, 0.0, 1.0, nameof(MinScore));
    }

    /// <summary>Fewest frames two cameras must share at a candidate offset for it to be considered (default 20).</summary>
    public int MinOverlap
    {
        get => _minOverlap;
        init => _minOverlap = OptionCheck.AtLeast(value, 2, nameof(MinOverlap));
    }

    /// <summary>First frame of the reference camera's sub-range to match (default 0), e.g. where the person moves clearly.</summary>
    public int RangeStart
    {
        get => _rangeStart;
        init => _rangeStart = OptionCheck.AtLeast(value, 0, nameof(RangeStart));
    }

    /// <summary>Frames of the reference camera's sub-range (0, the default, means to the end).</summary>
    public int RangeLength
    {
        get => _rangeLength;
        init => _rangeLength = OptionCheck.AtLeast(value, 0, nameof(RangeLength));
    }

    /// <summary>Half-width in frames of the moving average applied to the keypoint positions before their speed is taken (0 = none; default 2).</summary>
    public int Smoothing
    {
        get => _smoothing;
        init => _smoothing = OptionCheck.InRange(value, 0, 10, nameof(Smoothing));
    }
}
