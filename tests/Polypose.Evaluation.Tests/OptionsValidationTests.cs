using Polypose.Evaluation.Metrics;

namespace Polypose.Evaluation.Tests;

/// <summary>Metric settings are checked when set: an out-of-range value throws naming the setting.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, Func<object>> Invalid => new()
    {
        { "Alpha", () => PcpOptions.VoxelPose() with { Alpha = 0 } },
        { "RecallThreshold", () => PcpOptions.FourDAssociation() with { RecallThreshold = double.PositiveInfinity } },
        { "Protocol", () => new PcpOptions { Protocol = (PcpProtocol)7 } },
        { "RecallThreshold", () => new ApOptions { RecallThreshold = -1 } },
        { "Thresholds.Count", () => new ApOptions { Thresholds = [] } },
        { "Thresholds[2]", () => new ApOptions { Thresholds = [25, 50, double.NaN] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Init_OutOfRange_ThrowsNamingTheSetting(string setting, Func<object> make) =>
        Assert.Equal(setting, Assert.Throws<ArgumentOutOfRangeException>(make).ParamName);

    [Fact]
    public void Init_NullAverageActors_ThrowsNamingIt() =>
        Assert.Equal("AverageActors", Assert.Throws<ArgumentNullException>(() => new PcpOptions { AverageActors = null! }).ParamName);
}
