using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Learning.Evidence;

/// <summary>
/// The rendered root of a 2D detection, as <see cref="HeatmapRenderer"/> draws it (the mid-hip mapped by joint name, or
/// the mean of the detected hips), and the map from root candidates back to the detections whose rendered root made
/// them, so that a learned assigner can answer in detection indices. Caches one joint mapping per skeleton; not
/// thread-safe.
/// </summary>
public sealed class DetectionRoots
{
    private readonly Dictionary<string, JointMapping> _mappings = new(StringComparer.Ordinal);

    /// <summary>The root of <paramref name="person"/> in original pixels, or null when neither mid-hip nor a hip is detected.</summary>
    public Vec2? RootOf(Person2D person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!_mappings.TryGetValue(person.Skeleton.Name, out var mapping))
        {
            mapping = JointMapping.Create(person.Skeleton, KnownSkeletons.Panoptic15);
            _mappings[person.Skeleton.Name] = mapping;
        }

        var joints = mapping.Map(person.Joints);
        var root = joints[ViewEvidence.RootChannel];
        if (root.IsPresent)
        {
            return new Vec2(root.X, root.Y);
        }

        var target = KnownSkeletons.Panoptic15;
        Keypoint2D l = joints[target["left_hip"]], r = joints[target["right_hip"]];
        return (l.IsPresent, r.IsPresent) switch
        {
            (true, true) => new Vec2((l.X + r.X) / 2, (l.Y + r.Y) / 2),
            (true, false) => new Vec2(l.X, l.Y),
            (false, true) => new Vec2(r.X, r.Y),
            _ => null,
        };
    }

    /// <summary>
    /// Per candidate slot, the detection of <paramref name="detections"/> whose rendered root is the nearest within
    /// <paramref name="radius"/> heatmap pixels (one-to-one, <see cref="GreedyPointMatch"/>), or −1 (empty slot, or a
    /// peak no detection explains).
    /// </summary>
    public int[] Origins(IReadOnlyList<RootCandidate> candidates, IReadOnlyList<Person2D> detections, ViewAffine affine, double radius)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(affine);
        var peaks = candidates.Select(c => c.IsNode ? new Vec2(c.HeatmapX, c.HeatmapY) : (Vec2?)null).ToArray();
        var roots = detections.Select(d => RootOf(d) is { } p ? affine.ImageToHeatmap.Apply(p) : (Vec2?)null).ToArray();
        return GreedyPointMatch.Match(peaks, roots, radius);
    }
}
