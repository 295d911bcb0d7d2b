using Polypose.Core.Poses;
using Polypose.Evaluation.Functional;
using Polypose.Geometry;

namespace Polypose.Tracking.Tracking;

/// <summary>
/// Gives the people of a sequence ids that stay the same over time. Each track remembers the person's last pose
/// (world mm; joints missing in a frame keep their previous position, carried along) and a velocity (mm per frame,
/// the exponentially smoothed mean displacement of the joints, at most <see cref="TrackerOptions.MaxSpeedMmPerSecond"/>);
/// it predicts the pose as last pose + velocity × frames since seen (at most
/// <see cref="TrackerOptions.PredictionHorizonFrames"/>). In every frame the tracks and the frame's people are matched
/// one-to-one by the Hungarian method on cost = mean distance of the joints both have +
/// <see cref="TrackerOptions.BoneWeight"/> × bone-length signature difference, inside a gate that grows with the time a
/// track has not been seen. A person left unmatched starts a new track (a new id, counting up from 0); a track not
/// seen for longer than <see cref="TrackerOptions.MaxLostSeconds"/> ends; until then it can be re-identified after an
/// occlusion or an exit from the view, by position and by its bone lengths. Deterministic; frames are taken in the
/// given order, one time step each.
/// </summary>
public static class PoseTracker
{
    private const double Infeasible = 1e12;
    private const int MinBonesForSignature = 4;

    /// <summary>The frames of <paramref name="frames"/> with every person's <see cref="Person3D.Id"/> replaced by its track id (people and order unchanged).</summary>
    public static IReadOnlyList<Frame3D> Track(IReadOnlyList<Frame3D> frames, TrackerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var tracker = new Online(options ?? new TrackerOptions());
        var output = new List<Frame3D>(frames.Count);
        foreach (var frame in frames)
        {
            output.Add(tracker.Next(frame));
        }

        return output;
    }

    /// <summary>
    /// Tracks a stream of frames lazily, one frame in, one frame out, with the same ids as <see cref="Track"/> gives the
    /// whole list: the state is the live tracks only (those seen within <see cref="TrackerOptions.MaxLostSeconds"/>),
    /// so memory does not grow with the length of the sequence.
    /// </summary>
    public static IEnumerable<Frame3D> TrackStream(IEnumerable<Frame3D> frames, TrackerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        return Stream(frames, options ?? new TrackerOptions());

        static IEnumerable<Frame3D> Stream(IEnumerable<Frame3D> frames, TrackerOptions options)
        {
            var tracker = new Online(options);
            foreach (var frame in frames)
            {
                yield return tracker.Next(frame);
            }
        }
    }

    /// <summary>The tracker state between frames: live tracks, the next id and the time step.</summary>
    private sealed class Online(TrackerOptions options)
    {
        private readonly List<TrackState> _tracks = [];
        private int _nextId;
        private int _t;

        public Frame3D Next(Frame3D frame)
        {
            var t = _t++;
            _tracks.RemoveAll(tr => t - tr.LastSeen > options.MaxLostFrames + 1);
            var people = frame.People;
            var assigned = Assign(_tracks, people, t, options);
            var renamed = new Person3D[people.Count];
            for (var i = 0; i < people.Count; i++)
            {
                int id;
                if (assigned[i] is { } track)
                {
                    track.Update(people[i], t, options);
                    id = track.Id;
                }
                else
                {
                    id = _nextId++;
                    if (people[i].Confidence.Any(c => c > 0))
                    {
                        _tracks.Add(new TrackState(id, people[i], t));
                    }
                }

                renamed[i] = people[i] with { Id = id };
            }

            return frame with { People = renamed };
        }
    }

    private static TrackState?[] Assign(List<TrackState> tracks, IReadOnlyList<Person3D> people, int t, TrackerOptions options)
    {
        var result = new TrackState?[people.Count];
        if (tracks.Count == 0 || people.Count == 0)
        {
            return result;
        }

        var cost = new double[tracks.Count, people.Count];
        for (var k = 0; k < tracks.Count; k++)
        {
            var track = tracks[k];
            var gap = t - track.LastSeen;
            var gate = Math.Min(options.ReidRadiusMm, options.GateMm + (options.MaxSpeedMmPerSecond * (gap - 1) / options.FrameRate));
            for (var i = 0; i < people.Count; i++)
            {
                cost[k, i] = Infeasible;
                var distance = track.DistanceTo(people[i], gap, options.PredictionHorizonFrames);
                if (!(distance <= gate))
                {
                    continue;
                }

                var bone = 0.0;
                if (track.Bones.TryDifference(people[i], MinBonesForSignature, out var diff))
                {
                    if (gap > 1 && diff > options.BoneGateMm)
                    {
                        continue;
                    }

                    bone = diff;
                }

                // A track seen in the previous frame is preferred over one coming back from an absence.
                cost[k, i] = distance + (options.BoneWeight * bone) + (gap > 1 ? options.GateMm : 0);
            }
        }

        var match = LinearAssignment.Solve(cost);
        for (var k = 0; k < tracks.Count; k++)
        {
            if (match[k] >= 0 && cost[k, match[k]] < Infeasible)
            {
                result[match[k]] = tracks[k];
            }
        }

        return result;
    }

    private sealed class TrackState
    {
        private readonly Vec3[] _pose;
        private readonly bool[] _known;

        public TrackState(int id, Person3D person, int t)
        {
            Id = id;
            _pose = new Vec3[person.Joints.Length];
            _known = new bool[person.Joints.Length];
            for (var j = 0; j < _pose.Length; j++)
            {
                if (person.Has(j))
                {
                    _pose[j] = person.Joints[j];
                    _known[j] = true;
                }
            }

            LastSeen = t;
            Bones = new BoneSignature(person.Skeleton.Bones.Count);
            Bones.Add(person);
        }

        public int Id { get; }

        /// <summary>mm per frame.</summary>
        public Vec3 Velocity { get; private set; }

        public int LastSeen { get; private set; }

        public BoneSignature Bones { get; }

        /// <summary>Mean distance (mm) between the predicted pose and the person over the joints both have (+∞ when none).</summary>
        public double DistanceTo(Person3D person, int gap, int horizon)
        {
            var shift = Velocity * Math.Min(gap, horizon);
            double sum = 0;
            var n = 0;
            for (var j = 0; j < _pose.Length && j < person.Joints.Length; j++)
            {
                if (_known[j] && person.Has(j))
                {
                    sum += Vec3.Distance(_pose[j] + shift, person.Joints[j]);
                    n++;
                }
            }

            return n > 0 ? sum / n : double.PositiveInfinity;
        }

        public void Update(Person3D person, int t, TrackerOptions options)
        {
            var gap = t - LastSeen;
            var moved = Vec3.Zero;
            var n = 0;
            for (var j = 0; j < _pose.Length && j < person.Joints.Length; j++)
            {
                if (_known[j] && person.Has(j))
                {
                    moved += person.Joints[j] - _pose[j];
                    n++;
                }
            }

            var step = n > 0 ? moved / n : Vec3.Zero;
            if (gap > options.PredictionHorizonFrames)
            {
                // Back after a long absence: the old velocity says nothing; restart the predictor here.
                Velocity = Vec3.Zero;
            }
            else
            {
                var velocity = Velocity + ((step / gap) - Velocity) * options.Beta;
                var max = options.MaxSpeedMmPerSecond / options.FrameRate;
                Velocity = velocity.Length > max ? velocity * (max / velocity.Length) : velocity;
            }

            for (var j = 0; j < _pose.Length && j < person.Joints.Length; j++)
            {
                if (person.Has(j))
                {
                    _pose[j] = person.Joints[j];
                    _known[j] = true;
                }
                else if (_known[j])
                {
                    _pose[j] += step;
                }
            }

            LastSeen = t;
            Bones.Add(person);
        }
    }
}
