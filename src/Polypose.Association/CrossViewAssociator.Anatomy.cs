using Polypose.Association.Anatomy;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Association;

/// <summary>The anatomical gate on candidate triangulations (see <see cref="AssociationOptions.MaxImplausibleBoneFraction"/>).</summary>
public sealed partial class CrossViewAssociator
{
    private Vec3[] _points = new Vec3[32];
    private double[] _pointOk = new double[32];
    private AnatomicalRectifier? _anatomy;

    private void PrepareAnatomy(Skeleton? skeleton)
    {
        Grow(ref _points, _jointCount);
        Grow(ref _pointOk, _jointCount);
        if (skeleton is null || skeleton.JointCount != _jointCount)
        {
            _anatomy = null;
        }
        else if (_anatomy is null || !ReferenceEquals(_anatomy.Skeleton, skeleton))
        {
            _anatomy = new AnatomicalRectifier(skeleton);
        }
    }

    /// <summary>Whether the joints last triangulated into <c>_points</c>/<c>_pointOk</c> pass the bone-length gate.</summary>
    private bool AnatomicallyPlausible()
    {
        if (_anatomy is null || Options.MaxImplausibleBoneFraction >= 1)
        {
            return true;
        }

        _anatomy.CountBones(_points.AsSpan(0, _jointCount), _pointOk.AsSpan(0, _jointCount), Options.AnatomySigma, out var pass, out var fail);
        return fail <= Options.MaxImplausibleBoneFraction * (pass + fail);
    }
}
