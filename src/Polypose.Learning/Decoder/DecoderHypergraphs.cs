using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The two hypergraphs of a decoder layer (dispose.md 4.2 steps 4 and 8), built per batch from the masks.
/// View–joint: nodes (s, v, n, j), index ((s·V + v)·N + n)·15 + j, only where the joint is valid in the view; edges
/// (a) one per (s, v, n) joining that person's joints in that view (index (s·V + v)·N + n, attribute instance[n]) and
/// (b) one per (s, n, j) joining that joint across views (index S·V·N + (s·N + n)·15 + j, attribute joint[j]).
/// Person–part: nodes (s, n, j), index (s·N + n)·15 + j, only in valid slots; edges one per person (index s·N + n,
/// attribute instance[n]) and one per (person, part) (index S·N + (s·N + n)·6 + part, attribute part[part]).
/// </summary>
public static class DecoderHypergraphs
{
    /// <summary>The view–joint hypergraph of <paramref name="valid"/> <c>[S, V, N·15]</c> (bool).</summary>
    public static HypergraphIncidence ViewJoint(Tensor valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        int s = valid.Size(0), v = valid.Size(1), p = valid.Size(2), j = TPosePrior.JointCount, n = p / j;
        var flags = valid.ToBoolArray();
        var nodes = new List<long>();
        var edges = new List<long>();
        for (var i = 0; i < flags.Length; i++)
        {
            if (!flags[i])
            {
                continue;
            }

            int joint = i % j, slot = i / j % n, view = i / p % v, sample = i / (p * v);
            nodes.Add(i);
            edges.Add(((sample * v) + view) * n + slot);
            nodes.Add(i);
            edges.Add((s * v * n) + (((sample * n) + slot) * j) + joint);
        }

        return HypergraphIncidence.FromLists(nodes, edges, s * v * p, (s * v * n) + (s * n * j));
    }

    /// <summary>Edge attributes <c>[S·V·n + S·n·15, d]</c> of the view–joint hypergraph, all N slots or the listed <paramref name="slots"/>.</summary>
    public static Tensor ViewJointAttributes(DecoderEmbeddings embeddings, int samples, int views, Tensor? slots = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        int n = slots?.Size(0) ?? embeddings.Slots, d = embeddings.Dim, j = TPosePrior.JointCount;
        var a = embeddings.InstanceAttributesOf(slots).Unsqueeze(0).Expand(samples * views, n, d).Reshape(samples * views * n, d);
        var b = embeddings.JointAttributes.Unsqueeze(0).Expand(samples * n, j, d).Reshape(samples * n * j, d);
        return Tensor.Cat([a, b], 0);
    }

    /// <summary>The person–part hypergraph of <paramref name="slotMask"/> <c>[S, N]</c> (bool).</summary>
    public static HypergraphIncidence PersonPart(Tensor slotMask)
    {
        ArgumentNullException.ThrowIfNull(slotMask);
        int s = slotMask.Size(0), n = slotMask.Size(1), j = TPosePrior.JointCount;
        var flags = slotMask.ToBoolArray();
        var nodes = new List<long>();
        var edges = new List<long>();
        for (var person = 0; person < flags.Length; person++)
        {
            if (!flags[person])
            {
                continue;
            }

            for (var joint = 0; joint < j; joint++)
            {
                long node = (person * j) + joint;
                nodes.Add(node);
                edges.Add(person);
                nodes.Add(node);
                edges.Add((s * n) + (person * BodyParts.Count) + BodyParts.OfJoint[joint]);
            }
        }

        return HypergraphIncidence.FromLists(nodes, edges, s * n * j, (s * n) + (s * n * BodyParts.Count));
    }

    /// <summary>Edge attributes <c>[S·n + S·n·6, d]</c> of the person–part hypergraph, all N slots or the listed <paramref name="slots"/>.</summary>
    public static Tensor PersonPartAttributes(DecoderEmbeddings embeddings, int samples, Tensor? slots = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        int n = slots?.Size(0) ?? embeddings.Slots, d = embeddings.Dim;
        var a = embeddings.InstanceAttributesOf(slots).Unsqueeze(0).Expand(samples, n, d).Reshape(samples * n, d);
        var b = embeddings.PartAttributes.Unsqueeze(0).Expand(samples * n, BodyParts.Count, d).Reshape(samples * n * BodyParts.Count, d);
        return Tensor.Cat([a, b], 0);
    }
}
