using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Evidence;

/// <summary>The limb visiting order (spanning tree from the neck, then loop limbs), cached per skeleton and limb layout.</summary>
public sealed partial class PafPersonParser
{
    private Skeleton? _orderSkeleton;
    private (int From, int To)[] _orderLimbs = [];
    private (int Limb, bool Flipped)[] _tree = [];
    private int[] _loops = [];

    /// <summary>
    /// Makes <c>_tree</c> and <c>_loops</c> the limb order of <paramref name="frame"/>: kept while the skeleton (same
    /// instance) and the limb list (same pairs in the same order) are those of the previous frame, recomputed otherwise.
    /// </summary>
    private void UpdateLimbOrder(PafFrame frame)
    {
        if (!ReferenceEquals(_orderSkeleton, frame.Skeleton) || !SameLimbs(frame.Limbs))
        {
            var (tree, loops) = LimbOrder(frame);
            _tree = [.. tree];
            _loops = [.. loops];
            _orderLimbs = [.. frame.Limbs];
            _orderSkeleton = frame.Skeleton;
        }
    }

    private bool SameLimbs(IReadOnlyList<(int From, int To)> limbs)
    {
        if (limbs.Count != _orderLimbs.Length)
        {
            return false;
        }

        for (var l = 0; l < limbs.Count; l++)
        {
            if (limbs[l] != _orderLimbs[l])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Tree limbs in breadth-first order from the neck/root (with whether the limb runs child → parent), then the
    /// limbs that close loops, in PAF order.
    /// </summary>
    internal static (List<(int Limb, bool Flipped)> Tree, List<int> Loops) LimbOrder(PafFrame frame)
    {
        var skeleton = frame.Skeleton;
        var limbs = frame.Limbs;
        var visited = new bool[skeleton.JointCount];
        var inTree = new bool[limbs.Count];
        var tree = new List<(int, bool)>();
        var neck = skeleton.IndexOf("neck");
        var starts = new List<int>();
        if (neck >= 0)
        {
            starts.Add(neck);
        }

        starts.AddRange(Enumerable.Range(0, skeleton.JointCount).Where(j => skeleton.Parents[j] < 0));
        starts.AddRange(Enumerable.Range(0, skeleton.JointCount));
        var queue = new Queue<int>();
        foreach (var start in starts)
        {
            if (visited[start])
            {
                continue;
            }

            visited[start] = true;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var j = queue.Dequeue();
                for (var l = 0; l < limbs.Count; l++)
                {
                    var (from, to) = limbs[l];
                    var other = from == j ? to : to == j ? from : -1;
                    if (inTree[l] || other < 0 || visited[other])
                    {
                        continue;
                    }

                    inTree[l] = true;
                    visited[other] = true;
                    tree.Add((l, from != j));
                    queue.Enqueue(other);
                }
            }
        }

        return (tree, [.. Enumerable.Range(0, limbs.Count).Where(l => !inTree[l])]);
    }
}
