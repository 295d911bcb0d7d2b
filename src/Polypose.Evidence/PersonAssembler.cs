using Polypose.Core.Poses;

namespace Polypose.Evidence;

/// <summary>
/// The reusable working state of <see cref="PafPersonParser"/>: partial persons and which person owns each candidate,
/// kept in flat arrays that grow on demand and are reused across frames, so that a frame allocates nothing but its
/// output persons once the buffers are large enough. Candidates are addressed flat: candidate c of joint j is
/// <c>_offset[j] + c</c>; person p's candidate of joint j is <c>_candidate[p * joints + j]</c> (−1 = none).
/// Not thread-safe.
/// </summary>
internal sealed partial class PersonAssembler
{
    private PafFrame? _frame;
    private PafParserOptions _options = PafParserOptions.Default;
    private int _joints;

    // Per candidate (flat): start offset per joint [joints + 1], owning person (−1 = none), usable (score filter).
    private int[] _offset = new int[1];
    private int[] _owner = [];
    private bool[] _usable = [];

    // Per person: candidate per joint [persons, joints], joint count, score, alive.
    private int[] _candidate = [];
    private int[] _count = [];
    private double[] _score = [];
    private bool[] _alive = [];
    private int _persons;

    /// <summary>Starts a frame: sizes the buffers for <paramref name="frame"/> and forgets the previous frame's persons.</summary>
    public void Reset(PafFrame frame, PafParserOptions options)
    {
        _frame = frame;
        _options = options;
        _joints = frame.Candidates.Count;
        _persons = 0;
        Grow(ref _offset, _joints + 1);
        var total = 0;
        for (var j = 0; j < _joints; j++)
        {
            _offset[j] = total;
            total += frame.Candidates[j].Length;
        }

        _offset[_joints] = total;
        Grow(ref _owner, total);
        Grow(ref _usable, total);
        _owner.AsSpan(0, total).Fill(-1);
        for (var j = 0; j < _joints; j++)
        {
            var candidates = frame.Candidates[j];
            var usable = _usable.AsSpan(_offset[j], candidates.Length);
            for (var c = 0; c < candidates.Length; c++)
            {
                var k = candidates[c];
                usable[c] = k.IsPresent && k.Score >= options.MinCandidateScore;
            }
        }

        // At most one person is created per usable candidate pair of a tree limb, i.e. never more than the candidates.
        EnsurePersons(total);
    }

    /// <summary>Adds a tree connection: the child candidate joins the person owning the parent candidate (created when none).</summary>
    public void Extend(int limb, bool flipped, int parentCandidate, int childCandidate, double value)
    {
        var (ja, jb) = Frame.Limbs[limb];
        var (jp, jc) = flipped ? (jb, ja) : (ja, jb);
        if (_owner[_offset[jc] + childCandidate] >= 0)
        {
            return;
        }

        var p = _owner[_offset[jp] + parentCandidate];
        if (p < 0)
        {
            p = NewPerson();
            Assign(p, jp, parentCandidate);
        }

        if (_candidate[(p * _joints) + jc] < 0)
        {
            Assign(p, jc, childCandidate);
            _score[p] += value;
        }
    }

    /// <summary>Uses a loop limb to merge two compatible persons or to fill a missing joint.</summary>
    public void Join(int limb, int a, int b, double value)
    {
        var (ja, jb) = Frame.Limbs[limb];
        var pa = _owner[_offset[ja] + a];
        var pb = _owner[_offset[jb] + b];
        if (pa >= 0 && pb >= 0)
        {
            if (pa != pb && Compatible(pa, pb))
            {
                Merge(pa, pb, value);
            }
        }
        else if (pa >= 0 && _candidate[(pa * _joints) + jb] < 0)
        {
            Assign(pa, jb, b);
            _score[pa] += value;
        }
        else if (pb >= 0 && _candidate[(pb * _joints) + ja] < 0)
        {
            Assign(pb, ja, a);
            _score[pb] += value;
        }
    }

    private PafFrame Frame => _frame ?? throw new InvalidOperationException("Reset must be called first");

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }
    }

    private void EnsurePersons(int persons)
    {
        Grow(ref _candidate, persons * _joints);
        Grow(ref _count, persons);
        Grow(ref _score, persons);
        Grow(ref _alive, persons);
    }

    private int NewPerson()
    {
        var p = _persons++;
        EnsurePersons(_persons);
        _candidate.AsSpan(p * _joints, _joints).Fill(-1);
        _count[p] = 0;
        _score[p] = 0;
        _alive[p] = true;
        return p;
    }

    private bool Compatible(int x, int y)
    {
        var cx = _candidate.AsSpan(x * _joints, _joints);
        var cy = _candidate.AsSpan(y * _joints, _joints);
        for (var j = 0; j < cx.Length; j++)
        {
            if (cx[j] >= 0 && cy[j] >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private void Assign(int person, int joint, int candidate)
    {
        _candidate[(person * _joints) + joint] = candidate;
        _count[person]++;
        _score[person] += Frame.Candidates[joint][candidate].Score;
        _owner[_offset[joint] + candidate] = person;
    }

    private void Merge(int into, int from, double value)
    {
        var target = _candidate.AsSpan(into * _joints, _joints);
        var source = _candidate.AsSpan(from * _joints, _joints);
        for (var j = 0; j < source.Length; j++)
        {
            if (source[j] >= 0)
            {
                target[j] = source[j];
                _owner[_offset[j] + source[j]] = into;
            }
        }

        _count[into] += _count[from];
        _score[into] += _score[from] + value;
        _alive[from] = false;
    }
}
