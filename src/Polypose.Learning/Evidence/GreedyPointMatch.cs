using Polypose.Geometry;

namespace Polypose.Learning.Evidence;

/// <summary>
/// Greedy global nearest-pair one-to-one matching of 2D points (DisPOSE 2.3 <c>align_pred_to_gt</c>): repeatedly take
/// the closest remaining (candidate, target) pair not farther than the radius (ties: lower candidate, then lower
/// target index) until none is left.
/// </summary>
public static class GreedyPointMatch
{
    /// <summary>
    /// Matches <paramref name="candidates"/> to <paramref name="targets"/> (null entries take no part); returns, per
    /// candidate, the matched target index or −1.
    /// </summary>
    public static int[] Match(IReadOnlyList<Vec2?> candidates, IReadOnlyList<Vec2?> targets, double radius)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(targets);
        var pairs = new List<(double Distance, int Candidate, int Target)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i] is not { } c)
            {
                continue;
            }

            for (var k = 0; k < targets.Count; k++)
            {
                if (targets[k] is { } t)
                {
                    var d = (c - t).Length;
                    if (d <= radius)
                    {
                        pairs.Add((d, i, k));
                    }
                }
            }
        }

        pairs.Sort();
        var result = Enumerable.Repeat(-1, candidates.Count).ToArray();
        var taken = new bool[targets.Count];
        foreach (var (_, i, k) in pairs)
        {
            if (result[i] < 0 && !taken[k])
            {
                result[i] = k;
                taken[k] = true;
            }
        }

        return result;
    }
}
