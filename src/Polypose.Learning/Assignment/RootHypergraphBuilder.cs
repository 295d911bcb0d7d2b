using Polypose.Association;
using Polypose.Association.Candidates;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Learning.Evidence;

namespace Polypose.Learning.Assignment;

/// <summary>
/// The adapter between root candidates and Stage I's <see cref="CandidateHyperedges"/> (DisPOSE 3.2): each sample's
/// non-empty root candidate slots <c>[views][slots]</c> become one-joint detections of the teacher's
/// <see cref="CandidateHypergraphBuilder"/> (no second enumerator), run with DisPOSE's cue settings
/// (<see cref="CueOptions"/>): weighted midpoint pair pre-filter, hyperedges dropped above 4096 px² mean squared
/// reprojection error, cue z = exp(−0.01·d/ν) with ν = max(1, (m − 1)^(V − 1)), and every node's singleton edge listed
/// with cue 0.3. Its tuples (detection = position in the view's list of non-empty slots) are mapped back to slots.
/// A sample whose candidates lie in fewer than two views has no edges (as the reference's Sinkhorn targets, which
/// send all mass to the dustbin there). Differences from the reference: the builder also drops a hyperedge when one
/// member's own error exceeds the bound, and the pair bound follows <see cref="PairwiseBound"/>. Not thread-safe (the
/// builders are reused).
/// </summary>
public sealed class RootHypergraphBuilder
{
    /// <summary>The one-joint skeleton of a root candidate seen as a detection.</summary>
    public static readonly Skeleton RootSkeleton = new("root", ["mid_hip"], [-1]);

    private readonly Dictionary<int, CandidateHypergraphBuilder> _builders = [];

    /// <summary>Creates the adapter with the given pair bound (default: Polypose's).</summary>
    public RootHypergraphBuilder(PairwiseBound pairwise = PairwiseBound.HyperedgeBound)
    {
        Pairwise = pairwise;
    }

    /// <summary>The pair pre-filter bound in use.</summary>
    public PairwiseBound Pairwise { get; }

    /// <summary>The hyperedge bound (DisPOSE pixel_threshold 64² px²).</summary>
    public const double HyperedgeMaxReprojectionSq = 4096;

    /// <summary>The teacher's candidate settings that give DisPOSE's cue for a frame of <paramref name="views"/> views.</summary>
    public static AssociationOptions CueOptions(int views, PairwiseBound pairwise) => new()
    {
        JointScoreThreshold = 0,
        MinCommonJoints = 1,
        MinDetectionJoints = 1,
        MinDetectionScore = 0,
        PairwiseMetric = PairwiseMetric.Reprojection,
        PairwiseMaxReprojectionSq = pairwise == PairwiseBound.ViewsSquared ? HyperedgeMaxReprojectionSq * views * views : HyperedgeMaxReprojectionSq,
        HyperedgeMaxReprojectionSq = HyperedgeMaxReprojectionSq,
        CueLambda = 0.01,
        CueNormaliser = CueNormaliser.MembersPowerViews,
        ListSingletons = true,
        SingletonCue = 0.3,
        MaxImplausibleBoneFraction = 1,
        DuplicateDistanceFraction = 0,
    };

    /// <summary>
    /// Builds the hyperedges of a batch: <paramref name="candidates"/>[b][v] are the <paramref name="slots"/> root
    /// candidate slots of view v in sample b (all samples share <paramref name="cameras"/>, world-to-camera, mm).
    /// </summary>
    public CandidateHyperedges Build(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<RootCandidate[]>> candidates, int slots)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(candidates);
        var views = cameras.Count;
        var mask = new bool[candidates.Count * views * slots];
        var tuples = new List<int>();
        var edgeSample = new List<int>();
        var cue = new List<double>();
        if (!_builders.TryGetValue(views, out var builder))
        {
            builder = new CandidateHypergraphBuilder(CueOptions(views, Pairwise));
            _builders[views] = builder;
        }

        var detections = new List<Person2D>[views];
        var slotOf = new List<int>[views];
        for (var v = 0; v < views; v++)
        {
            detections[v] = [];
            slotOf[v] = [];
        }

        for (var b = 0; b < candidates.Count; b++)
        {
            if (candidates[b].Count != views)
            {
                throw new ArgumentException($"sample {b} has candidates for {candidates[b].Count} views, the rig has {views}", nameof(candidates));
            }

            for (var v = 0; v < views; v++)
            {
                detections[v].Clear();
                slotOf[v].Clear();
                var row = candidates[b][v];
                if (row.Length != slots)
                {
                    throw new ArgumentException($"sample {b}, view {v}: {row.Length} candidate slots, expected {slots}", nameof(candidates));
                }

                for (var n = 0; n < slots; n++)
                {
                    if (row[n].IsNode)
                    {
                        mask[(((b * views) + v) * slots) + n] = true;
                        detections[v].Add(new Person2D(RootSkeleton, [new Keypoint2D(row[n].Image.X, row[n].Image.Y, row[n].Score)]));
                        slotOf[v].Add(n);
                    }
                }
            }

            var graph = builder.Build(cameras, detections);
            for (var e = 0; e < graph.EdgeCount; e++)
            {
                var tuple = graph.Tuple(e);
                for (var v = 0; v < views; v++)
                {
                    tuples.Add(tuple[v] < 0 ? -1 : slotOf[v][tuple[v]]);
                }

                edgeSample.Add(b);
                cue.Add(graph.Cue(e));
            }
        }

        return new CandidateHyperedges(candidates.Count, views, slots, [.. tuples], [.. edgeSample], mask, [.. cue]);
    }
}
