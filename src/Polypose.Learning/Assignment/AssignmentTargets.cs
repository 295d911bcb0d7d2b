using Polypose.Tensors;

namespace Polypose.Learning.Assignment;

/// <summary>
/// Training targets of Stage I (DisPOSE 3.5 step 2, 3.6). The pseudo-label identity of every node slot is given as
/// <c>[samples, views, slots]</c> person ids (−1: no pseudo-label person, a distractor). A person's ground-truth tuple
/// picks, per view, its node or the dustbin; an edge is positive when it equals that tuple exactly (dustbins included),
/// so a person seen in one view has a singleton positive and a person whose tuple was filtered out has none.
/// </summary>
public static class AssignmentTargets
{
    /// <summary>Logit of a positive edge in the clean target before projection.</summary>
    public const float PositiveLogit = 5f;

    /// <summary><c>[edges]</c>: whether each edge is exactly the tuple of one person.</summary>
    public static bool[] PositiveEdges(CandidateHyperedges graph, ReadOnlySpan<int> nodePerson)
    {
        ArgumentNullException.ThrowIfNull(graph);
        CheckLength(graph, nodePerson.Length);
        var result = new bool[graph.EdgeCount];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var b = graph.EdgeSample[e];
            var person = -1;
            var ok = true;
            for (var v = 0; v < graph.Views && ok; v++)
            {
                var n = graph.Slot(e, v);
                if (n < 0)
                {
                    continue;
                }

                var id = graph.NodeMask[graph.NodeIndex(b, v, n)] ? nodePerson[graph.NodeIndex(b, v, n)] : -1;
                ok = id >= 0 && (person < 0 || person == id);
                person = id;
            }

            if (!ok || person < 0)
            {
                continue;
            }

            // Every view where the person has a node must pick it; the others must be dustbins.
            for (var v = 0; v < graph.Views && ok; v++)
            {
                var own = -1;
                for (var n = 0; n < graph.Slots; n++)
                {
                    var i = graph.NodeIndex(b, v, n);
                    if (graph.NodeMask[i] && nodePerson[i] == person)
                    {
                        own = n;
                        break;
                    }
                }

                ok = graph.Slot(e, v) == own;
            }

            result[e] = ok;
        }

        return result;
    }

    /// <summary><c>[edges]</c>: +5 for positive edges, −5 otherwise (the clean logits, projected by 4 Sinkhorn sweeps).</summary>
    public static Tensor CleanLogits(CandidateHyperedges graph, ReadOnlySpan<int> nodePerson)
    {
        var positive = PositiveEdges(graph, nodePerson);
        return Tensor.FromArray(Array.ConvertAll(positive, p => p ? PositiveLogit : -PositiveLogit), positive.Length);
    }

    /// <summary>
    /// The training node mask <c>[samples, views, slots]</c>: the graph's nodes, minus those without a person id when
    /// <paramref name="mode"/> is <see cref="DistractorNodes.Remove"/> (the reference); apply it with
    /// <see cref="CandidateHyperedges.WithNodes"/>.
    /// </summary>
    public static bool[] TrainingNodeMask(CandidateHyperedges graph, ReadOnlySpan<int> nodePerson, DistractorNodes mode)
    {
        ArgumentNullException.ThrowIfNull(graph);
        CheckLength(graph, nodePerson.Length);
        var mask = graph.NodeMask.ToArray();
        if (mode == DistractorNodes.Remove)
        {
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] &= nodePerson[i] >= 0;
            }
        }

        return mask;
    }

    /// <summary>
    /// View-dropout augmentation (DisPOSE 3.6): for every person seen in more than two views, with probability
    /// <paramref name="probability"/> (reference 0.2) one of its views, drawn uniformly, loses that person's node (the
    /// slot becomes empty and its id −1). Returns the new node mask and ids <c>[samples, views, slots]</c>; edges touching
    /// removed nodes fall away with <see cref="CandidateHyperedges.WithNodes"/>. Persons are visited in increasing
    /// (sample, id) order, so a seeded generator gives the same result every run.
    /// </summary>
    public static (bool[] NodeMask, int[] NodePerson) ViewDropout(CandidateHyperedges graph, ReadOnlySpan<int> nodePerson, double probability, Random random)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(random);
        CheckLength(graph, nodePerson.Length);
        var mask = graph.NodeMask.ToArray();
        var ids = nodePerson.ToArray();
        for (var b = 0; b < graph.Samples; b++)
        {
            var persons = new SortedDictionary<int, List<int>>();
            for (var v = 0; v < graph.Views; v++)
            {
                for (var n = 0; n < graph.Slots; n++)
                {
                    var i = graph.NodeIndex(b, v, n);
                    if (mask[i] && ids[i] >= 0)
                    {
                        if (!persons.TryGetValue(ids[i], out var list))
                        {
                            persons[ids[i]] = list = [];
                        }

                        list.Add(i);
                    }
                }
            }

            foreach (var (_, slots) in persons)
            {
                if (slots.Count > 2 && random.NextDouble() < probability)
                {
                    var drop = slots[random.Next(slots.Count)];
                    mask[drop] = false;
                    ids[drop] = -1;
                }
            }
        }

        return (mask, ids);
    }

    private static void CheckLength(CandidateHyperedges graph, int length)
    {
        if (length != graph.NodeSlotCount)
        {
            throw new ArgumentException($"nodePerson has {length} entries, expected samples·views·slots = {graph.NodeSlotCount}");
        }
    }
}
