using Polypose.Core.Skeletons;
using Polypose.Learning.Evidence;
using Polypose.Testing;
using static Polypose.Learning.Tests.Evidence.HeatmapRendererTests;

namespace Polypose.Learning.Tests.Evidence;

/// <summary>
/// Roots from the torso for detections without hips. The body: an upright person of stature 100 px facing the camera,
/// feet at y = 181, with the Drillis-Contini proportions written out by hand: neck and shoulders at y = 181 − 81.8 =
/// 99.2, shoulders 25.9 px apart around x = 200, elbows at y = 181 − 63 = 118, knees at y = 181 − 28.5 = 152.5 and the
/// true mid-hip at (200, 181 − 53 = 128), which is heatmap pixel (50, 32) at stride 4.
/// </summary>
public sealed class TorsoRootTests
{
    private static readonly ViewAffine View = new EvidenceGrid { InputWidth = 400, InputHeight = 200 }.For(400, 200);

    [Fact]
    public void NeckAndShoulders_WithoutHips_RootIsTheTrueMidHip()
    {
        var person = Person(KnownSkeletons.Body25, ("neck", 200, 99.2, 0.9), ("left_shoulder", 212.95, 99.2, 0.8), ("right_shoulder", 187.05, 99.2, 0.7));
        var root = new DetectionRoots(RootFallback.Torso).RootOf(person);
        Assert.NotNull(root);
        Assert.Equal(200, root.Value.X, 9);
        Assert.Equal(128, root.Value.Y, 9);

        // The reference rule draws no root for it.
        Assert.Null(new DetectionRoots().RootOf(person));
    }

    [Fact]
    public void SideOnShoulders_TheUpperArmGivesTheTorsoLength()
    {
        // Seen from the side the shoulders almost coincide (2 px); the hanging upper arm (18.8 px) still gives 28.8 px.
        var person = Person(KnownSkeletons.Coco17, ("left_shoulder", 201, 99.2, 0.8), ("right_shoulder", 199, 99.2, 0.8), ("left_elbow", 201, 118, 0.6));
        var root = new DetectionRoots(RootFallback.Torso).RootOf(person);
        Assert.NotNull(root);
        Assert.Equal(200, root.Value.X, 9);
        Assert.Equal(128, root.Value.Y, 9);
    }

    [Fact]
    public void DetectedKnees_RootLiesOnTheNeckToKneeSegment()
    {
        // A person leaning 20 px to the right over the height from neck to knees: the root moves with the segment.
        var person = Person(KnownSkeletons.Body25, ("neck", 200, 99.2, 0.9), ("left_knee", 230, 152.5, 0.5), ("right_knee", 210, 152.5, 0.6));
        var root = new DetectionRoots(RootFallback.Torso).RootOf(person);
        Assert.NotNull(root);
        Assert.Equal(200 + (20 * 28.8 / 53.3), root.Value.X, 9);
        Assert.Equal(128, root.Value.Y, 9);
    }

    [Fact]
    public void DetectedHipsStillWinAndALoneShoulderGivesNoRoot()
    {
        var hips = Person(KnownSkeletons.Coco17, ("left_hip", 40, 40, 0.7), ("right_hip", 56, 40, 0.6), ("left_shoulder", 40, 10, 0.9), ("right_shoulder", 56, 10, 0.9));
        Assert.Equal(new Geometry.Vec2(48, 40), new DetectionRoots(RootFallback.Torso).RootOf(hips));
        var lone = Person(KnownSkeletons.Coco17, ("left_shoulder", 40, 10, 0.9), ("left_elbow", 40, 30, 0.9));
        Assert.Null(new DetectionRoots(RootFallback.Torso).RootOf(lone));
    }

    [Fact]
    public void Renderer_DrawsTheTorsoRootAndOriginsMapsItsPeakBack()
    {
        var person = Person(KnownSkeletons.Body25, ("neck", 200, 99.2, 0.9), ("left_shoulder", 212.95, 99.2, 0.8), ("right_shoulder", 187.05, 99.2, 0.7));
        var other = Person(KnownSkeletons.Body25, ("mid_hip", 80, 40, 0.9));
        var ev = new HeatmapRenderer { RootFallback = RootFallback.Torso }.Render(View, [other, person]);

        // The root's score is the lowest of the joints used (0.7), at heatmap (50, 32).
        Assert.Equal(0.7f, At(ev.Heatmaps, ViewEvidence.RootChannel, 50, 32), 6);
        Assert.Equal(0f, At(new HeatmapRenderer().Render(View, [person]).Heatmaps, ViewEvidence.RootChannel, 50, 32));

        var candidates = new RootCandidateExtractor().Extract(ev);
        var origins = new DetectionRoots(RootFallback.Torso).Origins(candidates, [other, person], ev.Affine, 6);
        var slot = Array.FindIndex(candidates, c => c.IsNode && c.HeatmapX == 50 && c.HeatmapY == 32);
        Assert.True(slot >= 0, "no candidate at the torso root");
        Assert.Equal(1, origins[slot]);
        Assert.Equal(2, origins.Count(o => o >= 0));
    }

    [Fact]
    public void ShippedModelReadsAsHipsAndATorsoConfigurationRoundTrips()
    {
        var shipped = Stage1Model.Load(Path.Combine(RepoPaths.Root, "models", "stage1-cpu.safetensors"));
        Assert.Equal(RootFallback.Hips, shipped.Config.RootFallback);
        var torso = Stage1Config.Cpu with { RootFallback = RootFallback.Torso };
        Assert.Equal(RootFallback.Torso, Stage1Config.FromJson(torso.ToJson()).RootFallback);
        Assert.Equal(RootFallback.Hips, Stage1Config.FromJson(Stage1Config.Cpu.ToJson().Replace(",\"RootFallback\":\"Hips\"", "", StringComparison.Ordinal)).RootFallback);
    }
}
