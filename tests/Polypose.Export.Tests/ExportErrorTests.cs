using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Export.Tests;

/// <summary>Bad input and unwritable outputs: one clear line on stderr, exit code 2, nothing (half-)written.</summary>
public sealed class ExportErrorTests
{
    [Theory]
    [InlineData("trc")]
    [InlineData("c3d")]
    [InlineData("bvh")]
    [InlineData("gltf")]
    [InlineData("csv")]
    [InlineData("easymocap")]
    public void EmptySequence_ExitsTwoWithOneLineAndWritesNothing(string format)
    {
        var dir = ExportInputs.NewOutputDir();
        var poses = HandMadePoses.WriteFrames(dir, "empty.json", HandMadePoses.Chain, []);
        var output = Path.Combine(dir, "out", "result");
        var r = CliProcess.Polypose("export", "-p", poses, "-f", format, "-o", output, "--fps", "30");
        AssertUserError(r, "empty");
        Assert.False(Directory.Exists(Path.Combine(dir, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "out")).Any());
    }

    [Fact]
    public void FramesWithoutPeople_ExitTwo()
    {
        var dir = ExportInputs.NewOutputDir();
        var poses = HandMadePoses.WriteFrames(dir, "nobody.json", HandMadePoses.Chain, [new Frame3D(0, []), new Frame3D(1, [])]);
        var r = CliProcess.Polypose("export", "-p", poses, "-f", "csv", "-o", Path.Combine(dir, "o.csv"), "--fps", "30");
        AssertUserError(r, "no people");
        Assert.False(File.Exists(Path.Combine(dir, "o.csv")));
    }

    [Fact]
    public void FrameRateMismatch_BetweenFileAndOption_ExitsTwo()
    {
        var dir = ExportInputs.NewOutputDir();
        var r = CliProcess.Polypose("export", "-p", HandMadePoses.Write(dir, fps: 50), "-f", "trc", "-o", Path.Combine(dir, "o.trc"), "--fps", "30");
        AssertUserError(r, "frame-rate mismatch");
        Assert.False(File.Exists(Path.Combine(dir, "o.trc")));
    }

    [Fact]
    public void NoFrameRateAnywhere_ExitsTwoAskingForFps()
    {
        var dir = ExportInputs.NewOutputDir();
        var r = CliProcess.Polypose("export", "-p", HandMadePoses.Write(dir), "-f", "trc", "-o", Path.Combine(dir, "o.trc"));
        AssertUserError(r, "--fps");
    }

    [Fact]
    public void MatchingFrameRate_InFileAndOption_IsAccepted()
    {
        var dir = ExportInputs.NewOutputDir();
        var r = CliProcess.Polypose("export", "-p", HandMadePoses.Write(dir, fps: 50), "-f", "trc", "-o", Path.Combine(dir, "o.trc"), "--fps", "50", "-q");
        Assert.True(r.ExitCode == 0, r.StdErr);
    }

    [Theory]
    [InlineData("trc", "o.trc")]
    [InlineData("gltf", "o.glb")]
    [InlineData("easymocap", "k3d")]
    public void OutputUnderARegularFile_ExitsTwoAndLeavesNoTemporaries(string format, string name)
    {
        var dir = ExportInputs.NewOutputDir();
        var poses = HandMadePoses.Write(dir, fps: 50);
        var blocker = Path.Combine(dir, "not-a-folder");
        File.WriteAllText(blocker, "x");
        var r = CliProcess.Polypose("export", "-p", poses, "-f", format, "-o", Path.Combine(blocker, name));
        AssertUserError(r, "cannot write");
        Assert.Equal(["hand.json", "not-a-folder"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EasyMocapOverAnExistingFile_ExitsTwoAndKeepsTheFile()
    {
        var dir = ExportInputs.NewOutputDir();
        var existing = Path.Combine(dir, "k3d");
        File.WriteAllText(existing, "keep me");
        var r = CliProcess.Polypose("export", "-p", HandMadePoses.Write(dir, fps: 50), "-f", "easymocap", "-o", existing);
        AssertUserError(r, "cannot write");
        Assert.Equal("keep me", File.ReadAllText(existing));
    }

    [Fact]
    public void UnknownFormat_ExitsTwo()
    {
        var dir = ExportInputs.NewOutputDir();
        var r = CliProcess.Polypose("export", "-p", HandMadePoses.Write(dir, fps: 50), "-f", "fbx", "-o", Path.Combine(dir, "o.fbx"));
        AssertUserError(r, "unknown format 'fbx'");
    }

    [Fact]
    public void UnitForAMetreOnlyFormat_ExitsTwo()
    {
        var dir = ExportInputs.NewOutputDir();
        var r = CliProcess.Polypose("export", "-p", HandMadePoses.Write(dir, fps: 50), "-f", "gltf", "-o", Path.Combine(dir, "o.glb"), "--unit", "mm");
        AssertUserError(r, "always written in m");
        Assert.False(File.Exists(Path.Combine(dir, "o.glb")));
    }

    [Fact]
    public void DecreasingFrameNumbers_ExitTwoNamingThePlace()
    {
        var dir = ExportInputs.NewOutputDir();
        Vec3[] joints = [new(0, 0, 900), new(0, 0, 1400), new(0, 0, 1500)];
        var p = HandMadePoses.Person(0, joints, [1, 1, 1]);
        var poses = HandMadePoses.WriteFrames(dir, "back.json", HandMadePoses.Chain, [new Frame3D(5, [p]), new Frame3D(4, [p])]);
        var r = CliProcess.Polypose("export", "-p", poses, "-f", "csv", "-o", Path.Combine(dir, "o.csv"), "--fps", "30");
        AssertUserError(r, "frames[1].frame");
    }

    [Fact]
    public void MissingPosesFile_ExitsTwo()
    {
        var dir = ExportInputs.NewOutputDir();
        var r = CliProcess.Polypose("export", "-p", Path.Combine(dir, "absent.json"), "-f", "csv", "-o", Path.Combine(dir, "o.csv"), "--fps", "30");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("absent.json", r.StdErr, StringComparison.Ordinal);
    }

    private static void AssertUserError(CliProcess.Result r, string expected)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.StdErr}");
        var lines = r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line, got: " + r.StdErr);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
    }
}
