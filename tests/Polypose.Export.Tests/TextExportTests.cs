using System.Text.Json;
using Polypose.Testing;

namespace Polypose.Export.Tests;

/// <summary>TRC, CSV and EasyMocap exports of a hand-made file, checked value by value against numbers worked out by hand.</summary>
public sealed class TextExportTests
{
    [Fact]
    public void Trc_HandCase_HeaderIsOpenSimsAndValuesAreYUpMetres()
    {
        var dir = ExportInputs.NewOutputDir();
        var poses = HandMadePoses.Write(dir, fps: 50);
        var output = Path.Combine(dir, "walk.trc");
        var r = CliProcess.Polypose("export", "--poses", poses, "--format", "trc", "--out", output, "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var lines = File.ReadAllLines(output);
        Assert.Equal("PathFileType\t4\t(X/Y/Z)\twalk.trc", lines[0]);
        Assert.Equal("DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames", lines[1]);
        Assert.Equal("50\t50\t2\t3\tm\t50\t10\t2", lines[2]);
        Assert.Equal("Frame#\tTime\tmid_hip\t\t\tneck\t\t\tnose\t\t", lines[3]);
        Assert.Equal("\t\tX1\tY1\tZ1\tX2\tY2\tZ2\tX3\tY3\tZ3", lines[4]);
        Assert.Equal(string.Empty, lines[5]);

        // TRC (X, Y, Z) = (world y, world z, world x) / 1000; the missing nose is three empty fields.
        Assert.Equal("1\t0\t2\t0.9\t1\t2\t1.4\t1\t\t\t", lines[6]);
        Assert.Equal("2\t0.02\t2\t0.9\t1.1\t2.05\t1.4\t1.1\t2.05\t1.5\t1.15", lines[7]);
        Assert.Equal(8, lines.Length);
    }

    [Fact]
    public void Trc_MillimetreUnit_IsWrittenInTheHeaderAndTheValues()
    {
        var dir = ExportInputs.NewOutputDir();
        var poses = HandMadePoses.Write(dir);
        var output = Path.Combine(dir, "mm.trc");
        var r = CliProcess.Polypose("export", "-p", poses, "-f", "trc", "-o", output, "--fps", "30", "--unit", "mm", "-q");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var lines = File.ReadAllLines(output);
        Assert.Equal("30\t30\t2\t3\tmm\t30\t10\t2", lines[2]);
        Assert.Equal("1\t0\t2000\t900\t1000\t2000\t1400\t1000\t\t\t", lines[6]);
        Assert.StartsWith("2\t0.033333\t", lines[7], StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_HandCase_OneRowPerFramePersonJointWithMissingFlagged()
    {
        var dir = ExportInputs.NewOutputDir();
        var poses = HandMadePoses.Write(dir, fps: 50);
        var output = Path.Combine(dir, "poses.csv");
        var r = CliProcess.Polypose("export", "--poses", poses, "--format", "csv", "--out", output, "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        string[] expected =
        [
            "frame,time,person,joint,x,y,z,confidence,flags",
            "10,0,0,mid_hip,1000,2000,900,0.5,observed",
            "10,0,0,neck,1000,2000,1400,0.75,observed",
            "10,0,0,nose,,,,0,missing",
            "11,0.02,0,mid_hip,1100,2000,900,0.5,observed",
            "11,0.02,0,neck,1100,2050,1400,0.75,observed",
            "11,0.02,0,nose,1150,2050,1500,1,observed",
        ];
        Assert.Equal(expected, File.ReadAllLines(output));
    }

    [Fact]
    public void EasyMocap_HandCase_PerFrameFilesInBody25OrderInMetres()
    {
        var dir = ExportInputs.NewOutputDir();
        var poses = HandMadePoses.Write(dir, fps: 50);
        var output = Path.Combine(dir, "keypoints3d");
        var r = CliProcess.Polypose("export", "--poses", poses, "--format", "easymocap", "--out", output, "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal(["000010.json", "000011.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var frame10 = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "000010.json")));
        var person = Assert.Single(frame10.RootElement.EnumerateArray().ToList());
        Assert.Equal(0, person.GetProperty("id").GetInt32());
        var k = person.GetProperty("keypoints3d").EnumerateArray().Select(j => j.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(25, k.Length);

        // BODY25: 0 nose (missing here), 1 neck, 8 mid_hip; every other joint is absent from the input.
        Assert.Equal([0, 0, 0, 0], k[0]);
        Assert.Equal([1.0, 2.0, 1.4, 0.75], k[1]);
        Assert.Equal([1.0, 2.0, 0.9, 0.5], k[8]);
        Assert.All(k.Where((_, i) => i is not 1 and not 8), v => Assert.Equal([0, 0, 0, 0], v));
        using var frame11 = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "000011.json")));
        var nose = frame11.RootElement[0].GetProperty("keypoints3d")[0].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal([1.15, 2.05, 1.5, 1], nose);
    }

    [SharedDataFact]
    public void Trc_Shelf_EveryPersonHasItsFileAndEveryRowItsColumns()
    {
        var dir = ExportInputs.NewOutputDir();
        var output = Path.Combine(dir, "shelf.trc");
        var r = CliProcess.Polypose("export", "--poses", ExportInputs.Shelf, "--format", "trc", "--out", output, "--fps", "25", "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var ids = PoseFacts.Ids(ExportInputs.Shelf);
        Assert.True(ids.Count > 1);
        foreach (var id in ids)
        {
            var lines = File.ReadAllLines(Path.Combine(dir, $"shelf_person{id}.trc"));
            Assert.Equal("25\t25\t301\t25\tm\t25\t300\t301", lines[2]);
            Assert.Equal(6 + 301, lines.Length);
            Assert.All(lines.Skip(6), l => Assert.Equal(2 + (3 * 25), l.Split('\t').Length));
        }
    }

    [SharedDataFact]
    public void Csv_Shelf_HasOneRowPerPersonFrameAndJoint()
    {
        var dir = ExportInputs.NewOutputDir();
        var output = Path.Combine(dir, "shelf.csv");
        var r = CliProcess.Polypose("export", "--poses", ExportInputs.Shelf, "--format", "csv", "--out", output, "--fps", "25", "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var rows = File.ReadLines(output).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(PoseFacts.PersonFrames(ExportInputs.Shelf) * 25, rows.Count);
        Assert.All(rows, c => Assert.Equal(9, c.Length));
        Assert.All(rows, c => Assert.True(c[8] == "observed" ? c[4].Length > 0 : c[4].Length == 0 && c[8] == "missing"));
    }
}
