using Polypose.Association;
using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Evidence;

namespace Polypose.Learning;

/// <summary>
/// DisPOSE Stage I as the pipeline's association step: per frame, each view's detections are rendered into evidence on
/// the model's grid (<see cref="HeatmapRenderer"/>), root candidates are extracted, Stage I samples and decodes the
/// assignment (<see cref="Stage1Model.Infer"/>), and each accepted hyperedge becomes a group of the detections whose
/// rendered roots made its member candidates (<see cref="DetectionRoots"/>); groups with fewer than two detections are
/// dropped. Rig-agnostic: any camera count works, frames with one view, no candidates or one person give what they
/// can (possibly nothing). The per-joint triangulation and rectification of the body step do the rest. The last
/// frame's roots are in <see cref="LastRoots"/>. Not thread-safe: one instance per worker (the model may be shared
/// once loaded, as inference only reads it).
/// </summary>
public sealed class Stage1CrossViewAssigner : ICrossViewAssigner
{
    private readonly AssociationResult _result = new();
    private readonly Stage1FrameInputs _frame;

    /// <summary>Creates the assigner for a loaded model.</summary>
    public Stage1CrossViewAssigner(Stage1Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _frame = new Stage1FrameInputs(model.Config);
    }

    /// <summary>The Stage I model.</summary>
    public Stage1Model Model { get; }

    /// <summary>The roots Stage I decoded in the last frame (world mm).</summary>
    public IReadOnlyList<RootEstimate> LastRoots { get; private set; } = [];

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
        LastRoots = [];
        _frame.Prepare(cameras, views);
        var stage1 = Model.Infer(cameras, _frame.Evidence, _frame.Candidates, _frame.Graphs);
        LastRoots = stage1.Roots;
        _result.CandidateCount = stage1.Graph.EdgeCount;
        Span<int> group = stackalloc int[v];
        foreach (var root in stage1.Roots)
        {
            if (_frame.DetectionsOf(stage1.Graph, root.Edge, group) >= 2)
            {
                _result.Add(group, stage1.Graph.Cue[root.Edge], 0);
            }
        }

        return _result;
    }
}
