using Polypose.Core.Poses;

namespace Polypose.Evidence.Tests.Reference;

/// <summary>
/// Frozen copy of the original allocating <see cref="PafPersonParser"/> (before the reusable-instance rewrite), kept only as
/// the reference the new parser must match bit for bit. Do not optimise it.
/// OpenPose-style bottom-up person assembly from joint candidates and part-affinity matrices (<see cref="PafFrame"/>).
/// <list type="number">
/// <item>The limbs are ordered as a spanning tree grown breadth-first from the neck (or the skeleton's root when it has
/// no neck); limbs that close a loop (e.g. BODY25's shoulder → ear) are kept aside.</item>
/// <item>Per tree limb, parent side first: candidate pairs with affinity &gt; 0 and ≥
/// <see cref="PafParserOptions.MinAffinity"/> are taken greedily by descending affinity (ties: lower indices first),
/// each candidate at most once per limb. A pair extends the person that owns its parent-side candidate, or starts a
/// new person.</item>
/// <item>Loop limbs, greedy in the same way, merge two persons that share no joint type, or add an unassigned
/// candidate to a person lacking that joint.</item>
/// <item>Persons with fewer than <see cref="PafParserOptions.MinJoints"/> joints, or a mean score (joint scores plus
/// connection affinities, over the joint count) below <see cref="PafParserOptions.MinMeanScore"/>, are dropped.</item>
/// </list>
/// Every candidate ends up in at most one person. Output persons are in the frame's skeleton (pixels), sorted by total
/// score, descending. Deterministic: no randomness, and all ties are broken by index.
/// </summary>
internal static class ReferencePafParser
{
    /// <summary>Parses one view's evidence into persons.</summary>
    /// <exception cref="ArgumentException">The candidate lists or affinity matrices do not match the skeleton and limbs.</exception>
    public static IReadOnlyList<Person2D> Parse(PafFrame frame, PafParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= PafParserOptions.Default;
        Validate(frame);
        var (tree, loops) = LimbOrder(frame);
        var state = new ReferencePersonAssembler(frame, options);
        foreach (var (limb, flipped) in tree)
        {
            foreach (var (parent, child, value) in state.Greedy(limb, flipped))
            {
                state.Extend(limb, flipped, parent, child, value);
            }
        }

        foreach (var limb in loops)
        {
            foreach (var (a, b, value) in state.Greedy(limb, flipped: false))
            {
                state.Join(limb, a, b, value);
            }
        }

        return state.Persons(options);
    }

    /// <summary>Parses every view of a frame (view order kept).</summary>
    public static IReadOnlyList<IReadOnlyList<Person2D>> ParseViews(IReadOnlyList<PafFrame> views, PafParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(views);
        return [.. views.Select(v => Parse(v, options))];
    }

    /// <summary>
    /// Tree limbs in breadth-first order from the neck/root (with whether the limb runs child → parent), then the
    /// limbs that close loops, in PAF order.
    /// </summary>
    public static (List<(int Limb, bool Flipped)> Tree, List<int> Loops) LimbOrder(PafFrame frame)
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

    private static void Validate(PafFrame frame)
    {
        var skeleton = frame.Skeleton;
        if (frame.Candidates.Count != skeleton.JointCount)
        {
            throw new ArgumentException($"{frame.Candidates.Count} candidate lists for the {skeleton.JointCount} joints of {skeleton.Name}", nameof(frame));
        }

        if (frame.Affinity.Count != frame.Limbs.Count)
        {
            throw new ArgumentException($"{frame.Affinity.Count} affinity matrices for {frame.Limbs.Count} limbs", nameof(frame));
        }

        for (var l = 0; l < frame.Limbs.Count; l++)
        {
            var (a, b) = frame.Limbs[l];
            if ((uint)a >= (uint)skeleton.JointCount || (uint)b >= (uint)skeleton.JointCount || a == b)
            {
                throw new ArgumentException($"limb {l} ({a}, {b}) is not a pair of distinct joints of {skeleton.Name}", nameof(frame));
            }

            var m = frame.Affinity[l];
            if (m.GetLength(0) != frame.Candidates[a].Length || m.GetLength(1) != frame.Candidates[b].Length)
            {
                throw new ArgumentException($"affinity {l} is {m.GetLength(0)}x{m.GetLength(1)} but joints {a} and {b} have {frame.Candidates[a].Length} and {frame.Candidates[b].Length} candidates", nameof(frame));
            }
        }
    }
}
