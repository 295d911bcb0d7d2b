using Polypose.Detection.Images;
using Polypose.Detection.Models;
using Polypose.Detection.MoveNet;
using Polypose.Detection.TfjsGraph;
using Polypose.Geometry;
using Polypose.Learning.Evidence;
using Polypose.Testing;

namespace Polypose.Learning.Tests.Evidence;

/// <summary>
/// MoveNet's heatmaps as the learned model's image evidence: the letterbox affine by hand, and on a real Panoptic demo
/// frame (camera 00_06, three people) that the Panoptic-15 channels peak where MoveNet's decoded keypoints are and that the root candidates taken
/// from the evidence land on the detected people.
/// </summary>
public sealed class MoveNetEvidenceTests
{
    [Fact]
    public void AffineMapsOriginalPixelsThroughTheLetterboxToTheStrideFourGrid()
    {
        // 1920x1080 into 640x384: scale 1/3, content 640x360 at row 12; heatmap 160x96, sample i at input 4i + 2.
        var affine = MoveNetEvidence.Affine(Detection.MoveNet.Letterbox.Fit(1920, 1080, 640));
        Assert.Equal((160, 96), (affine.HeatmapWidth, affine.HeatmapHeight));
        var centre = affine.ImageToHeatmap.Apply(new Vec2(960, 540));
        Assert.Equal(79.5, centre.X, 9);
        Assert.Equal(47.5, centre.Y, 9);
        var corner = affine.ImageToHeatmap.Apply(new Vec2(0, 0));
        Assert.Equal(-0.5, corner.X, 9);
        Assert.Equal(2.5, corner.Y, 9);
        var back = affine.HeatmapToImage.Apply(new Vec2(159.5, 92.5));
        Assert.Equal(1920, back.X, 6);
        Assert.Equal(1080, back.Y, 6);
    }

    [MoveNetAndDataFact]
    public void JointChannelsPeakAtTheDecodedKeypointsAndRootCandidatesLandOnThePeople()
    {
        var net = new MoveNetMultiPose(TfjsModel.Load(ModelStore.Default().ModelJson(ModelCatalog.MultiPose)));
        var image = ImageFile.Read(SharedData.Path("panoptic-demo", "00_06", "00_06_00005514.jpg"));
        var (people, maps) = net.DetectWithMaps(image, Detection.MoveNet.Letterbox.Fit(image.Width, image.Height, 640));
        var (evidence, features) = MoveNetEvidence.Create(maps, people);
        Assert.Equal([15, 96, 160], evidence.Heatmaps.Shape);
        Assert.Equal(3, features.NDim);
        Assert.Equal([96, 160], features.Shape[1..]);
        Assert.True(features.Size(0) >= 16);
        Assert.True(people.Count == 3, $"expected the people of the frame, MoveNet found {people.Count}");

        // Channels copied from MoveNet (Panoptic index, COCO index): each confident keypoint has its channel's peak
        // within 2.5 heatmap pixels of it (searched 3 cells around; MoveNet adds a regressed sub-cell offset to the peak).
        (int Panoptic, int Coco)[] direct = [(1, 0), (3, 5), (4, 7), (5, 9), (6, 11), (7, 13), (8, 15), (9, 6), (10, 8), (11, 10), (12, 12), (13, 14), (14, 16)];
        var heat = evidence.Heatmaps.Contiguous().ToArray();
        int w = evidence.Affine.HeatmapWidth, h = evidence.Affine.HeatmapHeight;
        var offsets = new List<(double Dx, double Dy)>();
        foreach (var person in people)
        {
            foreach (var (pj, cj) in direct)
            {
                var k = person.Keypoints[cj];
                if (k.Score < 0.3)
                {
                    continue;
                }

                var at = evidence.Affine.ImageToHeatmap.Apply(new Vec2(k.X, k.Y));
                var (bx, by, best) = (-1, -1, float.MinValue);
                for (var y = Math.Max(0, (int)at.Y - 3); y <= Math.Min(h - 1, (int)at.Y + 3); y++)
                {
                    for (var x = Math.Max(0, (int)at.X - 3); x <= Math.Min(w - 1, (int)at.X + 3); x++)
                    {
                        var v = heat[(pj * h * w) + (y * w) + x];
                        if (v > best)
                        {
                            (bx, by, best) = (x, y, v);
                        }
                    }
                }

                var distance = Math.Sqrt(((bx - at.X) * (bx - at.X)) + ((by - at.Y) * (by - at.Y)));
                Assert.True(distance <= 2.5, $"Panoptic joint {pj} (COCO {CocoKeypoint.Names[cj]}): peak at ({bx}, {by}), keypoint at ({at.X:F2}, {at.Y:F2})");
                Assert.True(best >= 0.1, $"Panoptic joint {pj}: peak value {best}");
                offsets.Add((bx - at.X, by - at.Y));
            }
        }

        // No systematic shift (a letterbox offset or a half-cell error would show here): the mean offset of the peaks
        // from the keypoints is under half a heatmap pixel on each axis.
        Assert.True(offsets.Count >= 30, $"only {offsets.Count} confident keypoints");
        var (meanDx, meanDy) = (offsets.Average(o => o.Dx), offsets.Average(o => o.Dy));
        Assert.True(Math.Abs(meanDx) < 0.5 && Math.Abs(meanDy) < 0.5, $"mean peak offset ({meanDx:F3}, {meanDy:F3}) heatmap px over {offsets.Count} keypoints");

        // Root candidates (DisPOSE 2.3 extraction): every candidate lies inside a detected person's box, and every person
        // with both hips confident has a candidate within 5% of its height of its hip midpoint.
        var candidates = new RootCandidateExtractor().Extract(evidence).Where(c => c.IsNode).ToList();
        Assert.NotEmpty(candidates);
        Assert.All(candidates, c => Assert.Contains(people, p => c.Image.X >= p.Box.XMin && c.Image.X <= p.Box.XMax && c.Image.Y >= p.Box.YMin && c.Image.Y <= p.Box.YMax));
        foreach (var person in people.Where(p => p.Keypoints[11].Score >= 0.3 && p.Keypoints[12].Score >= 0.3))
        {
            var hip = new Vec2((person.Keypoints[11].X + person.Keypoints[12].X) / 2, (person.Keypoints[11].Y + person.Keypoints[12].Y) / 2);
            var nearest = candidates.Min(c => (c.Image - hip).Length);
            Assert.True(nearest <= 0.05 * (person.Box.YMax - person.Box.YMin), $"person at {hip}: nearest root candidate {nearest:F1} px away");
        }
    }
}

/// <summary>A fact that needs the installed MoveNet models and ../shared/data; skipped with the reason otherwise.</summary>
internal sealed class MoveNetAndDataFactAttribute : FactAttribute
{
    public MoveNetAndDataFactAttribute()
    {
        if (!File.Exists(ModelStore.Default().ModelJson(ModelCatalog.MultiPose)))
        {
            Skip = "needs the MoveNet models: run `./polypose models install` (npm) or set POLYPOSE_MODELS";
        }
        else if (SharedData.DataRoot is null)
        {
            Skip = "needs ../shared/data beside the repository (absent in a fresh clone; present in CI)";
        }
    }
}
