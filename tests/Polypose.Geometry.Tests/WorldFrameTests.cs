using System.Text.Json;
using Polypose.Testing;

namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class WorldFrameTests
{
    private static readonly string[] Cmu0 = ["00_03", "00_06", "00_12", "00_13", "00_23"];

    [Fact]
    public void PanopticPointToPolypose_AxesAndUnits_FollowTheDocumentedFormula()
    {
        // Panoptic "up" is −y; in Polypose it is +z. (x, y, z) cm → (x, z, −y)·10 mm.
        Assert.Equal(new Vec3(0, 0, 10), WorldFrame.PanopticPointToPolypose(new Vec3(0, -1, 0)));
        Assert.Equal(new Vec3(10, 30, -20), WorldFrame.PanopticPointToPolypose(new Vec3(1, 2, 3)));
        Assert.Equal(new Vec3(10, 30, -20), WorldFrame.PanopticToPolypose.Apply(new Vec3(1, 2, 3)));
    }

    [Fact]
    public void PanopticExtrinsicsToPolypose_MatchesCameraWithWorldTransform()
    {
        var rng = new Random(51);
        var raw = TestRigs.RandomRig(rng, 3, LensKind.FiveCoefficient);
        foreach (var cam in raw)
        {
            var byFormula = WorldFrame.PanopticExtrinsicsToPolypose(cam.Rotation, cam.Translation);
            var byTransform = cam.WithWorldTransform(WorldFrame.PanopticToPolypose);

            Mat3Tests.AssertClose(byFormula.Rotation, byTransform.Rotation, 1e-15);
            Mat3Tests.AssertClose(byFormula.Translation, byTransform.Translation, 1e-9);
        }
    }

    [SharedDataFact]
    public void PanopticSample_ConvertedRigAndGroundTruth_ProjectIdenticallyAndTriangulateExactly()
    {
        var raw = LoadPanopticCameras(SharedData.Path("panoptic-sample", "calibration_160906_band1.json"));
        var cams = raw.Select(c => c.WithWorldTransform(WorldFrame.PanopticToPolypose)).ToArray();
        var pixels = new Vec2[cams.Length];
        var weights = new double[cams.Length];
        var checkedJoints = 0;
        var files = Directory.GetFiles(SharedData.Path("panoptic-sample", "160906_band1", "hdPose3d_stage1_coco19"), "*.json").Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (cm, _) in LoadVisibleJoints(file).SelectMany(b => b))
            {
                var mm = WorldFrame.PanopticPointToPolypose(cm);
                for (var v = 0; v < cams.Length; v++)
                {
                    var before = raw[v].Project(cm);
                    var after = cams[v].Project(mm);
                    Assert.Equal(before.IsValid, after.IsValid);
                    Assert.True(Vec2.Distance(before.Pixel, after.Pixel) < 1e-6);
                }

                if (TestRigs.Observe(cams, mm, pixels, weights) < 2)
                {
                    continue;
                }

                foreach (var method in new[] { TriangulationMethod.Algebraic, TriangulationMethod.Midpoint })
                {
                    var result = Triangulation.FromPixels(cams, pixels, weights, method);
                    Assert.True(result.IsValid);
                    Assert.True(Vec3.Distance(result.Point, mm) < 1e-6, $"{method}: {Vec3.Distance(result.Point, mm)} mm");
                }

                checkedJoints++;
            }
        }

        Assert.True(checkedJoints > 500, $"only {checkedJoints} joints checked");
    }

    [SharedDataFact]
    public void PanopticSample_ConvertedGroundTruth_IsZUpWithFeetOnTheFloor()
    {
        var file = Directory.GetFiles(SharedData.Path("panoptic-sample", "160906_band2", "hdPose3d_stage1_coco19"), "*.json").Order(StringComparer.Ordinal).First();
        var bodies = LoadVisibleJoints(file);
        Assert.Equal(3, bodies.Count);
        foreach (var body in bodies)
        {
            var joints = body.ToDictionary(j => j.Index, j => WorldFrame.PanopticPointToPolypose(j.Point));
            Assert.True(joints.ContainsKey(0), "neck visible");
            foreach (var ankle in new[] { 8, 14 }.Where(joints.ContainsKey))
            {
                // Panoptic's floor is the plane y = 0, i.e. z = 0 after conversion; ankles sit 5–15 cm above it.
                Assert.InRange(joints[ankle].Z, -50, 250);
                Assert.True(joints[0].Z > joints[ankle].Z + 500, $"neck {joints[0].Z} mm vs ankle {joints[ankle].Z} mm");
            }
        }
    }

    internal static Camera[] LoadPanopticCameras(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var byName = doc.RootElement.GetProperty("cameras").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        return Cmu0.Select(name =>
        {
            var c = byName[name];
            var k = Rows(c.GetProperty("K"));
            var r = Rows(c.GetProperty("R"));
            var t = c.GetProperty("t").EnumerateArray().Select(x => x[0].GetDouble()).ToArray();
            var dist = c.GetProperty("distCoef").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            var size = c.GetProperty("resolution").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            return new Camera(name, size[0], size[1], Intrinsics.FromMatrix(Mat3.FromRowMajor(k)), Mat3.FromRowMajor(r), new Vec3(t[0], t[1], t[2]), Distortion.FromOpenCv(dist));
        }).ToArray();
    }

    /// <summary>Per body, the first 15 joints with confidence &gt; 0.1 (Panoptic cm, y-down).</summary>
    private static List<List<(Vec3 Point, int Index)>> LoadVisibleJoints(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var bodies = new List<List<(Vec3, int)>>();
        foreach (var body in doc.RootElement.GetProperty("bodies").EnumerateArray())
        {
            var j = body.GetProperty("joints19").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            var visible = new List<(Vec3, int)>();
            for (var i = 0; i < 15; i++)
            {
                if (j[(i * 4) + 3] > 0.1)
                {
                    visible.Add((new Vec3(j[i * 4], j[(i * 4) + 1], j[(i * 4) + 2]), i));
                }
            }

            bodies.Add(visible);
        }

        return bodies;
    }

    private static double[] Rows(JsonElement m) => m.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(x => x.GetDouble())).ToArray();
}
