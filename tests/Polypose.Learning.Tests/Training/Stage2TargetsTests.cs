using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Learning.Decoder.Losses;
using Polypose.Learning.Training;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Training;

/// <summary>Stage II targets from a real Stage I batch, the Stage II loss on them, and the scale/shift augmentation slots.</summary>
public sealed class Stage2TargetsTests
{
    private static readonly int[] Frames = [1, 7];

    private static (Stage1Batch Batch, Stage2Targets Targets) Build(Stage1Config config)
    {
        var batch = new Stage1BatchBuilder(config).Build(TinyTraining.Data[0], Frames, new Generator(11));
        return (batch, new Stage2TargetBuilder(config, new PseudoLabelCuration()).Build(TinyTraining.Data[0], Frames, batch));
    }

    [Fact]
    public void TargetsCarryThePseudoLabelsOfEachSlot()
    {
        var sequence = TinyTraining.Data[0];
        var config = TinyTraining.Config;
        var (batch, t) = Build(config);
        int s = Frames.Length * config.AugmentSlots, v = sequence.Cameras.Count, n = config.Slots, j = 15;
        Assert.Equal(s * v * n * j * 2, t.Keypoints2D.Length);
        Assert.Equal(s * n * j * 3, t.Pseudo3D.Length);
        Assert.Equal(s * v * n * j, t.CurationCounts.Sum());
        Assert.True(t.CurationCounts[(int)CurationDecision.Keep] > 0, "the teacher's own detections agree with its triangulation");
        for (var sample = 0; sample < s; sample++)
        {
            var people = sequence.PseudoLabels[Frames[sample / config.AugmentSlots]].People;
            for (var p = 0; p < n; p++)
            {
                var id = t.PersonIds[(sample * n) + p];
                if (p >= people.Count)
                {
                    Assert.Equal(-1, id);
                    continue;
                }

                var person = JointMapping.Create(people[p].Skeleton, KnownSkeletons.Panoptic15).Map(people[p]);
                Assert.Equal(person.Confidence.Count(c => c > 0) >= 12 ? p : -1, id);
                for (var k = 0; k < j && id >= 0; k++)
                {
                    var o = (((sample * n) + p) * j) + k;
                    Assert.Equal((float)person.Confidence[k], t.Scores3D[o]);
                    Assert.Equal((float)person.Joints[k].Z, t.Pseudo3D[(3 * o) + 2]);
                }
            }

            for (var view = 0; view < v; view++)
            {
                Assert.Equal(batch.Evidence[(sample * v) + view].Affine.ImageToHeatmap, t.ImageToHeatmap[(sample * v) + view]);
            }
        }
    }

    [Fact]
    public void TheLossOfAPerfectPredictionIsZeroAndShiftsCostWhatTheyShouldBe()
    {
        var (_, t) = Build(TinyTraining.Config);
        var weights = new Stage2LossWeights { Stages = 1 };
        var loss = new Stage2Loss(t, weights);
        var residual = Tensor.Zeros(t.Samples, t.Slots, t.Joints);
        var perfect = new Stage2LossLayer(t.Pseudo3DTensor(), t.Keypoints2DTensor(), residual, residual);
        var zero = loss.Compute([perfect]);
        // (The Gaussian term is 0 up to the float rounding of the prediction's canvas mapping.)
        Assert.InRange(zero.Total.Item(), 0f, 1e-9f);

        // Every reprojection 10 px to the right: the L1 is Σw·10 / (Σw·2) = 5 px. Every refined joint 30 mm up: the
        // anchor is Σw₃·30 / (Σw₃·3) = 10 mm; the same shift in every slot keeps the cross-augmentation term at 0.
        var shift2D = Tensor.FromArray([10f, 0f], 2);
        var shift3D = Tensor.FromArray([0f, 0f, 30f], 3);
        var moved = new Stage2LossLayer(t.Pseudo3DTensor() + shift3D, t.Keypoints2DTensor() + shift2D, residual, residual);
        var terms = loss.Compute([moved]).Layers[0];
        Assert.Equal(5, terms.Reprojection, 4);
        Assert.Equal(10, terms.Anchor, 4);
        Assert.Equal(0, terms.CrossAugmentation);
        Assert.True(terms.Heatmap > 0);
        Assert.Throws<ArgumentException>(() => loss.Compute([moved, moved]));
    }

    [Fact]
    public void ScaleAndShiftSlotsChangeOnlyTheAugmentedAffines()
    {
        var config = TinyTraining.Config with { AugmentScale = 0.3, AugmentShift = 0.1 };
        var (batch, _) = Build(config);
        var cameras = TinyTraining.Data[0].Cameras;
        int v = cameras.Count, a = config.AugmentSlots;
        var changed = 0;
        for (var s = 0; s < Frames.Length * a; s++)
        {
            for (var view = 0; view < v; view++)
            {
                var camera = cameras[view];
                var identity = config.Grid.For(camera.Width, camera.Height);
                var affine = batch.Evidence[(s * v) + view].Affine;
                if (s % a == 0)
                {
                    Assert.Equal(identity, affine);
                    continue;
                }

                // |det| scales by 1/factor² with factor in [0.7, 1.3]; the image centre leaves the heatmap centre by
                // the shift (up to 10% of the image) mapped to the heatmap.
                var ratio = Det(affine.ImageToHeatmap) / Det(identity.ImageToHeatmap);
                Assert.InRange(ratio, (1 / 1.3 / 1.3) - 1e-9, (1 / 0.7 / 0.7) + 1e-9);
                var centre = affine.ImageToHeatmap.Apply(new Vec2(camera.Width / 2.0, camera.Height / 2.0));
                if (Math.Abs(ratio - 1) > 1e-3 && (centre - new Vec2(config.HeatmapWidth / 2.0, config.HeatmapHeight / 2.0)).Length > 0.5)
                {
                    changed++;
                }
            }
        }

        Assert.True(changed > 0, "no augmented view was both scaled and shifted");

        // Without scale and shift (Stage I's default), augmented slots are pure rotations: same |det|, same centre.
        var (plain, _) = Build(TinyTraining.Config);
        for (var view = 0; view < v; view++)
        {
            var identity = TinyTraining.Config.Grid.For(cameras[view].Width, cameras[view].Height);
            var affine = plain.Evidence[v + view].Affine.ImageToHeatmap;
            Assert.Equal(1, Det(affine) / Det(identity.ImageToHeatmap), 9);
            var centre = affine.Apply(new Vec2(cameras[view].Width / 2.0, cameras[view].Height / 2.0));
            Assert.Equal(TinyTraining.Config.HeatmapWidth / 2.0, centre.X, 6);
            Assert.Equal(TinyTraining.Config.HeatmapHeight / 2.0, centre.Y, 6);
        }
    }

    private static double Det(Learning.Evidence.ImageAffine a) => Math.Abs((a.A00 * a.A11) - (a.A01 * a.A10));
}
