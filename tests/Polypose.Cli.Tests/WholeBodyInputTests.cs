using System.Text.Json;
using System.Text.Json.Nodes;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary>
/// RTMPose-style HALPE-26 OpenPose JSON end to end: a synthetic scene's BODY25 detections rewritten in the HALPE-26
/// layout (AlphaPose/Halpe order, written out here as a table; the head point, absent from BODY25, as 0, 0, 0) are read
/// by keypoint count and reconstruct to the same poses as the BODY25 originals.
/// </summary>
public sealed class WholeBodyInputTests
{
    // HALPE-26 index → BODY25 index (−1: HALPE 17 "head" has no BODY25 counterpart).
    private static readonly int[] HalpeFromBody25 =
        [0, 16, 15, 18, 17, 5, 2, 6, 3, 7, 4, 12, 9, 13, 10, 14, 11, -1, 1, 8, 19, 22, 20, 23, 21, 24];

    [Fact]
    public void Halpe26Detections_ReconstructLikeTheirBody25Originals()
    {
        var dir = RepoPaths.NewTempDir();
        var synth = CliProcess.Run("synth", "--rig", "corners:4", "--people", "2", "--frames", "20", "--seed", "3", "--out", dir);
        Assert.True(synth.ExitCode == 0, synth.StdErr);
        var body25 = Path.Combine(dir, "detections");
        var halpe = Path.Combine(dir, "detections_halpe26");
        foreach (var camera in Directory.GetDirectories(body25))
        {
            var target = Directory.CreateDirectory(Path.Combine(halpe, Path.GetFileName(camera))).FullName;
            foreach (var file in Directory.GetFiles(camera, "*.json"))
            {
                var doc = JsonNode.Parse(File.ReadAllText(file))!;
                foreach (var person in doc["people"]!.AsArray())
                {
                    var k = person!["pose_keypoints_2d"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                    var rewritten = new JsonArray();
                    foreach (var b in HalpeFromBody25)
                    {
                        for (var c = 0; c < 3; c++)
                        {
                            rewritten.Add(b < 0 ? 0 : k[(3 * b) + c]);
                        }
                    }

                    person["pose_keypoints_2d"] = rewritten;
                }

                File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), doc.ToJsonString());
            }
        }

        var calibration = Path.Combine(dir, "calibration.json");
        var fromBody25 = Path.Combine(dir, "body25.json");
        var fromHalpe = Path.Combine(dir, "halpe.json");
        Assert.Equal(0, CliProcess.Run("reconstruct", "--calib", calibration, "--detections", body25, "--out", fromBody25).ExitCode);
        var r = CliProcess.Run("reconstruct", "--calib", calibration, "--detections", halpe, "--out", fromHalpe);
        Assert.True(r.ExitCode == 0, r.StdErr);
        using (var poses = JsonDocument.Parse(File.ReadAllText(fromHalpe)))
        {
            Assert.Equal("halpe26", poses.RootElement.GetProperty("skeleton").GetString());
        }

        var gt = Path.Combine(dir, "gt.json");
        var body25Error = Mpjpe(fromBody25, gt);
        var halpeError = Mpjpe(fromHalpe, gt);
        Assert.True(body25Error < 150, $"BODY25 MPJPE {body25Error} mm");
        Assert.True(Math.Abs(body25Error - halpeError) < 0.5, $"BODY25 MPJPE {body25Error:F3} mm vs HALPE-26 {halpeError:F3} mm");
    }

    private static double Mpjpe(string pred, string gt)
    {
        var r = CliProcess.Run("eval", "--pred", pred, "--gt", gt, "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        return doc.RootElement.GetProperty("summary").GetProperty("pose").GetProperty("mpjpe").GetDouble();
    }
}
