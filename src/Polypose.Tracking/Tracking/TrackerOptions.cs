using Polypose.Core.Options;

namespace Polypose.Tracking.Tracking;

/// <summary>
/// Settings of <see cref="PoseTracker"/>. Distances in world millimetres, times in seconds (converted to frames with
/// <see cref="FrameRate"/>). Every value is checked when set (<see cref="OptionCheck"/>).
/// </summary>
public sealed record TrackerOptions
{
    private readonly double _frameRate = 30;
    private readonly double _gateMm = 500;
    private readonly double _maxSpeedMmPerSecond = 2500;
    private readonly double _maxLostSeconds = 3;
    private readonly double _reidRadiusMm = 2500;
    private readonly double _boneWeight = 4;
    private readonly double _boneGateMm = 60;
    private readonly double _beta = 0.3;
    private readonly int _predictionHorizon = 10;

    /// <summary>Frames per second of the sequence (turns <see cref="MaxLostSeconds"/> and speeds into frames). Default 30.</summary>
    public double FrameRate { get => _frameRate; init => _frameRate = OptionCheck.Positive(value, nameof(FrameRate)); }

    /// <summary>Largest mean joint distance (mm) between a track's predicted pose and a person in the next frame for them to match. Default 500.</summary>
    public double GateMm { get => _gateMm; init => _gateMm = OptionCheck.Positive(value, nameof(GateMm)); }

    /// <summary>Speed (mm/s) by which the gate of a track that was not seen grows per second of absence; also the largest predicted speed. Default 2500.</summary>
    public double MaxSpeedMmPerSecond { get => _maxSpeedMmPerSecond; init => _maxSpeedMmPerSecond = OptionCheck.NonNegative(value, nameof(MaxSpeedMmPerSecond)); }

    /// <summary>How long (s) a track that is not seen (occluded, out of view) is kept for re-identification before it ends. Default 3.</summary>
    public double MaxLostSeconds { get => _maxLostSeconds; init => _maxLostSeconds = OptionCheck.NonNegative(value, nameof(MaxLostSeconds)); }

    /// <summary>The gate (mm) never grows beyond this radius, however long the track was lost. Default 2500.</summary>
    public double ReidRadiusMm { get => _reidRadiusMm; init => _reidRadiusMm = OptionCheck.Positive(value, nameof(ReidRadiusMm)); }

    /// <summary>Cost weight of the bone-length signature difference (mean absolute bone-length difference, mm) against the joint distance (mm). Default 4.</summary>
    public double BoneWeight { get => _boneWeight; init => _boneWeight = OptionCheck.NonNegative(value, nameof(BoneWeight)); }

    /// <summary>Largest mean absolute bone-length difference (mm) allowed when re-identifying a track after an absence. Default 60.</summary>
    public double BoneGateMm { get => _boneGateMm; init => _boneGateMm = OptionCheck.Positive(value, nameof(BoneGateMm)); }

    /// <summary>Smoothing gain of the constant-velocity predictor's velocity (new = old + Beta × (measured − old)), in [0, 1]. Default 0.3.</summary>
    public double Beta { get => _beta; init => _beta = OptionCheck.InRange(value, 0, 1, nameof(Beta)); }

    /// <summary>At most this many frames of velocity are extrapolated for a track that is not seen. Default 10.</summary>
    public int PredictionHorizonFrames { get => _predictionHorizon; init => _predictionHorizon = OptionCheck.AtLeast(value, 0, nameof(PredictionHorizonFrames)); }

    /// <summary><see cref="MaxLostSeconds"/> in frames.</summary>
    public int MaxLostFrames => (int)Math.Round(MaxLostSeconds * FrameRate);
}
