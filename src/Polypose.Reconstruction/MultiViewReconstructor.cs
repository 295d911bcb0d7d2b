using Polypose.Association;
using Polypose.Association.Packing;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Reconstruction.Body;

namespace Polypose.Reconstruction;

/// <summary>
/// The full per-frame multi-view multi-person pipeline, two seams in a row:
/// <list type="number">
/// <item>the association step, an <see cref="ICrossViewAssigner"/> (default <see cref="CrossViewAssociator"/>: candidate
/// hypergraph + exact set packing; a learned assigner plugs in here);</item>
/// <item>the per-person body step, an <see cref="IBodyEstimator"/> (default <see cref="TriangulationBodyEstimator"/>:
/// per-joint triangulation with worst-view dropout + anatomical rectification; a learned decoder plugs in here).</item>
/// </list>
/// Output people use the input skeleton, joints in world mm (z-up), a confidence per joint (0 = not reconstructed,
/// position zero) and the detection index per view; <see cref="Person3D.Id"/> is the index within the frame. Detections
/// seen in one view only produce no person, nor do people with fewer than <see cref="ReconstructionOptions.MinValidJoints"/>
/// joints. An instance reuses scratch buffers across frames and is not thread-safe; use one per worker (see
/// <see cref="ReconstructAll(IReadOnlyList{Camera}, IReadOnlyList{MultiViewFrame}, int, ReconstructionOptions?)"/>).
/// </summary>
public sealed partial class MultiViewReconstructor
{
    private readonly ICrossViewAssigner _assigner;
    private readonly IBodyEstimator _body;

    /// <summary>Creates a reconstructor with the default steps; <paramref name="solver"/> defaults to the exact branch-and-bound solver.</summary>
    public MultiViewReconstructor(ReconstructionOptions? options = null, ISetPackingSolver? solver = null)
    {
        Options = options ?? new ReconstructionOptions();
        _assigner = new CrossViewAssociator(Options.Association, Options.Anatomy, solver);
        _body = new TriangulationBodyEstimator(Options);
    }

    /// <summary>
    /// Creates a reconstructor with the given steps: <paramref name="assigner"/> (null = <see cref="CrossViewAssociator"/>
    /// with <see cref="ReconstructionOptions.Association"/> and <see cref="ReconstructionOptions.Anatomy"/>) and
    /// <paramref name="body"/> (null = <see cref="TriangulationBodyEstimator"/> with <paramref name="options"/>). The steps
    /// are used by this instance only (one per worker).
    /// </summary>
    public MultiViewReconstructor(ReconstructionOptions? options, ICrossViewAssigner? assigner, IBodyEstimator? body = null)
    {
        Options = options ?? new ReconstructionOptions();
        _assigner = assigner ?? new CrossViewAssociator(Options.Association, Options.Anatomy);
        _body = body ?? new TriangulationBodyEstimator(Options);
    }

    /// <summary>The settings in use.</summary>
    public ReconstructionOptions Options { get; }

    /// <summary>The association step in use.</summary>
    public ICrossViewAssigner Assigner => _assigner;

    /// <summary>The body step in use.</summary>
    public IBodyEstimator BodyEstimator => _body;

    /// <summary>The association of the last frame (reused object; valid until the next call).</summary>
    public AssociationResult? LastAssociation { get; private set; }

    /// <summary>
    /// Reconstructs one frame. <paramref name="views"/>[v] lists the 2D detections of camera v (pixels in the original
    /// image, any one skeleton). Returns an empty list when nothing can be triangulated; never returns NaN.
    /// </summary>
    public IReadOnlyList<Person3D> Reconstruct(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        var association = _assigner.Associate(cameras, views);
        LastAssociation = association;
        if (association.GroupCount == 0)
        {
            return [];
        }

        var skeleton = FirstSkeleton(views);
        var people = new List<Person3D>(association.GroupCount);
        var jointCount = skeleton.JointCount;
        for (var g = 0; g < association.GroupCount; g++)
        {
            var group = association.Group(g);
            var perView = group.ToArray();
            var joints = new Vec3[jointCount];
            var confidence = new double[jointCount];
            _body.Estimate(cameras, views, group, skeleton, joints, confidence);
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
