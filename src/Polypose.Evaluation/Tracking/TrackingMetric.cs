using Polypose.Core.Poses;
using Polypose.Evaluation.Functional;

namespace Polypose.Evaluation.Tracking;

/// <summary>
/// Scores predicted tracks against ground truth with ids. CLEAR-MOT (Bernardin and Stiefelhagen 2008): per frame, a
/// ground-truth person keeps the prediction it corresponded to in its previous correspondence when that prediction is
/// still within the threshold; the rest are matched by minimum-cost assignment on the mean per-joint distance
/// (<see cref="PoseDistance"/>) below <see cref="TrackingMetricOptions.ThresholdMm"/>; a new correspondence whose
/// predicted id differs from the person's previous one is an id switch. IDF1 (Ristani et al. 2016): ground-truth ids and
/// predicted ids are mapped one-to-one to maximise the number of frames in which mapped pairs are within the
/// threshold (IDTP). Frames are paired by frame number; a ground-truth frame without a prediction frame has no predictions.
/// </summary>
public static class TrackingMetric
{
    /// <summary>Computes the report over the frames of <paramref name="groundTruth"/>.</summary>
    public static TrackingReport Compute(IReadOnlyList<Frame3D> predictions, IReadOnlyList<Frame3D> groundTruth, TrackingMetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(groundTruth);
        options ??= new TrackingMetricOptions();
        var threshold = options.ThresholdMm;
        var byFrame = new Dictionary<int, Frame3D>();
        foreach (var p in predictions)
        {
            byFrame[p.FrameIndex] = p;
        }

        var gtIds = groundTruth.SelectMany(f => f.People).Select(p => p.Id).Distinct().Order().ToList();
        var gtIndex = gtIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var predIdsSet = new SortedSet<int>();
        var idtpPairs = new Dictionary<(int Gt, int Pred), int>();
        var last = new Dictionary<int, int>();
        var instances = new int[gtIds.Count];
        var matchesPer = new int[gtIds.Count];
        var switchesPer = new int[gtIds.Count];
        int gtCount = 0, predCount = 0, matches = 0, switches = 0;
        double distanceSum = 0;
        foreach (var gtFrame in groundTruth)
        {
            var gts = gtFrame.People;
            var preds = byFrame.TryGetValue(gtFrame.FrameIndex, out var pf) ? pf.People : [];
            gtCount += gts.Count;
            predCount += preds.Count;
            foreach (var p in preds)
            {
                predIdsSet.Add(p.Id);
            }

            var d = new double[gts.Count, preds.Count];
            for (var g = 0; g < gts.Count; g++)
            {
                instances[gtIndex[gts[g].Id]]++;
                for (var p = 0; p < preds.Count; p++)
                {
                    d[g, p] = PoseDistance.Mean(preds[p], gts[g]);
                    if (d[g, p] < threshold)
                    {
                        var key = (gts[g].Id, preds[p].Id);
                        idtpPairs[key] = idtpPairs.GetValueOrDefault(key) + 1;
                    }
                }
            }

            var gtToPred = MatchFrame(gts, preds, d, threshold, last);
            for (var g = 0; g < gts.Count; g++)
            {
                var p = gtToPred[g];
                if (p < 0)
                {
                    continue;
                }

                var gid = gts[g].Id;
                var gi = gtIndex[gid];
                matches++;
                matchesPer[gi]++;
                distanceSum += d[g, p];
                if (last.TryGetValue(gid, out var previous) && previous != preds[p].Id)
                {
                    switches++;
                    switchesPer[gi]++;
                }

                last[gid] = preds[p].Id;
            }
        }

        var predIds = predIdsSet.ToList();
        var (idtp, mapping) = IdentityMatch(gtIds, predIds, idtpPairs);
        var misses = gtCount - matches;
        var falsePositives = predCount - matches;
        var people = gtIds.Select((id, i) => new TrackedPersonReport(id, instances[i], matchesPer[i], switchesPer[i], mapping[i])).ToList();
        return new TrackingReport(
            threshold,
            groundTruth.Count,
            gtCount,
            predCount,
            matches,
            misses,
            falsePositives,
            switches,
            gtCount == 0 ? 0 : 1 - ((double)(misses + falsePositives + switches) / gtCount),
            matches == 0 ? double.NaN : distanceSum / matches,
            gtCount + predCount == 0 ? 0 : 2.0 * idtp / (gtCount + predCount),
            predCount == 0 ? 0 : (double)idtp / predCount,
            gtCount == 0 ? 0 : (double)idtp / gtCount,
            people);
    }

    private static int[] MatchFrame(IReadOnlyList<Person3D> gts, IReadOnlyList<Person3D> preds, double[,] d, double threshold, Dictionary<int, int> last)
    {
        var gtToPred = new int[gts.Count];
        Array.Fill(gtToPred, -1);
        var predTaken = new bool[preds.Count];

        // Keep the previous correspondences that still hold.
        for (var g = 0; g < gts.Count; g++)
        {
            if (!last.TryGetValue(gts[g].Id, out var previousId))
            {
                continue;
            }

            for (var p = 0; p < preds.Count; p++)
            {
                if (!predTaken[p] && preds[p].Id == previousId && d[g, p] < threshold)
                {
                    gtToPred[g] = p;
                    predTaken[p] = true;
                    break;
                }
            }
        }

        var freeG = Enumerable.Range(0, gts.Count).Where(g => gtToPred[g] < 0).ToList();
        var freeP = Enumerable.Range(0, preds.Count).Where(p => !predTaken[p]).ToList();
        if (freeG.Count == 0 || freeP.Count == 0)
        {
            return gtToPred;
        }

        var big = threshold * 10;
        var cost = new double[freeG.Count, freeP.Count];
        for (var a = 0; a < freeG.Count; a++)
        {
            for (var b = 0; b < freeP.Count; b++)
            {
                var v = d[freeG[a], freeP[b]];
                cost[a, b] = v < threshold ? v : big;
            }
        }

        var match = LinearAssignment.Solve(cost);
        for (var a = 0; a < freeG.Count; a++)
        {
            if (match[a] >= 0 && cost[a, match[a]] < threshold)
            {
                gtToPred[freeG[a]] = freeP[match[a]];
            }
        }

        return gtToPred;
    }

    private static (int Idtp, int[] Mapping) IdentityMatch(List<int> gtIds, List<int> predIds, Dictionary<(int Gt, int Pred), int> pairs)
    {
        var mapping = new int[gtIds.Count];
        Array.Fill(mapping, -1);
        if (gtIds.Count == 0 || predIds.Count == 0)
        {
            return (0, mapping);
        }

        var max = pairs.Count == 0 ? 0 : pairs.Values.Max();
        var cost = new double[gtIds.Count, predIds.Count];
        for (var g = 0; g < gtIds.Count; g++)
        {
            for (var p = 0; p < predIds.Count; p++)
            {
                cost[g, p] = max - pairs.GetValueOrDefault((gtIds[g], predIds[p]));
            }
        }

        var match = LinearAssignment.Solve(cost);
        var idtp = 0;
        for (var g = 0; g < gtIds.Count; g++)
        {
            if (match[g] >= 0)
            {
                var overlap = pairs.GetValueOrDefault((gtIds[g], predIds[match[g]]));
                if (overlap > 0)
                {
                    idtp += overlap;
                    mapping[g] = predIds[match[g]];
                }
            }
        }

        return (idtp, mapping);
    }
}
