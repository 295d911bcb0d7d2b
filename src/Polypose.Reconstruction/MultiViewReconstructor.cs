using Polypose.Association;
using Polypose.Association.Anatomy;
using Polypose.Association.Packing;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Reconstruction;

/// <summary>
/// The full per-frame multi-view multi-person pipeline: cross-view association (<see cref="CrossViewAssociator"/>),
/// per-joint weighted algebraic triangulation with worst-view dropout, anatomical rectification
/// (<see cref="AnatomicalRectifier"/>). Output people use the input skeleton, joints in world mm (z-up), a confidence
/// per joint (0 = not reconstructed, position zero) and the detection index per view; <see cref="Person3D.Id"/> is the
/// index within the frame. Detections seen in one view only produce no person. An instance reuses scratch buffers across
/// frames and is not thread-safe; use one per worker (see <see cref="ReconstructAll(IReadOnlyList{Camera}, IReadOnlyList{MultiViewFrame}, int, ReconstructionOptions?)"/>).
/// </summary>
public sealed partial class MultiViewReconstructor
{
    private readonly CrossViewAssociator _associator;
    private readonly JointTriangulator _triangulator;
    private readonly JointAlternatives _alternatives;
    private AnatomicalRectifier? _rectifier;
    private IReadOnlyList<Camera> _currentCameras = [];
    private IReadOnlyList<IReadOnlyList<Person2D>> _currentViews = [];
    private int[] _currentGroup = [];

    /// <summary>Creates a reconstructor; <paramref name="solver"/> defaults to the exact branch-and-bound solver.</summary>
    public MultiViewReconstructor(ReconstructionOptions? options = null, ISetPackingSolver? solver = null)
    {
        Options = options ?? new ReconstructionOptions();
        Options.Validate();
        _associator = new CrossViewAssociator(Options.Association, solver);
        _triangulator = new JointTriangulator(Options);
        _alternatives = Alternatives;
    }

    /// <summary>The settings in use.</summary>
    public ReconstructionOptions Options { get; }

    /// <summary>The association of the last frame (reused object; valid until the next call).</summary>
    public AssociationResult? LastAssociation { get; private set; }

    /// <summary>
    /// Reconstructs one frame. <paramref name="views"/>[v] lists the 2D detections of camera v (pixels in the original
    /// image, any one skeleton). Returns an empty list when nothing can be triangulated; never returns NaN.
    /// </summary>
    public IReadOnlyList<Person3D> Reconstruct(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        var association = _associator.Associate(cameras, views);
        LastAssociation = association;
        if (association.GroupCount == 0)
        {
            return [];
        }

        var skeleton = FirstSkeleton(views);
        if (_rectifier is null || !ReferenceEquals(_rectifier.Skeleton, skeleton))
        {
            _rectifier = new AnatomicalRectifier(skeleton, Options.BoneMeasurementNoise);
        }

        var people = new List<Person3D>(association.GroupCount);
        var jointCount = skeleton.JointCount;
        for (var g = 0; g < association.GroupCount; g++)
        {
            var group = association.Group(g);
            var perView = group.ToArray();
            var joints = new Vec3[jointCount];
            var confidence = new double[jointCount];
            for (var j = 0; j < jointCount; j++)
            {
                (joints[j], confidence[j]) = _triangulator.Triangulate(cameras, views, group, j);
            }

            if (Options.Rectify)
            {
                (_currentCameras, _currentViews, _currentGroup) = (cameras, views, perView);
                _rectifier.Rectify(joints, confidence, Options.BoneSigma, Options.RepairJoints ? _alternatives : null);
            }

            var valid = 0;
            foreach (var c in confidence)
            {
                if (c > 0)
                {
                    valid++;
                }
            }

            if (valid >= Options.MinValidJoints)
            {
                people.Add(new Person3D(people.Count, skeleton, joints, confidence, perView));
            }
        }

        return people;
    }

    private int Alternatives(int joint, Span<Vec3> points, Span<double> confidences) =>
        _triangulator.Alternatives(_currentCameras, _currentViews, _currentGroup, joint, points, confidences);

    private static Skeleton FirstSkeleton(IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        foreach (var view in views)
        {
            if (view.Count > 0)
            {
                return view[0].Skeleton;
            }
        }

        throw new InvalidOperationException("an association without detections has no groups");
    }
}
