using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Learning.Evidence;

/// <summary>
/// The rendered root of a 2D detection, as <see cref="HeatmapRenderer"/> draws it (<see cref="RenderedRoot"/>: the
/// mid-hip mapped by joint name, the mean of the detected hips, or with <see cref="RootFallback.Torso"/> the torso
/// estimate), and the map from root candidates back to the detections whose rendered root made
/// them, so that a learned assigner can answer in detection indices. Caches one joint mapping per skeleton; not
/// thread-safe.
/// </summary>
/// <param name="fallback">The root of detections without hips (the renderer's; default the reference's).</param>
public sealed class DetectionRoots(RootFallback fallback = RootFallback.Hips)
{
    private readonly Dictionary<string, JointMapping> _mappings = new(StringComparer.Ordinal);

    /// <summary>The root rule for detections without hips.</summary>
    public RootFallback Fallback => fallback;

    /// <summary>The root of <paramref name="person"/> in original pixels, or null when the rule gives none (<see cref="RenderedRoot"/>).</summary>
    public Vec2? RootOf(Person2D person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!_mappings.TryGetValue(person.Skeleton.Name, out var mapping))
        {
            mapping = JointMapping.Create(person.Skeleton, KnownSkeletons.Panoptic15);
            _mappings[person.Skeleton.Name] = mapping;
        }

        var root = RenderedRoot.Of(mapping.Map(person.Joints), fallback);
        return root.IsPresent ? new Vec2(root.X, root.Y) : null;
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
