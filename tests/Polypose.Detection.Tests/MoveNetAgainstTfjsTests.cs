using System.Security.Cryptography;
using System.Text.Json;
using Polypose.Detection.Images;
using Polypose.Detection.MoveNet;
using Polypose.Detection.TfjsGraph;
using Polypose.Testing;

namespace Polypose.Detection.Tests;

/// <summary>
/// Our runtime against TF.js itself: Fixtures/movenet-multipose-tfjs.json holds TF.js 4.22's (wasm backend) output for
/// the 25 Panoptic demo frames letterboxed to 640 px (made by bench/tfjs/make-fixture.sh). Same input (checked by hash),
/// our output must agree within 1e-3 in normalised coordinates and in scores.
/// </summary>
public sealed class MoveNetAgainstTfjsTests
{
    private const double Tolerance = 1e-3;

    [ModelAndDataFact]
    public void MultiPoseOutputMatchesTfjsOnEveryPanopticDemoFrame()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "movenet-multipose-tfjs.json")));
        var root = doc.RootElement;
        var longSide = root.GetProperty("long_side").GetInt32();
        var net = new MoveNetMultiPose(TfjsModel.Load(InstalledModels.MultiPoseJson));
        var images = root.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(25, images.Count);
        foreach (var entry in images)
        {
            var path = entry.GetProperty("path").GetString()!;
            var image = ImageFile.Read(SharedData.Path([.. path.Split('/')]));
            var box = Letterbox.Fit(image.Width, image.Height, longSide);
            Assert.Equal(entry.GetProperty("input_width").GetInt32(), box.InputWidth);
            Assert.Equal(entry.GetProperty("input_height").GetInt32(), box.InputHeight);
            var input = box.Render(image);
            Assert.Equal(entry.GetProperty("input_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(input.Select(v => (byte)v).ToArray())));
            var expected = entry.GetProperty("output").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var actual = net.RunRaw(input, box.InputWidth, box.InputHeight);
            Assert.Equal([1, 6, 56], actual.Shape);
            for (var i = 0; i < expected.Length; i++)
            {
                var d = Math.Abs(actual.Floats[i] - expected[i]);
                Assert.True(d <= Tolerance, $"{path}: person {i / 56} value {i % 56}: ours {actual.Floats[i]} vs TF.js {expected[i]} (|d| = {d})");
            }
        }
    }

    [ModelAndDataFact]
    public void DecodedPeopleLieInsideTheImageWithTheirKeypoints()
    {
        var net = new MoveNetMultiPose(TfjsModel.Load(InstalledModels.MultiPoseJson));
        var image = ImageFile.Read(SharedData.Path("panoptic-demo", "00_03", "00_03_00004500.jpg"));
        var people = net.Detect(image, Letterbox.Fit(image.Width, image.Height, 640));
        Assert.NotEmpty(people);
        foreach (var p in people)
        {
            Assert.True(p.Score >= 0.2);
            Assert.Equal(17, p.Keypoints.Count);
            Assert.InRange(p.Box.XMin, -1, image.Width + 1);
            Assert.InRange(p.Box.YMax, -1, image.Height + 1);
            var confident = p.Keypoints.Where(k => k.Score > 0.3).ToList();
            Assert.All(confident, k => Assert.InRange(k.X, p.Box.XMin - 50, p.Box.XMax + 50));
        }
    }
}
