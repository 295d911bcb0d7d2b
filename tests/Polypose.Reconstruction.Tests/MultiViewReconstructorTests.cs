using Polypose.Association;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Reconstruction.Tests;

public sealed class MultiViewReconstructorTests
{
    /// <summary>
    /// Geometric thresholds scaled to the synthetic 2 px noise (≈ 12 px RMS instead of the 32 px RMS tuned for real
    /// OpenPose detections); everything else at its defaults.
    /// </summary>
    private static readonly ReconstructionOptions Synthetic = new()
    {
        Association = new AssociationOptions { PairwiseMaxReprojectionSq = 150, HyperedgeMaxReprojectionSq = 150 },
    };

    [Theory]
    [InlineData(1, 0, 0.0)]
    [InlineData(2, 1, 0.0)]
    [InlineData(6, 1, 0.25)]
    [InlineData(4, 2, 0.25)]
    [InlineData(5, 0, 0.4)]
    public void Reconstruct_SyntheticScene_RecoversEveryPersonWithoutGhosts(int seed, int falsePositives, double miss)
    {
        var scene = SyntheticScene.Create(seed, people: 4, noisePx: 2, falsePositives: falsePositives, missProbability: miss);
        var people = new MultiViewReconstructor(Synthetic).Reconstruct(scene.Cameras, scene.Views);

        var summary = string.Join("; ", people.Select(p => string.Join(',', p.DetectionPerView.Select((d, v) => d < 0 ? "-" : scene.Truth[v][d].ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.True(scene.People.Count == people.Count, $"expected {scene.People.Count} people, got {people.Count}: {summary}");
        foreach (var person in people)
        {
            // Every view's detection must belong to one and the same true person; false positives are never used.
            var ids = person.DetectionPerView.Select((d, v) => d < 0 ? -2 : scene.Truth[v][d]).Where(id => id != -2).Distinct().ToList();
            Assert.Single(ids);
            var truthId = ids[0];
            Assert.True(truthId >= 0, "a false positive was associated");

            // Every view that saw this person is used.
            for (var v = 0; v < scene.Cameras.Count; v++)
            {
                var expected = scene.Truth[v].ToList().IndexOf(truthId);
                Assert.Equal(expected, person.DetectionPerView[v]);
            }

            var truth = scene.People[truthId];
            var valid = Enumerable.Range(0, truth.Length).Where(person.Has).ToList();
            Assert.True(valid.Count >= 22, $"only {valid.Count} joints reconstructed");
            var mpjpe = valid.Average(j => Vec3.Distance(person.Joints[j], truth[j]));
            Assert.True(mpjpe < 20, $"MPJPE {mpjpe:F1} mm");
            Assert.All(person.Confidence, c => Assert.True(c == 0 || (c >= 0.3 && c <= 1)));
            Assert.All(person.Joints, p => Assert.True(p.IsFinite));
        }
    }

    [Fact]
    public void Reconstruct_ManyRandomScenes_AlmostNeverMixesPeopleOrInventsGhosts()
    {
        // Two-view coincidences between false positives are geometrically ambiguous, so allow a small failure rate.
        var reconstructor = new MultiViewReconstructor(Synthetic);
        int badScenes = 0, ghosts = 0, mixed = 0, missing = 0;
        const int scenes = 60;
        for (var seed = 1000; seed < 1000 + scenes; seed++)
        {
            var scene = SyntheticScene.Create(seed, people: 4, falsePositives: 1 + (seed % 2), missProbability: 0.25);
            var people = reconstructor.Reconstruct(scene.Cameras, scene.Views);
            var found = new HashSet<int>();
            var bad = false;
            foreach (var p in people)
            {
                var ids = p.DetectionPerView.Select((d, v) => d < 0 ? -2 : scene.Truth[v][d]).Where(id => id != -2).Distinct().ToList();
                if (ids.Count > 1)
                {
                    mixed++;
                    bad = true;
                }
                else if (ids[0] < 0)
                {
                    ghosts++;
                    bad = true;
                }
                else
                {
                    found.Add(ids[0]);
                }
            }

            missing += scene.People.Count - found.Count;
            if (bad || found.Count != scene.People.Count)
            {
                badScenes++;
            }
        }

        Assert.True(badScenes <= 2, $"{badScenes}/{scenes} imperfect scenes: {ghosts} ghosts, {mixed} mixed people, {missing} people missed");
    }

    [Fact]
    public void Reconstruct_NoDetections_ReturnsEmpty()
    {
        var cameras = SyntheticScene.Ring(4);
        IReadOnlyList<IReadOnlyList<Person2D>> views = [[], [], [], []];
        Assert.Empty(new MultiViewReconstructor().Reconstruct(cameras, views));
    }

    [Fact]
    public void Reconstruct_OneViewOnly_ReturnsEmpty()
    {
        var scene = SyntheticScene.Create(7, cameraCount: 4, people: 3);
        IReadOnlyList<IReadOnlyList<Person2D>> views = [scene.Views[0], [], [], []];
        var reconstructor = new MultiViewReconstructor();
        Assert.Empty(reconstructor.Reconstruct(scene.Cameras, views));
        Assert.Equal(0, reconstructor.LastAssociation!.GroupCount);
    }

    [Fact]
    public void Reconstruct_AllScoresZeroOrNaNPixels_ReturnsEmptyWithoutNaN()
    {
        var cameras = SyntheticScene.Ring(3);
        var zero = new Person2D(KnownSkeletons.Body25, new Keypoint2D[25]);
        var nan = new Person2D(KnownSkeletons.Body25, [.. Enumerable.Repeat(new Keypoint2D(double.NaN, double.NaN, 0.9), 25)]);
        IReadOnlyList<IReadOnlyList<Person2D>> views = [[zero, nan], [nan], [zero]];
        Assert.Empty(new MultiViewReconstructor().Reconstruct(cameras, views));
    }

    [Fact]
    public void Reconstruct_ViewCountDiffersFromCameras_Throws()
    {
        var cameras = SyntheticScene.Ring(3);
        IReadOnlyList<IReadOnlyList<Person2D>> views = [[], []];
        Assert.Throws<ArgumentException>(() => new MultiViewReconstructor().Reconstruct(cameras, views));
    }

    [Fact]
    public void Reconstruct_OneViewWildlyWrongWrist_DropsThatView()
    {
        var scene = SyntheticScene.Create(11, people: 1, noisePx: 1);
        var wrist = KnownSkeletons.Body25["right_wrist"];
        var joints = scene.Views[2][0].Joints.ToArray();
        joints[wrist] = joints[wrist] with { X = joints[wrist].X + 60, Y = joints[wrist].Y - 40 };
        var views = scene.Views.ToList();
        views[2] = [scene.Views[2][0] with { Joints = joints }];

        var person = Assert.Single(new MultiViewReconstructor().Reconstruct(scene.Cameras, views));
        Assert.True(Vec3.Distance(person.Joints[wrist], scene.People[0][wrist]) < 15);
    }

    [Fact]
    public void ReconstructAll_ParallelWorkers_MatchesSequential()
    {
        var cameras = SyntheticScene.Ring(5);
        var frames = Enumerable.Range(0, 12).Select(i =>
        {
            var s = SyntheticScene.Create(100 + i, people: 3, falsePositives: 1, missProbability: 0.2);
            return new MultiViewFrame(i, s.Views);
        }).ToList();

        var sequential = MultiViewReconstructor.ReconstructAll(cameras, frames, 1);
        var parallel = MultiViewReconstructor.ReconstructAll(cameras, frames, 3);
        Assert.Equal(frames.Count, parallel.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(i, parallel[i].FrameIndex);
            Assert.Equal(sequential[i].People.Count, parallel[i].People.Count);
            for (var p = 0; p < sequential[i].People.Count; p++)
            {
                Assert.Equal(sequential[i].People[p].Joints, parallel[i].People[p].Joints);
                Assert.Equal(sequential[i].People[p].DetectionPerView, parallel[i].People[p].DetectionPerView);
            }
        }
    }
}
