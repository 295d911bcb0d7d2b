using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Reconstruction.Sequence;

/// <summary>
/// A post step over a tracked sequence: each person (track id) gets one length per rigid segment
/// (<see cref="RigidSegments"/>; the median over the frames that have both joints), then every frame of that person is
/// refitted by Gauss–Newton to its own 2D keypoints (the detections named by <see cref="Person3D.DetectionPerView"/>,
/// robust Cauchy weights, <see cref="BoneRefitOptions.RobustScalePx"/>) with each segment held to its length
/// (<see cref="BoneRefitOptions.BoneSdMm"/>) and each joint weakly held to its triangulated place. Joints that were not
/// reconstructed stay missing; confidences, ids and views are kept. Positions in world mm; 2D in original pixels.
/// Needs tracked ids (per-frame ids would mix people). Deterministic.
/// <para>
/// <see cref="Run"/> takes the whole sequence (lengths from every frame); <see cref="RunStream"/> takes it frame by frame
/// with bounded memory (lengths from the frames up to <see cref="BoneRefitOptions.WindowFrames"/> after each one, at
/// most <see cref="BoneRefitOptions.MaxSamples"/> per segment); both give the same frames for a sequence no longer than
/// the window.
/// </para>
/// </summary>
public sealed partial class BoneLengthRefit(BoneRefitOptions? options = null)
{
    // Seeds the reservoir sampling of the streamed form (RunStream), so that its output is deterministic.
    private const int ReservoirSeed = 20261202;

    /// <summary>The settings in use.</summary>
    public BoneRefitOptions Options { get; } = options ?? new BoneRefitOptions();

    /// <summary>
    /// Refits <paramref name="poses"/> against <paramref name="detections"/> (matched by <see cref="Frame3D.FrameIndex"/>
    /// = <see cref="MultiViewFrame.FrameIndex"/>; a pose frame without detections is passed through), each person with the
    /// median lengths of its whole sequence. Returns new frames.
    /// </summary>
    public IReadOnlyList<Frame3D> Run(IReadOnlyList<Camera> cameras, IReadOnlyList<MultiViewFrame> detections, IReadOnlyList<Frame3D> poses)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(poses);
        var byFrame = new Dictionary<int, MultiViewFrame>();
        foreach (var d in detections)
        {
            byFrame.TryAdd(d.FrameIndex, d);
        }

        var paired = poses.Select(p => (p, byFrame.GetValueOrDefault(p.FrameIndex)));
        return [.. Refit(cameras, paired, int.MaxValue, int.MaxValue)];
    }

    /// <summary>
    /// Refits a stream of tracked frames, each with its detections (null: passed through), in order: frame f comes out
    /// once frame f + <see cref="BoneRefitOptions.WindowFrames"/> has gone in (or the stream ended), refitted with each
    /// person's median lengths over the frames seen so far (a seeded uniform sample of
    /// <see cref="BoneRefitOptions.MaxSamples"/> per segment once there are more). What is held: the window's frames
    /// and, per person seen within the last two windows, its kept lengths; a person unseen for longer starts afresh if
    /// the tracker gives its id back. Lazy; can be enumerated once per <paramref name="frames"/>.
    /// </summary>
    public IEnumerable<Frame3D> RunStream(IReadOnlyList<Camera> cameras, IEnumerable<(Frame3D Pose, MultiViewFrame? Detections)> frames)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(frames);
        return Refit(cameras, frames, Options.WindowFrames, Options.MaxSamples);
    }

    private IEnumerable<Frame3D> Refit(IReadOnlyList<Camera> cameras, IEnumerable<(Frame3D Pose, MultiViewFrame? Detections)> frames, int window, int maxSamples)
    {
        var solver = new Solver(Options);
        var random = new Random(ReservoirSeed);
        var people = new Dictionary<int, PersonLengths>();
        var held = new Queue<(Frame3D Pose, MultiViewFrame? Detections, long At)>();
        long at = 0;
        foreach (var (pose, detections) in frames)
        {
            foreach (var person in pose.People)
            {
                if (!people.TryGetValue(person.Id, out var lengths))
                {
                    lengths = new PersonLengths(RigidSegments.Of(person.Skeleton), maxSamples);
                    people[person.Id] = lengths;
                }

                lengths.Add(person, at, random);
            }

            held.Enqueue((pose, detections, at++));
            if (held.Count > window)
            {
                yield return Emit(held.Dequeue());
            }
        }

        while (held.Count > 0)
        {
            yield return Emit(held.Dequeue());
        }

        Frame3D Emit((Frame3D Pose, MultiViewFrame? Detections, long At) item)
        {
            var (frame, views, when) = item;
            if (window < int.MaxValue)
            {
                Forget(people, when - window);
            }

            if (views is null)
            {
                return frame;
            }

            var refitted = new Person3D[frame.People.Count];
            for (var p = 0; p < refitted.Length; p++)
            {
                var person = frame.People[p];
                refitted[p] = people[person.Id].Segments(Options.MinFrames) is { Length: > 0 } own ? solver.Refit(cameras, views.Views, person, own) : person;
            }

            return frame with { People = refitted };
        }
    }

    // Drops the lengths of people last seen before the given position (none of the held frames has them).
    private static void Forget(Dictionary<int, PersonLengths> people, long before)
    {
        List<int>? stale = null;
        foreach (var (id, lengths) in people)
        {
            if (lengths.LastSeen < before)
            {
                (stale ??= []).Add(id);
            }
        }

        foreach (var id in stale ?? [])
        {
            people.Remove(id);
        }
    }

    /// <summary>One tracked person's segments and their length samples.</summary>
    private sealed class PersonLengths
    {
        private readonly IReadOnlyList<(int A, int B)> _segments;
        private readonly LengthSamples[] _samples;

        public PersonLengths(IReadOnlyList<(int A, int B)> segments, int maxSamples)
        {
            _segments = segments;
            _samples = [.. segments.Select(_ => new LengthSamples(maxSamples))];
        }

        /// <summary>Stream position of the last frame with this person.</summary>
        public long LastSeen { get; private set; }

        public void Add(Person3D person, long at, Random random)
        {
            LastSeen = at;
            for (var s = 0; s < _segments.Count; s++)
            {
                var (a, b) = _segments[s];
                if (a < person.Joints.Length && b < person.Joints.Length && person.Has(a) && person.Has(b))
                {
                    _samples[s].Add(Vec3.Distance(person.Joints[a], person.Joints[b]), random);
                }
            }
        }

        /// <summary>Segment (joint pair) → median length (mm), for the segments seen in at least minFrames frames.</summary>
        public (int A, int B, double Length)[] Segments(int minFrames)
        {
            var own = new List<(int, int, double)>();
            for (var s = 0; s < _segments.Count; s++)
            {
                if (_samples[s].Seen >= minFrames)
                {
                    own.Add((_segments[s].A, _segments[s].B, _samples[s].Median()));
                }
            }

            return [.. own];
        }
    }
}
