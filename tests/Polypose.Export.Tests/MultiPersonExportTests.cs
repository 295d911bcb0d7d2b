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
}
