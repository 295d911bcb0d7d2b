using Polypose.Core.Poses;
using Polypose.Reconstruction;
using Polypose.Synthesis;
using Polypose.Synthesis.Rigs;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Training;

public sealed class Stage1CrossViewAssignerTests
{
    private static readonly Stage1Model Model = (Stage1Model)new Stage1Model(TinyTraining.Config, new Generator(4)).Eval();

    [Theory]
    [InlineData(3, 3)]
    [InlineData(4, 2)]
    [InlineData(7, 1)]
    public void RigsOfOtherCameraCountsThanTrainingGiveValidGroups(int cameras, int people)
    {
        var scene = SceneGenerator.Generate(new SceneOptions { Rig = new RigSpec(RigKind.Corners, cameras), People = people, Frames = 3, Seed = 21 });
        var assigner = new Stage1CrossViewAssigner(Model);
        foreach (var frame in scene.Detections)
        {
            var result = assigner.Associate(scene.Cameras, frame.Views);
            Assert.Equal(cameras, result.ViewCount);
            var used = new HashSet<(int, int)>();
            for (var g = 0; g < result.GroupCount; g++)
            {
                var group = result.Group(g);
                Assert.True(group.ToArray().Count(d => d >= 0) >= 2);
                for (var v = 0; v < cameras; v++)
                {
                    if (group[v] >= 0)
                    {
                        Assert.InRange(group[v], 0, frame.Views[v].Count - 1);
                        Assert.True(used.Add((v, group[v])), $"detection {group[v]} of view {v} is in two groups");
                    }
                }
            }

            var people3D = new MultiViewReconstructor(null, new Stage1CrossViewAssigner(Model)).Reconstruct(scene.Cameras, frame.Views);
            Assert.All(people3D, p => Assert.All(p.Joints, j => Assert.True(double.IsFinite(j.X + j.Y + j.Z))));
        }
    }

    [Fact]
    public void OneViewNoDetectionsAndOnePersonWork()
    {
        var scene = SceneGenerator.Generate(new SceneOptions { Rig = new RigSpec(RigKind.Ring, 3), People = 1, Frames = 1, Seed = 5 });
        var assigner = new Stage1CrossViewAssigner(Model);
        var frame = scene.Detections[0];
        Assert.Equal(0, assigner.Associate([scene.Cameras[0]], [frame.Views[0]]).GroupCount);
        IReadOnlyList<Person2D>[] empty = [[], [], []];
        Assert.Equal(0, assigner.Associate(scene.Cameras, empty).GroupCount);
        var one = assigner.Associate(scene.Cameras, frame.Views);
        Assert.InRange(one.GroupCount, 0, 1);
    }
}
