using Polypose.Association;

namespace Polypose.Evaluation.Association;

/// <summary>
/// Pairwise precision, recall and F1 of "these two detections (in different views of one frame) are the same person",
/// from an <see cref="ICrossViewAssigner"/>'s groups against the true identity of every detection (synthetic scenes,
/// <c>detection_identities.json</c>). Per frame:
/// <list type="bullet">
/// <item>true pairs: every two detections in different views with the same id ≥ 0 (a person detected twice in one view
/// makes two true pairs with each of its other-view detections, of which an assigner can claim one);</item>
/// <item>predicted pairs: every two members of one group (groups hold one detection per view, so members are in
/// different views); a predicted pair is correct when both ids are equal and ≥ 0;</item>
/// <item>distractors (id −1, detections of nobody) form no true pair; every predicted pair touching one is wrong, so
/// grouping a distractor costs precision, leaving it out costs nothing; they are also counted apart
/// (<see cref="AssociationAccuracyReport.DistractorsGrouped"/>).</item>
/// </list>
/// Detections the assigner leaves out (singletons, near-duplicates) only lower recall.
/// </summary>
public sealed class AssociationAccuracyMetric
{
    private readonly Dictionary<int, int> _count = [];
    private readonly HashSet<long> _grouped = [];
    private long _true;
    private long _predicted;
    private long _correct;
    private long _distractorPairs;
    private long _detections;
    private long _distractors;
    private long _distractorsGrouped;
    private int _frames;

    /// <summary>
    /// Adds one frame: <paramref name="result"/> the assigner's groups (detection index per view, −1 = absent),
    /// <paramref name="identities"/>[v][d] the true id of detection d of view v (−1 = distractor). Throws
    /// <see cref="ArgumentException"/> when a group has another view count or names a detection that does not exist.
    /// </summary>
    public void Add(AssociationResult result, IReadOnlyList<int[]> identities)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(identities);
        _frames++;
        CountTruePairs(identities);
        if (result.GroupCount > 0 && result.ViewCount != identities.Count)
        {
            throw new ArgumentException($"the groups have {result.ViewCount} views, the identities {identities.Count}", nameof(result));
        }

        _grouped.Clear();
        for (var g = 0; g < result.GroupCount; g++)
        {
            var group = result.Group(g);
            for (var a = 0; a < group.Length; a++)
            {
                if (group[a] < 0)
                {
                    continue;
                }

                var idA = Identity(identities, a, group[a]);
                if (idA < 0 && _grouped.Add(((long)a << 32) | (uint)group[a]))
                {
                    _distractorsGrouped++;
                }

                for (var b = a + 1; b < group.Length; b++)
                {
                    if (group[b] < 0)
                    {
                        continue;
                    }

                    var idB = Identity(identities, b, group[b]);
                    _predicted++;
                    if (idA < 0 || idB < 0)
                    {
                        _distractorPairs++;
                    }
                    else if (idA == idB)
                    {
                        _correct++;
                    }
                }
            }
        }
    }

    /// <summary>The report over every frame added so far.</summary>
    public AssociationAccuracyReport Compute()
    {
        var precision = _predicted == 0 ? 1.0 : (double)_correct / _predicted;
        var recall = _true == 0 ? 1.0 : (double)_correct / _true;
        var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new AssociationAccuracyReport(precision, recall, f1, _true, _predicted, _correct, _distractorPairs, _detections, _distractors, _distractorsGrouped, _frames);
    }

    private void CountTruePairs(IReadOnlyList<int[]> identities)
    {
        // Σ over view pairs (a < b) of Σ over ids of count_a(id)·count_b(id) = Σ_id [(Σ_v c_v)² − Σ_v c_v²] / 2.
        _count.Clear();
        long squares = 0;
        foreach (var view in identities)
        {
            ArgumentNullException.ThrowIfNull(view, nameof(identities));
            _detections += view.Length;
            foreach (var id in view)
            {
                if (id < 0)
                {
                    _distractors++;
                }
            }

            foreach (var id in view.Where(i => i >= 0).Distinct())
            {
                long c = view.Count(i => i == id);
                squares += c * c;
                _count[id] = _count.GetValueOrDefault(id) + (int)c;
            }
        }

        long total = 0;
        foreach (var c in _count.Values)
        {
            total += (long)c * c;
        }

        _true += (total - squares) / 2;
    }

    private static int Identity(IReadOnlyList<int[]> identities, int view, int detection)
    {
        var ids = identities[view];
        if (detection >= ids.Length)
        {
            throw new ArgumentException($"a group names detection {detection} of view {view}, which has {ids.Length}", nameof(identities));
        }

        return ids[detection];
    }
}
