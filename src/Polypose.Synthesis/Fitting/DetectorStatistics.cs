using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Synthesis.Detection;

namespace Polypose.Synthesis.Fitting;

/// <summary>
/// Error, confidence and miss statistics of a 2D detector against projected 3D ground truth, on the twelve limb joints
/// that BODY25 shares with the Shelf ground truth. Errors are fractions of the apparent height A (see
/// <see cref="ApparentSize"/>). For each ground-truth joint that projects inside the image, the nearest candidate of
/// that joint type within <see cref="Gate"/>·A is its match; when there is none, the joint counts as missed.
/// </summary>
public sealed partial record DetectorStatistics
{
    /// <summary>Upper edges of the error bins of <see cref="ConfidenceByError"/>, fractions of A.</summary>
    public static IReadOnlyList<double> ErrorBinEdges { get; } = [0.01, 0.02, 0.04, 0.08, double.PositiveInfinity];

    /// <summary>The compared joints (names shared by BODY25 and Shelf-15).</summary>
    public static IReadOnlyList<string> JointNames { get; } =
    [
        "right_shoulder", "right_elbow", "right_wrist", "left_shoulder", "left_elbow", "left_wrist",
        "right_hip", "right_knee", "right_ankle", "left_hip", "left_knee", "left_ankle",
    ];

    /// <summary>The match gate, fraction of A.</summary>
    public required double Gate { get; init; }

    /// <summary>Per compared joint: ground-truth joints inside the image.</summary>
    public required IReadOnlyList<int> Counts { get; init; }

    /// <summary>Per compared joint: of those, how many had no candidate within the gate.</summary>
    public required IReadOnlyList<int> Misses { get; init; }

    /// <summary>Per compared joint: median matched error, fraction of A (0 when nothing matched).</summary>
    public required IReadOnlyList<double> MedianError { get; init; }

    /// <summary>All matched errors pooled and sorted ascending, fractions of A.</summary>
    public required IReadOnlyList<double> Errors { get; init; }

    /// <summary>Mean score per error bin (<see cref="ErrorBinEdges"/>), with the bin's sample count.</summary>
    public required IReadOnlyList<(int Count, double MeanScore)> ConfidenceByError { get; init; }

    /// <summary>Least-squares line score = intercept − slope·error over matched joints.</summary>
    public required (double Intercept, double Slope, double ResidualSd) ScoreLine { get; init; }

    /// <summary>Mean score of matched joints.</summary>
    public required double MeanScore { get; init; }

    /// <summary>Per compared joint miss rate (0 when the joint was never in view).</summary>
    public IReadOnlyList<double> MissRates => [.. Counts.Select((c, i) => c == 0 ? 0 : (double)Misses[i] / c)];

    /// <summary>Overall miss rate.</summary>
    public double OverallMissRate => Counts.Sum() == 0 ? 0 : (double)Misses.Sum() / Counts.Sum();

    /// <summary>The q-quantile (0–1) of the pooled matched errors (linear interpolation; 0 when empty).</summary>
    public double ErrorQuantile(double q) => Quantile(Errors, q);

    /// <summary>
    /// Measures a detector. <paramref name="groundTruth"/>[f] and <paramref name="candidates"/>[f][v][j] must be aligned by
    /// frame; candidates are per BODY25 joint type, in pixels of view v. Ground-truth people may use any skeleton that
    /// names the compared joints; people lacking one are skipped.
    /// </summary>
    public static DetectorStatistics Measure(
        IReadOnlyList<Camera> cameras,
        IReadOnlyList<Frame3D> groundTruth,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<Keypoint2D>[]>> candidates,
        double gate = 0.15)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(candidates);
        if (groundTruth.Count != candidates.Count)
        {
            throw new ArgumentException($"ground truth has {groundTruth.Count} frames but the detections have {candidates.Count}");
        }

        var acc = new Accumulator(gate);
        var body25 = JointNames.Select(n => KnownSkeletons.Body25[n]).ToArray();
        for (var f = 0; f < groundTruth.Count; f++)
        {
            for (var v = 0; v < cameras.Count; v++)
            {
                var cands = candidates[f][v];
                foreach (var person in groundTruth[f].People)
                {
                    acc.AddPerson(cameras[v], person, cands, body25);
                }
            }
        }

        return acc.Finish();
    }

    /// <summary>Measures a synthetic scene's detections against its own ground truth (detections flattened to candidates).</summary>
    public static DetectorStatistics Measure(SyntheticScene scene, double gate = 0.15)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return Measure(scene.Cameras, scene.GroundTruth, [.. scene.Detections.Select(f => (IReadOnlyList<IReadOnlyList<Keypoint2D>[]>)[.. f.Views.Select(ToCandidates)])], gate);
    }

    /// <summary>Flattens person detections of one view into candidates per BODY25 joint type.</summary>
    public static IReadOnlyList<Keypoint2D>[] ToCandidates(IReadOnlyList<Person2D> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var lists = new List<Keypoint2D>[25];
        for (var j = 0; j < 25; j++)
        {
            lists[j] = [];
        }

        foreach (var p in people)
        {
            for (var j = 0; j < Math.Min(25, p.Joints.Length); j++)
            {
                if (p.Joints[j].IsPresent)
                {
                    lists[j].Add(p.Joints[j]);
                }
            }
        }

        return lists;
    }

    internal static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var x = Math.Clamp(q, 0, 1) * (sorted.Count - 1);
        var i = (int)Math.Floor(x);
        var k = Math.Min(i + 1, sorted.Count - 1);
        return sorted[i] + ((sorted[k] - sorted[i]) * (x - i));
    }
}
