using Polypose.Core.Anatomy;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Association.Candidates;

/// <summary>
/// The anatomical gate on candidate triangulations: a candidate fails when more than
/// <see cref="AssociationOptions.MaxImplausibleBoneFraction"/> of its judged bones are implausible under the shared
/// <see cref="BonePriorOptions"/>. Keeps the frame skeleton's <see cref="BonePrior"/> between frames.
/// </summary>
internal sealed class AnatomyGate(BonePriorOptions prior, double maxImplausibleFraction)
{
    private BonePrior? _prior;

    /// <summary>Selects the prior for the frame's skeleton (none when unknown or its joint count differs: the gate then passes everything).</summary>
    public void Prepare(Skeleton? skeleton, int jointCount)
    {
        if (skeleton is null || skeleton.JointCount != jointCount)
        {
            _prior = null;
        }
        else if (_prior is null || !ReferenceEquals(_prior.Skeleton, skeleton))
        {
            _prior = new BonePrior(skeleton, prior);
        }
    }

    /// <summary>Whether a candidate's triangulated joints (world mm, valid where <paramref name="valid"/>) pass.</summary>
    public bool Passes(ReadOnlySpan<Vec3> points, ReadOnlySpan<bool> valid)
    {
        if (_prior is null || maxImplausibleFraction >= 1)
        {
            return true;
        }

        _prior.CountBones(points, valid, out var pass, out var fail);
        return fail <= maxImplausibleFraction * (pass + fail);
    }
}
