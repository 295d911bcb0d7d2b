using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Association;

/// <summary>Per-frame node table: which detections take part, and their joints' pixels, rays and weights.</summary>
public sealed partial class CrossViewAssociator
{
    private int _viewCount;
    private int _jointCount;
    private int _nodeCount;
    private int[] _viewStart = new int[8];
    private int[] _nodeView = new int[32];
    private int[] _nodeDetection = new int[32];
    private Ray[] _rays = new Ray[512];
    private double[] _weights = new double[512];
    private Vec2[] _pixels = new Vec2[512];

    private void BuildObservations(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        _viewCount = views.Count;
        Grow(ref _viewStart, _viewCount + 1);
        _jointCount = -1;
        Skeleton? skeleton = null;
        var total = 0;
        for (var v = 0; v < _viewCount; v++)
        {
            var list = views[v] ?? throw new ArgumentException($"view {v} is null", nameof(views));
            for (var d = 0; d < list.Count; d++)
            {
                var person = list[d];
                if (_jointCount < 0)
                {
                    _jointCount = person.Joints.Length;
                    skeleton = person.Skeleton;
                }
                else if (person.Joints.Length != _jointCount)
                {
                    throw new ArgumentException(
                        $"view {v}: a detection has {person.Joints.Length} joints, expected {_jointCount} like the others of this frame", nameof(views));
                }
            }

            total += list.Count;
        }

        _nodeCount = 0;
        if (_jointCount <= 0)
        {
            return;
        }

        PrepareAnatomy(skeleton);
        Grow(ref _nodeView, total);
        Grow(ref _nodeDetection, total);
        Grow(ref _rays, total * _jointCount);
        Grow(ref _weights, total * _jointCount);
        Grow(ref _pixels, total * _jointCount);
        var o = Options;
        var viewsWithNodes = 0;
        for (var v = 0; v < _viewCount; v++)
        {
            _viewStart[v] = _nodeCount;
            var camera = cameras[v];
            var list = views[v];
            for (var d = 0; d < list.Count; d++)
            {
                var joints = list[d].Joints;
                var node = _nodeCount;
                var offset = node * _jointCount;
                var usable = 0;
                double scoreSum = 0;
                var present = 0;
                for (var j = 0; j < _jointCount; j++)
                {
                    var k = joints[j];
                    _weights[offset + j] = 0;
                    if (!k.IsPresent)
                    {
                        continue;
                    }

                    scoreSum += k.Score;
                    present++;
                    var pixel = new Vec2(k.X, k.Y);
                    if (k.Score >= o.JointScoreThreshold && double.IsFinite(k.Score) && camera.TryBackProject(pixel, out var ray))
                    {
                        _rays[offset + j] = ray;
                        _pixels[offset + j] = pixel;
                        _weights[offset + j] = k.Score;
                        usable++;
                    }
                }

                if (usable < o.MinDetectionJoints || present == 0 || scoreSum / present < o.MinDetectionScore)
                {
                    continue;
                }

                _nodeView[node] = v;
                _nodeDetection[node] = d;
                _nodeCount++;
            }

            if (_nodeCount > _viewStart[v])
            {
                viewsWithNodes++;
            }
        }

        _viewStart[_viewCount] = _nodeCount;
        if (viewsWithNodes < 2)
        {
            // Nothing can be triangulated: no cross-view pair exists.
            _nodeCount = 0;
            Array.Fill(_viewStart, 0, 0, _viewCount + 1);
        }
    }

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
