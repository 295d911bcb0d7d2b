using Polypose.Association;
using Polypose.Core.Skeletons;
using Polypose.Formats.Poses3D;
using Polypose.Synthesis;
using Polypose.Synthesis.Rigs;
using Polypose.Testing;

namespace Polypose.Reconstruction.Tests;

/// <summary>Issue 12 item 1: the output says per frame whether the cross-view selection is proven optimal.</summary>
public sealed class FrameOptimalityTests
{
    [Fact]
    public void FramesPastTheSearchBudget_CarryTheirOptimalityGapThroughTheWrittenFile()
    {
        var scene = SceneGenerator.Generate(new SceneOptions { Rig = RigSpec.Parse("ring:8"), People = 10, Frames = 6, Seed = 41 });
        var options = new ReconstructionOptions { Association = new AssociationOptions { SearchNodeBudget = 1 } };

        var frames = MultiViewReconstructor.ReconstructAll(scene.Cameras, scene.Detections, 1, options);

        Assert.Contains(frames, f => f.OptimalityGap is not null);
        Assert.All(frames, f => Assert.True(f.OptimalityGap is null or >= 0));
        var path = Path.Combine(RepoPaths.NewTempDir(), "poses.json");
        Poses3DJson.Write(path, KnownSkeletons.Body25, frames, [.. scene.Cameras.Select(c => c.Name)]);
        var read = Poses3DJson.Read(path);
        Assert.Equal(frames.Select(f => f.OptimalityGap), read.Frames.Select(f => f.OptimalityGap));
        Assert.Contains("\"optimal\": false", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void SmallScenesWithTheDefaultBudget_AreAllProvenOptimalAndWriteNoGap()
    {
        var scene = SceneGenerator.Generate(new SceneOptions { Rig = RigSpec.Parse("ring:4"), People = 2, Frames = 10, Seed = 42 });

        var frames = MultiViewReconstructor.ReconstructAll(scene.Cameras, scene.Detections, 1);

        Assert.All(frames, f => Assert.Null(f.OptimalityGap));
        var path = Path.Combine(RepoPaths.NewTempDir(), "poses.json");
        Poses3DJson.Write(path, KnownSkeletons.Body25, frames, [.. scene.Cameras.Select(c => c.Name)]);
        Assert.DoesNotContain("optimal", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
