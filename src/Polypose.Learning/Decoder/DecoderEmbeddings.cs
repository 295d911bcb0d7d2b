using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The learned embeddings of the decoder (dispose.md 4.2), each of width 2d: joint <c>[15, 2d]</c>, instance
/// <c>[N, 2d]</c> and part <c>[6, 2d]</c>, initialised N(0, 1) like <c>nn.Embedding</c>. For slot-joint token (n, j),
/// c = joint[j] + instance[n]; the query is c[:d] and the initial target c[d:]. The second halves of the three tables
/// are the hyperedge attributes of both hypergraphs.
/// </summary>
public sealed class DecoderEmbeddings : Module
{
    /// <summary>Creates the tables for width <paramref name="dim"/> = d and <paramref name="slots"/> = N.</summary>
    public DecoderEmbeddings(int dim, int slots, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentNullException.ThrowIfNull(generator);
        Dim = dim;
        Slots = slots;
        Joint = RegisterParameter("joint", Tensor.Randn(generator, TPosePrior.JointCount, 2 * dim));
        Instance = RegisterParameter("instance", Tensor.Randn(generator, slots, 2 * dim));
        Part = RegisterParameter("part", Tensor.Randn(generator, BodyParts.Count, 2 * dim));
    }

    /// <summary>d.</summary>
    public int Dim { get; }

    /// <summary>N.</summary>
    public int Slots { get; }

    /// <summary>Joint embedding <c>[15, 2d]</c>.</summary>
    public Tensor Joint { get; }

    /// <summary>Instance (slot) embedding <c>[N, 2d]</c>.</summary>
    public Tensor Instance { get; }

    /// <summary>Part embedding <c>[6, 2d]</c>.</summary>
    public Tensor Part { get; }

    /// <summary>
    /// The query and initial target of the n·15 tokens, slot-major: <c>[n·15, d]</c> each, for all N slots or for the
    /// slots listed in <paramref name="slots"/> (int64 <c>[n]</c>).
    /// </summary>
    public (Tensor Query, Tensor Target) QueryAndTarget(Tensor? slots = null)
    {
        var rows = InstanceRows(slots);
        var c = (rows.Unsqueeze(1) + Joint.Unsqueeze(0)).Reshape(rows.Size(0) * TPosePrior.JointCount, 2 * Dim);
        return (c.Narrow(1, 0, Dim), c.Narrow(1, Dim, Dim));
    }

    /// <summary>Instance hyperedge attributes <c>[n, d]</c> of all slots or of the listed <paramref name="slots"/>.</summary>
    public Tensor InstanceAttributesOf(Tensor? slots) => InstanceRows(slots).Narrow(1, Dim, Dim);

    private Tensor InstanceRows(Tensor? slots) => slots is null ? Instance : Instance.IndexSelect(0, slots);

    /// <summary>Joint hyperedge attributes joint[j][d:] <c>[15, d]</c>.</summary>
    public Tensor JointAttributes => Joint.Narrow(1, Dim, Dim);

    /// <summary>Instance hyperedge attributes instance[n][d:] <c>[N, d]</c>.</summary>
    public Tensor InstanceAttributes => Instance.Narrow(1, Dim, Dim);

    /// <summary>Part hyperedge attributes part[k][d:] <c>[6, d]</c>.</summary>
    public Tensor PartAttributes => Part.Narrow(1, Dim, Dim);
}
