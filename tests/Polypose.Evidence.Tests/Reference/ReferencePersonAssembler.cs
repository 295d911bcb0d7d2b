using Polypose.Core.Poses;

namespace Polypose.Evidence.Tests.Reference;

/// <summary>The working state of <see cref="ReferencePafParser"/>: partial persons and which person owns each candidate.</summary>
internal sealed class ReferencePersonAssembler
{
    private readonly PafFrame _frame;
    private readonly PafParserOptions _options;
    private readonly int[][] _owner;
    private readonly List<Partial> _persons = [];

    public ReferencePersonAssembler(PafFrame frame, PafParserOptions options)
    {
        _frame = frame;
        _options = options;
        _owner = [.. frame.Candidates.Select(c => Enumerable.Repeat(-1, c.Length).ToArray())];
    }

    /// <summary>
    /// Greedy one-to-one matching of a limb's candidate pairs by descending affinity. Pairs are returned as (candidate
    /// of the first joint, candidate of the second joint) in the limb's direction, or swapped when <paramref name="flipped"/>.
    /// </summary>
    public List<(int A, int B, double Value)> Greedy(int limb, bool flipped)
    {
        var (ja, jb) = _frame.Limbs[limb];
        var m = _frame.Affinity[limb];
        var pairs = new List<(int A, int B, double Value)>();
        for (var a = 0; a < m.GetLength(0); a++)
        {
            if (!Usable(ja, a))
            {
                continue;
            }

            for (var b = 0; b < m.GetLength(1); b++)
            {
                var v = m[a, b];
                if (v > 0 && v >= _options.MinAffinity && double.IsFinite(v) && Usable(jb, b))
                {
                    pairs.Add((a, b, v));
                }
            }
        }

        pairs.Sort((x, y) => y.Value != x.Value ? y.Value.CompareTo(x.Value) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        var usedA = new bool[m.GetLength(0)];
        var usedB = new bool[m.GetLength(1)];
        var result = new List<(int, int, double)>();
        foreach (var (a, b, v) in pairs)
        {
            if (usedA[a] || usedB[b])
            {
                continue;
            }

            usedA[a] = usedB[b] = true;
            result.Add(flipped ? (b, a, v) : (a, b, v));
        }

        return result;
    }

    /// <summary>Adds a tree connection: the child candidate joins the person owning the parent candidate (created when none).</summary>
    public void Extend(int limb, bool flipped, int parentCandidate, int childCandidate, double value)
    {
        var (ja, jb) = _frame.Limbs[limb];
        var (jp, jc) = flipped ? (jb, ja) : (ja, jb);
        if (_owner[jc][childCandidate] >= 0)
        {
            return;
        }

        var p = _owner[jp][parentCandidate];
        if (p < 0)
        {
            p = _persons.Count;
            _persons.Add(new Partial(_frame.Candidates.Count));
            Assign(p, jp, parentCandidate);
        }

        if (_persons[p].Candidate[jc] < 0)
        {
            Assign(p, jc, childCandidate);
            _persons[p].Score += value;
        }
    }

    /// <summary>Uses a loop limb to merge two compatible persons or to fill a missing joint.</summary>
    public void Join(int limb, int a, int b, double value)
    {
        var (ja, jb) = _frame.Limbs[limb];
        var pa = _owner[ja][a];
        var pb = _owner[jb][b];
        if (pa >= 0 && pb >= 0)
        {
            if (pa != pb && Compatible(_persons[pa], _persons[pb]))
            {
                Merge(pa, pb, value);
            }
        }
        else if (pa >= 0 && _persons[pa].Candidate[jb] < 0)
        {
            Assign(pa, jb, b);
            _persons[pa].Score += value;
        }
        else if (pb >= 0 && _persons[pb].Candidate[ja] < 0)
        {
            Assign(pb, ja, a);
            _persons[pb].Score += value;
        }
    }

    /// <summary>The surviving persons as <see cref="Person2D"/>, by descending score (ties: creation order).</summary>
    public IReadOnlyList<Person2D> Persons(PafParserOptions options)
    {
        var kept = _persons
            .Select((p, i) => (p, i))
            .Where(t => t.p.Alive && t.p.Count >= options.MinJoints && t.p.Score / t.p.Count >= options.MinMeanScore)
            .OrderByDescending(t => t.p.Score)
            .ThenBy(t => t.i);
        var result = new List<Person2D>();
        foreach (var (p, _) in kept)
        {
            var joints = new Keypoint2D[p.Candidate.Length];
            for (var j = 0; j < joints.Length; j++)
            {
                joints[j] = p.Candidate[j] >= 0 ? _frame.Candidates[j][p.Candidate[j]] : Keypoint2D.Missing;
            }

            result.Add(new Person2D(_frame.Skeleton, joints));
        }

        return result;
    }

    private static bool Compatible(Partial x, Partial y)
    {
        for (var j = 0; j < x.Candidate.Length; j++)
        {
            if (x.Candidate[j] >= 0 && y.Candidate[j] >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private bool Usable(int joint, int candidate)
    {
        var k = _frame.Candidates[joint][candidate];
        return k.IsPresent && k.Score >= _options.MinCandidateScore;
    }

    private void Assign(int person, int joint, int candidate)
    {
        var p = _persons[person];
        p.Candidate[joint] = candidate;
        p.Count++;
        p.Score += _frame.Candidates[joint][candidate].Score;
        _owner[joint][candidate] = person;
    }

    private void Merge(int into, int from, double value)
    {
        var target = _persons[into];
        var source = _persons[from];
        for (var j = 0; j < source.Candidate.Length; j++)
        {
            if (source.Candidate[j] >= 0)
            {
                target.Candidate[j] = source.Candidate[j];
                _owner[j][source.Candidate[j]] = into;
            }
        }

        target.Count += source.Count;
        target.Score += source.Score + value;
        source.Alive = false;
    }

    private sealed class Partial(int joints)
    {
        public int[] Candidate { get; } = Enumerable.Repeat(-1, joints).ToArray();

        public int Count { get; set; }

        public double Score { get; set; }

        public bool Alive { get; set; } = true;
    }
}
