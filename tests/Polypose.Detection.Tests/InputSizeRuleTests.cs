using Polypose.Detection.MoveNet;

namespace Polypose.Detection.Tests;

/// <summary>Per-camera input sizes: parsing of <c>--long-side</c> and the auto rule's arithmetic.</summary>
public sealed class InputSizeRuleTests
{
    [Fact]
    public void ParsesAFixedSideAutoAndPerCameraItemsWithADefault()
    {
        Assert.Equal(960, InputSizeRule.Parse("960").LongSide);
        Assert.True(InputSizeRule.Parse("auto").Auto);
        var mixed = InputSizeRule.Parse("00_03=960, 00_06=512,640");
        Assert.Equal(640, mixed.LongSide);
        Assert.False(mixed.Auto);
        Assert.Equal(960, mixed.PerCamera["00_03"]);
        Assert.Equal(512, mixed.PerCamera["00_06"]);
        Assert.True(InputSizeRule.Parse("00_03=960,auto").Auto);
    }

    [Theory]
    [InlineData("16")]
    [InlineData("big")]
    [InlineData("=640")]
    [InlineData("a=640,a=320")]
    [InlineData("a=-3")]
    public void RejectsBadItemsNamingThem(string text)
    {
        var e = Assert.Throws<FormatException>(() => InputSizeRule.Parse(text));
        Assert.Contains(text.Split(',')[^1].Trim(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoScalesTheMedianPersonToTheTargetHeightInMultiplesOf32()
    {
        var rule = new InputSizeRule { Auto = true };
        // 1920 * 192 / 600 = 614.4 -> 608; 1920 * 192 / 150 = 2457.6 -> clamped to 1280; 1920 * 192 / 1800 = 204.8 -> 256.
        Assert.Equal(608, rule.AutoLongSide(1920, 1080, 600));
        Assert.Equal(1280, rule.AutoLongSide(1920, 1080, 150));
        Assert.Equal(256, rule.AutoLongSide(1920, 1080, 1800));
        Assert.Equal(640, rule.AutoLongSide(1920, 1080, 0));
        Assert.Equal(384, (rule with { TargetPersonHeight = 128 }).AutoLongSide(1080, 1920, 640));
    }
}
