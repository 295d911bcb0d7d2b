using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Learning.Assignment;
using Polypose.Learning.Evidence;
using Polypose.Tensors;

namespace Polypose.Learning.Training;

/// <summary>
/// Turns training frames into a <see cref="Stage1Batch"/> (dispose.md 1.2, 2.3, 3.6): per frame and augmentation slot
/// (slot 0 the identity letterbox, the others rotated by up to ±<see cref="Stage1Config.AugmentRotation"/> degrees and,
/// when configured, scaled by up to ±<see cref="Stage1Config.AugmentScale"/> and shifted by up to
/// ±<see cref="Stage1Config.AugmentShift"/> of the image size per view),
/// every view's detections are rendered and root candidates extracted; candidates are matched to the pseudo-label
/// roots projected into the heatmap (greedy nearest, within <see cref="Stage1Config.AlignRadius"/> heatmap px), then
/// jittered (<see cref="CandidateNoise"/>); unmatched candidates stay as distractor nodes unless
/// <see cref="Stage1Config.Distractors"/> removes them; candidate hyperedges are built by
/// <see cref="RootHypergraphBuilder"/>; view dropout removes one view of some people. Every random draw comes from the
/// given generator, in a fixed order. Not thread-safe.
/// </summary>
public sealed class Stage1BatchBuilder
{
    private readonly HeatmapRenderer _renderer;
    private readonly Dictionary<string, JointMapping> _mappings = new(StringComparer.Ordinal);
    private readonly RootHypergraphBuilder _graphs;

    /// <summary>Creates a builder for <paramref name="config"/>.</summary>
    public Stage1BatchBuilder(Stage1Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        _renderer = config.Renderer;
        _graphs = new RootHypergraphBuilder(config.PairwiseBound);
    }

    /// <summary>The configuration.</summary>
    public Stage1Config Config { get; }

    /// <summary>Builds the batch of frames <paramref name="frames"/> of <paramref name="sequence"/>.</summary>
    public Stage1Batch Build(TrainingSequence sequence, IReadOnlyList<int> frames, Generator random)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(random);
        var c = Config;
        var cameras = sequence.Cameras;
        int views = cameras.Count, slots = c.Slots;
        var grid = c.Grid;
        var extractor = c.Extractor;
        var evidence = new List<ViewEvidence>();
        var perSample = new List<IReadOnlyList<RootCandidate[]>>();
        var ids = new List<int>();
        foreach (var f in frames)
        {
            var frame = sequence.Frames[f];
            var labels = sequence.PseudoLabels[f].People;
            var roots = labels.Select(RootOf).ToArray();
            for (var a = 0; a < c.AugmentSlots; a++)
            {
                var rotation = a == 0 ? 0 : ((2 * random.NextDouble()) - 1) * c.AugmentRotation;
                var sample = new RootCandidate[views][];
                for (var v = 0; v < views; v++)
                {
                    var affine = a == 0 ? grid.For(cameras[v].Width, cameras[v].Height, rotation) : Augmented(cameras[v], rotation, random);
                    var ev = _renderer.Render(affine, frame.Views[v]);
                    evidence.Add(ev);
                    var candidates = extractor.Extract(ev);
                    var targets = roots.Select(r => Project(cameras[v], affine, r)).ToArray();
                    var peaks = candidates.Select(k => k.IsNode ? new Vec2(k.HeatmapX, k.HeatmapY) : (Vec2?)null).ToArray();
                    var match = GreedyPointMatch.Match(peaks, targets, c.AlignRadius);
                    for (var n = 0; n < slots; n++)
                    {
                        var k = candidates[n];
                        if (k.IsNode)
                        {
                            candidates[n] = Jitter(k, affine, random);
                            if (match[n] < 0 && c.Distractors == DistractorNodes.Remove)
                            {
                                candidates[n] = default;
                            }
                        }

                        ids.Add(candidates[n].IsNode ? match[n] : -1);
                    }

                    sample[v] = candidates;
                }

                perSample.Add(sample);
            }
        }

        var graph = _graphs.Build(cameras, perSample, slots);
        var person = ids.ToArray();
        var (mask, dropped) = AssignmentTargets.ViewDropout(graph, person, c.ViewDropout, new Random((int)(random.NextUInt64() & 0x7FFFFFFF)));
        (graph, _) = graph.WithNodes(mask);
        var flat = perSample.SelectMany(s => s).SelectMany(r => r).ToArray();
        for (var i = 0; i < flat.Length; i++)
        {
            if (!mask[i])
            {
                flat[i] = default;
            }
        }

        return new Stage1Batch(cameras, evidence, flat, dropped, graph);
    }

    /// <summary>
    /// The affine of view <paramref name="camera"/> in an augmentation slot: the slot's rotation, then (only when
    /// configured, so that Stage I's default batches draw nothing more) a scale factor and a centre shift per view.
    /// </summary>
    private ViewAffine Augmented(Camera camera, double rotation, Generator random)
    {
        var c = Config;
        var factor = c.AugmentScale > 0 ? 1 + (((2 * random.NextDouble()) - 1) * c.AugmentScale) : 1.0;
        var shift = Vec2.Zero;
        if (c.AugmentShift > 0)
        {
            var dx = ((2 * random.NextDouble()) - 1) * c.AugmentShift * camera.Width;
            var dy = ((2 * random.NextDouble()) - 1) * c.AugmentShift * camera.Height;
            shift = new Vec2(dx, dy);
        }

        return c.Grid.For(camera.Width, camera.Height, rotation, factor, shift);
    }

    private RootCandidate Jitter(RootCandidate k, ViewAffine affine, Generator random)
    {
        var w = Config.HeatmapWidth;
        double dx, dy;
        if (Config.CandidateNoise == CandidateNoise.Reference)
        {
            dx = random.NextDouble() * w / 30.0;
            dy = random.NextDouble() * w / 30.0;
        }
        else
        {
            dx = (random.NextDouble() - 0.5) * w / 30.0;
            dy = (random.NextDouble() - 0.5) * w / 30.0;
        }

        var p = new Vec2(k.HeatmapX + dx, k.HeatmapY + dy);
        int x = Math.Clamp((int)Math.Round(p.X), 0, affine.HeatmapWidth - 1), y = Math.Clamp((int)Math.Round(p.Y), 0, affine.HeatmapHeight - 1);
        return new RootCandidate(x, y, k.Score, affine.HeatmapToImage.Apply(p));
    }

    private static Vec2? Project(Camera camera, ViewAffine affine, Vec3? root)
    {
        if (root is not { } r)
        {
            return null;
        }

        var p = camera.Project(r);
        return p.InFront && p.Pixel.X >= 0 && p.Pixel.Y >= 0 && p.Pixel.X < camera.Width && p.Pixel.Y < camera.Height
            ? affine.ImageToHeatmap.Apply(p.Pixel)
            : null;
    }

    /// <summary>The pseudo-label's root (mid-hip, or the mean of the hips), world mm; null when neither is reconstructed.</summary>
    private Vec3? RootOf(Person3D person)
    {
        if (!_mappings.TryGetValue(person.Skeleton.Name, out var mapping))
        {
            mapping = JointMapping.Create(person.Skeleton, KnownSkeletons.Panoptic15);
            _mappings[person.Skeleton.Name] = mapping;
        }

        var (joints, confidence) = mapping.Map(person.Joints, person.Confidence);
        var target = KnownSkeletons.Panoptic15;
        int l = target["left_hip"], r = target["right_hip"];
        return confidence[ViewEvidence.RootChannel] > 0 ? joints[ViewEvidence.RootChannel]
            : confidence[l] > 0 && confidence[r] > 0 ? (joints[l] + joints[r]) * 0.5
            : null;
    }
}
