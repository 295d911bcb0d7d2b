using Polypose.Core.Poses;

namespace Polypose.Association.Candidates;

/// <summary>
/// Chooses which detections of one view take part in a frame: those with enough usable joints (score ≥
/// <see cref="AssociationOptions.JointScoreThreshold"/>) and a high enough mean score, highest mean score first (ties:
/// lower index), skipping near-duplicates of an already chosen one (<see cref="AssociationOptions.DuplicateDistanceFraction"/>),
/// until the view's limit is reached. Cost O(D log D + D·limit·J) for D detections, so a view of 10,000 boxes stays
/// cheap. Scratch is reused between calls; not thread-safe.
/// </summary>
internal sealed class DetectionSelection
{
    private double[] _keys = new double[64];
    private int[] _order = new int[64];
    private int[] _chosen = new int[64];
    private bool[] _keep = new bool[64];

    /// <summary>Detections dropped as near-duplicates by the last <see cref="Select"/>.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Eligible, non-duplicate detections dropped by the view limit in the last <see cref="Select"/>.</summary>
    public int OverLimit { get; private set; }

    /// <summary>Per detection index of the last selected view: whether it takes part.</summary>
    public ReadOnlySpan<bool> Keep => _keep;

    /// <summary>Selects among <paramref name="list"/> (all with <paramref name="jointCount"/> joints) at most <paramref name="limit"/> detections.</summary>
    public void Select(IReadOnlyList<Person2D> list, int jointCount, int limit, AssociationOptions o)
    {
        var count = list.Count;
        Grow(ref _keys, count);
        Grow(ref _order, count);
        Grow(ref _keep, count);
        Grow(ref _chosen, Math.Min(limit, count));
        Array.Clear(_keep, 0, count);
        Duplicates = 0;
        OverLimit = 0;
        var eligible = 0;
        for (var d = 0; d < count; d++)
        {
            var joints = list[d].Joints;
            var usable = 0;
            var present = 0;
            double scoreSum = 0;
            for (var j = 0; j < jointCount; j++)
            {
                var k = joints[j];
                if (!k.IsPresent)
                {
                    continue;
                }

                scoreSum += k.Score;
                present++;
                if (k.Score >= o.JointScoreThreshold && double.IsFinite(k.Score) && double.IsFinite(k.X) && double.IsFinite(k.Y))
                {
                    usable++;
                }
            }

            if (usable < o.MinDetectionJoints || present == 0 || !(scoreSum / present >= o.MinDetectionScore))
            {
                continue;
            }

            // Highest mean score first; ties in index order (SortByKeyThenIndex), so the choice is deterministic.
            _keys[eligible] = -(scoreSum / present);
            _order[eligible] = d;
            eligible++;
        }

        if (eligible <= limit && o.DuplicateDistanceFraction <= 0)
        {
            for (var i = 0; i < eligible; i++)
            {
                _keep[_order[i]] = true;
            }

            return;
        }

        SortByKeyThenIndex(_keys.AsSpan(0, eligible), _order.AsSpan(0, eligible));
        var chosen = 0;
        for (var i = 0; i < eligible; i++)
        {
            var d = _order[i];
            var duplicate = false;
            if (o.DuplicateDistanceFraction > 0)
            {
                for (var c = 0; c < chosen && !duplicate; c++)
                {
                    duplicate = IsDuplicate(list[_chosen[c]].Joints, list[d].Joints, jointCount, o);
                }
            }

            if (duplicate)
            {
                Duplicates++;
                continue;
            }

            if (chosen == limit)
            {
                OverLimit++;
                continue;
            }

            _chosen[chosen++] = d;
            _keep[d] = true;
        }
    }

    /// <summary>Whether <paramref name="other"/> is a near-duplicate of the already chosen <paramref name="kept"/>.</summary>
    private static bool IsDuplicate(ReadOnlySpan<Keypoint2D> kept, ReadOnlySpan<Keypoint2D> other, int jointCount, AssociationOptions o)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        double distance = 0;
        var shared = 0;
        for (var j = 0; j < jointCount; j++)
        {
            var a = kept[j];
            if (!Usable(a, o))
            {
                continue;
            }

            minX = Math.Min(minX, a.X);
            maxX = Math.Max(maxX, a.X);
            minY = Math.Min(minY, a.Y);
            maxY = Math.Max(maxY, a.Y);
            var b = other[j];
            if (Usable(b, o))
            {
                var dx = a.X - b.X;
                var dy = a.Y - b.Y;
                distance += Math.Sqrt((dx * dx) + (dy * dy));
                shared++;
            }
        }

        if (shared < o.MinDetectionJoints)
        {
            return false;
        }

        var size = Math.Sqrt(((maxX - minX) * (maxX - minX)) + ((maxY - minY) * (maxY - minY)));
        return distance / shared < o.DuplicateDistanceFraction * size;
    }

    private static bool Usable(Keypoint2D k, AssociationOptions o) =>
        k.IsPresent && k.Score >= o.JointScoreThreshold && double.IsFinite(k.Score) && double.IsFinite(k.X) && double.IsFinite(k.Y);

    /// <summary>Sorts by key ascending, equal keys by index ascending (an allocation-free heap sort).</summary>
    private static void SortByKeyThenIndex(Span<double> keys, Span<int> index)
    {
        var n = keys.Length;
        for (var start = (n / 2) - 1; start >= 0; start--)
        {
            SiftDown(keys, index, start, n);
        }

        for (var end = n - 1; end > 0; end--)
        {
            (keys[0], keys[end]) = (keys[end], keys[0]);
            (index[0], index[end]) = (index[end], index[0]);
            SiftDown(keys, index, 0, end);
        }
    }

    private static void SiftDown(Span<double> keys, Span<int> index, int root, int n)
    {
        while (true)
        {
            var child = (2 * root) + 1;
            if (child >= n)
            {
                return;
            }

            if (child + 1 < n && Less(keys, index, child, child + 1))
            {
                child++;
            }

            if (!Less(keys, index, root, child))
            {
                return;
            }

            (keys[root], keys[child]) = (keys[child], keys[root]);
            (index[root], index[child]) = (index[child], index[root]);
            root = child;
        }
    }

    private static bool Less(Span<double> keys, Span<int> index, int a, int b) =>
        keys[a] < keys[b] || (keys[a] == keys[b] && index[a] < index[b]);

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
