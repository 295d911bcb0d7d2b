using Polypose.Association;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Reconstruction.Body;

namespace Polypose.Learning;

/// <summary>
/// The full DisPOSE model as the pipeline's association and body steps (one instance serves as both in a
/// <c>MultiViewReconstructor</c>): per frame, <see cref="Associate"/> renders each view's detections into evidence,
/// runs Stage I and Stage II (<see cref="DisposeModel.Infer"/>) and turns every decoded root whose member candidates
/// came from at least two detections into a group (the detection each view contributed); <see cref="Estimate"/> then
/// writes that group's decoder joints (last layer, Panoptic-15 mapped to the frame's skeleton by joint name; joints
/// the skeleton has but Panoptic-15 lacks get confidence 0) with the decoder's per-joint confidence. A frame where
/// Stage I finds nobody gives no group (an empty frame). Not thread-safe: one instance per worker (the model may be
/// shared once loaded).
/// </summary>
public sealed class DisposeReconstructor : ICrossViewAssigner, IBodyEstimator
{
    private readonly AssociationResult _result = new();
    private readonly Stage1FrameInputs _frame;
    private readonly List<int[]> _groups = [];
    private readonly List<(Vec3[] Joints, double[] Confidence)> _poses = [];
    private readonly Dictionary<string, JointMapping> _mappings = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>Creates the reconstructor for a loaded model.</summary>
    public DisposeReconstructor(DisposeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _frame = new Stage1FrameInputs(model.Stage1.Config);
    }

    /// <summary>The model.</summary>
    public DisposeModel Model { get; }

    /// <inheritdoc />
    public AssociationResult Associate(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(views);
        if (cameras.Count != views.Count)
        {
            throw new ArgumentException($"{views.Count} views of detections but {cameras.Count} cameras", nameof(views));
        }

        var v = views.Count;
        _result.Reset(v);
        _groups.Clear();
        _poses.Clear();
        _next = 0;
        _frame.Prepare(cameras, views);
        var result = Model.Infer(cameras, _frame.Evidence, _frame.Candidates, _frame.Graphs);
        var stage1 = result.Stage1;
        _result.CandidateCount = stage1.Graph.EdgeCount;
        var group = new int[v];
        for (var r = 0; r < result.Poses.Length; r++)
        {
            var root = stage1.Roots[r];
            if (_frame.DetectionsOf(stage1.Graph, root.Edge, group) >= 2)
            {
                _result.Add(group, stage1.Graph.Cue[root.Edge], 0);
                _groups.Add([.. group]);
                _poses.Add((result.Poses[r], result.Confidence[r]));
            }
        }

        return _result;
    }

    /// <inheritdoc />
    public void Estimate(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views, ReadOnlySpan<int> group, Skeleton skeleton, Span<Vec3> joints, Span<double> confidence)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        joints.Clear();
        confidence.Clear();
        var index = -1;
        for (var k = 0; k < _groups.Count && index < 0; k++)
        {
            var g = (_next + k) % _groups.Count;
            if (group.SequenceEqual(_groups[g]))
            {
                index = g;
            }
        }

        if (index < 0)
        {
            return;
        }

        _next = index + 1;
        if (!_mappings.TryGetValue(skeleton.Name, out var mapping))
        {
            mapping = JointMapping.Create(KnownSkeletons.Panoptic15, skeleton);
            _mappings[skeleton.Name] = mapping;
        }

        var (mapped, score) = mapping.Map(_poses[index].Joints, _poses[index].Confidence);
        for (var j = 0; j < skeleton.JointCount; j++)
        {
            var ok = score[j] > 0 && double.IsFinite(mapped[j].X) && double.IsFinite(mapped[j].Y) && double.IsFinite(mapped[j].Z);
            joints[j] = ok ? mapped[j] : Vec3.Zero;
            confidence[j] = ok ? score[j] : 0;
        }
    }
}
