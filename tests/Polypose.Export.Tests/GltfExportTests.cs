using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Polypose.Testing;

namespace Polypose.Export.Tests;

/// <summary>glTF exports checked by the Khronos glTF validator (npm gltf-validator, run by node; tests/Polypose.Export.Tests/node).</summary>
public sealed class GltfExportTests
{
    private static readonly string NodeFolder = Path.Combine(RepoPaths.Root, "tests", "Polypose.Export.Tests", "node");

    [NodeFact(NeedsSharedData = true)]
    public void Shelf_KhronosValidator_ReportsNoErrorsOrWarnings() => Validate(ExportInputs.Shelf, 25);

    [NodeFact]
    public void SyntheticReconstruction_KhronosValidator_ReportsNoErrorsOrWarnings() => Validate(ExportInputs.SyntheticReconstruction, 30);

    [NodeFact]
    public void SyntheticTruth_KhronosValidator_ReportsNoErrorsOrWarnings() => Validate(ExportInputs.SyntheticTruth, 30);

    [NodeFact]
    public void HandCase_AnimatesEveryJointNodeOfThePersonWithTranslations()
    {
        var dir = ExportInputs.NewOutputDir();
        var output = Path.Combine(dir, "hand.glb");
        var r = CliProcess.Polypose("export", "-p", HandMadePoses.Write(dir, fps: 50), "-f", "gltf", "-o", output, "-q");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var bytes = File.ReadAllBytes(output);
        Assert.Equal("glTF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal((uint)bytes.Length, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        var jsonLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        using var json = JsonDocument.Parse(bytes.AsMemory(20, jsonLength));
        var nodes = json.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()).ToList();
        Assert.Equal(["person 0", "mid_hip", "neck", "nose", "person 0 skeleton"], nodes);
        var channels = json.RootElement.GetProperty("animations")[0].GetProperty("channels").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], channels.Select(c => c.GetProperty("target").GetProperty("node").GetInt32()));
        Assert.All(channels, c => Assert.Equal("translation", c.GetProperty("target").GetProperty("path").GetString()));

        // The time accessor spans the two frames at 50 fps.
        var sampler = json.RootElement.GetProperty("animations")[0].GetProperty("samplers")[0];
        var times = json.RootElement.GetProperty("accessors")[sampler.GetProperty("input").GetInt32()];
        Assert.Equal(0.02, times.GetProperty("max")[0].GetDouble(), 6);
        Validate(output);
    }

    private static void Validate(string poses, double fps)
    {
        var dir = ExportInputs.NewOutputDir();
        var output = Path.Combine(dir, "out.glb");
        var r = CliProcess.Polypose("export", "-p", poses, "-f", "gltf", "-o", output, "--fps", fps.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Validate(output);
    }

    private static void Validate(string glb)
    {
        EnsureValidatorInstalled();
        var v = CliProcess.Run("node", [Path.Combine(NodeFolder, "validate-gltf.mjs"), glb], NodeFolder);
        Assert.True(v.ExitCode == 0, v.StdOut + v.StdErr);
        using var report = JsonDocument.Parse(v.StdOut.Trim());
        Assert.Equal(0, report.RootElement.GetProperty("errors").GetInt32());
        Assert.True(report.RootElement.GetProperty("warnings").GetInt32() == 0, v.StdOut);
    }

    private static readonly Lock InstallLock = new();

    private static void EnsureValidatorInstalled()
    {
        lock (InstallLock)
        {
            if (Directory.Exists(Path.Combine(NodeFolder, "node_modules", "gltf-validator")))
            {
                return;
            }

            var npm = CliProcess.Run("npm", ["ci", "--no-audit", "--no-fund"], NodeFolder);
            Assert.True(npm.ExitCode == 0, "npm ci in " + NodeFolder + " failed: " + npm.StdErr);
        }
    }
}
