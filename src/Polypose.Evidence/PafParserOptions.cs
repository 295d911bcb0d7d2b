namespace Polypose.Evidence;

/// <summary>Settings of <see cref="PafPersonParser"/>; immutable, validated on init.</summary>
public sealed record PafParserOptions
{
    private readonly double _minAffinity = 0.1;
    private readonly int _minJoints = 6;
    private readonly double _minMeanScore = 0.4;
    private readonly double _minCandidateScore;

    /// <summary>The default settings (tuned on the Shelf BODY25 detections).</summary>
    public static PafParserOptions Default { get; } = new();

    /// <summary>
    /// A candidate pair is connected only when its raw part-affinity value is at least this (default 0.1; the 4DA
    /// files hold values 0–1.2 and exactly 0 for "no connection"). Must be ≥ 0.
    /// </summary>
    public double MinAffinity
    {
        get => _minAffinity;
        init => _minAffinity = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(MinAffinity), value, "must be finite and >= 0");
    }

    /// <summary>Persons with fewer joints than this are dropped (default 6; on Shelf this removes most arm/leg fragments). Must be ≥ 1.</summary>
    public int MinJoints
    {
        get => _minJoints;
        init => _minJoints = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinJoints), value, "must be >= 1");
    }

    /// <summary>
    /// Persons whose mean score — (sum of joint scores + sum of connection affinities) / joint count — is below this
    /// are dropped (default 0.4). Must be ≥ 0.
    /// </summary>
    public double MinMeanScore
    {
        get => _minMeanScore;
        init => _minMeanScore = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(MinMeanScore), value, "must be finite and >= 0");
    }

    /// <summary>Candidates with a detector score below this are ignored (default 0: keep all). Must be ≥ 0.</summary>
    public double MinCandidateScore
    {
        get => _minCandidateScore;
        init => _minCandidateScore = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(MinCandidateScore), value, "must be finite and >= 0");
    }
}
