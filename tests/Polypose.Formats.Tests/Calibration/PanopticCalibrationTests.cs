using System.Text.Json;
using Polypose.Formats.Calibration;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

public class PanopticCalibrationTests
{
    private static string SamplePath => SharedData.Path("panoptic-sample", "calibration_160906_band1.json");

    [SharedDataFact]
    public void Read_SampleCalibration_HasEveryCameraAnd31Hd()
    {
        var all = CalibrationReader.Read(SamplePath);
        var hd = CalibrationReader.Read(SamplePath, new CalibrationReadOptions { PanopticHdOnly = true });

        Assert.Equal(CalibrationFormat.Panoptic, CalibrationReader.DetectFormat(SamplePath));
        Assert.Equal(520, all.Count);
        Assert.Equal(31, hd.Count);
        Assert.Equal(Enumerable.Range(0, 31).Select(i => $"00_{i:D2}"), hd.Names);
        Assert.All(hd, c => Assert.Equal((1920, 1080), (c.Width, c.Height)));
        Assert.Contains(all, c => c.Width == 640 && c.Height == 480);
    }

    [SharedDataFact]
    public void Read_HdCameras_CentresSitAtPlausibleHeightsInZUpMillimetres()
    {
        var hd = CalibrationReader.Read(SamplePath, new CalibrationReadOptions { PanopticHdOnly = true });

        // The Panoptic dome is about 5 m across with cameras from knee to ceiling height; after the y-down cm to z-up mm
        // conversion every HD camera must be above the floor and below the dome's top.
        Assert.All(hd, c => Assert.InRange(c.Center.Z, 0.0, 5000.0));
        Assert.All(hd, c => Assert.InRange(Math.Sqrt((c.Center.X * c.Center.X) + (c.Center.Y * c.Center.Y)), 1000.0, 6000.0));
        Assert.True(hd.Average(c => c.Center.Z) > 1000, "mean HD camera height should be above 1 m");
    }

    [SharedDataFact]
    public void GroundTruth_ConvertedTheSameWay_ProjectsInsideMostHdImages()
    {
        var hd = CalibrationReader.Read(SamplePath, new CalibrationReadOptions { PanopticHdOnly = true });
        var joints = LoadVisibleJoints();
        Assert.NotEmpty(joints);

        // "Most HD cameras": a joint counts when more than half of the 31 cameras see it in front and inside 1920x1080.
        double SeenByMajority(IEnumerable<Vec3> points) =>
            points.Average(j => hd.Count(cam => cam.Project(j) is { InFront: true, InImage: true }) > hd.Count / 2 ? 1.0 : 0.0);

        var converted = SeenByMajority(joints.Select(WorldFrame.PanopticPointToPolypose));
        var unconverted = SeenByMajority(joints.Select(j => j * 10));

        Assert.True(converted >= 0.95, $"only {converted:P1} of joints are seen by most HD cameras");
        Assert.True(unconverted < 0.5, $"without the axis change {unconverted:P1} of joints would still be seen: the check has no power");
    }

    [SharedDataFact]
    public void GroundTruth_ConvertedToZUp_HasNeckAboveHipAboveAnkles()
    {
        var file = Directory.EnumerateFiles(SharedData.Path("panoptic-sample", "160906_band1", "hdPose3d_stage1_coco19"), "*.json").Order(StringComparer.Ordinal).First();
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        foreach (var body in doc.RootElement.GetProperty("bodies").EnumerateArray())
        {
            var j = body.GetProperty("joints19").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Vec3 P(int i) => WorldFrame.PanopticPointToPolypose(new Vec3(j[4 * i], j[(4 * i) + 1], j[(4 * i) + 2]));
            bool Visible(int i) => j[(4 * i) + 3] > 0.1;

            // README: 0 neck, 2 mid-hip, 8 l-ankle, 14 r-ankle. The band members are seated, so the neck is only a
            // little above the hips, and the hips are at chair height above the feet on the floor.
            Assert.True(P(0).Z > P(2).Z + 150, "neck should be above the mid-hip");
            foreach (var ankle in new[] { 8, 14 }.Where(Visible))
            {
                Assert.True(P(2).Z > P(ankle).Z + 300, "mid-hip should be well above the ankles");
                Assert.InRange(P(ankle).Z, -200.0, 300.0);
            }
        }
    }

    [SharedDataFact]
    public void Read_DemoCameraParametersWithCmu0Subset_GivesFiveHdCamerasInOrder()
    {
        var path = SharedData.Path("panoptic-demo", "camera_parameters.json");
        string[] cmu0 = ["00_03", "00_06", "00_12", "00_13", "00_23"];

        var rig = CalibrationReader.Read(path, new CalibrationReadOptions { Cameras = cmu0 });
        var all = CalibrationReader.Read(path);

        Assert.Equal(cmu0, rig.Names);
        Assert.Equal(31, all.Count);

        // The five CMU0 cameras all look at the middle of the stage, about 1 m above the floor.
        Assert.All(rig, c => Assert.True(c.Project(new Vec3(0, 0, 1000)).InImage, $"{c.Name} does not see the stage centre"));
    }

    /// <summary>Visible ground-truth joints as stored: centimetres, world y-down.</summary>
    private static List<Vec3> LoadVisibleJoints()
    {
        var list = new List<Vec3>();
        foreach (var file in Directory.EnumerateFiles(SharedData.Path("panoptic-sample", "160906_band1", "hdPose3d_stage1_coco19"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var body in doc.RootElement.GetProperty("bodies").EnumerateArray())
            {
                var j = body.GetProperty("joints19").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                for (var i = 0; i < 15; i++)
                {
                    if (j[(4 * i) + 3] > 0.1)
                    {
                        list.Add(new Vec3(j[4 * i], j[(4 * i) + 1], j[(4 * i) + 2]));
                    }
                }
            }
        }

        return list;
    }
}
