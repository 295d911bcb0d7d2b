using Polypose.Formats.Calibration;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

public class MalformedCalibrationTests
{
    private const string GoodCamera = """
        "K": [1000, 0, 500, 0, 1000, 400, 0, 0, 1],
        "RT": [1, 0, 0, 0.1, 0, 1, 0, 0.2, 0, 0, 1, 3],
        "imgSize": [1000, 800]
        """;

    [Fact]
    public void Read_TruncatedJson_ThrowsWithLineAndColumn()
    {
        var path = Write("{\n  \"0\": {\n" + GoodCamera + "\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal(path, ex.FilePath);
        Assert.NotNull(ex.Line);
        Assert.NotNull(ex.Column);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NaNInJson_ThrowsAtItsLine()
    {
        var path = Write("{\n  \"0\": {\n" + GoodCamera.Replace("1000, 0, 500", "NaN, 0, 500", StringComparison.Ordinal) + "\n  }\n}\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal(3, ex.Line);
        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverflowingNumber_ThrowsNamingJsonPath()
    {
        var path = Write("{\n  \"0\": {\n" + GoodCamera.Replace("0.1, 0, 1", "1e999, 0, 1", StringComparison.Ordinal) + "\n  }\n}\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal("\"0\".RT[3]", ex.Place);
        Assert.Contains("finite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoByTwoK_ThrowsNamingPlaceAndShape()
    {
        var path = Write("{\n  \"3\": {\n" + GoodCamera.Replace("[1000, 0, 500, 0, 1000, 400, 0, 0, 1]", "[[1000, 0], [0, 1000]]", StringComparison.Ordinal) + "\n  }\n}\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal("\"3\".K", ex.Place);
        Assert.Contains("2x2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RWithoutT_ThrowsNamingCameraAndKey()
    {
        var path = Write("{\n  \"cam\": {\n\"K\": [1000, 0, 500, 0, 1000, 400, 0, 0, 1], \"R\": [0, 0, 0], \"imgSize\": [10, 10]\n  }\n}\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal("\"cam\"", ex.Place);
        Assert.Contains("\"T\"", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonRotationMatrix_ThrowsNamingCamera()
    {
        var path = Write("{\n  \"7\": {\n" + GoodCamera.Replace("[1, 0, 0, 0.1,", "[2, 0, 0, 0.1,", StringComparison.Ordinal) + "\n  }\n}\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal("\"7\"", ex.Place);
        Assert.Contains("rotation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PanopticCameraWithoutT_ThrowsWithArrayPath()
    {
        var path = Write("""
            {"cameras": [
              {"name": "00_00", "type": "hd", "resolution": [1920, 1080], "K": [[1,0,1],[0,1,1],[0,0,1]], "R": [[1,0,0],[0,1,0],[0,0,1]], "t": [[0],[0],[100]]},
              {"name": "00_01", "type": "hd", "resolution": [1920, 1080], "K": [[1,0,1],[0,1,1],[0,0,1]], "R": [[1,0,0],[0,1,0],[0,0,1]]}
            ]}
            """);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal("cameras[1]", ex.Place);
        Assert.Contains("\"t\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CanonicalWrongUnit_IsRefused()
    {
        var path = Write("""{"format": "polypose-calibration", "version": 1, "unit": "m", "cameras": []}""");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal("unit", ex.Place);
    }

    [Fact]
    public void Read_UnknownContent_ListsFormatsUnderstood()
    {
        var path = Write("frame 1\n0.5 0.5 0.9\n");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal(path, ex.FilePath);
        Assert.Contains("EasyMocap", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TOML", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Panoptic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonOfUnknownShape_ListsFormatsUnderstood()
    {
        var path = Write("""{"people": [1, 2, 3]}""");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Contains("4D Association", ex.Message, StringComparison.Ordinal);
    }

    private static string Write(string text)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "calibration.json");
        File.WriteAllText(path, text);
        return path;
    }
}
