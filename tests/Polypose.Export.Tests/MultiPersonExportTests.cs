namespace Polypose.Export.Tests;

/// <summary>Several people: one file per person for the single-subject formats, one file for the others.</summary>
public sealed class MultiPersonExportTests
{
    [Theory]
    [InlineData("trc", "walk.trc")]
    [InlineData("bvh", "walk.bvh")]
    public void SingleSubjectFormats_WriteOneFilePerPersonId(string format, string name)
    {
        var dir = ExportInputs.NewOutputDir();
        var r = CliProcess.Polypose("export", "-p", ExportInputs.SyntheticTruth, "-f", format, "-o", Path.Combine(dir, name), "--fps", "30");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var ext = Path.GetExtension(name);
        var expected = PoseFacts.Ids(ExportInputs.SyntheticTruth).Select(id => $"walk_person{id}{ext}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("3 people", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonSummary_ListsEveryOutputAndTheCounts()
    {
        var dir = ExportInputs.NewOutputDir();
        var r = CliProcess.Polypose("export", "-p", ExportInputs.SyntheticTruth, "-f", "trc", "-o", Path.Combine(dir, "s.trc"), "--fps", "30", "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var summary = System.Text.Json.JsonDocument.Parse(r.StdOut);
        var root = summary.RootElement;
        Assert.Equal("trc", root.GetProperty("format").GetString());
        Assert.Equal(3, root.GetProperty("people").GetInt32());
        Assert.Equal(45, root.GetProperty("frames").GetInt32());
        Assert.Equal(30, root.GetProperty("fps").GetDouble());
        var outputs = root.GetProperty("outputs").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(3, outputs.Count);
        Assert.All(outputs, o => Assert.True(File.Exists(o), o));
    }
}
