using Polypose.Core.Options;

namespace Polypose.Evidence;

/// <summary>Settings of <see cref="PafPersonParser"/>; immutable, validated on init.</summary>
public sealed record PafParserOptions
{
    /// <summary>The default settings (tuned on the Shelf BODY25 detections).</summary>
    public static PafParserOptions Default { get; } = new();

    /// <summary>
    /// A candidate pair is connected only when its raw part-affinity value is at least this (default 0.1; the 4DA
    /// files hold values 0–1.2 and exactly 0 for "no connection"). Must be ≥ 0.
    /// </summary>
    public double MinAffinity { get; init => field = OptionCheck.NonNegative(value, nameof(MinAffinity)); } = 0.1;

    /// <summary>Persons with fewer joints than this are dropped (default 6; on Shelf this removes most arm/leg fragments). Must be ≥ 1.</summary>
    public int MinJoints { get; init => field = OptionCheck.AtLeast(value, 1, nameof(MinJoints)); } = 6;

    /// <summary>
    /// Persons whose mean score — (sum of joint scores + sum of connection affinities) / joint count — is below this
    /// are dropped (default 0.4). Must be ≥ 0.
    /// </summary>
    public double MinMeanScore { get; init => field = OptionCheck.NonNegative(value, nameof(MinMeanScore)); } = 0.4;

    /// <summary>Candidates with a detector score below this are ignored (default 0: keep all). Must be ≥ 0.</summary>
    public double MinCandidateScore { get; init => field = OptionCheck.NonNegative(value, nameof(MinCandidateScore)); }
}
