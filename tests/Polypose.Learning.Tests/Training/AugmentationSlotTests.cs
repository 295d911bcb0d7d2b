using Polypose.Geometry;
using Polypose.Learning.Training;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Training;

/// <summary>The augmentation slots' rendered evidence: each slot's heatmaps show the detections where that slot's affine puts them.</summary>
public sealed class AugmentationSlotTests
{
    [Fact]
    public void EachAugmentedSlotsNeckPeaksSitWhereItsOwnAffineMapsTheDetections()
    {
        var config = TinyTraining.Config with { AugmentSlots = 3, AugmentScale = 0.3, AugmentShift = 0.3 };
        var sequence = TinyTraining.Data[0];
        int[] frames = [2, 9];
        var batch = new Stage1BatchBuilder(config).Build(sequence, frames, new Generator(21));
        int views = sequence.Cameras.Count, w = config.HeatmapWidth, h = config.HeatmapHeight, a = config.AugmentSlots;
        Assert.Equal(frames.Length * a * views, batch.Evidence.Count);
        int peaks = 0, moved = 0;
        for (var fi = 0; fi < frames.Length; fi++)
        {
            for (var slot = 1; slot < a; slot++)
            {
                for (var v = 0; v < views; v++)
                {
                    var identity = batch.Evidence[(fi * a * views) + v];
                    var evidence = batch.Evidence[((fi * a) + slot) * views + v];
                    Assert.NotEqual(identity.Affine, evidence.Affine);
                    var neck = evidence.Heatmaps.Select(0, 0).ToArray();
                    var people = sequence.Frames[frames[fi]].Views[v];
                    foreach (var person in people)
                    {
                        var j = person.Skeleton.IndexOf("neck");
                        if (j < 0 || !person.Joints[j].IsPresent)
                        {
                            continue;
                        }

                        var pixel = new Vec2(person.Joints[j].X, person.Joints[j].Y);
                        var q = evidence.Affine.ImageToHeatmap.Apply(pixel);
                        if (q.X >= 1 && q.Y >= 1 && q.X <= w - 2 && q.Y <= h - 2)
                        {
                            // σ = 2 px, the nearest pixel is within 0.71 px: at least exp(-0.5/8) = 0.94 of the score.
                            var value = neck[((int)Math.Round(q.Y) * w) + (int)Math.Round(q.X)];
                            Assert.True(value >= 0.9 * person.Joints[j].Score, $"slot {slot} view {v}: {value} at the affine's {q}, score {person.Joints[j].Score}");
                            peaks++;
                        }

                        // The slot's affine moves the neck well away from where the identity letterbox puts it.
                        if ((identity.Affine.ImageToHeatmap.Apply(pixel) - q).Length > 7)
                        {
                            moved++;
                        }
                    }
                }
            }
        }

        Assert.True(peaks >= 4, $"{peaks} augmented neck peaks checked");
        Assert.True(moved >= 2, $"{moved} detections moved away from their identity position");
    }
}
