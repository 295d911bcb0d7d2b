using Polypose.Evaluation.Functional;
using Polypose.Geometry;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class PcpTests
{
    private static readonly Vec3 GtStart = new(0, 0, 0);
    private static readonly Vec3 GtEnd = new(0, 0, 400);

    [Theory]
    [InlineData(PcpComparison.LessOrEqual, true)]
    [InlineData(PcpComparison.Less, false)]
    public void IsCorrect_BothEndsMovedByExactlyHalfLength_DependsOnComparison(PcpComparison comparison, bool expected)
    {
        // L = 400, both endpoints moved by 200 = 0.5·L: mean error equals the bound exactly.
        var shift = new Vec3(200, 0, 0);
        Assert.Equal(expected, Pcp.IsCorrect(GtStart + shift, GtEnd + shift, GtStart, GtEnd, 0.5, comparison));
    }

    [Fact]
    public void IsCorrect_OneEndFarOff_UsesMeanOfEndpointErrors()
    {
        // Start exact, end off by 399: mean 199.5 < 200 → correct; end off by 401: mean 200.5 → wrong.
        Assert.True(Pcp.IsCorrect(GtStart, GtEnd + new Vec3(399, 0, 0), GtStart, GtEnd, 0.5, PcpComparison.Less));
        Assert.False(Pcp.IsCorrect(GtStart, GtEnd + new Vec3(401, 0, 0), GtStart, GtEnd, 0.5, PcpComparison.LessOrEqual));
    }

    [Fact]
    public void IsCorrect_NonFinitePrediction_IsWrong()
    {
        Assert.False(Pcp.IsCorrect(new Vec3(double.NaN, 0, 0), GtEnd, GtStart, GtEnd));
    }
}
