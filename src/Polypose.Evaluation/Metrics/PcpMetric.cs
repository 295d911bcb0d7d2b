using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Evaluation.Conversion;
using Polypose.Evaluation.Functional;
using Polypose.Geometry;

namespace Polypose.Evaluation.Metrics;

/// <summary>
/// Shelf/Campus PCP accumulator. <see cref="Add"/> one (prediction, ground truth) frame pair at a time, then
/// <see cref="Compute"/>. Ground truth must be Shelf15 or Shelf14 (ids = actor index); predictions may use any skeleton
/// <see cref="ShelfConversion"/> understands. GT parts whose endpoints are not annotated (confidence 0) are not counted;
/// a part whose predicted endpoint is missing is wrong. World mm.
/// </summary>
public sealed class PcpMetric
{
    private const double NoOverlapCost = 1e12;
    private readonly SortedDictionary<int, ActorTally> _actors = [];
    private int _frames;

    /// <summary>Creates an empty accumulator (default: <see cref="PcpOptions.VoxelPose"/>).</summary>
    public PcpMetric(PcpOptions? options = null)
    {
        Options = options ?? PcpOptions.VoxelPose();
        if (!(Options.Alpha > 0) || !double.IsFinite(Options.Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Alpha, "PCP alpha must be a positive finite number");
        }
    }

    /// <summary>The settings.</summary>
    public PcpOptions Options { get; }

    /// <summary>Scores every (selected) GT actor of <paramref name="groundTruth"/> against <paramref name="prediction"/>.</summary>
    public void Add(Frame3D prediction, Frame3D groundTruth)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(groundTruth);
        _frames++;
        var gts = new List<Person3D>();
        foreach (var g in groundTruth.People)
        {
            if (!KnownSkeletons.IsShelf(g.Skeleton))
            {
                throw new ArgumentException(
                    $"PCP ground truth must be shelf15 or shelf14; frame {groundTruth.FrameIndex} person {g.Id} is {g.Skeleton.Name}",
                    nameof(groundTruth));
            }

            if (Options.Actors is null || Options.Actors.Contains(g.Id))
            {
                gts.Add(ShelfConversion.ToShelf15(g, Options.HeadRule));
            }
        }

        var preds = prediction.People.Select(p => ShelfConversion.ToShelf15(p, Options.HeadRule)).ToList();
        var match = Options.Protocol == PcpProtocol.VoxelPose ? MatchNearest(gts, preds) : MatchHungarian(gts, preds);
        for (var i = 0; i < gts.Count; i++)
        {
            var tally = Tally(gts[i].Id);
            tally.Instances++;
            var p = match[i] >= 0 ? preds[match[i]] : null;
            if (p is not null)
            {
                var e = Mpjpe14(p, gts[i]);
                if (e.IsValid && e.Value < Options.RecallThreshold)
                {
                    tally.Recalled++;
                }
            }

            if (p is null && Options.Protocol == PcpProtocol.FourDAssociation)
            {
                continue;
            }

            tally.Scored++;
            ScoreParts(p, gts[i], tally);
        }
    }

    /// <summary>Builds the report from everything added so far.</summary>
    public PcpReport Compute()
    {
        var parts = ShelfPart.All;
        var actors = new List<PcpActorReport>();
        var groupCorrect = new int[Enum.GetValues<BoneGroup>().Length];
        var groupTotal = new int[groupCorrect.Length];
        int instances = 0, recalled = 0;
        foreach (var (id, t) in _actors)
        {
            var counts = new List<PcpCount>(parts.Count);
            for (var k = 0; k < parts.Count; k++)
            {
                counts.Add(PcpCount.Of(parts[k].Name, t.Correct[k], t.Total[k]));
                groupCorrect[(int)parts[k].Group] += t.Correct[k];
                groupTotal[(int)parts[k].Group] += t.Total[k];
            }

            var total = t.Total.Sum();
            actors.Add(new PcpActorReport(
                id, t.Instances, t.Scored, total > 0 ? (double)t.Correct.Sum() / total : null, counts, Rate(t.Recalled, t.Instances)));
            instances += t.Instances;
            recalled += t.Recalled;
        }

        var averaged = actors.Where(a => Options.AverageActors.Contains(a.ActorId) && a.Pcp.HasValue).Select(a => a.Pcp!.Value).ToList();
        var groups = Enum.GetValues<BoneGroup>().Select(g => PcpCount.Of(g.ToString(), groupCorrect[(int)g], groupTotal[(int)g])).ToList();
        return new PcpReport(
            Options.Protocol == PcpProtocol.VoxelPose ? "voxelpose" : "4d-association",
            Options.Describe(),
            Options.Alpha,
            Options.Comparison == PcpComparison.LessOrEqual ? "<=" : "<",
            _frames,
            actors,
            [.. Options.AverageActors],
            averaged.Count > 0 ? averaged.Average() : null,
            groups,
            instances,
            Rate(recalled, instances),
            Options.RecallThreshold);
    }

    private static double? Rate(int a, int b) => b > 0 ? (double)a / b : null;

    private ActorTally Tally(int id)
    {
        if (!_actors.TryGetValue(id, out var t))
        {
            t = new ActorTally();
            _actors[id] = t;
        }

        return t;
    }

    /// <summary>VoxelPose: each GT takes the prediction with the smallest 14-joint MPJPE (−1 when none overlaps).</summary>
    private static int[] MatchNearest(List<Person3D> gts, List<Person3D> preds)
    {
        var match = new int[gts.Count];
        for (var i = 0; i < gts.Count; i++)
        {
            match[i] = -1;
            var best = double.PositiveInfinity;
            for (var j = 0; j < preds.Count; j++)
            {
                var e = Mpjpe14(preds[j], gts[i]);
                if (e.IsValid && e.Value < best)
                {
                    best = e.Value;
                    match[i] = j;
                }
            }
        }

        return match;
    }

    /// <summary>4D Association: Hungarian on the summed 15-joint distance (mean over joints present in both × 15).</summary>
    private static int[] MatchHungarian(List<Person3D> gts, List<Person3D> preds)
    {
        var cost = new double[gts.Count, preds.Count];
        for (var i = 0; i < gts.Count; i++)
        {
            for (var j = 0; j < preds.Count; j++)
            {
                var e = PoseErrors.Mpjpe(preds[j].Joints, gts[i].Joints, Both(preds[j], gts[i], 15));
                cost[i, j] = e.IsValid ? e.Value * 15 : NoOverlapCost;
            }
        }

        var match = LinearAssignment.Solve(cost);
        for (var i = 0; i < match.Length; i++)
        {
            if (match[i] >= 0 && cost[i, match[i]] >= NoOverlapCost)
            {
                match[i] = -1;
            }
        }

        return match;
    }

    private static JointErrorResult Mpjpe14(Person3D pred, Person3D gt) =>
        PoseErrors.Mpjpe(pred.Joints.AsSpan(0, 14), gt.Joints.AsSpan(0, 14), Both(pred, gt, 14));

    private static bool[] Both(Person3D a, Person3D b, int count)
    {
        var mask = new bool[count];
        for (var j = 0; j < count; j++)
        {
            mask[j] = a.Confidence[j] > 0 && b.Confidence[j] > 0;
        }

        return mask;
    }

    private void ScoreParts(Person3D? pred, Person3D gt, ActorTally tally)
    {
        var parts = ShelfPart.All;
        for (var k = 0; k < parts.Count; k++)
        {
            if (!TryEndpoint(gt, parts[k].Start, out var gs) || !TryEndpoint(gt, parts[k].End, out var ge))
            {
                continue;
            }

            tally.Total[k]++;
            if (pred is not null && TryEndpoint(pred, parts[k].Start, out var ps) && TryEndpoint(pred, parts[k].End, out var pe)
                && Pcp.IsCorrect(ps, pe, gs, ge, Options.Alpha, Options.Comparison))
            {
                tally.Correct[k]++;
            }
        }
    }

    /// <summary>A part endpoint; the hip centre is the mean of the hips (VoxelPose) or joint 14 (4D Association).</summary>
    private bool TryEndpoint(Person3D p, int joint, out Vec3 position)
    {
        if (joint == ShelfPart.HipCentre && Options.Protocol == PcpProtocol.VoxelPose)
        {
            var ok = p.Confidence[2] > 0 && p.Confidence[3] > 0;
            position = ok ? (p.Joints[2] + p.Joints[3]) / 2 : Vec3.Zero;
            return ok;
        }

        position = p.Joints[joint];
        return p.Confidence[joint] > 0;
    }

    private sealed class ActorTally
    {
        public int[] Correct { get; } = new int[ShelfPart.All.Count];

        public int[] Total { get; } = new int[ShelfPart.All.Count];

        public int Instances { get; set; }

        public int Scored { get; set; }

        public int Recalled { get; set; }
    }
}
