using Polypose.Core.Options;

namespace Polypose.Core.Tests;

public sealed class OptionCheckTests
{
    [Theory]
    [InlineData(-1e-9)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonNegative_Rejects_NamingTheSettingAndTheRange(double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OptionCheck.NonNegative(value, "Gate"));
        Assert.Equal("Gate", ex.ParamName);
        Assert.StartsWith("must be finite and >= 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_AcceptBoundaryValues_AndReturnThem()
    {
        Assert.Equal(0, OptionCheck.NonNegative(0, "a"));
        Assert.Equal(double.Epsilon, OptionCheck.Positive(double.Epsilon, "a"));
        Assert.Equal(double.PositiveInfinity, OptionCheck.PositiveOrInfinity(double.PositiveInfinity, "a"));
        Assert.Equal(2.0, OptionCheck.InRange(2.0, 1.0, 2.0, "a"));
        Assert.Equal(5, OptionCheck.InRange(5, 5, 5, "a"));
        Assert.Equal(int.MaxValue, OptionCheck.AtLeast(int.MaxValue, 1, "a"));
    }

    [Fact]
    public void Checks_RejectJustOutside_NamingTheSetting()
    {
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => OptionCheck.Positive(0, "p")).ParamName);
        Assert.Equal("q", Assert.Throws<ArgumentOutOfRangeException>(() => OptionCheck.PositiveOrInfinity(double.NaN, "q")).ParamName);
        Assert.Equal("r", Assert.Throws<ArgumentOutOfRangeException>(() => OptionCheck.InRange(2.0000001, 1.0, 2.0, "r")).ParamName);
        Assert.Equal("s", Assert.Throws<ArgumentOutOfRangeException>(() => OptionCheck.InRange(4, 5, 9, "s")).ParamName);
        Assert.Equal("t", Assert.Throws<ArgumentOutOfRangeException>(() => OptionCheck.AtLeast(0, 1, "t")).ParamName);
        Assert.Equal("u", Assert.Throws<ArgumentNullException>(() => OptionCheck.NotNull<string>(null, "u")).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentOutOfRangeException>(() => OptionCheck.Finite(double.NegativeInfinity, "v")).ParamName);
    }
}
