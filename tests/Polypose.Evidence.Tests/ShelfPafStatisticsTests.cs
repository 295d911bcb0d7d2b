using System.Globalization;
using Polypose.Formats.Detections;
using Polypose.Formats.Poses3D;
using Polypose.Testing;
using Xunit.Abstractions;

namespace Polypose.Evidence.Tests;

[Trait("Stage", "Evidence")]
public sealed class ShelfPafStatisticsTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void Parse_ShelfAllViews_PersonsPerFrameCloseToGroundTruth()
    {
        // Arrange
        string[] cameras = ["0", "1", "2", "3", "4"];
        var source = DetectionSource.Open(SharedData.Path("shelf"), [.. cameras.Select(c => (c, 1032, 776))]);
        var gt = FourDAssociationPoseText.Read(SharedData.Path("shelf", "gt.txt"));
        var counts = new double[cameras.Length];
        var necks = new double[cameras.Length];
        var frames = 0;

        // Act
        foreach (var frame in source.Frames())
        {
            var views = PafPersonParser.ParseViews(frame.Paf!);
            for (var v = 0; v < views.Count; v++)
            {
                counts[v] += views[v].Count;
                necks[v] += frame.Paf![v].Candidates[1].Length;
            }

            frames++;
        }

        // Assert: the Shelf videos show the 4 annotated actors plus, at times, unannotated people (4DA's own skel.txt
        // has 2-5 persons per frame), so each view should see between the GT count and about 5 persons per frame.
        var gtMean = gt.Average(f => f.People.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GT persons/frame {gtMean:F3}"));
        for (var v = 0; v < cameras.Length; v++)
        {
            var mean = counts[v] / frames;
            var neckMean = necks[v] / frames;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"view {cameras[v]}: parsed persons/frame {mean:F3}, neck candidates/frame {neckMean:F3}"));
            Assert.InRange(mean, gtMean * 0.8, 5.5);

            // Nearly every detected neck should head one parsed person, and fragments should be rare.
            Assert.InRange(mean, neckMean * 0.85, neckMean * 1.15);
        }

        Assert.Equal(301, frames);
    }
}
