using Polypose.Association;
using Polypose.Core.Anatomy;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Reconstruction.Body;
using Polypose.Testing;

namespace Polypose.Reconstruction.Tests;

/// <summary>The two seams of <see cref="MultiViewReconstructor"/>: the association step and the per-person body step.</summary>
public sealed class ReconstructionSeamTests
{
    /// <summary>An assigner that knows the truth: it returns the true group of each listed person.</summary>
    private sealed class TruthAssigner(SyntheticScene scene, params int[] people) : ICrossViewAssigner
    {
        private readonly AssociationResult _result = new();

        public int Calls { get; private set; }

        public AssociationResult Associate(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
        {
            Calls++;
            _result.Reset(views.Count);
            foreach (var person in people)
            {
                _result.Add([.. scene.Truth.Select(t => t.ToList().IndexOf(person))], 1, 0);
            }

            return _result;
        }
    }

    /// <summary>A body step that writes the true pose, keeping only the first <c>keep</c> joints.</summary>
    private sealed class TruthBody(SyntheticScene scene, int keep = int.MaxValue) : IBodyEstimator
    {
        public int Calls { get; private set; }

        public void Estimate(
            IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views, ReadOnlySpan<int> group, Skeleton skeleton, Span<Vec3> joints, Span<double> confidence)
        {
            Calls++;
            var view = 0;
            while (group[view] < 0)
            {
                view++;
            }

            var truth = scene.People[scene.Truth[view][group[view]]];
            for (var j = 0; j < joints.Length; j++)
            {
                (joints[j], confidence[j]) = j < keep ? (truth[j], 0.5) : (Vec3.Zero, 0);
            }
        }
    }

    [Fact]
    public void Reconstruct_CustomAssigner_DecidesTheGroups()
    {
        var scene = SyntheticScene.Create(3, people: 4, falsePositives: 1);
        var assigner = new TruthAssigner(scene, 2, 0);
        var reconstructor = new MultiViewReconstructor(null, assigner);

        var people = reconstructor.Reconstruct(scene.Cameras, scene.Views);

        Assert.Same(assigner, reconstructor.Assigner);
        Assert.Equal(1, assigner.Calls);
        Assert.Equal(2, people.Count);
        for (var i = 0; i < 2; i++)
        {
            var truthId = i == 0 ? 2 : 0;
            Assert.Equal(scene.Truth.Select(t => t.ToList().IndexOf(truthId)), people[i].DetectionPerView);
            Assert.True(Vec3.Distance(people[i].Joints[8], scene.People[truthId][8]) < 20, "the default body step triangulated the wrong person");
        }
    }

    [Fact]
    public void Reconstruct_CustomBodyEstimator_WritesEachPerson()
    {
        var scene = SyntheticScene.Create(4, people: 3);
        var body = new TruthBody(scene);
        var reconstructor = new MultiViewReconstructor(null, null, body);

        var people = reconstructor.Reconstruct(scene.Cameras, scene.Views);

        Assert.Same(body, reconstructor.BodyEstimator);
        Assert.Equal(3, body.Calls);
        Assert.Equal(3, people.Count);
        foreach (var person in people)
        {
            var view = Array.FindIndex(person.DetectionPerView, d => d >= 0);
            Assert.Equal(scene.People[scene.Truth[view][person.DetectionPerView[view]]], person.Joints);
            Assert.All(person.Confidence, c => Assert.Equal(0.5, c));
        }
    }

    [Fact]
    public void Reconstruct_BodyEstimatorWithTooFewJoints_PersonIsDropped()
    {
        var scene = SyntheticScene.Create(4, people: 3);
        var reconstructor = new MultiViewReconstructor(new ReconstructionOptions { MinValidJoints = 6 }, null, new TruthBody(scene, keep: 5));
        Assert.Empty(reconstructor.Reconstruct(scene.Cameras, scene.Views));
        Assert.Equal(3, reconstructor.LastAssociation!.GroupCount);
    }

    [Fact]
    public void Reconstruct_TightBonePrior_ReachesTheAssociationGateAndTheRectifier()
    {
        var scene = SyntheticScene.Create(5, people: 3);
        var tight = new ReconstructionOptions { Anatomy = new BonePriorOptions { Sigma = 0.01, MeasurementNoise = 0 } };

        var loose = new MultiViewReconstructor();
        Assert.Equal(3, loose.Reconstruct(scene.Cameras, scene.Views).Count);
        Assert.True(loose.LastAssociation!.CompatiblePairCount > 0);

        // The gate: no pair of detections survives a bone prior that no real body meets.
        var gated = new MultiViewReconstructor(tight);
        Assert.Empty(gated.Reconstruct(scene.Cameras, scene.Views));
        Assert.Equal(0, gated.LastAssociation!.CompatiblePairCount);

        // The rectifier: with the true groups given, the same prior rejects joints the default prior keeps.
        static int ValidJoints(IReadOnlyList<Person3D> people) => people.Sum(p => p.Confidence.Count(c => c > 0));
        var keepAll = new ReconstructionOptions { MinValidJoints = 1 };
        var defaultJoints = ValidJoints(new MultiViewReconstructor(keepAll, new TruthAssigner(scene, 0, 1, 2)).Reconstruct(scene.Cameras, scene.Views));
        var tightJoints = ValidJoints(new MultiViewReconstructor(tight with { MinValidJoints = 1 }, new TruthAssigner(scene, 0, 1, 2)).Reconstruct(scene.Cameras, scene.Views));
        Assert.True(defaultJoints >= 3 * 22, $"default prior kept only {defaultJoints} joints");
        Assert.True(tightJoints < defaultJoints - 20, $"tight prior kept {tightJoints} of {defaultJoints} joints");
    }

    [Fact]
    public void ReconstructAll_WorkerFactory_RunsTheCustomStepsOnEveryFrame()
    {
        var scene = SyntheticScene.Create(6, people: 2);
        var frames = Enumerable.Range(0, 8).Select(i => new MultiViewFrame(i, scene.Views)).ToList();
        var workers = new System.Collections.Concurrent.ConcurrentBag<TruthAssigner>();
        MultiViewReconstructor Create()
        {
            var assigner = new TruthAssigner(scene, 1);
            workers.Add(assigner);
            return new MultiViewReconstructor(null, assigner);
        }

        var result = MultiViewReconstructor.ReconstructAll(scene.Cameras, frames, 2, Create);

        Assert.Equal(frames.Count, workers.Sum(w => w.Calls));
        Assert.All(result, f => Assert.Equal(scene.Truth.Select(t => t.ToList().IndexOf(1)), Assert.Single(f.People).DetectionPerView));
    }
}
