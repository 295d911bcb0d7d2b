using System.Text.Json;
using Polypose.Formats.Poses3D;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Poses3D;

[Trait("Stage", "Formats")]
public sealed class PanopticGroundTruthTests
{
    [SharedDataTheory]
    [InlineData("160906_band1", 168)]
    [InlineData("160906_band2", 139)]
    public void ReadFolder_Sample_TwentyFramesOfThreePeople(string sequence, int firstFrame)
    {
        var frames = PanopticGroundTruth.ReadFolder(SharedData.Path("panoptic-sample", sequence, "hdPose3d_stage1_coco19"));

        Assert.Equal(20, frames.Count);
        Assert.Equal(Enumerable.Range(firstFrame, 20), frames.Select(f => f.FrameIndex));
        Assert.All(frames, f => Assert.Equal(3, f.People.Count));
        Assert.All(frames.SelectMany(f => f.People), p => Assert.Equal("panoptic15", p.Skeleton.Name));
    }

    [SharedDataFact]
    public void ReadFile_Sample_ConvertsToZUpMillimetresAndThresholdsConfidence()
    {
        var folder = SharedData.Path("panoptic-sample", "160906_band1", "hdPose3d_stage1_coco19");
        var file = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).First();
        using var raw = JsonDocument.Parse(File.ReadAllText(file));

        var frame = PanopticGroundTruth.ReadFile(file);

        var bodies = raw.RootElement.GetProperty("bodies").EnumerateArray().ToList();
        var checkedMissing = false;
        for (var b = 0; b < bodies.Count; b++)
        {
            var values = bodies[b].GetProperty("joints19").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var person = frame.People[b];
            Assert.Equal(bodies[b].GetProperty("id").GetInt32(), person.Id);
            for (var j = 0; j < 15; j++)
            {
                var c = values[(4 * j) + 3];
                if (c > 0.1)
                {
                    Assert.Equal(values[4 * j] * 10, person.Joints[j].X, 9);
                    Assert.Equal(values[(4 * j) + 2] * 10, person.Joints[j].Y, 9);
                    Assert.Equal(-values[(4 * j) + 1] * 10, person.Joints[j].Z, 9);
                    Assert.Equal(c, person.Confidence[j]);
                }
                else
                {
                    Assert.Equal(0, person.Confidence[j]);
                    checkedMissing = true;
                }
            }

            // The neck is well above the ankles in z-up millimetres (the band members may sit).
            if (person.Has(0) && person.Has(8))
            {
                Assert.InRange(person.Joints[0].Z - person.Joints[8].Z, 300, 1900);
            }
        }

        Assert.True(checkedMissing, "the first band1 frame has a joint with confidence -1");
    }

    [Fact]
    public void ReadFile_ShortJointArray_ThrowsNamingBody()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "body3DScene_00000001.json");
        File.WriteAllText(path, """{"bodies":[{"id":0,"joints19":[1,2,3,4]}]}""");

        var e = Assert.Throws<PolyposeFormatException>(() => PanopticGroundTruth.ReadFile(path));

        Assert.Equal("bodies[0].joints19", e.Place);
    }
}
