using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Learning.Training;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Training;

/// <summary>Teacher-forced Stage II roots (dispose.md 1.2) on a real Stage I batch of the tiny synthetic scene.</summary>
public sealed class TeacherForcingTests
{
    private static readonly int[] Frames = [0, 5];

    [Fact]
    public void RootsAreTheTriangulatedMatchedCandidatesOfEachPseudoLabelPerson()
    {
        var sequence = TinyTraining.Data[0];
        var config = TinyTraining.Config;
        var batch = new Stage1BatchBuilder(config).Build(sequence, Frames, new Generator(7));
        var roots = TeacherForcing.Roots(batch, config.Slots, random: null);
        int views = sequence.Cameras.Count, slots = config.Slots, samples = Frames.Length * config.AugmentSlots;
        Assert.Equal(samples * slots, roots.Valid.Length);
        var valid = 0;
        for (var s = 0; s < samples; s++)
        {
            var people = sequence.PseudoLabels[Frames[s / config.AugmentSlots]].People;
            for (var p = 0; p < slots; p++)
            {
                // A root needs a matched candidate in at least two views (this rig has two).
                var seen = Enumerable.Range(0, views).Count(v => Enumerable.Range(0, slots).Any(k =>
                    batch.NodePerson[(((s * views) + v) * slots) + k] == p && batch.Candidates[(((s * views) + v) * slots) + k].IsNode));
                Assert.Equal(seen >= 2, roots.Valid[(s * slots) + p]);
                if (!roots.Valid[(s * slots) + p])
                {
                    Assert.Equal([0f, 0f, 0f], roots.Roots[(((s * slots) + p) * 3)..((((s * slots) + p) * 3) + 3)]);
                    continue;
                }

                valid++;
                var person = JointMapping.Create(people[p].Skeleton, KnownSkeletons.Panoptic15).Map(people[p]);
                var hip = person.Joints[2];
                var r = new Vec3(roots.Roots[((s * slots) + p) * 3], roots.Roots[(((s * slots) + p) * 3) + 1], roots.Roots[(((s * slots) + p) * 3) + 2]);
                // The tiny configuration's heatmap is 60×32 px (about 30 image px per heatmap px) and this rig has two
                // views, so integer candidate peaks put the root within a few decimetres, not millimetres.
                Assert.True((r - hip).Length < 400, $"sample {s} person {p}: root {r} is {(r - hip).Length:F0} mm from the pseudo-label mid-hip {hip}");
            }
        }

        Assert.True(valid >= samples, $"only {valid} roots for {samples} samples of 2 people");
    }

    [Fact]
    public void JitterIsSeededIsotropicAndOnlyOnTriangulatedRoots()
    {
        var sequence = TinyTraining.Data[0];
        var config = TinyTraining.Config;
        var batch = new Stage1BatchBuilder(config).Build(sequence, Frames, new Generator(7));
        var clean = TeacherForcing.Roots(batch, config.Slots, random: null);
        var jittered = TeacherForcing.Roots(batch, config.Slots, new Generator(9));
        Assert.Equal(jittered.Roots, TeacherForcing.Roots(batch, config.Slots, new Generator(9)).Roots);
        Assert.Equal(clean.Valid, jittered.Valid);
        double sum = 0;
        var count = 0;
        for (var i = 0; i < clean.Roots.Length; i++)
        {
            var d = jittered.Roots[i] - (double)clean.Roots[i];
            if (!clean.Valid[i / 3])
            {
                Assert.Equal(0, d);
                continue;
            }

            sum += d * d;
            count++;
        }

        var rms = Math.Sqrt(sum / count);
        Assert.InRange(rms, 32, 128);
    }

    [Fact]
    public void SlotsWithoutARootLoseTheirPersonId()
    {
        var roots = new TeacherForcedRoots(1, 3, new float[9], [true, false, true]);
        var targets = new Stage2Targets
        {
            Frames = 1,
            AugmentSlots = 1,
            Views = 1,
            Slots = 3,
            Keypoints2D = new float[90],
            Scores2D = new float[45],
            Pseudo3D = new float[135],
            Scores3D = new float[45],
            PersonIds = [0, 1, -1],
            ImageToHeatmap = [Learning.Evidence.ImageAffine.Identity],
            HeatmapWidth = 8,
            HeatmapHeight = 8,
            Stride = 4,
        };
        Assert.Equal([0, -1, -1], roots.Mask(targets).PersonIds);
        Assert.Equal([1f, 0f, 1f], roots.ScoreTensor().ToArray());
    }
}
