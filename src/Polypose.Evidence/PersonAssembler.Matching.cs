using Polypose.Core.Poses;

namespace Polypose.Evidence;

/// <summary>Limb-by-limb greedy matching and the output of the surviving persons.</summary>
internal sealed partial class PersonAssembler
{
    private Pair[] _pairs = [];
    private Pair[] _matched = [];
    private bool[] _usedA = [];
    private bool[] _usedB = [];
    private int[] _order = [];
    private Comparison<int>? _byScore;

    /// <summary>Grows persons along the tree limbs (in order), then merges/fills them with the loop limbs.</summary>
    public void Run(ReadOnlySpan<(int Limb, bool Flipped)> tree, ReadOnlySpan<int> loops)
    {
        foreach (var (limb, flipped) in tree)
        {
            foreach (var pair in Greedy(limb, flipped))
            {
                Extend(limb, flipped, pair.A, pair.B, pair.Value);
            }
        }

        foreach (var limb in loops)
        {
            foreach (var pair in Greedy(limb, flipped: false))
            {
                Join(limb, pair.A, pair.B, pair.Value);
            }
        }
    }

    /// <summary>
    /// Appends the surviving persons to <paramref name="output"/> as new <see cref="Person2D"/> objects, by descending
    /// score (ties: creation order); returns how many were appended. Ends the frame (see <see cref="Reset"/>).
    /// </summary>
    public int CollectInto(List<Person2D> output)
    {
        var frame = Frame;
        Grow(ref _order, _persons);
        var n = 0;
        for (var p = 0; p < _persons; p++)
        {
            if (_alive[p] && _count[p] >= _options.MinJoints && _score[p] / _count[p] >= _options.MinMeanScore)
            {
                _order[n++] = p;
            }
        }

        var order = _order.AsSpan(0, n);
        order.Sort(_byScore ??= ByScore);
        foreach (var p in order)
        {
            var candidate = _candidate.AsSpan(p * _joints, _joints);
            var joints = new Keypoint2D[_joints];
            for (var j = 0; j < joints.Length; j++)
            {
                joints[j] = candidate[j] >= 0 ? frame.Candidates[j][candidate[j]] : Keypoint2D.Missing;
            }

            output.Add(new Person2D(frame.Skeleton, joints));
        }

        _frame = null; // do not keep the frame alive between calls
        return n;
    }

    /// <summary>
    /// Greedy one-to-one matching of a limb's candidate pairs by descending affinity (ties: lower indices first). Pairs are
    /// (candidate of the first joint, candidate of the second joint) in the limb's direction, or swapped when
    /// <paramref name="flipped"/>. The span is valid until the next call.
    /// </summary>
    private ReadOnlySpan<Pair> Greedy(int limb, bool flipped)
    {
        var (ja, jb) = Frame.Limbs[limb];
        var m = Frame.Affinity[limb];
        var rows = m.GetLength(0);
        var cols = m.GetLength(1);
        var usableA = _usable.AsSpan(_offset[ja], rows);
        var usableB = _usable.AsSpan(_offset[jb], cols);
        var minAffinity = _options.MinAffinity;
        Grow(ref _pairs, rows * cols);
        var n = 0;
        for (var a = 0; a < rows; a++)
        {
            if (!usableA[a])
            {
                continue;
            }

            for (var b = 0; b < cols; b++)
            {
                var v = m[a, b];
                if (v > 0 && v >= minAffinity && double.IsFinite(v) && usableB[b])
                {
                    _pairs[n++] = new Pair(a, b, v);
                }
            }
        }

        var pairs = _pairs.AsSpan(0, n);
        pairs.Sort(ByAffinity);
        Grow(ref _usedA, rows);
        Grow(ref _usedB, cols);
        Grow(ref _matched, Math.Min(rows, cols));
        var usedA = _usedA.AsSpan(0, rows);
        var usedB = _usedB.AsSpan(0, cols);
        usedA.Clear();
        usedB.Clear();
        var k = 0;
        foreach (var pair in pairs)
        {
            if (usedA[pair.A] || usedB[pair.B])
            {
                continue;
            }

            usedA[pair.A] = usedB[pair.B] = true;
            _matched[k++] = flipped ? new Pair(pair.B, pair.A, pair.Value) : pair;
        }

        return _matched.AsSpan(0, k);
    }

    /// <summary>A candidate pair of one limb and its affinity.</summary>
    private readonly record struct Pair(int A, int B, double Value);

    // Sorting goes through Comparison delegates created once: the struct-comparer overload of Span.Sort boxes the comparer
    // and wraps it in a new delegate on every call.

    /// <summary>Descending affinity, then ascending first and second candidate (a total order: pairs are distinct).</summary>
    private static readonly Comparison<Pair> ByAffinity = static (x, y) =>
        y.Value != x.Value ? y.Value.CompareTo(x.Value) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B);

    /// <summary>Descending person score, then ascending person index (creation order).</summary>
    private int ByScore(int x, int y)
    {
        var c = _score[y].CompareTo(_score[x]);
        return c != 0 ? c : x.CompareTo(y);
    }
}
