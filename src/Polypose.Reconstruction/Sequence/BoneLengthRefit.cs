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
/// </summary>
public sealed partial class BoneLengthRefit(BoneRefitOptions? options = null)
{
    /// <summary>The settings in use.</summary>
    public BoneRefitOptions Options { get; } = options ?? new BoneRefitOptions();

    /// <summary>
    /// Refits <paramref name="poses"/> against <paramref name="detections"/> (matched by <see cref="Frame3D.FrameIndex"/>
    /// = <see cref="MultiViewFrame.FrameIndex"/>; a pose frame without detections is passed through). Returns new frames.
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

        var lengths = Lengths(poses);
        var solver = new Solver(Options);
        var result = new Frame3D[poses.Count];
        for (var f = 0; f < poses.Count; f++)
        {
            var frame = poses[f];
            if (!byFrame.TryGetValue(frame.FrameIndex, out var views))
            {
                result[f] = frame;
                continue;
            }

            var people = new Person3D[frame.People.Count];
            for (var p = 0; p < people.Length; p++)
            {
                var person = frame.People[p];
                people[p] = lengths.TryGetValue(person.Id, out var own) ? solver.Refit(cameras, views.Views, person, own) : person;
            }

            result[f] = frame with { People = people };
        }

        return result;
    }

    /// <summary>Per track id: segment (joint pair) → median length (mm), NaN where fewer than MinFrames frames had it.</summary>
    private Dictionary<int, (int A, int B, double Length)[]> Lengths(IReadOnlyList<Frame3D> poses)
    {
        var samples = new Dictionary<int, List<double>[]>();
        var segmentsById = new Dictionary<int, IReadOnlyList<(int A, int B)>>();
        foreach (var frame in poses)
        {
            foreach (var person in frame.People)
            {
                if (!segmentsById.TryGetValue(person.Id, out var segments))
                {
                    segments = RigidSegments.Of(person.Skeleton);
                    segmentsById[person.Id] = segments;
                    samples[person.Id] = [.. segments.Select(_ => new List<double>())];
                }

                var lists = samples[person.Id];
                for (var s = 0; s < segments.Count; s++)
                {
                    var (a, b) = segments[s];
                    if (a < person.Joints.Length && b < person.Joints.Length && person.Has(a) && person.Has(b))
                    {
                        lists[s].Add(Vec3.Distance(person.Joints[a], person.Joints[b]));
                    }
                }
            }
        }

        var result = new Dictionary<int, (int, int, double)[]>();
        foreach (var (id, segments) in segmentsById)
        {
            var lists = samples[id];
            var own = new List<(int, int, double)>();
            for (var s = 0; s < segments.Count; s++)
            {
                if (lists[s].Count >= Options.MinFrames)
                {
                    own.Add((segments[s].A, segments[s].B, Median(lists[s])));
                }
            }

            if (own.Count > 0)
            {
                result[id] = [.. own];
            }
        }

        return result;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[(n / 2) - 1] + values[n / 2]);
    }
}
