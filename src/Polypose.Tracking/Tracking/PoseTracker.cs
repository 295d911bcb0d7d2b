using Polypose.Core.Poses;
using Polypose.Evaluation.Functional;
using Polypose.Geometry;

namespace Polypose.Tracking.Tracking;

/// <summary>
/// Gives the people of a sequence ids that stay the same over time. Each track follows the person's centre
/// (<see cref="PoseCentre"/>, mm) with a constant-velocity alpha-beta predictor; in every frame the predicted tracks
/// and the frame's people are matched one-to-one by the Hungarian method on cost = centre distance +
/// <see cref="TrackerOptions.BoneWeight"/> × bone-length signature difference, inside a gate that grows with the time
/// a track has not been seen. A person left unmatched starts a new track (a new id, counting up from 0); a track not
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
        options ??= new TrackerOptions();
        var tracks = new List<TrackState>();
        var output = new List<Frame3D>(frames.Count);
        var nextId = 0;
        for (var t = 0; t < frames.Count; t++)
        {
            tracks.RemoveAll(tr => t - tr.LastSeen > options.MaxLostFrames + 1);
            var people = frames[t].People;
            var centres = new Vec3[people.Count];
            var hasCentre = new bool[people.Count];
            for (var i = 0; i < people.Count; i++)
            {
                hasCentre[i] = PoseCentre.TryGet(people[i], out centres[i]);
            }

            var assigned = Assign(tracks, people, centres, hasCentre, t, options);
            var ids = new int[people.Count];
            for (var i = 0; i < people.Count; i++)
            {
                if (assigned[i] is { } track)
                {
                    track.Update(people[i], centres[i], t, options);
                    ids[i] = track.Id;
                }
                else
                {
                    var born = new TrackState(nextId++, people[i], centres[i], t);
                    if (hasCentre[i])
                    {
                        tracks.Add(born);
                    }

                    ids[i] = born.Id;
                }
            }

            var renamed = new Person3D[people.Count];
            for (var i = 0; i < people.Count; i++)
            {
                renamed[i] = people[i] with { Id = ids[i] };
            }

            output.Add(frames[t] with { People = renamed });
        }

        return output;
    }

    private static TrackState?[] Assign(List<TrackState> tracks, IReadOnlyList<Person3D> people, Vec3[] centres, bool[] hasCentre, int t, TrackerOptions options)
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
            var predicted = track.Predict(gap, options.PredictionHorizonFrames);
            var gate = Math.Min(options.ReidRadiusMm, options.GateMm + (options.MaxSpeedMmPerSecond * (gap - 1) / options.FrameRate));
            for (var i = 0; i < people.Count; i++)
            {
                cost[k, i] = Infeasible;
                if (!hasCentre[i])
                {
                    continue;
                }

                var distance = Vec3.Distance(predicted, centres[i]);
                if (distance > gate)
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
        public TrackState(int id, Person3D person, Vec3 centre, int t)
        {
            Id = id;
            Position = centre;
            LastSeen = t;
            Bones = new BoneSignature(person.Skeleton.Bones.Count);
            Bones.Add(person);
        }

        public int Id { get; }

        public Vec3 Position { get; private set; }

        /// <summary>mm per frame.</summary>
        public Vec3 Velocity { get; private set; }

        public int LastSeen { get; private set; }

        public BoneSignature Bones { get; }

        public Vec3 Predict(int gap, int horizon) => Position + (Velocity * Math.Min(gap, horizon));

        public void Update(Person3D person, Vec3 centre, int t, TrackerOptions options)
        {
            var gap = t - LastSeen;
            if (gap > options.PredictionHorizonFrames)
            {
                // Back after a long absence: the old velocity says nothing; restart the predictor here.
                Position = centre;
                Velocity = Vec3.Zero;
            }
            else
            {
                var predicted = Predict(gap, options.PredictionHorizonFrames);
                var residual = centre - predicted;
                Position = predicted + (residual * options.Alpha);
                Velocity += residual * (options.Beta / gap);
            }

            LastSeen = t;
            Bones.Add(person);
        }
    }
}
