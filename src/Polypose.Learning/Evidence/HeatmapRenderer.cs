using Polypose.Core.Options;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Tensors;

namespace Polypose.Learning.Evidence;

/// <summary>
/// Renders Polypose's 2D inputs into <see cref="ViewEvidence"/> (learning.md 2, "rendered evidence"): one Gaussian per
/// candidate joint, σ = <see cref="Sigma"/> heatmap pixels, peak = the candidate's score, max over candidates (so a
/// multi-modal source stays multi-modal), truncated beyond 3σ. Joints are mapped to Panoptic-15 by name
/// (<see cref="JointMapping"/>). Root channel (mid-hip): <see cref="RenderedRoot"/> with <see cref="RootFallback"/>
/// (the source's mid-hip where it has one; else the mean of the detected hips, one or both, with the lowest of their
/// scores; else, with <see cref="RootFallback.Torso"/>, the torso estimate <see cref="TorsoRoot"/>). Candidate
/// frames (<see cref="PafFrame"/>) cannot pair left and right hips, so a root or neck the source skeleton lacks stays
/// empty there (4D Association's skel19 has both). Thread-safe.
/// </summary>
public sealed class HeatmapRenderer
{
    private readonly double _sigma = 2.0;

    /// <summary>Gaussian σ in heatmap pixels (reference 2).</summary>
    public double Sigma
    {
        get => _sigma;
        init => _sigma = OptionCheck.Positive(value, nameof(Sigma));
    }

    /// <summary>The root of people without hips (default <see cref="RootFallback.Hips"/>, the reference: none).</summary>
    public RootFallback RootFallback
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(RootFallback));
    }

    /// <summary>Renders people detected in one view (any skeleton; pixels of the original image).</summary>
    public ViewEvidence Render(ViewAffine affine, IReadOnlyList<Person2D> people)
    {
        ArgumentNullException.ThrowIfNull(affine);
        ArgumentNullException.ThrowIfNull(people);
        var tensor = Tensor.Zeros(ViewEvidence.JointCount, affine.HeatmapHeight, affine.HeatmapWidth);
        RenderInto(tensor.AsSpan(), affine, people);
        return ViewEvidence.FromHeatmaps(affine, tensor);
    }

    /// <summary>
    /// Renders the people of every view of a frame (<paramref name="views"/>[v] seen through <paramref name="affines"/>[v]).
    /// When all heatmaps have one size, they are drawn into one <c>[views, 15, H, W]</c> tensor and each view's evidence
    /// is a view of it, so that <see cref="EvidenceEncoder.Stack"/> returns that tensor without a copy; the values are
    /// those of <see cref="Render(ViewAffine, IReadOnlyList{Person2D})"/> view by view.
    /// </summary>
    public ViewEvidence[] Render(IReadOnlyList<ViewAffine> affines, IReadOnlyList<IReadOnlyList<Person2D>> views)
    {
        ArgumentNullException.ThrowIfNull(affines);
        ArgumentNullException.ThrowIfNull(views);
        if (affines.Count != views.Count)
        {
            throw new ArgumentException($"{views.Count} views of detections but {affines.Count} affines", nameof(views));
        }

        var result = new ViewEvidence[views.Count];
        if (views.Count == 0 || affines.Any(a => a.HeatmapWidth != affines[0].HeatmapWidth || a.HeatmapHeight != affines[0].HeatmapHeight))
        {
            for (var v = 0; v < views.Count; v++)
            {
                result[v] = Render(affines[v], views[v]);
            }

            return result;
        }

        var batch = Tensor.Zeros(views.Count, ViewEvidence.JointCount, affines[0].HeatmapHeight, affines[0].HeatmapWidth);
        for (var v = 0; v < views.Count; v++)
        {
            ArgumentNullException.ThrowIfNull(views[v]);
            var view = batch.Select(0, v);
            RenderInto(view.AsSpan(), affines[v], views[v]);
            result[v] = ViewEvidence.FromHeatmaps(affines[v], view).InBatch(batch, v);
        }

        return result;
    }

    private void RenderInto(Span<float> maps, ViewAffine affine, IReadOnlyList<Person2D> people)
    {
        var target = KnownSkeletons.Panoptic15;
        var mappings = new Dictionary<string, JointMapping>(StringComparer.Ordinal);
        for (var p = 0; p < people.Count; p++)
        {
            var person = people[p];
            if (!mappings.TryGetValue(person.Skeleton.Name, out var mapping))
            {
                mapping = JointMapping.Create(person.Skeleton, target);
                mappings[person.Skeleton.Name] = mapping;
            }

            var joints = mapping.Map(person.Joints);
            joints[ViewEvidence.RootChannel] = RenderedRoot.Of(joints, RootFallback);

            for (var j = 0; j < joints.Length; j++)
            {
                if (joints[j].IsPresent)
                {
                    Splat(maps, j, affine, joints[j]);
                }
            }
        }
    }

    /// <summary>
    /// Renders bottom-up candidates of one view (4D Association layout): joint heatmaps from every candidate and two PAF
    /// channels per limb of <paramref name="frame"/> (in its limb order): along the segment between candidates a and b of
    /// the limb, within σ of it, the unit vector a→b times the affinity, keeping the largest affinity per pixel.
    /// </summary>
    public ViewEvidence Render(ViewAffine affine, PafFrame frame)
    {
        ArgumentNullException.ThrowIfNull(affine);
        ArgumentNullException.ThrowIfNull(frame);
        int h = affine.HeatmapHeight, w = affine.HeatmapWidth;
        var tensor = Tensor.Zeros(ViewEvidence.JointCount, h, w);
        var maps = tensor.AsSpan();
        var mapping = JointMapping.Create(frame.Skeleton, KnownSkeletons.Panoptic15);
        for (var j = 0; j < ViewEvidence.JointCount; j++)
        {
            var source = mapping.Sources[j];
            if (!source.IsMapped || source.IsSynthesized)
            {
                continue;
            }

            foreach (var c in frame.Candidates[source.First])
            {
                if (c.IsPresent)
                {
                    Splat(maps, j, affine, c);
                }
            }
        }

        var pafs = new float[2 * frame.Limbs.Count * h * w];
        var best = new float[h * w];
        for (var l = 0; l < frame.Limbs.Count; l++)
        {
            Array.Clear(best);
            var (from, to) = frame.Limbs[l];
            var a = frame.Candidates[from];
            var b = frame.Candidates[to];
            var aff = frame.Affinity[l];
            for (var i = 0; i < a.Length; i++)
            {
                for (var k = 0; k < b.Length; k++)
                {
                    var weight = aff[i, k];
                    if (weight > 0 && a[i].IsPresent && b[k].IsPresent)
                    {
                        Segment(pafs, best, l, affine, a[i], b[k], (float)Math.Min(weight, 1.0));
                    }
                }
            }
        }

        return ViewEvidence.FromHeatmaps(
            affine,
            tensor,
            frame.Limbs.Count == 0 ? null : Tensor.FromArray(pafs, 2 * frame.Limbs.Count, h, w));
    }

    // The Gaussian is separable: exp(−(dx² + dy²)/2σ²) = exp(−dx²/2σ²)·exp(−dy²/2σ²), so a (2r + 1)² window needs
    // 2(2r + 1) exponentials, not (2r + 1)² (same values up to the last bit of a double).
    private void Splat(Span<float> maps, int channel, ViewAffine affine, Keypoint2D k)
    {
        int h = affine.HeatmapHeight, w = affine.HeatmapWidth;
        var c = affine.ImageToHeatmap.Apply(new Vec2(k.X, k.Y));
        var radius = 3 * Sigma;
        int x0 = Math.Max(0, (int)Math.Ceiling(c.X - radius)), x1 = Math.Min(w - 1, (int)Math.Floor(c.X + radius));
        int y0 = Math.Max(0, (int)Math.Ceiling(c.Y - radius)), y1 = Math.Min(h - 1, (int)Math.Floor(c.Y + radius));
        if (x1 < x0 || y1 < y0)
        {
            return;
        }

        var inv = 1.0 / (2 * Sigma * Sigma);
        var plane = channel * h * w;
        var nx = x1 - x0 + 1;
        Span<double> ex = nx <= 128 ? stackalloc double[nx] : new double[nx];
        for (var x = x0; x <= x1; x++)
        {
            var dx = x - c.X;
            ex[x - x0] = Math.Exp(-(dx * dx) * inv);
        }

        for (var y = y0; y <= y1; y++)
        {
            var dy = y - c.Y;
            var ey = k.Score * Math.Exp(-(dy * dy) * inv);
            var row = maps.Slice(plane + (y * w) + x0, nx);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = Math.Max(row[i], (float)(ey * ex[i]));
            }
        }
    }

    private void Segment(float[] pafs, float[] best, int limb, ViewAffine affine, Keypoint2D from, Keypoint2D to, float weight)
    {
        int h = affine.HeatmapHeight, w = affine.HeatmapWidth;
        var a = affine.ImageToHeatmap.Apply(new Vec2(from.X, from.Y));
        var b = affine.ImageToHeatmap.Apply(new Vec2(to.X, to.Y));
        var d = b - a;
        var length = d.Length;
        if (length < 1e-9)
        {
            return;
        }

        var u = d * (1.0 / length);
        int x0 = Math.Max(0, (int)Math.Ceiling(Math.Min(a.X, b.X) - Sigma)), x1 = Math.Min(w - 1, (int)Math.Floor(Math.Max(a.X, b.X) + Sigma));
        int y0 = Math.Max(0, (int)Math.Ceiling(Math.Min(a.Y, b.Y) - Sigma)), y1 = Math.Min(h - 1, (int)Math.Floor(Math.Max(a.Y, b.Y) + Sigma));
        int px = 2 * limb * h * w, py = ((2 * limb) + 1) * h * w;
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                double rx = x - a.X, ry = y - a.Y;
                var along = (rx * u.X) + (ry * u.Y);
                var across = Math.Abs((rx * u.Y) - (ry * u.X));
                var cell = (y * w) + x;
                if (along >= 0 && along <= length && across <= Sigma && weight > best[cell])
                {
                    best[cell] = weight;
                    pafs[px + cell] = (float)(weight * u.X);
                    pafs[py + cell] = (float)(weight * u.Y);
                }
            }
        }
    }
}
