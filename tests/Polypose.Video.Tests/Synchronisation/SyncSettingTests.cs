using Polypose.Video.Synchronisation;

namespace Polypose.Video.Tests.Synchronisation;

public class SyncSettingTests
{
    private static readonly string[] Cameras = ["cam01", "cam02", "cam03"];

    [Theory]
    [InlineData("auto", SyncMode.Auto)]
    [InlineData(" NONE ", SyncMode.None)]
    [InlineData("0,3,-2", SyncMode.Fixed)]
    public void Parse_Keywords_AndOffsets_GiveTheMode(string text, SyncMode mode) =>
        Assert.Equal(mode, SyncSetting.Parse(text).Mode);

    [Fact]
    public void OffsetsFor_OrderedAndNamed_ShiftSoTheSmallestIsZero()
    {
        Assert.Equal([2, 5, 0], SyncSetting.Parse("0,3,-2").OffsetsFor(Cameras));
        Assert.Equal([0, 4, 0], SyncSetting.Parse("cam02=4").OffsetsFor(Cameras));
        Assert.Equal([1, 0, 0], SyncSetting.Parse("cam01 = -1, cam02=-2, cam03=-2").OffsetsFor(Cameras));
        Assert.Equal([0, 0, 0], SyncSetting.None.OffsetsFor(Cameras));
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("1,,2")]
    [InlineData("1.5,2")]
    [InlineData("cam01=x")]
    [InlineData("")]
    public void Parse_Garbage_OneLineSayingWhatIsExpected(string text)
    {
        var ex = Assert.Throws<FormatException>(() => SyncSetting.Parse(text));

        Assert.StartsWith("--sync: expected 'auto', 'none' or integer frame offsets", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OffsetsFor_WrongCountOrUnknownName_Throws()
    {
        var count = Assert.Throws<FormatException>(() => SyncSetting.Parse("1,2").OffsetsFor(Cameras));
        var name = Assert.Throws<FormatException>(() => SyncSetting.Parse("cam09=1").OffsetsFor(Cameras));
        var twice = Assert.Throws<FormatException>(() => SyncSetting.Parse("cam01=1,cam01=2"));

        Assert.Contains("2 offset(s) given for 3 cameras", count.Message, StringComparison.Ordinal);
        Assert.Contains("no camera named cam09", name.Message, StringComparison.Ordinal);
        Assert.Contains("given twice", twice.Message, StringComparison.Ordinal);
    }
}
