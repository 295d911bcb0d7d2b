using Polypose.Association.Packing;
using Polypose.Core.Poses;
using Polypose.Evidence;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Association.Tests;

/// <summary>Cross-view association on the real Shelf test set (5 views, OpenPose BODY25 with PAFs).</summary>
public sealed class ShelfAssociationTests
{
    private static readonly Lazy<(IReadOnlyList<Camera> Cameras, IReadOnlyList<IReadOnlyList<PafFrame>> Views)> Data = new(Load);

    private static (IReadOnlyList<Camera>, IReadOnlyList<IReadOnlyList<PafFrame>>) Load()
    {
        var cameras = CalibrationReader.Read(SharedData.Path("shelf", "calibration.json")).ToList();
        var views = cameras.Select((c, v) => FourDAssociationDetectionFile.ReadAll(SharedData.Path("shelf", "detection", $"{v}.txt"), c.Width, c.Height)).ToList();
        return (cameras, views);
    }

    private static IReadOnlyList<PafFrame> FrameViews(int frame) => [.. Data.Value.Views.Select(v => v[frame])];

    [SharedDataFact]
    public void Associate_ShelfFrames_GlpkAndBranchAndBoundAgree()
    {
        var glpk = new GlpkSolver();
        if (!glpk.IsAvailable)
        {
            return;
        }

        var (cameras, views) = Data.Value;
        var exact = new CrossViewAssociator();
        var reference = new CrossViewAssociator(solver: glpk);
        for (var f = 0; f < views[0].Count; f += 5)
        {
            var persons = PafPersonParser.ParseViews(FrameViews(f));
            var a = exact.Associate(cameras, persons);
            var (objective, groups, candidates) = (a.Objective, a.GroupCount, a.CandidateCount);
            var b = reference.Associate(cameras, persons);
            Assert.Equal(candidates, b.CandidateCount);
            Assert.True(Math.Abs(objective - b.Objective) <= 1e-6, $"frame {f}: branch-and-bound {objective}, GLPK {b.Objective}");
            Assert.Equal(groups, b.GroupCount);
        }
    }

    [SharedDataFact]
    public void Associate_ShelfFrames_AllProvenOptimalWithNothingLeftOutOrPruned()
    {
        var (cameras, views) = Data.Value;
        var associator = new CrossViewAssociator();
        for (var f = 0; f < views[0].Count; f++)
        {
            var result = associator.Associate(cameras, PafPersonParser.ParseViews(FrameViews(f)));
            var graph = associator.LastCandidates!;
            Assert.True(result.IsOptimal, $"frame {f}: not proven optimal (gap {result.OptimalityGap})");
            Assert.Equal(0, result.OptimalityGap);
            Assert.Equal(0, result.DetectionsLeftOut);
            Assert.Equal(0, graph.PrunedPairCount);
            Assert.Equal(0, graph.PrunedEdgeCount);
            Assert.False(graph.RestrictedEnumeration, $"frame {f}: restricted candidate search");
        }
    }
}
