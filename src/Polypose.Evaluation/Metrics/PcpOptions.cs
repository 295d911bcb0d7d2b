using Polypose.Core.Options;
using Polypose.Evaluation.Conversion;
using Polypose.Evaluation.Functional;

namespace Polypose.Evaluation.Metrics;

/// <summary>
/// Settings of a <see cref="PcpMetric"/>. Use <see cref="VoxelPose"/> or <see cref="FourDAssociation"/>. Every setting is
/// checked when set (an out-of-range PcpOptions cannot be built).
/// </summary>
public sealed record PcpOptions
{
    /// <summary>The protocol (matching, missing-prediction policy, torso definition, comparison).</summary>
    public PcpProtocol Protocol { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Protocol), value, "must be a defined protocol"); } = PcpProtocol.VoxelPose;

    /// <summary>The PCP factor α (dimensionless, &gt; 0; 0.5 in every published protocol).</summary>
    public double Alpha { get; init => field = OptionCheck.Positive(value, nameof(Alpha)); } = 0.5;

    /// <summary>GT actor ids that are scored; null = every actor that appears.</summary>
    public IReadOnlyList<int>? Actors { get; init; }

    /// <summary>GT actor ids whose per-actor PCPs are averaged into <see cref="PcpReport.Average"/> (ids 0–2 = actors 1–3).</summary>
    public IReadOnlyList<int> AverageActors { get; init => field = OptionCheck.NotNull(value, nameof(AverageActors)); } = [0, 1, 2];

    /// <summary>Recall distance (mm): a GT instance is recalled when its matched prediction's 14-joint MPJPE is below it (&gt; 0).</summary>
    public double RecallThreshold { get; init => field = OptionCheck.Positive(value, nameof(RecallThreshold)); } = 500;

    /// <summary>How predictions without head joints get bottom_head/top_head.</summary>
    public HeadRule HeadRule { get; init => field = OptionCheck.NotNull(value, nameof(HeadRule)); } = HeadRule.Default;

    /// <summary>The comparison the protocol prescribes ("≤" for VoxelPose, "&lt;" for 4D Association).</summary>
    public PcpComparison Comparison =>
        Protocol == PcpProtocol.FourDAssociation ? PcpComparison.Less : PcpComparison.LessOrEqual;

    /// <summary>VoxelPose/MVPose protocol, actors 0–2.</summary>
    public static PcpOptions VoxelPose() => new() { Protocol = PcpProtocol.VoxelPose, Actors = [0, 1, 2] };

    /// <summary>4D Association protocol, every actor present.</summary>
    public static PcpOptions FourDAssociation() => new() { Protocol = PcpProtocol.FourDAssociation, Actors = null };

    /// <summary>A one-line label of the protocol for reports.</summary>
    public string Describe() => Protocol switch
    {
        PcpProtocol.VoxelPose =>
            $"VoxelPose/MVPose: nearest prediction by 14-joint MPJPE, missing prediction = all parts wrong, error <= {Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}*L, torso from predicted mid-hip",
        _ =>
            $"4D Association: per-frame Hungarian matching on summed 15-joint distance, only matched pairs scored, error < {Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}*L, torso from hip centre (joint 14)",
    };
}
