using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Core.Skeletons;

/// <summary>
/// Maps joint arrays from one skeleton to another by joint name. A target joint absent from the source is synthesized
/// when a rule exists: <c>neck</c> = mean of the shoulders and <c>mid_hip</c> = mean of the hips, each with score
/// (confidence) = the minimum of the two and only when both are present. Anything else the source lacks comes out
/// missing (score/confidence 0, position zero). Immutable and thread-safe.
/// </summary>
public sealed class JointMapping
{
    private static readonly (string Target, string A, string B)[] SynthesisRules =
    [
        ("neck", "left_shoulder", "right_shoulder"),
        ("mid_hip", "left_hip", "right_hip"),
    ];

    private readonly JointSource[] _sources;

    private JointMapping(Skeleton from, Skeleton to, JointSource[] sources)
    {
        From = from;
        To = to;
        _sources = sources;
    }

    /// <summary>The source skeleton.</summary>
    public Skeleton From { get; }

    /// <summary>The target skeleton.</summary>
    public Skeleton To { get; }

    /// <summary>For each target joint (index order of <see cref="To"/>), how it is produced.</summary>
    public IReadOnlyList<JointSource> Sources => _sources;

    /// <summary>Number of target joints that can be produced (copied or synthesized).</summary>
    public int MappedCount => _sources.Count(s => s.IsMapped);

    /// <summary>Builds the mapping from <paramref name="from"/> to <paramref name="to"/> by joint name.</summary>
    public static JointMapping Create(Skeleton from, Skeleton to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var sources = new JointSource[to.JointCount];
        for (var j = 0; j < to.JointCount; j++)
        {
            var name = to.JointNames[j];
            var direct = from.IndexOf(name);
            sources[j] = direct >= 0 ? new JointSource(direct, -1) : Synthesize(from, name);
        }

        return new JointMapping(from, to, sources);
    }

    /// <summary>
    /// Maps one person's 2D keypoints (length = <see cref="From"/> joint count, pixels) to <see cref="To"/>; joints
    /// that cannot be produced, or whose sources are missing, are <see cref="Keypoint2D.Missing"/>.
    /// </summary>
    public Keypoint2D[] Map(ReadOnlySpan<Keypoint2D> joints)
    {
        CheckLength(joints.Length, nameof(joints));
        var result = new Keypoint2D[_sources.Length];
        for (var j = 0; j < _sources.Length; j++)
        {
            var s = _sources[j];
            if (!s.IsMapped)
            {
                continue;
            }

            var a = joints[s.First];
            if (!a.IsPresent)
            {
                continue;
            }

            if (!s.IsSynthesized)
            {
                result[j] = a;
                continue;
            }

            var b = joints[s.Second];
            if (b.IsPresent)
            {
                result[j] = new Keypoint2D((a.X + b.X) / 2, (a.Y + b.Y) / 2, Math.Min(a.Score, b.Score));
            }
        }

        return result;
    }

    /// <summary>Maps a person of skeleton <see cref="From"/> to a person of skeleton <see cref="To"/>.</summary>
    public Person2D Map(Person2D person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Skeleton.Name != From.Name)
        {
            throw new ArgumentException($"person has skeleton '{person.Skeleton.Name}' but the mapping starts from '{From.Name}'", nameof(person));
        }

        return new Person2D(To, Map(person.Joints));
    }

    /// <summary>
    /// Maps 3D joints (world millimetres, [From joints]) with per-joint confidence (0 = missing) to <see cref="To"/>.
    /// Joints that cannot be produced get confidence 0 and position <see cref="Vec3.Zero"/>.
    /// </summary>
    public (Vec3[] Joints, double[] Confidence) Map(ReadOnlySpan<Vec3> joints, ReadOnlySpan<double> confidence)
    {
        CheckLength(joints.Length, nameof(joints));
        CheckLength(confidence.Length, nameof(confidence));
        var outJoints = new Vec3[_sources.Length];
        var outConf = new double[_sources.Length];
        for (var j = 0; j < _sources.Length; j++)
        {
            var s = _sources[j];
            if (!s.IsMapped || !Present(joints[s.First], confidence[s.First]))
            {
                continue;
            }

            if (!s.IsSynthesized)
            {
                outJoints[j] = joints[s.First];
                outConf[j] = confidence[s.First];
            }
            else if (Present(joints[s.Second], confidence[s.Second]))
            {
                outJoints[j] = (joints[s.First] + joints[s.Second]) / 2;
                outConf[j] = Math.Min(confidence[s.First], confidence[s.Second]);
            }
        }

        return (outJoints, outConf);
    }

    /// <summary>Maps a reconstructed person to <see cref="To"/>, keeping its id and per-view detection indices.</summary>
    public Person3D Map(Person3D person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var (joints, confidence) = Map(person.Joints, person.Confidence);
        return new Person3D(person.Id, To, joints, confidence, [.. person.DetectionPerView]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{From.Name} -> {To.Name} ({MappedCount}/{To.JointCount} joints)";

    private static bool Present(Vec3 p, double confidence) => confidence > 0 && p.IsFinite;

    private static JointSource Synthesize(Skeleton from, string name)
    {
        foreach (var (target, a, b) in SynthesisRules)
        {
            if (target != name)
            {
                continue;
            }

            var ia = from.IndexOf(a);
            var ib = from.IndexOf(b);
            if (ia >= 0 && ib >= 0)
            {
                return new JointSource(ia, ib);
            }
        }

        return JointSource.None;
    }

    private void CheckLength(int length, string parameter)
    {
        if (length != From.JointCount)
        {
            throw new ArgumentException($"expected {From.JointCount} joints ({From.Name}) but got {length}", parameter);
        }
    }
}
