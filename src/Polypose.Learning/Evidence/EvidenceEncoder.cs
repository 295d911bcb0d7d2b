using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Evidence;

/// <summary>
/// The small trainable evidence encoder of learning.md 2 (replacing the frozen image backbone): per view, the 15
/// heatmap channels (plus PAF channels where the source has them) go through a 3×3 stem and one residual block of two
/// 3×3 convolutions with SiLU per level, each later level first halved by a stride-2 3×3 convolution. Output: three
/// feature levels <c>[views, C, H, W]</c>, <c>[views, C, ⌈H/2⌉, ⌈W/2⌉]</c>, <c>[views, C, ⌈H/4⌉, ⌈W/4⌉]</c> (H×W the
/// heatmap grid), read by <see cref="Attention.ProjectiveDeformableAttention"/>. Input <c>[views, 15 + P, H, W]</c>.
/// </summary>
public sealed class EvidenceEncoder : Module
{
    private readonly Conv2d[] _down;
    private readonly Conv2d[][] _blocks;

    /// <summary>Creates the encoder for <paramref name="inputChannels"/> = 15 + PAF channels and width <paramref name="channels"/>.</summary>
    public EvidenceEncoder(int inputChannels, int channels, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        InputChannels = inputChannels;
        Channels = channels;
        Stem = RegisterModule("stem", new Conv2d(inputChannels, channels, 3, generator, padding: 1));
        _down = [.. Enumerable.Range(1, 2).Select(l => RegisterModule($"down_{l}", new Conv2d(channels, channels, 3, generator, stride: 2, padding: 1)))];
        _blocks = [.. Enumerable.Range(0, 3).Select(l => new[]
        {
            RegisterModule($"block_{l}_a", new Conv2d(channels, channels, 3, generator, padding: 1)),
            RegisterModule($"block_{l}_b", new Conv2d(channels, channels, 3, generator, padding: 1)),
        })];
    }

    /// <summary>15 + PAF channels expected at the input.</summary>
    public int InputChannels { get; }

    /// <summary>C, the width of every output level.</summary>
    public int Channels { get; }

    /// <summary>The 3×3 stem convolution.</summary>
    public Conv2d Stem { get; }

    /// <summary>
    /// Stacks the views' heatmaps and PAF channels into the encoder input <c>[views, 15 + P, H, W]</c>; evidence that
    /// <see cref="HeatmapRenderer"/> drew for a whole frame already lies in one such tensor, which is returned as is.
    /// </summary>
    public static Tensor Stack(IReadOnlyList<ViewEvidence> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        if (views.Count == 0)
        {
            throw new ArgumentException("at least one view is needed", nameof(views));
        }

        if (views[0].Batch is { } batch && batch.Size(0) == views.Count && IsWholeBatch(views, batch))
        {
            return batch;
        }

        var per = views.Select(v => v.Pafs is null ? v.Heatmaps : Tensor.Cat([v.Heatmaps, v.Pafs], 0)).ToArray();
        var shape = per[0].Shape;
        for (var i = 1; i < per.Length; i++)
        {
            if (!per[i].Shape.SequenceEqual(shape))
            {
                throw new ArgumentException($"view {i} evidence is [{string.Join(", ", per[i].Shape)}], view 0 is [{string.Join(", ", shape)}]", nameof(views));
            }
        }

        return Tensor.Stack(per, 0);
    }

    private static bool IsWholeBatch(IReadOnlyList<ViewEvidence> views, Tensor batch)
    {
        for (var i = 0; i < views.Count; i++)
        {
            if (!ReferenceEquals(views[i].Batch, batch) || views[i].BatchIndex != i || views[i].Pafs is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The three feature levels of <paramref name="input"/> <c>[views, 15 + P, H, W]</c>.</summary>
    public Tensor[] Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.NDim != 4 || input.Size(1) != InputChannels)
        {
            throw new ArgumentException($"encoder input must be [views, {InputChannels}, H, W], got [{string.Join(", ", input.Shape)}]", nameof(input));
        }

        var x = Stem.Forward(input).Silu();
        var levels = new Tensor[3];
        for (var l = 0; l < 3; l++)
        {
            if (l > 0)
            {
                x = _down[l - 1].Forward(x).Silu();
            }

            x += _blocks[l][1].Forward(_blocks[l][0].Forward(x).Silu()).Silu();
            levels[l] = x;
        }

        return levels;
    }
}
