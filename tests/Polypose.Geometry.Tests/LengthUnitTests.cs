namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class LengthUnitTests
{
    [Theory]
    [InlineData(LengthUnit.Millimetre, 1, "mm")]
    [InlineData(LengthUnit.Centimetre, 10, "cm")]
    [InlineData(LengthUnit.Metre, 1000, "m")]
    public void MillimetresPerUnit_EachUnit_IsTheSiFactor(LengthUnit unit, double factor, string symbol)
    {
        Assert.Equal(factor, unit.MillimetresPerUnit());
        Assert.Equal(2.5 * factor, unit.ToMillimetres(2.5));
        Assert.Equal(2.5, unit.FromMillimetres(2.5 * factor), 12);
        Assert.Equal(new Vec3(factor, -2 * factor, 0), unit.ToMillimetres(new Vec3(1, -2, 0)));
        Assert.Equal(symbol, unit.Symbol());
        Assert.True(LengthUnitExtensions.TryParse(symbol, out var parsed));
        Assert.Equal(unit, parsed);
    }

    [Theory]
    [InlineData("Metres", LengthUnit.Metre)]
    [InlineData(" meter ", LengthUnit.Metre)]
    [InlineData("CENTIMETERS", LengthUnit.Centimetre)]
    [InlineData("millimetre", LengthUnit.Millimetre)]
    public void TryParse_WordsInEitherSpelling_AreAccepted(string text, LengthUnit expected)
    {
        Assert.True(LengthUnitExtensions.TryParse(text, out var unit));
        Assert.Equal(expected, unit);
    }

    [Theory]
    [InlineData("inch")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownText_ReturnsFalse(string? text)
    {
        Assert.False(LengthUnitExtensions.TryParse(text, out _));
    }

    [Fact]
    public void MillimetresPerUnit_UndefinedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((LengthUnit)42).MillimetresPerUnit());
    }
}
