using Polypose.Tensors;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// The per-joint weights of Stage II's label losses (dispose.md 5.2): w = clamp(score, 0, 1)·[score ≥ threshold]·
/// [person slot id ≥ 0]. Constants (no gradient).
/// </summary>
public static class LabelWeights
{
    /// <summary>The reference's score threshold (0.3).</summary>
    public const double Threshold = 0.3;

    /// <summary>
    /// Weights of the shape of <paramref name="score"/> <c>[S, (V,) N, J]</c>; <paramref name="personValid"/>
    /// <c>[S, N]</c> (1 where the slot's id ≥ 0, else 0) is broadcast over views (when <paramref name="score"/> has 4
    /// axes) and joints.
    /// </summary>
    public static Tensor Of(Tensor score, Tensor personValid, double threshold = Threshold)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(personValid);
        if (personValid.NDim != 2 || (score.NDim != 3 && score.NDim != 4))
        {
            throw new ArgumentException($"expected scores [S, (V,) N, J] and person validity [S, N]; got {score.NDim} and {personValid.NDim} axes");
        }

        var s = score.Contiguous().ToArray();
        var p = personValid.Contiguous().ToArray();
        var shape = score.Shape;
        int samples = shape[0], slots = personValid.Shape[1], joints = shape[^1];
        var views = score.NDim == 4 ? shape[1] : 1;
        if (personValid.Shape[0] != samples || shape[^2] != slots)
        {
            throw new ArgumentException($"scores [{string.Join(", ", shape)}] do not match person validity [{samples}, {slots}]");
        }

        var w = new float[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            var n = i / joints % slots;
            var b = i / (joints * slots * views);
            w[i] = s[i] >= threshold && p[(b * slots) + n] > 0 ? Math.Clamp(s[i], 0f, 1f) : 0f;
        }

        return Tensor.FromArray(w, shape);
    }
}
