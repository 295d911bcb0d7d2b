using Polypose.Tensors;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// RefinedPseudoRegressionCrossAffineL1Loss (dispose.md 5.2): a consistency term across the A augmentation slots of
/// each frame. For every pair of slots (a₁ &lt; a₂) of a frame and every person slot n whose id is the same and ≠ −1 in
/// both, the absolute 3D difference of the two refined poses; the loss is the mean over all those (pair, n, joint,
/// axis) entries, in mm (the same whether pairs are ordered or not). 0 when no pair matches or A = 1. Samples are
/// ordered frame-major: sample s = f·A + a.
/// </summary>
public static class CrossAugmentationL1Loss
{
    /// <summary>
    /// The loss (a scalar, differentiable in <paramref name="refined"/>). <paramref name="refined"/>
    /// <c>[S, N, J, 3]</c> (world mm) with S = frames·<paramref name="augmentSlots"/>; <paramref name="personIds"/>
    /// <c>[S·N]</c> (−1: no person).
    /// </summary>
    public static Tensor Compute(Tensor refined, ReadOnlySpan<int> personIds, int augmentSlots)
    {
        ArgumentNullException.ThrowIfNull(refined);
        ArgumentOutOfRangeException.ThrowIfLessThan(augmentSlots, 1);
        var shape = refined.Shape;
        if (shape.Length != 4 || shape[0] % augmentSlots != 0 || personIds.Length != shape[0] * shape[1])
        {
            throw new ArgumentException($"expected refined poses [S, N, J, 3] with S a multiple of {augmentSlots} and {shape[0] * shape[1]} ids; got [{string.Join(", ", shape)}] and {personIds.Length}");
        }

        int slots = shape[1], frames = shape[0] / augmentSlots;
        var first = new List<long>();
        var second = new List<long>();
        for (var f = 0; f < frames; f++)
        {
            for (var a1 = 0; a1 < augmentSlots; a1++)
            {
                for (var a2 = a1 + 1; a2 < augmentSlots; a2++)
                {
                    for (var n = 0; n < slots; n++)
                    {
                        int i1 = (((f * augmentSlots) + a1) * slots) + n, i2 = (((f * augmentSlots) + a2) * slots) + n;
                        if (personIds[i1] >= 0 && personIds[i1] == personIds[i2])
                        {
                            first.Add(i1);
                            second.Add(i2);
                        }
                    }
                }
            }
        }

        if (first.Count == 0)
        {
            return Tensor.Scalar(0f);
        }

        var rows = refined.Reshape(shape[0] * slots, shape[2] * shape[3]);
        var a = rows.IndexSelect(0, Tensor.FromArray(first.ToArray(), first.Count));
        var b = rows.IndexSelect(0, Tensor.FromArray(second.ToArray(), second.Count));
        return (a - b).Abs().Mean();
    }
}
