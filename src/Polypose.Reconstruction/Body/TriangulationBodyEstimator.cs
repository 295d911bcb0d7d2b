using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Reconstruction.Body;

/// <summary>
/// Today's body step: per-joint weighted algebraic triangulation with worst-view dropout
/// (<see cref="ReconstructionOptions.TriangulationThreshold"/>, <see cref="ReconstructionOptions.DropoutErrorPx"/>,
/// <see cref="ReconstructionOptions.MaxDropouts"/>), then, when <see cref="ReconstructionOptions.Rectify"/> is set,
/// anatomical rectification under <see cref="ReconstructionOptions.Anatomy"/> with leave-one-view-out repair of
/// rejected joints (<see cref="ReconstructionOptions.RepairJoints"/>). Scratch buffers are reused; not thread-safe.
/// </summary>
public sealed class TriangulationBodyEstimator : IBodyEstimator
{
    private readonly JointTriangulator _triangulator;
    private readonly JointAlternatives _alternatives;
    private AnatomicalRectifier? _rectifier;
    private IReadOnlyList<Camera> _currentCameras = [];
    private IReadOnlyList<IReadOnlyList<Person2D>> _currentViews = [];
    private int[] _currentGroup = new int[8];
    private int _currentViewCount;

    /// <summary>Creates the estimator with the settings <paramref name="options"/> (null = defaults).</summary>
    public TriangulationBodyEstimator(ReconstructionOptions? options = null)
    {
        Options = options ?? new ReconstructionOptions();
        _triangulator = new JointTriangulator(Options);
        _alternatives = Alternatives;
    }

    /// <summary>The settings in use.</summary>
    public ReconstructionOptions Options { get; }

    /// <inheritdoc/>
    public void Estimate(
        IReadOnlyList<Camera> cameras,
        IReadOnlyList<IReadOnlyList<Person2D>> views,
        ReadOnlySpan<int> group,
        Skeleton skeleton,
        Span<Vec3> joints,
        Span<double> confidence)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        var jointCount = skeleton.JointCount;
        if (joints.Length != jointCount || confidence.Length != jointCount)
        {
            throw new ArgumentException($"expected {jointCount} joints and confidences for '{skeleton.Name}', got {joints.Length} and {confidence.Length}");
        }

        for (var j = 0; j < jointCount; j++)
        {
            (joints[j], confidence[j]) = _triangulator.Triangulate(cameras, views, group, j);
        }

        if (!Options.Rectify)
        {
            return;
        }

        if (_rectifier is null || !ReferenceEquals(_rectifier.Skeleton, skeleton))
        {
            _rectifier = new AnatomicalRectifier(skeleton, Options.Anatomy);
        }

        if (_currentGroup.Length < group.Length)
        {
            _currentGroup = new int[Math.Max(group.Length, _currentGroup.Length * 2)];
        }

        group.CopyTo(_currentGroup);
        (_currentCameras, _currentViews, _currentViewCount) = (cameras, views, group.Length);
        _rectifier.Rectify(joints, confidence, Options.RepairJoints ? _alternatives : null);
        (_currentCameras, _currentViews) = ([], []);
    }

    private int Alternatives(int joint, Span<Vec3> points, Span<double> confidences) =>
        _triangulator.Alternatives(_currentCameras, _currentViews, _currentGroup.AsSpan(0, _currentViewCount), joint, points, confidences);
}
