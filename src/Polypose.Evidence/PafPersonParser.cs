using Polypose.Core.Poses;

namespace Polypose.Evidence;

/// <summary>
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
/// <para>
/// Reuse: an instance keeps its scratch buffers (and the limb order of the last skeleton/limb layout) across frames, so
/// <see cref="ParseInto"/> allocates nothing but the output <see cref="Person2D"/> objects (one joint array each) once
/// warmed up. An instance is not thread-safe: use one per worker. The static <see cref="Parse"/> and
/// <see cref="ParseViews"/> are thin wrappers over a fresh instance and give identical results.
/// </para>
/// </summary>
public sealed partial class PafPersonParser
{
    private readonly PersonAssembler _assembler = new();

    /// <summary>Creates a reusable parser with the given settings (default <see cref="PafParserOptions.Default"/>).</summary>
    public PafPersonParser(PafParserOptions? options = null)
    {
        Options = options ?? PafParserOptions.Default;
    }

    /// <summary>The settings in use.</summary>
    public PafParserOptions Options { get; }

    /// <summary>Parses one view's evidence into persons (a new list; see <see cref="ParseInto"/> for the reusable form).</summary>
    /// <exception cref="ArgumentException">The candidate lists or affinity matrices do not match the skeleton and limbs.</exception>
    public static IReadOnlyList<Person2D> Parse(PafFrame frame, PafParserOptions? options = null)
    {
        var output = new List<Person2D>();
        new PafPersonParser(options).ParseInto(frame, output);
        return output;
    }

    /// <summary>Parses every view of a frame (view order kept) with one parser instance.</summary>
    public static IReadOnlyList<IReadOnlyList<Person2D>> ParseViews(IReadOnlyList<PafFrame> views, PafParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(views);
        var parser = new PafPersonParser(options);
        var result = new IReadOnlyList<Person2D>[views.Count];
        for (var v = 0; v < views.Count; v++)
        {
            var output = new List<Person2D>();
            parser.ParseInto(views[v], output);
            result[v] = output;
        }

        return result;
    }

    /// <summary>
    /// Parses one view's evidence, replacing the contents of <paramref name="output"/> with the persons (pixels, the
    /// frame's skeleton, by descending score); returns their count. Only the new <see cref="Person2D"/> objects are
    /// allocated (plus buffer growth when a frame is larger than any before); the persons do not alias the parser's state
    /// and stay valid after later calls.
    /// </summary>
    /// <exception cref="ArgumentException">The candidate lists or affinity matrices do not match the skeleton and limbs.</exception>
    public int ParseInto(PafFrame frame, List<Person2D> output)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(output);
        Validate(frame);
        UpdateLimbOrder(frame);
        output.Clear();
        _assembler.Reset(frame, Options);
        _assembler.Run(_tree, _loops);
        return _assembler.CollectInto(output);
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
