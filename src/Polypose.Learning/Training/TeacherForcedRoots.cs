using Polypose.Tensors;

namespace Polypose.Learning.Training;

/// <summary>
/// Teacher-forced Stage II reference roots (<see cref="TeacherForcing"/>): <see cref="Roots"/> <c>[S, N, 3]</c> world mm
/// (0 where <see cref="Valid"/> is false), <see cref="Valid"/> <c>[S, N]</c>.
/// </summary>
/// <param name="Samples">S.</param>
/// <param name="Slots">N.</param>
/// <param name="Roots">Root per sample and slot, world mm.</param>
/// <param name="Valid">Whether the slot's root could be triangulated.</param>
public sealed record TeacherForcedRoots(int Samples, int Slots, float[] Roots, bool[] Valid)
{
    /// <summary><see cref="Roots"/> as a tensor <c>[S, N, 3]</c>.</summary>
    public Tensor RootTensor() => Tensor.FromArray(Roots, Samples, Slots, 3);

    /// <summary>Per-slot root scores <c>[S, N]</c> for the decoder's mask: 1 where valid, else 0.</summary>
    public Tensor ScoreTensor() => Tensor.FromArray(Valid.Select(v => v ? 1f : 0f).ToArray(), Samples, Slots);

    /// <summary>The targets with every slot that has no root set to person id −1 (dispose.md 1.2 step 3).</summary>
    public Stage2Targets Mask(Stage2Targets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.PersonIds.Length != Valid.Length)
        {
            throw new ArgumentException($"the targets have {targets.PersonIds.Length} slots, the roots {Valid.Length}");
        }

        return targets with { PersonIds = [.. targets.PersonIds.Select((id, i) => Valid[i] ? id : -1)] };
    }
}
